package org.distreboot.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.security.auth.module.UnixSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.distreboot.client.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rundir is made safely: no planted link is followed, no directory others may write is used. */
class RunDirTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("try") // the claim is held, not used, while the rundir is looked at
    void aNewRundir_isMadeForItsOwnerAlone_withThePidFile() throws Exception {
        Path run = dir.resolve("a").resolve("run");
        try (RunDir claimed = RunDir.claim(run)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run))).isEqualTo("rwxr-xr-x");
            assertThat(Files.readString(run.resolve(RunDir.PID)).strip()).isEqualTo(String.valueOf(ProcessHandle.current().pid()));
        }
    }

    @Test
    void plantedLinksToAnotherFile_areReplaced_notFollowed() throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"));
        Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
        Files.createSymbolicLink(run.resolve(RunDir.PID + ".tmp"), victim);
        Files.createSymbolicLink(run.resolve(RunDir.STATUS + ".tmp"), victim);
        Files.createSymbolicLink(run.resolve(RunDir.STATUS), victim);

        try (RunDir claimed = RunDir.claim(run)) {
            claimed.writeStatus("{}");

            assertThat(Files.readString(victim)).isEqualTo("precious\n");
            assertThat(Files.isSymbolicLink(run.resolve(RunDir.STATUS))).isFalse();
            assertThat(Files.readString(run.resolve(RunDir.STATUS))).isEqualTo("{}");
        }
    }

    @Test
    void aPlantedLinkAsTheLock_isRefused() throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"));
        Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
        Files.createSymbolicLink(run.resolve(RunDir.LOCK), victim);

        assertThatThrownBy(() -> RunDir.claim(run)).hasMessageContaining("cannot use rundir " + run);
        assertThat(Files.readString(victim)).isEqualTo("precious\n");
    }

    @Test
    void aRundirThatIsALink_isRefused() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path run = Files.createSymbolicLink(dir.resolve("run"), elsewhere);

        assertThatThrownBy(() -> RunDir.claim(run)).isInstanceOf(ConfigException.class)
                .hasMessage("refusing rundir " + run + ": it is a symbolic link; remove it (distreboot makes its rundir itself)");
        assertThat(elsewhere).isEmptyDirectory();
    }

    @Test
    void aRundirOthersMayWrite_isRefused() throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> RunDir.claim(run)).isInstanceOf(ConfigException.class)
                .hasMessage("refusing rundir " + run + ": it is writable by group or others: chmod go-w " + run);
        assertThat(run).isEmptyDirectory();
    }

    @Test
    void aRundirOfAnotherUser_isRefused() throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"));
        if (new UnixSystem().getUid() == 0) {
            Files.setAttribute(run, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
        } else {
            run = Path.of("/");
        }
        Path refused = run;

        assertThatThrownBy(() -> RunDir.claim(refused)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("refusing rundir " + refused + ": it belongs to another user");
    }
}
