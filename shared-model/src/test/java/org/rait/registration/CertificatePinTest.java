package org.rait.registration;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CertificatePinTest {
    private static final String PIN = "sha256/4P80zTZK49l4QixpD7xViAZ9dJKVHJnGgW5nJn6x9WI=";

    @Test
    void renderGivesBackWhatWasParsed() {
        assertEquals(PIN, CertificatePin.parse(PIN).render());
        assertEquals(CertificatePin.parse(PIN), CertificatePin.parse(" " + PIN + "\n"));
    }

    @Test
    void aPinThatIsNotSha256OfThirtyTwoBytesIsRefusedWithTheReason() {
        assertEquals("a certificate pin looks like sha256/BASE64, got 'sha1/AAAA'",
                assertThrows(IllegalArgumentException.class, () -> CertificatePin.parse("sha1/AAAA")).getMessage());
        assertEquals("certificate pin 'sha256/AAAA' decodes to 3 bytes, expected 32",
                assertThrows(IllegalArgumentException.class, () -> CertificatePin.parse("sha256/AAAA")).getMessage());
        assertEquals("certificate pin 'sha256/%%' is not valid base64 after sha256/",
                assertThrows(IllegalArgumentException.class, () -> CertificatePin.parse("sha256/%%")).getMessage());
    }
}
