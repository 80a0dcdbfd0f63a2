package org.rait.registry.http;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.rait.log.EventLog;
import org.rait.registration.RegistrationKey;
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
import org.rait.registry.snapshot.SnapshotPublisher;
import org.rait.registry.snapshot.SnapshotRenewal;
import org.rait.registry.store.RegistryStore;
import org.rait.registry.tls.PemFiles;
import org.rait.registry.tls.TlsIdentity;
import org.rait.snapshot.MinisignSecretKey;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The running registry: HTTPS server, store, publisher and renewal, wired from a config. */
public final class RegistryServer implements AutoCloseable {
    private final HttpsServer server;
    private final ExecutorService executor;
    private final RegistryStore store;
    private final SnapshotRenewal renewal;
    private final MinisignSecretKey signingKey;
    private final TlsIdentity tls;
    private final Router router;

    private RegistryServer(HttpsServer server, ExecutorService executor, RegistryStore store, SnapshotRenewal renewal,
                           MinisignSecretKey signingKey, TlsIdentity tls, Router router) {
        this.server = server;
        this.executor = executor;
        this.store = store;
        this.renewal = renewal;
        this.signingKey = signingKey;
        this.tls = tls;
        this.router = router;
    }

    public static RegistryServer start(RegistryConfig config, Clock clock) throws IOException, GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        DataDirectory data = DataDirectory.open(config.dataDir());
        MinisignSecretKey signingKey = data.signingKey(random);
        RegistrationKey registrationKey = data.registrationKey(random);
        TlsIdentity tls = config.tlsCertificate().isPresent()
                ? PemFiles.read(config.tlsCertificate().get(), config.tlsPrivateKey().orElseThrow())
                : data.selfSignedTls(config.tlsNames(), random);
        RegistryStore store = RegistryStore.open(data.database());
        try {
            SnapshotPublisher publisher = new SnapshotPublisher(signingKey, config.snapshotValidity(), clock);
            SnapshotRenewal renewal = new SnapshotRenewal(store, publisher, config.snapshotRenewBefore());
            renewal.loadAtStart();

            Router router = new Router(config.maxBodyBytes());
            new SnapshotApi(publisher).routes(router);
            new RegistrationApi(registrationKey, signingKey.publicKey(),
                    new SelfRegistration(store, registrationKey, publisher, config.clockWindow(), clock)).routes(router);
            AdminTokens adminTokens = new AdminTokens(store, clock);
            Curation curation = new Curation(store, publisher, clock);
            MeshHealth health = new MeshHealth(store, clock);
            new AdminApi(adminTokens, curation, health).routes(router);
            new HealthApi(new NodeReports(store, new ProofCheck(registrationKey, config.clockWindow()), clock, EventLog.stderr()), health,
                    adminTokens, store, signingKey, new RegistryMetrics(store, health, publisher, clock)).routes(router);
            new AdminUi(adminTokens, curation, health, new Sessions(clock), EventLog.stderr()).routes(router);

            HttpsServer server = HttpsServer.create(config.listen().socketAddress(), 128);
            SSLContext context = tls.sslContext();
            server.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = context.getDefaultSSLParameters();
                    parameters.setProtocols(new String[]{"TLSv1.3", "TLSv1.2"});
                    params.setSSLParameters(parameters);
                }
            });
            server.createContext("/", router);
            ExecutorService executor = Executors.newFixedThreadPool(config.threads());
            server.setExecutor(executor);
            server.start();
            renewal.schedule();
            RegistryServer running = new RegistryServer(server, executor, store, renewal, signingKey, tls, router);
            EventLog.stderr().info("listening", "address", running.address(), "key_id", signingKey.keyId(), "pin", tls.pin());
            return running;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
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
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
