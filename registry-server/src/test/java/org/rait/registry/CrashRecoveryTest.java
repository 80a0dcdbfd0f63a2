package org.rait.registry;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rait.configfile.ConfigFiles;
import org.rait.keys.WgKey;
import org.rait.peers.Peer;
import org.rait.registration.CertificatePin;
import org.rait.registry.store.RegistryStore;
import org.rait.registry.nodes.AdminTokens;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry as its own JVM, killed with SIGKILL mid-traffic: nothing acknowledged may be lost. */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void afterSigkillEveryAcknowledgedRegistrationIsThereAndTheSerialNeverGoesBackwards() throws Exception {
        Path data = dir.resolve("data");
        Process server = startServerProcess(data);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong highestAcknowledgedSerial = new AtomicLong();
        try {
            Endpoint endpoint = awaitListening(server);
            String adminToken;
            try (RegistryStore store = RegistryStore.open(data.resolve("registry.db"))) {
                adminToken = new AdminTokens(store, Clock.systemUTC()).issue("test", "crash-test");
            }
            RemoteRegistry remote = new RemoteRegistry(endpoint.port(), RunningRegistry.pinnedClient(endpoint.pin()));
            String token = remote.enrollmentToken(adminToken);
            WgKey registryKey = remote.registrationKey();

            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService senders = Executors.newFixedThreadPool(8);
            for (int t = 0; t < 8; t++) {
                int thread = t;
                senders.submit(() -> {
                    for (int i = 0; running.get(); i++) {
                        TestNode node = new TestNode("t" + thread + "n" + i, 1024 + (thread * 5000 + i) % 60000);
                        try (Response response = remote.register(node, registryKey, token)) {
                            if (response.code() == 201) {
                                JsonNode answer = RunningRegistry.MAPPER.readTree(response.body().string());
                                acknowledged.add(node.key().base64());
                                highestAcknowledgedSerial.accumulateAndGet(answer.get("serial").asLong(), Math::max);
                            }
                        } catch (Exception e) {
                            return null; // the server is gone: this request was never acknowledged
                        }
                    }
                    return null;
                });
            }
            while (acknowledged.size() < 40) {
                Thread.sleep(50);
            }
            Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(server.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            assertTrue(server.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, server.exitValue(), "killed by SIGKILL");
            running.set(false);
            senders.shutdown();
            assertTrue(senders.awaitTermination(60, TimeUnit.SECONDS));
        } finally {
            server.destroyForcibly();
            server.waitFor();
        }

        try (RunningRegistry restarted = RunningRegistry.start(data)) {
            JsonNode nodes = restarted.adminJson("GET", "/v1/admin/nodes?state=approved", null);
            Set<String> stored = StreamSupport.stream(nodes.spliterator(), false).map(n -> n.get("public_key").asText())
                    .collect(Collectors.toSet());
            assertTrue(stored.containsAll(acknowledged), (acknowledged.size() - stored.size()) + " acknowledged registrations lost");
            FetchedSnapshot snapshot = FetchedSnapshot.fetch(restarted, "");
            System.out.println("crash test: acknowledged=" + acknowledged.size() + " stored=" + stored.size()
                    + " highest_acknowledged_serial=" + highestAcknowledgedSerial.get() + " serial_after_restart=" + snapshot.serial());
            assertTrue(snapshot.serial() >= highestAcknowledgedSerial.get(),
                    "serial went back from " + highestAcknowledgedSerial.get() + " to " + snapshot.serial());
            Set<String> published = ConfigFiles.parsePeers(snapshot.text(), "peers.conf").peers().stream()
                    .map(Peer::publicKey).map(WgKey::base64).collect(Collectors.toSet());
            assertEquals(stored, published);
        }
    }

    private record Endpoint(int port, CertificatePin pin) {
    }

    private static Process startServerProcess(Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.rait.registry.cli.Main",
                "serve", "--data-dir", data.toString(), "--listen", "127.0.0.1:0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static Endpoint awaitListening(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("listening on https://127\\.0\\.0\\.1:(\\d+)");
        Pattern pin = Pattern.compile("certificate pin: (sha256/\\S+)");
        Integer port = null;
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher l = listening.matcher(line);
            if (l.find()) port = Integer.parseInt(l.group(1));
            Matcher p = pin.matcher(line);
            if (p.find() && port != null) return new Endpoint(port, CertificatePin.parse(p.group(1)));
        }
        throw new AssertionError("the registry process ended before it listened (exit " + server.waitFor() + ")");
    }

    /** Just enough client for a registry in another process. */
    private record RemoteRegistry(int port, OkHttpClient http) {
        okhttp3.HttpUrl url(String path) {
            return okhttp3.HttpUrl.get("https://127.0.0.1:" + port + path);
        }

        WgKey registrationKey() throws Exception {
            try (Response r = http.newCall(new okhttp3.Request.Builder().url(url("/v1/registration-key")).build()).execute()) {
                return WgKey.parseBase64(RunningRegistry.MAPPER.readTree(r.body().string()).get("public_key").asText());
            }
        }

        String enrollmentToken(String adminToken) throws Exception {
            okhttp3.Request request = new okhttp3.Request.Builder().url(url("/v1/admin/enrollment-tokens"))
                    .header("Authorization", "Bearer " + adminToken)
                    .post(okhttp3.RequestBody.create(RunningRegistry.MAPPER.writeValueAsBytes(Map.of("uses", 100000)), RunningRegistry.JSON))
                    .build();
            try (Response r = http.newCall(request).execute()) {
                return RunningRegistry.MAPPER.readTree(r.body().string()).get("token").asText();
            }
        }

        Response register(TestNode node, WgKey registryKey, String token) throws Exception {
            byte[] body = node.body(token);
            okhttp3.Request.Builder request = new okhttp3.Request.Builder().url(url("/v1/nodes"))
                    .post(okhttp3.RequestBody.create(body, RunningRegistry.JSON));
            node.proof(registryKey, System.currentTimeMillis() / 1000, body).headers().forEach(request::header);
            return http.newBuilder().callTimeout(Duration.ofSeconds(10)).build().newCall(request.build()).execute();
        }
    }
}
