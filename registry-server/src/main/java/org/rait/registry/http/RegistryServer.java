package org.rait.registry.http;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.rait.registration.RegistrationKey;
import org.rait.log.EventLog;
import org.rait.registry.config.DataDirectory;
import org.rait.registry.config.RegistryConfig;
import org.rait.registry.health.HealthApi;
import org.rait.registry.health.MeshHealth;
import org.rait.registry.health.NodeReports;
import org.rait.registry.metrics.RegistryMetrics;
import org.rait.registry.nodes.AdminTokens;
import org.rait.registry.nodes.ProofCheck;
import org.rait.registry.ui.AdminUi;
import org.rait.registry.ui.Sessions;
import org.rait.registry.nodes.Curation;
import org.rait.registry.nodes.SelfRegistration;
import org.rait.registry.snapshot.MirrorDirectory;
import org.rait.registry.snapshot.Publication;
import org.rait.registry.snapshot.SigningKeyConflict;
import org.rait.registry.snapshot.SigningKeys;
import org.rait.registry.snapshot.SnapshotPublisher;
import org.rait.registry.snapshot.SnapshotRenewal;
import org.rait.registry.store.RegistryStore;
import org.rait.registry.tls.PemFiles;
import org.rait.registry.tls.TlsIdentity;
import org.rait.snapshot.MinisignSecretKey;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The running registry: HTTPS server (Jetty), store, publication and renewal, wired from a config. */
public final class RegistryServer implements AutoCloseable {
    /** Jetty's own threads besides the handlers: the connector's acceptor and selectors, a spare. */
    private static final int JETTY_THREADS = HttpsConnector.THREADS + 1;
    /** Requests that wait for a handler thread beyond this are refused instead of queued without end. */
    private static final int MAX_QUEUED = 1024;
    /** One per process: every registry in it writes its request lines through the same batches. */
    private static final AccessLog ACCESS_LOG = new AccessLog(new EventLog(
            new PrintStream(CompleteLines.stderr(), false, StandardCharsets.UTF_8), false));
    private final Server server;
    private final ServerConnector connector;
    private final RegistryStore store;
    private final Publication publication;
    private final SnapshotRenewal renewal;
    private final MinisignSecretKey signingKey;
    private final TlsIdentity tls;
    private final Router router;

    private RegistryServer(Server server, ServerConnector connector, RegistryStore store, Publication publication,
                           SnapshotRenewal renewal, MinisignSecretKey signingKey, TlsIdentity tls, Router router) {
        this.server = server;
        this.connector = connector;
        this.store = store;
        this.publication = publication;
        this.renewal = renewal;
        this.signingKey = signingKey;
        this.tls = tls;
        this.router = router;
    }

    public static RegistryServer start(RegistryConfig config, Clock clock) throws IOException, GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        DataDirectory data = DataDirectory.open(config.dataDir());
        boolean signingKeyGenerated = !data.hasSigningKey();
        MinisignSecretKey signingKey = data.signingKey(random);
        RegistrationKey registrationKey = data.registrationKey(random);
        TlsIdentity tls = config.tlsCertificate().isPresent()
                ? PemFiles.read(config.tlsCertificate().get(), config.tlsPrivateKey().orElseThrow())
                : data.selfSignedTls(config.tlsNames(), random);
        RegistryStore store = RegistryStore.open(config.databaseOrDataDirFile());
        Server server = null;
        Publication publication = null;
        try {
            Optional<MirrorDirectory> mirror = config.mirrorDir().map(MirrorDirectory::new);
            SnapshotPublisher publisher = new SnapshotPublisher(signingKey, config.snapshotValidity(), clock,
                    snapshot -> mirror.ifPresent(m -> m.write(snapshot)));
            publication = Publication.batched(store, publisher, config.publishWindow());
            SnapshotRenewal renewal = new SnapshotRenewal(store, publication, config.snapshotRenewBefore());
            try {
                store.transaction(tx -> {
                    SigningKeys.admit(tx, signingKey.keyId(), signingKeyGenerated, clock.instant());
                    return null;
                });
            } catch (SigningKeyConflict e) {
                if (signingKeyGenerated) data.forgetGeneratedSigningKey();
                throw e;
            }
            renewal.loadAtStart();

            AdminTokens adminTokens = new AdminTokens(store, clock);
            Curation curation = new Curation(store, publication, clock);
            MeshHealth health = new MeshHealth(store, clock);
            RegistryMetrics metrics = new RegistryMetrics(store, health, publisher, clock);
            Router router = new Router(config.maxBodyBytes()).observe(metrics::request)
                    .add(new SnapshotApi(publisher))
                    .add(new RegistrationApi(registrationKey, signingKey.publicKey(),
                            new SelfRegistration(store, registrationKey, publication, config.clockWindow(), clock)))
                    .add(new AdminApi(adminTokens, curation, health))
                    .add(new HealthApi(new NodeReports(store, new ProofCheck(registrationKey, config.clockWindow()), clock, EventLog.stderr()),
                            health, adminTokens, store, signingKey, metrics))
                    .add(new AdminUi(adminTokens, curation, health, new Sessions(clock), EventLog.stderr()))
                    .add(new ApiDocument());

            int threads = config.threads() + JETTY_THREADS;
            QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(threads, 4), 60_000,
                    new BlockingArrayQueue<>(threads, threads, MAX_QUEUED));
            pool.setName("registry-http");
            server = new Server(pool);
            ServerConnector connector = HttpsConnector.create(server, config.listen(), tls, config.httpTimeouts());
            server.addConnector(connector);
            server.setHandler(router);
            server.setRequestLog(ACCESS_LOG);
            server.setErrorHandler(new JsonErrors());
            server.setStopTimeout(5_000);
            start(server, config);
            renewal.schedule();
            RegistryServer running = new RegistryServer(server, connector, store, publication, renewal, signingKey, tls, router);
            EventLog.stderr().info("listening", "address", running.address(), "key_id", signingKey.keyId(), "pin", tls.pin(),
                    "threads", config.threads(), "idle_timeout_s", config.httpTimeouts().idle().toSeconds(),
                    "header_timeout_s", config.httpTimeouts().header().toSeconds());
            return running;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            stop(server);
            if (publication != null) publication.close();
            store.close();
            throw e;
        }
    }

    private static void start(Server server, RegistryConfig config) throws IOException {
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot start the HTTPS server on " + config.listen() + ": " + e.getMessage(), e);
        }
    }

    private static void stop(Server server) {
        if (server == null) return;
        try {
            server.stop();
        } catch (Exception e) {
            EventLog.stderr().warn("http_stop_failed", "error", e.toString());
        }
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    public int port() {
        return connector.getLocalPort();
    }

    public MinisignSecretKey signingKey() {
        return signingKey;
    }

    public TlsIdentity tls() {
        return tls;
    }

    public List<Route> routes() {
        return router.routes();
    }

    public SnapshotRenewal renewal() {
        return renewal;
    }

    @Override
    public void close() {
        renewal.close();
        stop(server);
        publication.close();
        store.close();
    }
}
