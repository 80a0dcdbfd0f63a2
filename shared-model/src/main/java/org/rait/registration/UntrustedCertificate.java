package org.rait.registration;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A registry whose certificate the system's CAs do not vouch for (typically the self-signed one `rait-registry serve`
 * makes) is refused by TLS with a PKIX trace that tells an operator nothing. This turns it into what to do, with
 * the pin the server shows, to be checked against the one the registry printed before it is trusted.
 */
public final class UntrustedCertificate {
    private static final int TIMEOUT_MILLIS = 5000;

    private UntrustedCertificate() {
    }

    /** Advice when {@code failure} is a certificate no CA here vouches for; empty for any other failure. */
    public static Optional<String> advice(String url, IOException failure) {
        if (!untrustedByCas(failure)) return Optional.empty();
        Optional<String> pin = shownPin(URI.create(url));
        return Optional.of("the registry's certificate is not signed by a CA this machine trusts (a self-signed registry?). "
                + pin.map(p -> "It shows the pin " + p + ": if that is the pin `rait-registry serve` printed (journalctl -u"
                        + " rait-registry | grep 'certificate pin'), give --tls-pin " + p + " (agent.tls_pin in rait.conf for the agent)")
                        .orElse("Give the pin `rait-registry serve` printed with --tls-pin sha256/... (agent.tls_pin in rait.conf)"));
    }

    /** Only the system trust store saying no: a pinned client's own refusal names the pins already. */
    static boolean untrustedByCas(Throwable failure) {
        boolean handshake = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException) handshake = true;
            if (handshake && (t instanceof CertPathValidatorException
                    || t.getClass().getName().endsWith("SunCertPathBuilderException"))) return true;
        }
        return false;
    }

    /** The pin of the certificate the server presents; the handshake only reads it, nothing is sent. */
    static Optional<String> shownPin(URI url) {
        String host = url.getHost();
        int port = url.getPort() == -1 ? 443 : url.getPort();
        if (host == null) return Optional.empty();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new ReadOnly()}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
                socket.setSoTimeout(TIMEOUT_MILLIS);
                if (!host.startsWith("[") && !Character.isDigit(host.charAt(0))) {
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setServerNames(List.of(new SNIHostName(host)));
                    socket.setSSLParameters(parameters);
                }
                socket.startHandshake();
                Certificate[] chain = socket.getSession().getPeerCertificates();
                return chain.length > 0 && chain[0] instanceof X509Certificate leaf
                        ? Optional.of(CertificatePin.of(leaf).render()) : Optional.empty();
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Accepts any certificate: used only to read the one the server shows, never to talk to it. */
    private static final class ReadOnly implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("not a server");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Read, not trusted: the caller only computes the pin.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
