package org.distreboot.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.distreboot.workflow.values.RebootWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
    @TempDir
    Path dir;

    private Settings load(String properties, String... overrides) throws IOException {
        Files.writeString(dir.resolve("distreboot.properties"), properties);
        return new SettingsLoader().load(Optional.of(dir), List.of(overrides));
    }

    @Test
    void givenMinimalFile_theManualsDefaultsApply() throws IOException {
        Settings settings = load("node=alpha\n");

        assertThat(settings.cluster()).isEqualTo("default");
        assertThat(settings.node()).isEqualTo("alpha");
        assertThat(settings.temporal().target()).isEqualTo("127.0.0.1:7233");
        assertThat(settings.temporal().namespace()).isEqualTo("default");
        assertThat(settings.commands().rebootcmd()).isEqualTo("reboot");
        assertThat(settings.commands().draincmd()).isEmpty();
        assertThat(settings.host().bootidfile()).isEqualTo(Path.of("/proc/sys/kernel/random/boot_id"));
        assertThat(settings.heartbeat().interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.heartbeat().ttl()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.heartbeat().purge()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.reboot().timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.host().rundir()).isEqualTo(Path.of("/run/distreboot"));
        assertThat(settings.host().requireRoot()).isTrue();
        assertThat(settings.reboot().parallel()).isEqualTo(1);
        assertThat(settings.host().topology()).isEmpty();
        assertThat(settings.host().topologycmd()).isEmpty();
        assertThat(settings.source()).isEqualTo(dir.resolve("distreboot.properties"));
    }

    @Test
    void givenACommandWithDollarsAndBraces_itIsReadAsWritten_neverAsAPlaceholder() throws IOException {
        Settings settings = load("node=alpha\nrebootcmd=echo ${HOME} ${distreboot.node} $(id -u) && reboot\n");

        assertThat(settings.commands().rebootcmd()).isEqualTo("echo ${HOME} ${distreboot.node} $(id -u) && reboot");
    }

    @Test
    void givenTheContextTheyAreLoadedIn_eachConcernIsABeanOfIt_andTheSettingsGatherThem() throws IOException {
        Files.writeString(dir.resolve("distreboot.properties"), "node=alpha\nheartbeat.interval=2s\nreboot.parallel=2\n"
                + "metrics.listen=127.0.0.1:9464\n");
        try (ApplicationContext context = SettingsLoader.contextBuilder().start()) {
            Settings settings = new SettingsLoader().load(context, Optional.of(dir), List.of("cluster=east"));

            assertThat(context.getBean(Settings.class)).isSameAs(settings);
            assertThat(context.getBean(HostProperties.class).cluster()).isEqualTo("east");
            assertThat(context.getBean(HeartbeatProperties.class).interval()).isEqualTo(Duration.ofSeconds(2));
            assertThat(context.getBean(RebootProperties.class).parallel()).isEqualTo(2);
            assertThat(context.getBean(MetricsProperties.class).listen())
                    .contains(InetSocketAddress.createUnresolved("127.0.0.1", 9464));
            assertThat(settings.heartbeat()).isEqualTo(context.getBean(HeartbeatProperties.class));
        }
    }

    @Test
    void givenSetProperty_itOverridesTheFileForThisRun() throws IOException {
        Settings settings = load("node=alpha\nrebootcmd=reboot\n", "rebootcmd=systemctl kexec", "reboot.timeout=45m");

        assertThat(settings.commands().rebootcmd()).isEqualTo("systemctl kexec");
        assertThat(settings.reboot().timeout()).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void givenPasswordFile_thePasswordIsReadFromIt() throws IOException {
        Files.writeString(dir.resolve("secret"), "s3cret\n");

        assertThat(load("db.passwordfile=" + dir.resolve("secret") + "\n").db().password()).contains("s3cret");
    }

    @Test
    void givenMistakes_eachIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> load("rebootcmnd=reboot\n")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown key 'rebootcmnd' in " + dir.resolve("distreboot.properties"));
        assertThatThrownBy(() -> load("heartbeat.ttl=soon\n")).hasMessageContaining(
                "bad value for heartbeat.ttl: 'soon' is not a duration");
        assertThatThrownBy(() -> load("heartbeat.interval=0s\n")).hasMessageContaining(
                "heartbeat.interval: must be positive");
        assertThatThrownBy(() -> load("heartbeat.interval=30s\nheartbeat.ttl=20s\n")).hasMessageContaining(
                "heartbeat.ttl (20s) must be longer than heartbeat.interval (30s)");
        assertThatThrownBy(() -> load("require-root=maybe\n")).hasMessageContaining(
                "require-root: 'maybe' is not true or false");
        assertThatThrownBy(() -> load("node=a b\n")).hasMessageContaining("node name 'a b' may hold only");
        assertThatThrownBy(() -> load("db.url=postgres://x\n")).hasMessageContaining("db.url");
        assertThatThrownBy(() -> load("db.password=a\ndb.passwordfile=/x\n")).hasMessageContaining("keep one");
        assertThatThrownBy(() -> load("reboot.parallel=0\n")).hasMessageContaining(
                "bad value for reboot.parallel: '0' is not a whole number of at least 1");
        assertThatThrownBy(() -> load("reboot.parallel=two\n")).hasMessageContaining("'two' is not a whole number");
        assertThatThrownBy(() -> load("topology=rack 1\n")).hasMessageContaining(
                "bad value for topology name 'rack 1' may hold only");
        assertThatThrownBy(() -> load("topology=r1\ntopologycmd=echo r1\n")).hasMessageContaining(
                "topology and topologycmd are both set in").hasMessageEndingWith("; keep one");
        assertThatThrownBy(() -> load("", "nokey")).hasMessage("--set-property needs KEY=VALUE, not 'nokey'");
        assertThatThrownBy(() -> load("", "colour=blue")).hasMessage("unknown key 'colour' in --set-property");
    }

    @Test
    void givenNodesServedOverSsh_eachHasItsAddress_andTheTargetMakesItsDestination() throws IOException {
        Settings settings = load("node=control\nssh.nodes=db-1, db-2=10.0.0.12,db-3=[fd00::3]\nssh.target=admin@{}\n");

        assertThat(settings.ssh().served()).extracting(SshProperties.SshNode::name).containsExactly("db-1", "db-2", "db-3");
        assertThat(settings.ssh().served()).extracting(settings.ssh()::destination)
                .containsExactly("admin@db-1", "admin@10.0.0.12", "admin@[fd00::3]");
        assertThat(settings.ssh().knownhosts()).isEqualTo(Path.of("/etc/distreboot/ssh_known_hosts"));
        assertThat(settings.ssh().key()).isEqualTo(Path.of("/etc/distreboot/ssh_key"));
        assertThat(settings.ssh().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(load("node=alone\n").ssh().served()).isEmpty();
    }

    @Test
    void givenSshMistakes_eachIsOneLineNamingTheKey() {
        assertThatThrownBy(() -> load("ssh.nodes=db-1,db-1\n")).hasMessageContaining(
                "bad value for ssh.nodes: db-1 is named twice");
        assertThatThrownBy(() -> load("ssh.nodes=db 1\n")).hasMessageContaining("bad value for ssh.nodes: node name 'db 1'")
                .hasMessageContaining("(each entry NAME or NAME=ADDRESS)");
        assertThatThrownBy(() -> load("ssh.nodes=db-1=a;reboot\n")).hasMessageContaining(
                "bad value for ssh.nodes: 'a;reboot' is not an address for db-1");
        assertThatThrownBy(() -> load("ssh.target=root@db\n")).hasMessageContaining(
                "bad value for ssh.target: 'root@db' has no {} for the node's address");
        assertThatThrownBy(() -> load("ssh.key=ssh_key\n")).hasMessageContaining(
                "bad value for ssh.key: 'ssh_key' is not an absolute path");
    }

    @Test
    void givenAGraceAndASettle_theyAreRead_noneByDefault_andABadOneIsOneLine() throws IOException {
        Settings none = load("");
        Settings set = load("reboot.grace=2m\nreboot.settle=0\n");

        assertThat(none.reboot().grace()).isZero();
        assertThat(none.reboot().settle()).isZero();
        assertThat(set.reboot().grace()).isEqualTo(Duration.ofMinutes(2));
        assertThat(set.reboot().settle()).isZero();
        assertThat(load("reboot.settle=90s\n").reboot().settle()).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> load("reboot.grace=soon\n")).hasMessageContaining(
                "bad value for reboot.grace: 'soon' is not a duration (examples: 0, 30s, 5m, 1h)");
        assertThatThrownBy(() -> load("reboot.settle=PT-5S\n")).hasMessageContaining(
                "reboot.settle: must not be negative");
    }

    @Test
    void givenAWindow_itIsRead_withItsDefaults_andAHalfOrBadOneIsOneLine() throws IOException {
        Settings nights = load("window.days=mon-fri\nwindow.start=22:00\nwindow.end=05:00\nwindow.tz=Europe/Paris\n");

        assertThat(load("").window().rebootWindow()).isEmpty();
        assertThat(nights.window().rebootWindow()).contains(new RebootWindow("mon-fri", "22:00", "05:00", "Europe/Paris"));
        assertThat(load("window.start=01:00\nwindow.end=04:00\n").window().rebootWindow())
                .contains(new RebootWindow("mon-sun", "01:00", "04:00", "UTC"));
        assertThatThrownBy(() -> load("window.start=01:00\n")).hasMessageStartingWith(
                "window.start and window.end go together: window.end is not set in ");
        assertThatThrownBy(() -> load("window.start=1am\nwindow.end=04:00\n")).hasMessageStartingWith(
                "bad value for window.start: '1am' is not a time of day (HH:mm, as 22:00) in ");
        assertThatThrownBy(() -> load("window.start=01:00\nwindow.end=04:00\nwindow.days=weekends\n"))
                .hasMessageStartingWith("bad value for window.days: 'weekends' is not a list of days");
    }

    @Test
    void givenATopologyAndABudget_theyAreRead() throws IOException {
        Settings settings = load("node=alpha\ntopology=rack-1\nreboot.parallel=3\n");

        assertThat(settings.host().topology()).contains("rack-1");
        assertThat(settings.reboot().parallel()).isEqualTo(3);
        assertThat(load("topologycmd=cat /etc/zone\n").host().topologycmd()).contains("cat /etc/zone");
    }

    @Test
    void givenASentinelAndAFailureBudget_theyAreRead_withTheirDefaults_andABadOneIsOneLine() throws IOException {
        Settings defaults = load("");
        Settings set = load("sentinelcmd=test -f /run/needs-reboot\nreboot.max-failed=2\n");

        assertThat(defaults.commands().sentinel()).isEqualTo(Path.of("/var/run/reboot-required"));
        assertThat(defaults.commands().sentinelcmd()).isEmpty();
        assertThat(defaults.reboot().maxFailed()).isZero();
        assertThat(set.commands().sentinelcmd()).contains("test -f /run/needs-reboot");
        assertThat(set.reboot().maxFailed()).isEqualTo(2);
        assertThat(load("sentinel=/run/reboot-please\n").commands().sentinel()).isEqualTo(Path.of("/run/reboot-please"));
        assertThatThrownBy(() -> load("sentinel=reboot-required\n")).hasMessageContaining(
                "bad value for sentinel: 'reboot-required' is not an absolute path (as /var/run/reboot-required)");
        assertThatThrownBy(() -> load("sentinel=/x\nsentinelcmd=true\n")).hasMessageContaining(
                "sentinel and sentinelcmd are both set in").hasMessageEndingWith("; keep one");
        assertThatThrownBy(() -> load("reboot.max-failed=-1\n")).hasMessageContaining(
                "bad value for reboot.max-failed: '-1' is not a whole number of at least 0");
    }

    @Test
    void givenANotifyUrl_itIsRead_andABadOneIsOneLineThatDoesNotRepeatIt() throws IOException {
        assertThat(load("").notifications().url()).isEmpty();
        assertThat(load("notify.url=https://hooks.example.org/services/T0/B0/s3cret\n").notifications().url())
                .contains(URI.create("https://hooks.example.org/services/T0/B0/s3cret"));
        for (String bad : List.of("hooks.example.org/s3cret", "ftp://hooks.example.org/s3cret", "https:///s3cret")) {
            assertThatThrownBy(() -> load("notify.url=" + bad + "\n"))
                    .hasMessageContaining("bad value for notify.url: not an http:// or https:// address with a host in")
                    .message().doesNotContain("s3cret");
        }
    }

    @Test
    void givenMetricsListen_itIsAnAddressAndAPort_neverAPortAlone() throws IOException {
        assertThat(load("").metrics().listen()).isEmpty();
        assertThat(load("metrics.listen=127.0.0.1:9464\n").metrics().listen())
                .contains(InetSocketAddress.createUnresolved("127.0.0.1", 9464));
        assertThat(load("metrics.listen=[::]:9464\n").metrics().listen())
                .contains(InetSocketAddress.createUnresolved("::", 9464));
        assertThat(load("metrics.listen=node-a.example.org:9100\n").metrics().listen())
                .contains(InetSocketAddress.createUnresolved("node-a.example.org", 9100));
        for (String bad : List.of("9464", ":9464", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:70000", "::1:9464",
                "http://127.0.0.1:9464")) {
            assertThatThrownBy(() -> load("metrics.listen=" + bad + "\n")).as(bad)
                    .hasMessageContaining("bad value for metrics.listen: '" + bad
                            + "' is not an address and a port to listen on, as 127.0.0.1:9464 or [::]:9464 in");
        }
    }

    @Test
    void givenNodeDirectoryWithoutProperties_orNoDirectory_itSaysSo() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThatThrownBy(() -> new SettingsLoader().load(Optional.of(empty), List.of()))
                .hasMessage("no distreboot.properties in --node directory " + empty);
        assertThatThrownBy(() -> new SettingsLoader().load(Optional.of(dir.resolve("nope")), List.of()))
                .hasMessage("--node=" + dir.resolve("nope") + ": no such directory");
    }
}
