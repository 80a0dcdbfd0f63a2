package org.rait.registry.http;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.rait.registry.config.HttpTimeouts;
import org.rait.registry.config.ListenAddress;
import org.rait.registry.tls.TlsIdentity;

import java.security.GeneralSecurityException;

/**
 * The registry's one listener: TLS 1.3 or 1.2 with the registry's certificate, then HTTP/2 when the
 * client offers h2 in ALPN (the JDK's own ALPN, nothing native) and HTTP/1.1 otherwise, with the
 * idle and header timeouts of {@link HttpTimeouts}.
 */
final class HttpsConnector {
    private static final int ACCEPT_QUEUE = 128;
    private static final int ACCEPTORS = 1;
    /**
     * The I/O threads, one per core of a small host: each runs TLS and answers snapshot polls for its
     * connections without handing them to another thread, as nginx's workers do.
     */
    private static final int SELECTORS = 2;
    /** The threads the connector keeps for itself. */
    static final int THREADS = ACCEPTORS + SELECTORS;

    private HttpsConnector() {
    }

    static ServerConnector create(Server server, ListenAddress listen, TlsIdentity tls, HttpTimeouts timeouts)
            throws GeneralSecurityException {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // A node key in standard base64 has '/' sent as %2F inside one path segment (see PathTemplate).
        http.setUriCompliance(UriCompliance.DEFAULT.with("rait", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Clients reach the registry by IP, by a name in the certificate or through a pin: the Host need not match SNI.
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);

        HttpConnectionFactory http1 = new HttpConnectionFactory(http);
        HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(http);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
        alpn.setDefaultProtocol(http1.getProtocol());

        SslContextFactory.Server context = new SslContextFactory.Server();
        context.setSslContext(tls.sslContext());
        context.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        context.setCipherComparator(HTTP2Cipher.COMPARATOR);
        context.setRenegotiationAllowed(false);

        SslConnectionFactory tlsFactory = new SslConnectionFactory(context, alpn.getProtocol());
        // The JDK's AES-GCM is fastest on heap arrays; direct buffers cost a copy per record.
        tlsFactory.setDirectBuffersForEncryption(false);
        tlsFactory.setDirectBuffersForDecryption(false);
        ServerConnector connector = new ServerConnector(server, ACCEPTORS, SELECTORS, tlsFactory, alpn, http2, http1);
        connector.setHost(listen.host());
        connector.setPort(listen.port());
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        connector.setIdleTimeout(timeouts.idle().toMillis());
        connector.addBean(new HeaderDeadline(timeouts.header(), connector.getScheduler()));
        return connector;
    }
}
