package org.rait.registration;

import okhttp3.OkHttpClient;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A pin on the registry's TLS key, in the form okhttp's CertificatePinner uses: "sha256/" + base64
 * of the SHA-256 of the certificate's SubjectPublicKeyInfo. A pinned client trusts exactly the
 * certificate that carries this key, which is what makes a self-signed registry certificate usable.
 */
public final class CertificatePin {
    private static final String PREFIX = "sha256/";
    private final byte[] spkiSha256;

    private CertificatePin(byte[] spkiSha256) {
        this.spkiSha256 = spkiSha256;
    }

    public static CertificatePin parse(String text) {
        String value = text.strip();
        if (!value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a certificate pin looks like sha256/BASE64, got '" + text + "'");
        }
        byte[] hash;
        try {
            hash = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("certificate pin '" + text + "' is not valid base64 after sha256/");
        }
        if (hash.length != 32) {
            throw new IllegalArgumentException("certificate pin '" + text + "' decodes to " + hash.length + " bytes, expected 32");
        }
        return new CertificatePin(hash);
    }

    public static CertificatePin of(X509Certificate certificate) {
        return new CertificatePin(sha256(certificate.getPublicKey().getEncoded()));
    }

    /** SHA-256 of the whole certificate, hex with colons, as `openssl x509 -fingerprint -sha256` prints it. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256(certificate.getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    public String render() {
        return PREFIX + Base64.getEncoder().encodeToString(spkiSha256);
    }

    public boolean matches(X509Certificate certificate) {
        return MessageDigest.isEqual(spkiSha256, sha256(certificate.getPublicKey().getEncoded()));
    }

    /** Trusts a server whose leaf certificate carries the pinned key and is within its validity. */
    public X509TrustManager trustManager() {
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("a pinned registry client does not accept client certificates");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                if (chain == null || chain.length == 0) {
                    throw new CertificateException("the server sent no certificate");
                }
                if (!matches(chain[0])) {
                    throw new CertificateException("the server certificate's key is " + of(chain[0]).render()
                            + ", not the pinned " + render());
                }
                chain[0].checkValidity();
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }

    /**
     * Makes the client trust exactly the pinned key. The host name is not checked against the
     * certificate: the pin already names the one key we accept, and a registry reached by an address
     * that is not among its certificate's names is still the pinned registry.
     */
    public OkHttpClient.Builder applyTo(OkHttpClient.Builder builder) {
        X509TrustManager trustManager = trustManager();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new X509TrustManager[]{trustManager}, null);
            return builder.sslSocketFactory(context.getSocketFactory(), trustManager).hostnameVerifier((host, session) -> true);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this Java runtime", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificatePin p && Arrays.equals(spkiSha256, p.spkiSha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(spkiSha256);
    }

    @Override
    public String toString() {
        return render();
    }
}
