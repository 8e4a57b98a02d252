package org.distreboot.client.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With require-root, the files that say what runs as root, and the password file, are refused
 * unless root's alone. The test's own user stands for root, so that it runs as any user.
 */
class RootOwnedTest {
    private static final int ME = (int) new UnixSystem().getUid();

    @TempDir
    Path dir;
    private Path etc;
    private final RootOwned rootOwned = new RootOwned(ME);

    @BeforeEach
    void aPrivateConfigurationDirectory() throws IOException {
        etc = Files.createDirectory(dir.resolve("etc"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    private Settings settings(String properties, String mode) throws IOException {
        Path file = etc.resolve(SettingsLoader.FILE_NAME);
        Files.writeString(file, properties);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return new SettingsLoader().load(Optional.of(etc), List.of());
    }

    private Path file(String name, String mode) throws IOException {
        Path file = etc.resolve(name);
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void aFileOnlyItsOwnerMayWrite_passes() throws IOException {
        Path script = file("reboot.sh", "rwxr-xr-x");
        Path password = file("password", "rw-r-----");
        Settings settings = settings("node=a\nrebootcmd=setsid sh " + script + " > /dev/null 2>&1 &\n"
                + "db.passwordfile=" + password + "\n", "rw-r--r--");

        assertThatCode(() -> rootOwned.check(settings)).doesNotThrowAnyException();
    }

    @Test
    void aPropertiesFileWritableByGroupOrOthers_isRefused() throws IOException {
        assertThatThrownBy(() -> rootOwned.check(settings("node=a\n", "rw-rw-r--")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("refusing " + etc.resolve(SettingsLoader.FILE_NAME) + " (the configuration (its commands run as root)): "
                        + etc.resolve(SettingsLoader.FILE_NAME) + " is writable by group (mode 664): chmod go-w "
                        + etc.resolve(SettingsLoader.FILE_NAME) + " (or set require-root=false only for trials)");
        assertThatThrownBy(() -> rootOwned.check(settings("node=a\n", "rw-r--rw-")))
                .hasMessageContaining("is writable by others (mode 646)");
    }

    @Test
    void aPropertiesFileOfAnotherUser_isRefused() throws IOException {
        Settings settings = settings("node=a\n", "rw-r--r--");
        if (ME == 0) {
            Files.setAttribute(settings.source(), "unix:uid", 65534);
            assertThatThrownBy(() -> new RootOwned(0).check(settings))
                    .hasMessageContaining("is owned by uid 65534, not root: chown root: " + settings.source());
        } else {
            assertThatThrownBy(() -> new RootOwned(ME + 1).check(settings))
                    .hasMessageContaining("is owned by uid " + ME + ", not root: chown root: " + settings.source());
        }
    }

    @Test
    void aPasswordFileOthersMayReadOrGroupMayWrite_isRefused() throws IOException {
        Path readable = file("readable", "rw-r--r--");
        Path writable = file("writable", "rw-rw----");

        assertThatThrownBy(() -> rootOwned.check(settings("node=a\ndb.passwordfile=" + readable + "\n", "rw-------")))
                .hasMessageContaining("(db.passwordfile): " + readable + " is readable by others (mode 644): chmod o-r");
        assertThatThrownBy(() -> rootOwned.check(settings("node=a\ndb.passwordfile=" + writable + "\n", "rw-------")))
                .hasMessageContaining("(db.passwordfile): " + writable + " is writable by group (mode 660)");
    }

    @Test
    void aProgramOrScriptACommandNamesThatOthersMayWrite_isRefused() throws IOException {
        Path program = file("drain", "rwxrwxrwx");
        Path script = file("health.sh", "rwxrw-r-x");

        assertThatThrownBy(() -> rootOwned.check(settings("node=a\ndraincmd=" + program + " --now\n", "rw-------")))
                .hasMessageContaining("refusing " + program + " (a file a command runs as root names): " + program
                        + " is writable by group and others (mode 777)");
        assertThatThrownBy(() -> rootOwned.check(settings("node=a\nhealthcmd=test -f /etc/hostname && sh '" + script + "'\n",
                "rw-------")))
                .hasMessageContaining("refusing " + script + " (a file a command runs as root names)");
    }

    @Test
    void aProgramThatBlockcmdSentinelcmdOrTopologycmdNames_isCheckedToo() throws IOException {
        Path program = file("check", "rwxrwxrwx");

        for (String key : List.of("blockcmd", "sentinelcmd", "topologycmd")) {
            assertThatThrownBy(() -> rootOwned.check(settings("node=a\n" + key + "=" + program + "\n", "rw-------")))
                    .as(key).hasMessageContaining("refusing " + program + " (a file a command runs as root names)");
        }
    }

    @Test
    void anSshKeyAnyoneButRootMayRead_orAKnownHostsFileOthersMayWrite_isRefused() throws IOException {
        Path key = file("ssh_key", "rw-r-----");
        Path knownHosts = file("ssh_known_hosts", "rw-r--r--");
        String ssh = "node=control\nssh.nodes=node-a\nssh.key=" + key + "\nssh.knownhosts=" + knownHosts + "\n";

        assertThatThrownBy(() -> rootOwned.check(settings(ssh, "rw-------")))
                .hasMessageContaining("refusing " + key + " (ssh.key): " + key + " is readable by its group (mode 640): "
                        + "chmod go-r " + key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertThatCode(() -> rootOwned.check(settings(ssh, "rw-------"))).doesNotThrowAnyException();
        Files.setPosixFilePermissions(knownHosts, PosixFilePermissions.fromString("rw-rw-r--"));
        assertThatThrownBy(() -> rootOwned.check(settings(ssh, "rw-------")))
                .hasMessageContaining("refusing " + knownHosts + " (ssh.knownhosts): " + knownHosts + " is writable by group");
    }

    @Test
    void withoutNodesServedOverSsh_theKeyIsNotLookedAt() throws IOException {
        Path key = file("ssh_key", "rw-r--r--");

        assertThatCode(() -> rootOwned.check(settings("node=a\nssh.key=" + key + "\n", "rw-------")))
                .doesNotThrowAnyException();
    }

    @Test
    void aDirectoryAboveThatOthersMayWrite_isRefused_unlessSticky() throws IOException {
        Settings settings = settings("node=a\n", "rw-r--r--");
        Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> rootOwned.check(settings))
                .hasMessageContaining(": its directory " + etc + " is writable by group and others (mode 777)");

        Files.setAttribute(etc, "unix:mode", 01777);
        assertThatCode(() -> rootOwned.check(settings)).doesNotThrowAnyException();
    }

    @Test
    void aLinkIsJudgedByTheFileItLeadsTo() throws IOException {
        Path target = file("real.sh", "rwxrwxrwx");
        Path link = Files.createSymbolicLink(etc.resolve("link.sh"), target);

        assertThatThrownBy(() -> rootOwned.check(settings("node=a\nrebootcmd=" + link + "\n", "rw-------")))
                .hasMessageContaining("refusing " + link + " (a file a command runs as root names): " + target);
    }

    @Test
    void withoutRequireRoot_nothingIsChecked() throws IOException {
        Settings settings = settings("node=a\nrequire-root=false\n", "rw-rw-rw-");

        assertThatCode(() -> rootOwned.check(settings)).doesNotThrowAnyException();
    }
}
