package org.rait.registry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.rait.registration.CertificatePin;
import org.rait.registration.UntrustedCertificate;
import org.rait.keys.WgKey;
import org.rait.registry.Refusal;
import org.rait.registry.admin.AdminClient;
import org.rait.registry.admin.LocalRegistry;
import org.rait.configfile.ConfigException;
import org.rait.registry.config.DataDirectory;
import org.rait.registry.config.RegistryConfig;
import org.rait.registry.config.RegistryConfigFile;
import org.rait.registry.health.HealthBodies;
import org.rait.registry.health.MatrixText;
import org.rait.registry.http.Bodies;
import org.rait.registry.http.EndpointSpelling;
import org.rait.registry.http.Json;
import org.rait.registry.http.Router;
import org.rait.registry.nodes.Actor;
import org.rait.registry.nodes.AdminTokens;
import org.rait.registry.nodes.Curation;
import org.rait.registry.store.Node;
import org.rait.registry.store.NodeState;
import org.rait.registry.store.RegistryStore;
import org.rait.registry.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** `rait-registry admin ...`: the admin API from the command line, and offline curation of a local data directory. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Curate the registry over its HTTPS API, or with --data-dir straight on its data directory on this host "
                + "(works while the registry is stopped).",
        subcommands = {AdminCommand.ListNodes.class, AdminCommand.Health.class, AdminCommand.Show.class, AdminCommand.Approve.class,
                AdminCommand.Reject.class, AdminCommand.Revoke.class, AdminCommand.Delete.class, AdminCommand.Edit.class,
                AdminCommand.EnrollmentToken.class, AdminCommand.Token.class, AdminCommand.Audit.class})
final class AdminCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "an admin command is required");
    }

    /** Where the registry is and how to trust and authenticate to it. */
    static final class Api {
        @Option(names = "--url", paramLabel = "URL", defaultValue = "https://127.0.0.1:8443",
                description = "registry URL (default: ${DEFAULT-VALUE})")
        String url;

        @Option(names = "--token", paramLabel = "TOKEN",
                description = "admin token (default: environment variable RAIT_REGISTRY_TOKEN, which keeps it out of ps)")
        String token;

        @Option(names = {"--tls-pin", "--pin"}, paramLabel = "sha256/BASE64",
                description = "trust exactly this certificate key (as printed by serve); needed for a self-signed certificate")
        String pin;

        AdminClient client() {
            String effective = token != null ? token : System.getenv("RAIT_REGISTRY_TOKEN");
            if (effective == null || effective.isBlank()) {
                throw new IllegalArgumentException("an admin token is needed: --token or RAIT_REGISTRY_TOKEN");
            }
            return new AdminClient(url, effective, Optional.ofNullable(pin).map(CertificatePin::parse));
        }
    }

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The registry's database on this host: the config file's (data_dir and database), --data-dir overriding its data_dir. */
    static RegistryStore openOffline(Path dataDir, Path config) throws IOException, ConfigException {
        RegistryConfig settings = config == null ? RegistryConfig.defaults() : RegistryConfigFile.read(config);
        if (dataDir != null) settings = settings.withDataDir(dataDir);
        DataDirectory.open(settings.dataDir());
        return RegistryStore.open(settings.databaseOrDataDirFile());
    }

    /** Runs one API call and prints the answer; refusals print the registry's message and exit 1 (2 for a bad argument). */
    abstract static class ApiCall implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Mixin
        Api api;

        @Override
        public Integer call() throws Exception {
            try {
                print(invoke(api.client()));
                return ExitCodes.OK;
            } catch (AdminClient.AdminCallFailed e) {
                System.err.println("rait-registry: refused (" + e.status() + "): " + e.getMessage());
                return e.status() == 400 ? ExitCodes.USAGE : ExitCodes.FAILED;
            } catch (IllegalArgumentException e) {
                System.err.println("rait-registry: " + e.getMessage());
                return ExitCodes.USAGE;
            } catch (IOException e) {
                System.err.println("rait-registry: cannot reach " + api.url + ": "
                        + UntrustedCertificate.advice(api.url, e).orElse(e.getMessage()));
                return ExitCodes.FAILED;
            }
        }

        abstract JsonNode invoke(AdminClient client) throws IOException, AdminClient.AdminCallFailed;

        void print(JsonNode answer) throws IOException {
            System.out.println(PRETTY.writeValueAsString(answer));
        }
    }

    /** Offline curation: the registry's data directory on this host instead of its API. */
    static final class Local {
        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "curate this registry data directory directly instead of over the API (no token needed; "
                        + "works while the registry is stopped; a running one serves the change within seconds)")
        Path dataDir;

        @Option(names = "--config", paramLabel = "FILE",
                description = "offline: the registry's config file, for its data_dir, database and snapshot validity")
        Path config;

        boolean requested() {
            return dataDir != null || config != null;
        }

        LocalRegistry open() throws IOException, ConfigException {
            RegistryConfig settings = config == null ? RegistryConfig.defaults() : RegistryConfigFile.read(config);
            if (dataDir != null) settings = settings.withDataDir(dataDir);
            return LocalRegistry.open(settings.dataDir(), settings.databaseOrDataDirFile(), settings.snapshotValidity());
        }
    }

    /**
     * A node command that runs over the API, or with --data-dir/--config on the local store through
     * the same {@link Curation} the API uses; the audit log names the unix user ("local:USER").
     */
    abstract static class CurationCall extends ApiCall {
        @CommandLine.Mixin
        Local local;

        @Override
        public Integer call() throws Exception {
            if (!local.requested()) {
                return super.call();
            }
            try (LocalRegistry registry = local.open()) {
                print(offline(registry, Actor.local(System.getProperty("user.name"))));
                return ExitCodes.OK;
            } catch (Refusal e) {
                System.err.println("rait-registry: refused (" + Router.status(e.kind()) + "): " + e.getMessage());
                return e.kind() == Refusal.Kind.INVALID ? ExitCodes.USAGE : ExitCodes.FAILED;
            } catch (IllegalArgumentException | ConfigException e) {
                System.err.println("rait-registry: " + e.getMessage());
                return ExitCodes.USAGE;
            } catch (IOException | StoreException e) {
                System.err.println("rait-registry: " + e.getMessage());
                return ExitCodes.FAILED;
            }
        }

        abstract JsonNode offline(LocalRegistry registry, Actor actor);

        static JsonNode node(Node node) {
            return Json.MAPPER.valueToTree(Bodies.NodeBody.of(node));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List nodes: name, state, online, last seen, applied serial, version, endpoints, key (health from each node's latest report)")
    static final class ListNodes extends CurationCall {
        @Option(names = "--state", description = "only nodes in this state: pending, approved, rejected, revoked")
        String state;

        @Option(names = "--json", description = "one JSON array, for machines")
        boolean json;

        @Override
        JsonNode invoke(AdminClient client) throws IOException, AdminClient.AdminCallFailed {
            List<String[]> query = state == null ? List.of() : List.<String[]>of(new String[]{"state", state});
            return client.call("GET", List.of("v1", "admin", "nodes"), Optional.empty(), query);
        }

        @Override
        JsonNode offline(LocalRegistry registry, Actor actor) {
            Optional<NodeState> only;
            try {
                only = Optional.ofNullable(state).map(NodeState::fromWord);
            } catch (IllegalArgumentException e) {
                throw new Refusal(Refusal.Kind.INVALID, "--state: " + e.getMessage());
            }
            Instant now = registry.health().now();
            return Json.MAPPER.valueToTree(registry.health().statuses().stream()
                    .filter(s -> only.isEmpty() || s.node().state() == only.get())
                    .map(s -> HealthBodies.NodeStatusBody.of(s, now)).toList());
        }

        @Override
        void print(JsonNode answer) throws IOException {
            if (json) {
                super.print(answer);
                return;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "STATE", "ONLINE", "LAST_SEEN", "SERIAL", "VERSION", "ENDPOINTS", "KEY"});
            for (JsonNode node : answer) {
                List<String> endpoints = new ArrayList<>();
                node.path("endpoints").forEach(e -> endpoints.add(e.get("address_family").asText() + ":" + e.get("send_port").asText()
                        + (e.get("address").asText().isEmpty() ? "" : ":" + e.get("address").asText())));
                rows.add(new String[] {node.path("name").asText(), node.path("state").asText(),
                        node.path("online").asBoolean() ? "yes" : "no",
                        node.path("last_seen_age_seconds").isNumber() ? MatrixText.age(node.path("last_seen_age_seconds").asLong()) + " ago" : "never",
                        node.path("applied_serial").isNumber() ? node.path("applied_serial").asText() : "-",
                        node.path("version").isTextual() ? node.path("version").asText() : "-",
                        endpoints.isEmpty() ? "-" : String.join(",", endpoints), node.path("public_key").asText()});
            }
            if (rows.size() > 1) Columns.print(rows, System.out);
        }
    }

    @Command(name = "health", mixinStandardHelpOptions = true,
            description = "The mesh matrix: for each directed pair of approved nodes, the age of the latest handshake the first"
                    + " reports with the second; stale and asymmetric pairs marked")
    static final class Health extends CurationCall {
        @Option(names = "--json", description = "one JSON document, for machines")
        boolean json;

        @Override
        JsonNode invoke(AdminClient client) throws IOException, AdminClient.AdminCallFailed {
            return client.call("GET", List.of("v1", "admin", "health"), Optional.empty(), List.of());
        }

        @Override
        JsonNode offline(LocalRegistry registry, Actor actor) {
            return Json.MAPPER.valueToTree(HealthBodies.MatrixBody.of(registry.health().matrix()));
        }

        @Override
        void print(JsonNode answer) throws IOException {
            if (json) {
                super.print(answer);
                return;
            }
            MatrixText.lines(Json.MAPPER.treeToValue(answer, HealthBodies.MatrixBody.class)).forEach(System.out::println);
        }
    }

    /** A command on one node, named by its key or by its name. */
    abstract static class OnNode extends CurationCall {
        @Parameters(index = "0", paramLabel = "NODE", description = "the node's name, or its WireGuard public key (base64)")
        String node;

        /** The node's key, once {@link #node} is resolved. */
        String key;

        @Option(names = "--json", description = "the node as the API answers it (fields: deploy/docs/cli-output.md)")
        boolean json;

        @Override
        void print(JsonNode answer) throws IOException {
            if (json) super.print(answer);
            else AdminText.node(answer).forEach(System.out::println);
        }

        @Override
        final JsonNode invoke(AdminClient client) throws IOException, AdminClient.AdminCallFailed {
            Optional<WgKey> parsed = NodeNames.asKey(node);
            if (parsed.isPresent()) {
                key = node;
            } else {
                List<NodeNames.Named> named = new ArrayList<>();
                client.call("GET", List.of("v1", "admin", "nodes"), Optional.empty(), List.of())
                        .forEach(n -> named.add(new NodeNames.Named(n.path("name").asText(), n.path("public_key").asText())));
                key = NodeNames.resolve(node, named);
            }
            return invokeOn(client);
        }

        abstract JsonNode invokeOn(AdminClient client) throws IOException, AdminClient.AdminCallFailed;

        @Override
        JsonNode offline(LocalRegistry registry, Actor actor) {
            Curation curation = registry.curation();
            String resolved = NodeNames.asKey(node).isPresent() ? node : NodeNames.resolve(node, curation.list(Optional.empty()).stream()
                    .map(n -> new NodeNames.Named(n.name(), n.publicKey().base64())).toList());
            WgKey parsed;
            try {
                parsed = WgKey.parseBase64(resolved.replace('-', '+').replace('_', '/'));
            } catch (IllegalArgumentException e) {
                throw new Refusal(Refusal.Kind.INVALID, "the node key is not a WireGuard public key: " + e.getMessage());
            }
            return node(onNode(curation, actor, parsed));
        }

        abstract Node onNode(Curation curation, Actor actor, WgKey key);

        List<String> path(String... tail) {
            List<String> segments = new ArrayList<>(List.of("v1", "admin", "nodes", key));
            segments.addAll(List.of(tail));
            return segments;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one node")
    static final class Show extends OnNode {
        @Override
        JsonNode invokeOn(AdminClient client) throws IOException, AdminClient.AdminCallFailed {
            return client.call("GET", path(), Optional.empty(), List.of());
        }

        @Override
        Node onNode(Curation curation, Actor actor, WgKey key) {
            return curation.show(key);
        }
    }

    /** approve, reject, revoke: a POST to the node's path with the action's name; the registry checks the state. */
    abstract static class Transition extends OnNode {
        /** The same transition done locally. */
        @FunctionalInterface
        interface Local {
            Node apply(Curation curation, Actor actor, WgKey key);
        }

        private final String action;
        private final Local local;

        Transition(String action, Local local) {
            this.action = action;
            this.local = local;
        }

        @Override
        JsonNode invokeOn(AdminClient client) throws IOException, AdminClient.AdminCallFailed {
            return client.call("POST", path(action), Optional.empty(), List.of());
        }

        @Override
        Node onNode(Curation curation, Actor actor, WgKey key) {
            return local.apply(curation, actor, key);
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a node: it is published")
    static final class Approve extends Transition {
        Approve() {
            super("approve", Curation::approve);
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a pending node")
    static final class Reject extends Transition {
        Reject() {
            super("reject", Curation::reject);
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a node: it is no longer published")
    static final class Revoke extends Transition {
        Revoke() {
            super("revoke", Curation::revoke);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a node's entry (it may register again)")
    static final class Delete extends OnNode {
        @Override
        JsonNode invokeOn(AdminClient client) throws IOException, AdminClient.AdminCallFailed {
            return client.call("DELETE", path(), Optional.empty(), List.of());
        }

        @Override
        Node onNode(Curation curation, Actor actor, WgKey key) {
            return curation.delete(actor, key);
        }
    }

    @Command(name = "edit", mixinStandardHelpOptions = true, description = "Change a node's name and/or endpoints")
    static final class Edit extends OnNode {
        @Option(names = "--name", description = "new name")
        String name;

        @Option(names = "--endpoint", paramLabel = "FAMILY:PORT[:ADDRESS]",
                description = "replaces all endpoints; repeat for several (e.g. ip4:50153:192.0.2.1, ip6:50154:[2001:db8::1])")
        List<String> endpoints;

        @Override
        JsonNode invokeOn(AdminClient client) throws IOException, AdminClient.AdminCallFailed {
            return client.call("PATCH", path(), Optional.of(body()), List.of());
        }

        /** Offline, the same body the API would get is read the way the API reads it, so it is validated alike. */
        @Override
        Node onNode(Curation curation, Actor actor, WgKey key) {
            Bodies.EditBody edit = Json.read(Json.write(body()), Bodies.EditBody.class);
            return curation.edit(actor, key, Optional.ofNullable(edit.name()), Optional.ofNullable(edit.endpoints()).map(Bodies::endpoints));
        }

        private Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            if (name != null) body.put("name", name);
            if (endpoints != null) body.put("endpoints", endpoints.stream().map(Edit::endpoint).toList());
            if (body.isEmpty()) throw new IllegalArgumentException("nothing to change: give --name and/or --endpoint");
            return body;
        }

        private static Map<String, Object> endpoint(String text) {
            Bodies.EndpointBody parsed;
            try {
                parsed = EndpointSpelling.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--endpoint " + e.getMessage());
            }
            Map<String, Object> endpoint = new LinkedHashMap<>();
            endpoint.put("address_family", parsed.addressFamily());
            endpoint.put("send_port", parsed.sendPort());
            endpoint.put("address", parsed.address());
            return endpoint;
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true, description = "Show the newest audit log entries")
    static final class Audit extends ApiCall {
        @Option(names = "--limit", defaultValue = "50", description = "how many (default: ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--json", description = "the entries as the API answers them (fields: deploy/docs/cli-output.md)")
        boolean json;

        @Override
        void print(JsonNode answer) throws IOException {
            if (json) super.print(answer);
            else AdminText.audit(answer).forEach(System.out::println);
        }

        @Override
        JsonNode invoke(AdminClient client) throws IOException, AdminClient.AdminCallFailed {
            return client.call("GET", List.of("v1", "admin", "audit"), Optional.empty(),
                    List.<String[]>of(new String[]{"limit", Integer.toString(limit)}));
        }
    }

    @Command(name = "enrollment-token", mixinStandardHelpOptions = true,
            description = "Enrollment tokens: a node registering with one is approved at once",
            subcommands = {EnrollmentToken.Create.class, EnrollmentToken.ListTokens.class})
    static final class EnrollmentToken {
        @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token; it is printed once")
        static final class Create extends ApiCall {
            @Option(names = "--uses", defaultValue = "1", description = "how many nodes may use it (default: ${DEFAULT-VALUE})")
            int uses;

            @Option(names = "--expires-in", paramLabel = "SECONDS", defaultValue = "86400",
                    description = "valid for this many seconds (default: ${DEFAULT-VALUE})")
            long expiresIn;

            @Option(names = "--note", defaultValue = "", description = "what it is for")
            String note;

            @Override
            JsonNode invoke(AdminClient client) throws IOException, AdminClient.AdminCallFailed {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("uses", uses);
                body.put("expires_in_seconds", expiresIn);
                body.put("note", note);
                return client.call("POST", List.of("v1", "admin", "enrollment-tokens"), Optional.of(body), List.of());
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (without their secret)")
        static final class ListTokens extends ApiCall {
            @Override
            JsonNode invoke(AdminClient client) throws IOException, AdminClient.AdminCallFailed {
                return client.call("GET", List.of("v1", "admin", "enrollment-tokens"), Optional.empty(), List.of());
            }
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "Admin tokens",
            subcommands = {Token.Create.class, Token.ListTokens.class, Token.Revoke.class})
    static final class Token {
        /**
         * A token command over the API, or with --data-dir straight on the database (no token needed; the way
         * back in when every token is lost or revoked); the audit log names the unix user then.
         */
        abstract static class TokenCall extends ApiCall {
            @Option(names = "--data-dir", paramLabel = "DIR", description = "the registry's data directory (offline, no token needed)")
            Path dataDir;

            @Option(names = "--config", paramLabel = "FILE",
                    description = "offline: the registry's config file, for its data_dir and database (no token needed)")
            Path config;

            @Override
            public Integer call() throws Exception {
                if (dataDir == null && config == null) return super.call();
                try (RegistryStore store = openOffline(dataDir, config)) {
                    print(offline(new AdminTokens(store, Clock.systemUTC()), Actor.local(System.getProperty("user.name"))));
                    return ExitCodes.OK;
                } catch (Refusal e) {
                    System.err.println("rait-registry: refused (" + Router.status(e.kind()) + "): " + e.getMessage());
                    return ExitCodes.FAILED;
                } catch (IOException | StoreException e) {
                    System.err.println("rait-registry: " + e.getMessage());
                    return ExitCodes.FAILED;
                }
            }

            abstract JsonNode offline(AdminTokens tokens, Actor actor);
        }

        @Command(name = "list", mixinStandardHelpOptions = true,
                description = "List admin tokens: NAME STATE CREATED CREATED_BY LAST_USED (never the token itself)")
        static final class ListTokens extends TokenCall {
            @Override
            JsonNode invoke(AdminClient client) throws IOException, AdminClient.AdminCallFailed {
                return client.call("GET", List.of("v1", "admin", "admin-tokens"), Optional.empty(), List.of());
            }

            @Override
            JsonNode offline(AdminTokens tokens, Actor actor) {
                return Json.MAPPER.valueToTree(tokens.list().stream().map(Bodies.AdminTokenListing::of).toList());
            }

            @Override
            void print(JsonNode answer) {
                for (JsonNode token : answer) {
                    String state = token.get("revoked").asBoolean()
                            ? "revoked@" + time(token.get("revoked_at")) + "_by_" + token.get("revoked_by").asText() : "active";
                    System.out.println(token.get("name").asText() + "  " + state + "  created=" + time(token.get("created_at"))
                            + "  created_by=" + token.get("created_by").asText() + "  last_used=" + time(token.get("last_used_at")));
                }
            }

            private static String time(JsonNode seconds) {
                return seconds == null || seconds.isNull() ? "never" : java.time.Instant.ofEpochSecond(seconds.asLong()).toString();
            }
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true,
                description = "Revoke an admin token by name: refused from the next request on; audited")
        static final class Revoke extends TokenCall {
            @Parameters(index = "0", paramLabel = "NAME", description = "the token's name (as `token list` shows it)")
            String name;

            @Override
            JsonNode invoke(AdminClient client) throws IOException, AdminClient.AdminCallFailed {
                return client.call("POST", List.of("v1", "admin", "admin-tokens", name, "revoke"), Optional.empty(), List.of());
            }

            @Override
            JsonNode offline(AdminTokens tokens, Actor actor) {
                return Json.MAPPER.valueToTree(Bodies.AdminTokenListing.of(tokens.revoke(actor, name)));
            }
        }

        @Command(name = "create", mixinStandardHelpOptions = true,
                description = "Create an admin token and print it once. With --data-dir it is written straight into "
                        + "the database (bootstrap, no running server or token needed); otherwise through the API.")
        static final class Create implements java.util.concurrent.Callable<Integer> {
            @Option(names = "--name", defaultValue = "admin", description = "who holds it; shown in the audit log (default: ${DEFAULT-VALUE})")
            String name;

            @Option(names = "--data-dir", paramLabel = "DIR", description = "the registry's data directory (local bootstrap)")
            Path dataDir;

            @Option(names = "--config", paramLabel = "FILE",
                    description = "local bootstrap: the registry's config file, for its data_dir and database")
            Path config;

            @CommandLine.Mixin
            Api api;

            @Override
            public Integer call() throws Exception {
                if (dataDir != null || config != null) {
                    try (RegistryStore store = openOffline(dataDir, config)) {
                        System.out.println(new AdminTokens(store, Clock.systemUTC()).issue("local:" + System.getProperty("user.name"), name));
                        return ExitCodes.OK;
                    } catch (Refusal e) {
                        System.err.println("rait-registry: " + e.getMessage());
                        return ExitCodes.FAILED;
                    }
                }
                ApiCall call = new ApiCall() {
                    @Override
                    JsonNode invoke(AdminClient client) throws IOException, AdminClient.AdminCallFailed {
                        return client.call("POST", List.of("v1", "admin", "admin-tokens"), Optional.of(Map.of("name", name)), List.of());
                    }

                    @Override
                    void print(JsonNode answer) {
                        System.out.println(answer.get("token").asText());
                    }
                };
                call.api = api;
                return call.call();
            }
        }
    }
}
