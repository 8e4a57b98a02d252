package org.distreboot.workflow;

import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.util.List;
import java.util.stream.Collectors;
import org.distreboot.workflow.values.Phase;

/**
 * The search attributes a run carries, so that runs can be filtered in the Temporal UI and with
 * {@code temporal workflow list --query}: the cluster, the phase and the node whose turn it is.
 * A namespace must have them registered once; a run started without them still runs.
 */
public final class RunSearch {
    public static final SearchAttributeKey<String> CLUSTER = SearchAttributeKey.forKeyword("DistrebootCluster");
    public static final SearchAttributeKey<String> PHASE = SearchAttributeKey.forKeyword("DistrebootPhase");
    public static final SearchAttributeKey<String> NODE = SearchAttributeKey.forKeyword("DistrebootNode");
    public static final List<SearchAttributeKey<String>> KEYS = List.of(CLUSTER, PHASE, NODE);

    private RunSearch() {
    }

    /**
     * What a run starts with: its cluster, RUNNING, and no node yet (empty until the run's first
     * step unsets it). All three, so that a namespace lacking any of them refuses the start, and
     * the run, started without them, never upserts one the namespace does not know.
     */
    public static SearchAttributes atStart(String cluster) {
        return SearchAttributes.newBuilder().set(CLUSTER, cluster).set(PHASE, Phase.RUNNING.name()).set(NODE, "")
                .build();
    }

    /** The one-time registration of {@code keys} in a production namespace, as a command to paste. */
    public static String createCommand(String namespace, List<SearchAttributeKey<String>> keys) {
        return "temporal operator search-attribute create --namespace " + namespace + " "
                + keys.stream().map(key -> "--name " + key.getName() + " --type Keyword")
                .collect(Collectors.joining(" "));
    }
}
