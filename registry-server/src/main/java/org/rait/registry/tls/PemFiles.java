package org.rait.registry.tls;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the PEM certificate and key files of a {@link TlsIdentity}. */
public final class PemFiles {
    private PemFiles() {
    }

    /** @throws IOException naming the file and what is wrong with it */
    public static TlsIdentity read(Path certificateFile, Path keyFile) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(certificateFile)))) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (CertificateException e) {
            throw new IOException(certificateFile + ": not a usable certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException(certificateFile + ": no PEM certificate (BEGIN CERTIFICATE) found");
        }
        return new TlsIdentity(chain, readKey(keyFile));
    }

    private static PrivateKey readKey(Path keyFile) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(keyFile)))) {
            Object item = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (item instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (item instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException(keyFile + ": no unencrypted PEM private key found (PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY)");
        }
    }

    public static String certificates(List<X509Certificate> chain) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : chain) {
                writer.writeObject(certificate);
            }
        }
        return out.toString();
    }

    public static String privateKey(PrivateKey key) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
        }
        return out.toString();
    }
}
