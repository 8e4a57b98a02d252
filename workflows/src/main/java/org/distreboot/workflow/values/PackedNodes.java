package org.distreboot.workflow.values;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Every node of a run in a form that grows only with the plan's names, compressed: the names in
 * the status's order and one digit per node for its state (the {@link NodeState} ordinal), each
 * deflated (a fleet's names share most of their letters, and its states are long runs of the same
 * digit), and each node's quorum group the same way. What a pending or done node's turn recorded
 * (boot ids, times) is left out: it stays in the history of the run that did it. The nodes whose
 * detail still matters (in flight, dropped) go beside it in full; see {@link #detailed}.
 *
 * @param names  the nodes' names in order, one a line, deflated, base64
 * @param states one digit a node, in the same order, deflated, base64
 * @param groups each node's quorum group, one a line in the same order, deflated, base64; null when
 *               the cluster is one group
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PackedNodes(String names, String states, String groups) {

    public static PackedNodes of(List<NodeStatus> nodes) {
        StringBuilder names = new StringBuilder();
        StringBuilder states = new StringBuilder(nodes.size());
        StringBuilder groups = new StringBuilder();
        boolean grouped = false;
        for (NodeStatus node : nodes) {
            if (states.length() > 0) {
                names.append('\n');
                groups.append('\n');
            }
            names.append(node.node());
            states.append((char) ('0' + node.state().ordinal()));
            groups.append(node.group() == null ? "" : node.group());
            grouped |= node.group() != null;
        }
        return new PackedNodes(deflate(names.toString()), deflate(states.toString()),
                grouped ? deflate(groups.toString()) : null);
    }

    /**
     * Whether a node goes beside the packed form in full: one whose turn is under way or was cut short,
     * or that has a note (a sentinel there again). A skipped node has nothing but its state.
     */
    public static boolean detailed(NodeStatus node) {
        return node.note() != null || (node.state() != NodeState.PENDING && node.state() != NodeState.DONE
                && node.state() != NodeState.SKIPPED);
    }

    /** The nodes of {@code nodes} that go beside the packed form in full, in order. */
    public static List<NodeStatus> details(List<NodeStatus> nodes) {
        List<NodeStatus> details = new ArrayList<>();
        for (NodeStatus node : nodes) {
            if (detailed(node)) {
                details.add(node);
            }
        }
        return details;
    }

    /** The names, in order. */
    public List<String> order() {
        String all = inflate(names);
        return all.isEmpty() ? List.of() : List.of(all.split("\n"));
    }

    /** The nodes again: those in {@code details} as they are, the others with their state and group only. */
    public List<NodeStatus> with(List<NodeStatus> details) {
        Map<String, NodeStatus> detailed = new HashMap<>();
        details.forEach(node -> detailed.put(node.node(), node));
        List<String> order = order();
        String digits = inflate(states);
        if (digits.length() != order.size()) {
            throw new IllegalArgumentException(order.size() + " nodes but " + digits.length() + " states");
        }
        List<String> groupOf = groups == null ? null : List.of(inflate(groups).split("\n", -1));
        List<NodeStatus> nodes = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            NodeState state = NodeState.values()[digits.charAt(i) - '0'];
            String name = order.get(i);
            String group = groupOf == null || groupOf.get(i).isEmpty() ? null : groupOf.get(i);
            nodes.add(detailed.getOrDefault(name, new NodeStatus(name, state, null, null, null, null, null, group)));
        }
        return nodes;
    }

    private static String deflate(String text) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static String inflate(String encoded) {
        Inflater inflater = new Inflater();
        inflater.setInput(Base64.getDecoder().decode(encoded));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            while (!inflater.finished()) {
                int inflated = inflater.inflate(buffer);
                if (inflated == 0 && inflater.needsInput()) {
                    throw new IOException("the packed nodes end too soon");
                }
                out.write(buffer, 0, inflated);
            }
        } catch (DataFormatException | IOException e) {
            throw new UncheckedIOException(new IOException("the packed nodes are damaged: " + e.getMessage(), e));
        } finally {
            inflater.end();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
