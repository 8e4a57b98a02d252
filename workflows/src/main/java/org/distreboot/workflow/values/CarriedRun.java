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
 * A run's state as a continue-as-new carries it, in a form that grows only with the plan's names,
 * compressed: the status without its nodes; the names in reboot order and one digit per node for
 * its state (the {@link NodeState} ordinal), each deflated (a fleet's names share most of their
 * letters, and its states are long runs of the same digit); and in full only the nodes whose
 * detail the run still needs (in flight or dropped). What a done node's turn recorded (boot ids,
 * times) stays in the history of the run that did it.
 *
 * @param plan   the key of the run's plan in PostgreSQL
 * @param names  the nodes' names in reboot order, one a line, deflated, base64
 * @param states one digit a node, in the same order, deflated, base64
 * @param groups each node's quorum group, one a line in the same order, deflated, base64; null when
 *               the cluster is one group
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CarriedRun(String plan, RebootStatus head, String names, String states, List<NodeStatus> details,
                         String groups) {

    public CarriedRun {
        details = List.copyOf(details);
    }

    public static CarriedRun of(String plan, RebootStatus status) {
        StringBuilder states = new StringBuilder(status.nodes().size());
        List<NodeStatus> details = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        boolean grouped = false;
        for (NodeStatus node : status.nodes()) {
            states.append((char) ('0' + node.state().ordinal()));
            groups.add(node.group() == null ? "" : node.group());
            grouped |= node.group() != null;
            if (node.state() != NodeState.PENDING && node.state() != NodeState.DONE) {
                details.add(node);
            }
        }
        return new CarriedRun(plan, status.withNodes(List.of()), deflate(String.join("\n", status.order())),
                deflate(states.toString()), details, grouped ? deflate(String.join("\n", groups)) : null);
    }

    /** The names, in reboot order. */
    public List<String> order() {
        String all = inflate(names);
        return all.isEmpty() ? List.of() : List.of(all.split("\n"));
    }

    /** The status again, done nodes without their detail. */
    public RebootStatus status() {
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
        return head.withNodes(nodes);
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
                    throw new IOException("the carried state ends too soon");
                }
                out.write(buffer, 0, inflated);
            }
        } catch (DataFormatException | IOException e) {
            throw new UncheckedIOException(new IOException("the carried state is damaged: " + e.getMessage(), e));
        } finally {
            inflater.end();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
