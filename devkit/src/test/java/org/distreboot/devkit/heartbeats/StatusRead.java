package org.distreboot.devkit.heartbeats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.distreboot.db.ClusterHeartbeats;
import org.distreboot.db.HeartbeatStore;

/** What `distreboot` (status) reads of the cluster: every node's row, timed over 20 reads after 3 unmeasured ones. */
record StatusRead(int rows, List<Long> nanos) {
    static StatusRead of(HeartbeatStore store, int nodes) {
        List<Long> nanos = new ArrayList<>();
        int rows = 0;
        for (int read = 0; read < 23; read++) {
            long start = System.nanoTime();
            ClusterHeartbeats cluster = store.list(Fleet.CLUSTER);
            if (read >= 3) {
                nanos.add(System.nanoTime() - start);
            }
            rows = cluster.nodes().size();
        }
        if (rows != nodes) {
            throw new IllegalStateException("read " + rows + " rows of " + nodes + " nodes");
        }
        return new StatusRead(rows, HeartbeatBenchmark.sorted(nanos));
    }

    String line() {
        return String.format(Locale.ROOT, "status_rows=%d reads=%d read_median_ms=%s read_p99_ms=%s", rows,
                nanos.size(), HeartbeatBenchmark.millis(HeartbeatBenchmark.quantile(nanos, 0.5)),
                HeartbeatBenchmark.millis(nanos.get(nanos.size() - 1)));
    }
}
