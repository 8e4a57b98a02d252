package org.distreboot.devkit.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.distreboot.devkit.campaign.Fault.Cancel;
import org.distreboot.devkit.campaign.Fault.ClockOff;
import org.distreboot.devkit.campaign.Fault.DropDownNode;
import org.distreboot.devkit.campaign.Fault.KillDaemon;
import org.distreboot.devkit.campaign.Fault.KillTemporal;
import org.distreboot.devkit.campaign.Fault.KilledStart;
import org.distreboot.devkit.campaign.Fault.RestartPostgres;
import org.distreboot.devkit.campaign.Fault.StopDaemon;

/**
 * The faults of one run, drawn from its seed alone: the same seed gives the same faults at the
 * same moments, so a failing seed is replayed by running it again. One to three faults; at most
 * one cancel, one drop, one killed start and one clock off.
 */
record FaultPlan(long seed, List<String> order, List<Fault> faults) {

    static FaultPlan draw(long seed, List<String> order) {
        Random random = new Random(seed);
        List<Fault> faults = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int attempt = 0; faults.size() < count && attempt < 50; attempt++) {
            Fault fault = switch (random.nextInt(9)) {
                case 0, 1 -> new KillDaemon(order.get(random.nextInt(order.size())), moment(random, order));
                case 2 -> new StopDaemon(order.get(random.nextInt(order.size())), moment(random, order));
                case 3 -> new RestartPostgres(random.nextBoolean(), 500 + random.nextInt(3000), moment(random, order));
                case 4 -> new KillTemporal(1000 + random.nextInt(6000), moment(random, order));
                case 5 -> new KilledStart(100 + random.nextInt(1500));
                case 6 -> new Cancel(moment(random, order));
                // Neither the first node (nothing to compare with) nor the last, the master.
                case 7 -> new DropDownNode(1 + random.nextInt(order.size() - 2));
                default -> new ClockOff(order.get(random.nextInt(order.size())), random.nextBoolean() ? 5 : -7);
            };
            if (faults.stream().noneMatch(f -> f.getClass() == fault.getClass() && !(f instanceof KillDaemon
                    || f instanceof StopDaemon || f instanceof RestartPostgres || f instanceof KillTemporal))) {
                faults.add(fault);
            }
        }
        return new FaultPlan(seed, order, List.copyOf(faults));
    }

    private static Moment moment(Random random, List<String> order) {
        return new Moment(random.nextInt(order.size()), Moment.Phase.values()[random.nextInt(Moment.Phase.values().length)],
                random.nextInt(4) == 0 ? random.nextInt(800) : 0);
    }

    <F extends Fault> List<F> all(Class<F> kind) {
        return faults.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    String describe() {
        return faults.stream().map(f -> f.describe(order)).collect(Collectors.joining("; ", "[", "]"));
    }
}
