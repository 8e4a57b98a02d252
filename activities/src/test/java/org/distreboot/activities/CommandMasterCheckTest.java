package org.distreboot.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandMasterCheckTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void givenExitZero_theNodeIsTheMaster_andExitOne_itIsNot() {
        assertThat(new CommandMasterCheck("exit 0", TIMEOUT).isMaster()).isTrue();
        assertThat(new CommandMasterCheck("test -f /nonexistent/distreboot-master", TIMEOUT).isMaster()).isFalse();
    }

    @Test
    void givenAnyOtherExit_theCheckCannotTell_andSaysWhy() {
        assertThatThrownBy(() -> new CommandMasterCheck("echo etcd did not answer; exit 2", TIMEOUT).isMaster())
                .isInstanceOf(MasterCheck.CannotTellException.class)
                .hasMessage("mastercmd could not tell whether this node is the master: exited 2: etcd did not answer");
    }

    @Test
    void givenNoAnswerInTime_theCheckCannotTell() {
        assertThatThrownBy(() -> new CommandMasterCheck("sleep 10", Duration.ofMillis(300)).isMaster())
                .isInstanceOf(MasterCheck.CannotTellException.class).hasMessageContaining("timed out after");
    }
}
