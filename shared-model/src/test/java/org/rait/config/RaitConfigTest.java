package org.rait.config;

import org.junit.jupiter.api.Test;
import org.rait.configfile.ConfigFiles;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RaitConfigTest {
    @Test
    void printingAConfigDoesNotGiveAwayThePrivateKey() throws Exception {
        RaitConfig config;
        try (InputStream seed = RaitConfigTest.class.getResourceAsStream("/seed/rait.conf")) {
            config = ConfigFiles.parseRaitConfig(seed.readAllBytes(), "seed/rait.conf");
        }

        String printed = config.toString();

        assertFalse(printed.contains(config.privateKey().base64()), printed);
        assertTrue(printed.contains("privateKey=(hidden)") && printed.contains("peers=/etc/rait/peers.conf"), printed);
    }
}
