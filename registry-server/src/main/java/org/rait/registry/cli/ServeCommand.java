package org.rait.registry.cli;

import org.rait.registration.CertificatePin;
import org.rait.configfile.ConfigException;
import org.rait.registry.config.ListenAddress;
import org.rait.registry.config.RegistryConfig;
import org.rait.registry.config.RegistryConfigFile;
import org.rait.registry.http.RegistryServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.rait.registry.snapshot.SigningKeyConflict;
import org.rait.registry.store.StoreException;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the registry: HTTPS API, signed peers.conf. Creates keys and a certificate on first start.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "TOML config file (command-line options override it)")
    Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "database and keys (default: /var/lib/rait-registry)")
    Path dataDir;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "address to listen on (default: 127.0.0.1:8443)")
    String listen;

    @Override
    public Integer call() throws Exception {
        RegistryConfig config;
        try {
            config = configFile == null ? RegistryConfig.defaults() : RegistryConfigFile.read(configFile);
            if (dataDir != null) config = config.withDataDir(dataDir);
            if (listen != null) config = config.withListen(ListenAddress.parse(listen));
        } catch (ConfigException e) {
            // One problem a line, file:line:column first, as rait prints rait.conf's.
            System.err.println(e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("rait-registry: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        RegistryServer server;
        try {
            server = RegistryServer.start(config, Clock.systemUTC());
        } catch (IOException | GeneralSecurityException | StoreException | SigningKeyConflict e) {
            System.err.println("rait-registry: cannot start on " + config.listen() + " with data directory " + config.dataDir()
                    + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("rait-registry listening on https://" + new ListenAddress(config.listen().host(), server.port()));
        System.out.println("minisign public key: " + server.signingKey().publicKey().render()
                + " (file: " + config.dataDir().resolve("minisign.pub") + ")");
        System.out.println("certificate pin: " + server.tls().pin().render());
        System.out.println("certificate sha256 fingerprint: " + CertificatePin.fingerprint(server.tls().leaf()));
        System.out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
