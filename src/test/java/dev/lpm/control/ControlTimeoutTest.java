package dev.lpm.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client never waits silently for ever, and a slow request that keeps talking is not cut off. */
class ControlTimeoutTest {

    @TempDir
    Path dir;

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseHandlers() {
        release.countDown();
    }

    @Test
    void aSilentInstanceEndsInATimeoutAndTheServerSeesTheStall() throws Exception {
        ControlHandler hangs = (request, replies, peer) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (ControlServer server = ControlServer.start(dir.resolve("lpm.sock"), hangs)) {
            ControlClient client = new ControlClient(dir.resolve("lpm.sock"), Duration.ofSeconds(1));

            assertThatThrownBy(() -> client.call(new ControlRequest.ListServices()))
                    .isInstanceOf(ControlTimeoutException.class)
                    .hasMessage("the lpm instance did not answer within 1s");
            // The server may still be decoding the request (Netty's classes load on first use).
            await().atMost(Duration.ofSeconds(10)).until(() -> server.silentLongerThan(Duration.ofMillis(500)).isPresent());
            assertThat(server.silentLongerThan(Duration.ofMillis(500)))
                    .hasValueSatisfying(s -> assertThat(s).startsWith("control request 'GET /v1/services' has had no answer for"));
        }
    }

    @Test
    void progressKeepsALongRequestAliveAndReachesTheListener() throws Exception {
        ControlHandler slow = (request, replies, peer) -> {
            for (int i = 1; i <= 5; i++) {
                try {
                    Thread.sleep(400);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                replies.send(ControlReply.progress("waiting " + i));
            }
            replies.send(ControlReply.success(JsonNodeFactory.instance.textNode("done")));
        };
        try (ControlServer server = ControlServer.start(dir.resolve("lpm.sock"), slow)) {
            List<String> progress = new CopyOnWriteArrayList<>();
            ControlClient client = new ControlClient(dir.resolve("lpm.sock"), Duration.ofSeconds(1))
                    .onProgress(progress::add);

            // 2 s in all, longer than the idle timeout, but never silent for 1 s.
            assertThat(client.call(new ControlRequest.Start("api")).asText()).isEqualTo("done");
            assertThat(progress).containsExactly("waiting 1", "waiting 2", "waiting 3", "waiting 4", "waiting 5");
            await().atMost(Duration.ofSeconds(5)).until(() -> server.silentLongerThan(Duration.ZERO).isEmpty());
        }
    }

    @Test
    void aFollowedLogMayBeSilentAfterItsFirstReply() throws Exception {
        ControlHandler follow = (request, replies, peer) -> {
            replies.send(ControlReply.success(JsonNodeFactory.instance.textNode("backlog")));
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            replies.send(ControlReply.success(JsonNodeFactory.instance.textNode("new line")));
        };
        try (ControlServer server = ControlServer.start(dir.resolve("lpm.sock"), follow)) {
            List<String> lines = new CopyOnWriteArrayList<>();
            new ControlClient(dir.resolve("lpm.sock"), Duration.ofSeconds(1))
                    .stream(new ControlRequest.Logs("api", 10, true), data -> lines.add(data.asText()));
            assertThat(lines).containsExactly("backlog", "new line");
        }
    }
}
