package org.rait.wireguard;

import org.junit.jupiter.api.Test;
import org.rait.config.Backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendChoiceTest {
    @Test
    void autoPrefersTheKernel() {
        assertEquals(Backend.KERNEL, new BackendChoice(true, true).choose(Backend.AUTO));
    }

    @Test
    void autoFallsBackToWireguardGo() {
        assertEquals(Backend.USERSPACE, new BackendChoice(false, true).choose(Backend.AUTO));
    }

    @Test
    void autoWithNeitherSaysWhatToInstall() {
        WireGuardException e = assertThrows(WireGuardException.class, () -> new BackendChoice(false, false).choose(Backend.AUTO));
        assertTrue(e.getMessage().contains("install wireguard-go"), e.getMessage());
    }

    @Test
    void anExplicitBackendThatIsMissingIsAnErrorNotAFallback() {
        assertThrows(WireGuardException.class, () -> new BackendChoice(false, true).choose(Backend.KERNEL));
        assertThrows(WireGuardException.class, () -> new BackendChoice(true, false).choose(Backend.USERSPACE));
    }
}
