package org.rait.registry.tls;

import org.rait.registration.CertificatePin;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** The certificate chain and key the HTTPS server presents. */
public record TlsIdentity(List<X509Certificate> chain, PrivateKey privateKey) {
    public TlsIdentity {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a TLS identity needs at least one certificate");
        }
        chain = List.copyOf(chain);
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    public CertificatePin pin() {
        return CertificatePin.of(leaf());
    }

    public SSLContext sslContext() throws GeneralSecurityException {
        char[] password = new char[0];
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try {
            keyStore.load(null, password);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot create an in-memory key store", e);
        }
        keyStore.setKeyEntry("registry", privateKey, password, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }
}
