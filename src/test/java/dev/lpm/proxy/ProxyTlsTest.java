package dev.lpm.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.ServiceState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** https:// and HTTP/2 on the proxy's port, checked with the clients users have: curl and openssl. */
class ProxyTlsTest extends TlsProxyTestBase {

    @Override
    String[][] commands() {
        return new String[][] {{"curl", "curl"}, {"openssl", "openssl"}};
    }

    @Test
    void boringSslLoadsOnThisMachine() {
        assertThat(io.netty.handler.ssl.OpenSsl.isAvailable())
                .as("netty-tcnative-boringssl-static: %s", io.netty.handler.ssl.OpenSsl.unavailabilityCause()).isTrue();
        assertThat(TlsEngine.preferred()).isEqualTo(TlsEngine.BORINGSSL);
    }

    @Test
    void curlGetsTheServiceOverHttp2WithTheCaAndPlainHttpStillWorksOnTheSamePort() throws Exception {
        Commands.Result h2 = curl("--http2", "https://app.localhost:" + harness.port() + "/hello");
        assertThat(h2.exitCode()).as(h2.toString()).isZero();
        assertThat(h2.stdout()).isEqualTo("hello from /hello\n2 200");

        Commands.Result plain = curl("http://app.localhost:" + harness.port() + "/plain");
        assertThat(plain.stdout()).as(plain.toString()).isEqualTo("hello from /plain\n1.1 200");

        assertThat(api.seen).hasSize(2);
        var overTls = api.seen.getFirst().headers();
        assertThat(overTls.getFirst("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(overTls.getFirst("Host")).isEqualTo("app.localhost:" + harness.port());
        assertThat(overTls.keySet()).noneMatch(name -> name.toLowerCase().startsWith("x-http2"));
        assertThat(api.seen.get(1).headers().getFirst("X-Forwarded-Proto")).isEqualTo("http");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> harness.logged.size() == 2);
        assertThat(harness.logged).extracting(r -> r.protocol()).containsExactly("HTTP/2+TLS", "HTTP/1.1");
    }

    @Test
    void aClientThatOffersOnlyHttp11GetsItInsideTls() throws Exception {
        Commands.Result h1 = curl("--http1.1", "https://app.localhost:" + harness.port() + "/one");
        assertThat(h1.stdout()).as(h1.toString()).isEqualTo("hello from /one\n1.1 200");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> harness.logged.size() == 1);
        assertThat(harness.logged.getFirst().protocol()).isEqualTo("HTTP/1.1+TLS");
    }

    @Test
    void opensslShowsTheChainUpToTheCaWithItsCriticalNameConstraints() throws Exception {
        Commands.Result shown = Commands.run(Duration.ofSeconds(20), "", "openssl", "s_client", "-connect",
                "127.0.0.1:" + harness.port(), "-servername", "app.localhost", "-showcerts", "-CAfile",
                ca.certificateFile().toString(), "-verify_hostname", "app.localhost", "-alpn", "h2");
        assertThat(shown.stdout()).as(shown.toString())
                .contains("Verify return code: 0 (ok)")
                .contains("0 s:O = lpm development CA, CN = app.localhost")
                .contains("1 s:O = lpm development CA, OU = ")
                .contains("ALPN protocol: h2");
        List<String> pems = Commands.pemBlocks(shown.stdout());
        assertThat(pems).hasSize(2);
        Commands.Result caText = Commands.run(Duration.ofSeconds(10), pems.get(1), "openssl", "x509", "-noout", "-text");
        assertThat(caText.stdout()).as(caText.toString())
                .contains("X509v3 Name Constraints: critical")
                .contains("DNS:localhost", "DNS:.localhost", "IP:127.0.0.0/255.0.0.0",
                        "IP:0:0:0:0:0:0:0:1/FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF")
                .contains("CA:TRUE, pathlen:0");
        Commands.Result leafText = Commands.run(Duration.ofSeconds(10), pems.get(0), "openssl", "x509", "-noout", "-text");
        assertThat(leafText.stdout()).contains("DNS:app.localhost").contains("TLS Web Server Authentication");
    }

    @Test
    void theIndexOverHttpsLinksOverHttps() throws Exception {
        Commands.Result index = curl("--http2", "https://localhost:" + harness.port() + "/");
        assertThat(index.stdout()).as(index.toString()).contains("https://app.localhost:" + harness.port() + "/")
                .endsWith("2 200");
        Commands.Result plain = curl("http://localhost:" + harness.port() + "/");
        assertThat(plain.stdout()).contains("http://app.localhost:" + harness.port() + "/").doesNotContain("https://");
    }

    @Test
    void aServiceWithSubdomainsGetsAWildcardCertificate() throws Exception {
        harness.route("shop", api.port(), ServiceState.RUNNING, true);
        Commands.Result sub = curl("--http2", "https://eu.shop.localhost:" + harness.port() + "/sub");
        assertThat(sub.stdout()).as(sub.toString()).isEqualTo("hello from /sub\n2 200");
        Commands.Result shown = Commands.run(Duration.ofSeconds(20), "", "openssl", "s_client", "-connect",
                "127.0.0.1:" + harness.port(), "-servername", "eu.shop.localhost");
        Commands.Result leafText = Commands.run(Duration.ofSeconds(10), Commands.pemBlocks(shown.stdout()).getFirst(),
                "openssl", "x509", "-noout", "-ext", "subjectAltName");
        assertThat(leafText.stdout()).contains("DNS:shop.localhost, DNS:*.shop.localhost");
    }

    @Test
    void aNameLpmDoesNotServeGetsAnUnrecognizedNameAlertAndNoCertificate() throws Exception {
        Commands.Result refused = Commands.run(Duration.ofSeconds(20), "", "openssl", "s_client", "-connect",
                "127.0.0.1:" + harness.port(), "-servername", "nothing.localhost");
        assertThat(refused.stdout() + refused.stderr()).as(refused.toString())
                .contains("unrecognized name").doesNotContain("BEGIN CERTIFICATE");
        Commands.Result elsewhere = Commands.run(Duration.ofSeconds(20), "", "openssl", "s_client", "-connect",
                "127.0.0.1:" + harness.port(), "-servername", "example.com");
        assertThat(elsewhere.stdout() + elsewhere.stderr()).contains("unrecognized name")
                .doesNotContain("BEGIN CERTIFICATE");

        Commands.Result curl = curl("https://nothing.localhost:" + harness.port() + "/");
        assertThat(curl.exitCode()).as(curl.toString()).isNotZero();
        assertThat(api.seen).isEmpty();
        assertThat(curl("--http2", "https://app.localhost:" + harness.port() + "/").stdout()).endsWith("2 200");
    }

    @Test
    void serverSentEventsArriveOneByOneOverHttp2() throws Exception {
        java.util.concurrent.CountDownLatch firstSeen = new java.util.concurrent.CountDownLatch(1);
        api.handle("/events", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0); // chunked from the service; DATA frames to the client
            try (var out = exchange.getResponseBody()) {
                out.write("data: one\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
                // The second event only once the client has the first: nothing may sit in a buffer.
                String second = firstSeen.await(10, java.util.concurrent.TimeUnit.SECONDS) ? "two" : "too-late";
                out.write(("data: " + second + "\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Process curl = new ProcessBuilder("curl", "-sS", "-N", "--http2", "--max-time", "20", "--cacert",
                ca.certificateFile().toString(), "--resolve", "app.localhost:" + harness.port() + ":127.0.0.1",
                "https://app.localhost:" + harness.port() + "/events").redirectErrorStream(true).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(curl.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("data: one");
            firstSeen.countDown();
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).isEqualTo("data: two");
        } finally {
            curl.destroy();
            curl.waitFor();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> harness.logged.size() == 1);
        assertThat(harness.logged.getFirst().protocol()).isEqualTo("HTTP/2+TLS");
    }

    @Test
    void aRequestBodyStreamsToTheServiceOverHttp2() throws Exception {
        api.handle("/upload", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            TestBackend.reply(exchange, 201, "got " + body.length + " bytes, sha256 " + sha256(body));
        });
        byte[] upload = new byte[3 * 1024 * 1024 + 7];
        new java.util.Random(7).nextBytes(upload);
        Path file = dir.resolve("upload.bin");
        java.nio.file.Files.write(file, upload);
        String sha = sha256(upload);

        Commands.Result posted = curl("--http2", "--data-binary", "@" + file, "https://app.localhost:" + harness.port() + "/upload");
        assertThat(posted.stdout()).as(posted.toString())
                .isEqualTo("got " + upload.length + " bytes, sha256 " + sha + "\n2 201");
    }

    @Test
    void aWebSocketUpgradeStillWorksOverTls() throws Exception {
        try (WebSocketEchoBackend ws = new WebSocketEchoBackend()) {
            harness.route("chat", ws.port(), ServiceState.RUNNING);
            java.security.KeyStore trust = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("lpm", ca.certificate());
            var factory = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.CountDownLatch two = new java.util.concurrent.CountDownLatch(2);
            try (java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().sslContext(context).build()) {
                // No SNI for an IP address: the proxy's localhost certificate, which names 127.0.0.1; Host routes.
                java.net.http.WebSocket socket = client.newWebSocketBuilder()
                        .header("Host", "chat.localhost:" + harness.port())
                        .buildAsync(java.net.URI.create("wss://127.0.0.1:" + harness.port() + "/ws"),
                                new java.net.http.WebSocket.Listener() {
                                    @Override
                                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket webSocket,
                                                                                         CharSequence data, boolean last) {
                                        received.add(data.toString());
                                        two.countDown();
                                        webSocket.request(1);
                                        return null;
                                    }
                                }).get(10, java.util.concurrent.TimeUnit.SECONDS);
                socket.sendText("hello", true).get(5, java.util.concurrent.TimeUnit.SECONDS);
                socket.sendText("again", true).get(5, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(two.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(received).containsExactly("echo: hello", "echo: again");
                socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye").get(5, java.util.concurrent.TimeUnit.SECONDS);
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !harness.logged.isEmpty());
            assertThat(harness.logged.getFirst().protocol()).isEqualTo("HTTP/1.1+TLS");
            assertThat(harness.logged.getFirst().status()).isEqualTo(101);
        }
    }

    @Test
    void webSocketOverHttp2ExtendedConnectReachesAnHttp11WebSocketService() throws Exception {
        try (WebSocketEchoBackend ws = new WebSocketEchoBackend()) {
            harness.route("chat", ws.port(), ServiceState.RUNNING); // before the handshake: SNI names a service
            extendedConnectEcho(new H2Flood(ca.certificate(), harness.port(), "chat.localhost"));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !harness.logged.isEmpty());
        assertThat(harness.logged.getFirst().protocol()).isEqualTo("HTTP/2+TLS");
        assertThat(harness.logged.getFirst().status()).isEqualTo(101);
    }

    private void extendedConnectEcho(H2Flood opened) throws Exception {
        try (H2Flood h2 = opened) {
            assertThat(h2.readUntil(() -> h2.serverSettings != null)).isTrue();
            assertThat(h2.serverSettings.connectProtocolEnabled()).as("SETTINGS_ENABLE_CONNECT_PROTOCOL").isTrue();

            var connect = new io.netty.handler.codec.http2.DefaultHttp2Headers().method("CONNECT").scheme("https")
                    .authority("chat.localhost:" + harness.port()).path("/ws");
            connect.set(io.netty.handler.codec.http2.Http2Headers.PseudoHeaderName.PROTOCOL.value(), "websocket");
            connect.set("sec-websocket-version", "13");
            h2.headers(1, connect, false);
            h2.flush();
            assertThat(h2.readUntil(() -> !h2.statuses.isEmpty())).isTrue();
            assertThat(h2.statuses).as(h2.data.toString()).containsExactly(200);

            var encoder = new io.netty.channel.embedded.EmbeddedChannel(
                    new io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder(true));
            encoder.writeOutbound(new io.netty.handler.codec.http.websocketx.TextWebSocketFrame("hello"));
            io.netty.buffer.ByteBuf frame = encoder.readOutbound();
            h2.data(1, frame);
            h2.flush();
            var decoder = new io.netty.channel.embedded.EmbeddedChannel(
                    new io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder(false, false, 65536));
            List<String> texts = new java.util.ArrayList<>();
            assertThat(h2.readUntil(() -> {
                byte[] bytes = h2.data.toByteArray();
                h2.data.reset();
                if (bytes.length > 0) {
                    decoder.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(bytes));
                    Object in;
                    while ((in = decoder.readInbound()) != null) {
                        if (in instanceof io.netty.handler.codec.http.websocketx.TextWebSocketFrame text) {
                            texts.add(text.text());
                        }
                        io.netty.util.ReferenceCountUtil.release(in);
                    }
                }
                return !texts.isEmpty();
            })).as("an answer within 15 s").isTrue();
            assertThat(texts).containsExactly("echo: hello");
            encoder.finishAndReleaseAll();
            decoder.finishAndReleaseAll();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Commands.Result curl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "--max-time", "15", "--cacert",
                ca.certificateFile().toString(), "-w", "\n%{http_version} %{http_code}"));
        for (String arg : args) {
            if (arg.startsWith("http")) {
                String host = java.net.URI.create(arg).getHost();
                command.addAll(List.of("--resolve", host + ":" + harness.port() + ":127.0.0.1"));
            }
        }
        command.addAll(List.of(args));
        return Commands.run(Duration.ofSeconds(30), "", command.toArray(String[]::new));
    }
}
