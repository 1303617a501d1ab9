package dev.lpm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {

    @TempDir
    Path dir;

    @Test
    void secondHolderIsRefusedWithTheFirstOnesPid() throws Exception {
        Path file = dir.resolve("lpm.lock");
        try (InstanceLock first = InstanceLock.acquire(file)) {
            assertThat(Files.readString(file)).startsWith(ProcessHandle.current().pid() + "\n");
            assertThatThrownBy(() -> InstanceLock.acquire(file))
                    .isInstanceOf(InstanceLock.AlreadyRunningException.class)
                    .hasMessageContaining("already running")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
        }
        try (InstanceLock again = InstanceLock.acquire(file)) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void aLockFileLeftByADeadProcessDoesNotBlock() throws Exception {
        Path file = dir.resolve("lpm.lock");
        Files.writeString(file, "999999\n2020-01-01T00:00:00Z\n");
        try (InstanceLock lock = InstanceLock.acquire(file)) {
            assertThat(Files.readString(file)).startsWith(ProcessHandle.current().pid() + "\n");
        }
    }
}
