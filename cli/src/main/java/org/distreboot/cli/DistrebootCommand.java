package org.distreboot.cli;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.distreboot.client.CommandFailure;
import org.distreboot.client.Operator;
import org.distreboot.client.Version;
import org.distreboot.client.config.RootOwned;
import org.distreboot.client.config.Settings;
import org.distreboot.client.config.SettingsLoader;
import org.distreboot.db.Names;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options of the manual's synopsis; each action lives in a class of its own. */
@Command(name = "distreboot", mixinStandardHelpOptions = true, versionProvider = DistrebootCommand.Versions.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Reboots every node of a quorum-based cluster one at a time, the master last, "
                + "so that the cluster stays in quorum throughout.",
                "With no option: the daemon's status, every node's heartbeat, and the distributed reboot."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused (a precondition, an unknown node, a reboot already running, "
                + "nothing to cancel, pause, resume or watch)", "2:usage error", "3:Temporal or PostgreSQL unreachable",
                "4:needs root", "5:--watch: the run was cancelled", "6:--watch: the run failed"})
public class DistrebootCommand implements Callable<Integer> {

    /** The manual's actions: at most one per call. */
    static final class Action {
        @Option(names = "--start", description = "Run the daemon in the foreground (it does not fork).")
        boolean start;
        @Option(names = "--stop", description = "Stop this node's daemon and wait until it has exited.")
        boolean stop;
        @Option(names = "--reboot", description = "Start a distributed reboot (refused unless the preconditions hold).")
        boolean reboot;
        @Option(names = "--dry-run", description = "Show the order a reboot started now would use, and what blocks it.")
        boolean dryRun;
        @Option(names = "--cancel", description = "Cancel the distributed reboot in progress.")
        boolean cancel;
        @Option(names = "--pause", description = "Pause the distributed reboot in progress: the node in flight "
                + "finishes, then no node starts until --resume.")
        boolean pause;
        @Option(names = "--resume", description = "Resume a paused distributed reboot.")
        boolean resume;
        @Option(names = "--watch", description = "Follow the distributed reboot until it ends: a table redrawn "
                + "in place on a terminal, else a line per change. Exits 0 when it completed, 5 when cancelled, "
                + "6 when it failed.")
        boolean watch;
        @Option(names = "--history", description = "The cluster's past distributed reboots, newest first: when, "
                + "how each ended, who started, cancelled, paused or dropped, and each node's boot ids and downtime.")
        boolean history;
        @Option(names = "--log", paramLabel = "NODE", description = "What the commands of the distributed reboot "
                + "in progress, or else the last one, printed on NODE (draincmd, rebootcmd, blockcmd, healthcmd), "
                + "and how each ended.")
        String log;
        @Option(names = "--drop", paramLabel = "NODE",
                description = "Eject NODE from the heartbeat list (and from a reboot in progress).")
        String drop;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Action action = new Action();

    @Option(names = "--node", paramLabel = "DIR", description = "Use DIR/distreboot.properties "
            + "(default: /usr/local/etc, else /etc).")
    Path nodeDir;

    @Option(names = "--set-property", paramLabel = "KEY=VALUE", description = "Override a property for this run.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--all", description = "With --reboot or --dry-run: every node, with or without its "
            + "reboot-required sentinel (sentinel, sentinelcmd).")
    boolean all;

    @Option(names = "--json", description = "Machine-readable output for the status, --dry-run, --log and "
            + "--history.")
    boolean json;

    @Option(names = "--verbose", description = "Log what distreboot and its libraries do, for debugging.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final ApplicationContext context;
    private final SettingsLoader settingsLoader;
    private final Actions actions;

    /** The actions, each made by the context with what it uses, and only the one a call runs. */
    @Singleton
    record Actions(Provider<StartAction> start, Provider<StatusAction> status, Provider<DryRunAction> dryRun,
                   Provider<RebootAction> reboot, Provider<CancelAction> cancel, Provider<PauseAction> pause,
                   Provider<DropAction> drop, Provider<StopAction> stop, Provider<WatchAction> watch,
                   Provider<LogAction> log, Provider<HistoryAction> history) {
    }

    @Inject
    DistrebootCommand(ApplicationContext context, SettingsLoader settingsLoader, Actions actions) {
        this.context = context;
        this.settingsLoader = settingsLoader;
        this.actions = actions;
    }

    @Override
    public Integer call() throws Exception {
        if (verbose) {
            Logging.verbose();
        }
        if (json && (action.start || action.stop || action.reboot || action.cancel || action.pause || action.resume
                || action.watch || action.drop != null)) {
            throw CommandFailure.usage("--json goes with the status (no option), --dry-run, --log or --history only");
        }
        if (all && !action.reboot && !action.dryRun) {
            throw CommandFailure.usage("--all goes with --reboot or --dry-run only");
        }
        if (action.log != null) {
            try {
                Names.require("--log: node", action.log);
            } catch (IllegalArgumentException e) {
                throw CommandFailure.usage(e.getMessage());
            }
        }
        if (action.drop != null) {
            try {
                Names.require("--drop: node", action.drop);
            } catch (IllegalArgumentException e) {
                throw CommandFailure.usage(e.getMessage());
            }
        }
        Settings settings = settingsLoader.load(context, Optional.ofNullable(nodeDir), overrides);
        if (settings.host().requireRoot() && !Operator.isRoot()) {
            throw CommandFailure.needsRoot("distreboot needs root (set require-root=false in "
                    + (settings.source() == null ? "distreboot.properties" : settings.source()) + " only for trials)");
        }
        new RootOwned(0).check(settings);
        PrintWriter out = spec.commandLine().getOut();
        Logging.identify(settings.cluster(), settings.node());
        if (action.start) {
            return actions.start().get().run();
        }
        if (action.stop) {
            return actions.stop().get().run(settings, out);
        }
        if (action.reboot) {
            return actions.reboot().get().run(settings, all, out, spec.commandLine().getErr());
        }
        if (action.dryRun) {
            return actions.dryRun().get().run(settings, all, json, out);
        }
        if (action.cancel) {
            return actions.cancel().get().run(settings, out);
        }
        if (action.pause || action.resume) {
            return actions.pause().get().run(settings, action.pause, out);
        }
        if (action.drop != null) {
            return actions.drop().get().run(settings, action.drop, out);
        }
        if (action.history) {
            return actions.history().get().run(settings, json, out);
        }
        if (action.log != null) {
            return actions.log().get().run(settings, action.log, json, out);
        }
        if (action.watch) {
            return actions.watch().get().run(settings, System.console() != null, out);
        }
        return actions.status().get().run(settings, settingsLoader.notRead(settings), json, out,
                spec.commandLine().getErr());
    }

    /** --version */
    static final class Versions implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"distreboot " + Version.current()};
        }
    }
}
