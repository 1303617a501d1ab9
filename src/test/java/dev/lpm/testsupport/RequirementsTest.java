package dev.lpm.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequirementsTest {

    @Test
    void aMissingPartSkipsWithWhatToInstallOrFailsUnderCi() {
        Class<? extends Throwable> expected = Requirements.isCi() ? AssertionFailedError.class : TestAbortedException.class;
        assertThatThrownBy(() -> Requirements.requireCommand("lpmtest-no-such-command", "lpmtest-package"))
                .isInstanceOf(expected)
                .hasMessageContaining("`lpmtest-no-such-command`")
                .hasMessageContaining("apt-get install lpmtest-package");
    }

    @Test
    void aPresentPartPasses() {
        Requirements.requireCommand("sh", "dash");
        Requirements.require(true, "never shown");
        assertThat(Requirements.which("sh")).isNotNull();
        assertThat(Requirements.which("lpmtest-no-such-command")).isNull();
    }
}
