package org.rait.registration;

import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.rait.keys.WgKey;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestProofTest {
    private static final byte[] BODY = "{\"name\":\"a\"}".getBytes(StandardCharsets.UTF_8);
    private final SecureRandom random = new SecureRandom();
    private final RegistrationKey registry = RegistrationKey.generate(random);
    private final NodeProver node = new NodeProver(newPrivateKey());

    @Test
    void theRegistryAcceptsAProofMadeWithTheNodesPrivateKey() {
        RequestProof proof = node.prove(registry.publicKey(), "POST", "/v1/nodes", 1000, BODY);

        assertTrue(registry.verifies(proof, "POST", "/v1/nodes", BODY));
    }

    @Test
    void aProofMadeWithAnotherPrivateKeyButClaimingThisNodesKeyFails() {
        RequestProof forged = new NodeProver(newPrivateKey()).prove(registry.publicKey(), "POST", "/v1/nodes", 1000, BODY);
        RequestProof claimed = new RequestProof(node.publicKey(), forged.timestamp(), forged.mac());

        assertFalse(registry.verifies(claimed, "POST", "/v1/nodes", BODY));
    }

    @Test
    void aProofForAnotherRegistryFails() {
        RequestProof proof = node.prove(RegistrationKey.generate(random).publicKey(), "POST", "/v1/nodes", 1000, BODY);

        assertFalse(registry.verifies(proof, "POST", "/v1/nodes", BODY));
    }

    @Test
    void everyCoveredPartOfTheRequestIsBound() {
        RequestProof proof = node.prove(registry.publicKey(), "POST", "/v1/nodes", 1000, BODY);

        assertFalse(registry.verifies(proof, "PUT", "/v1/nodes", BODY));
        assertFalse(registry.verifies(proof, "POST", "/v1/nodes?x=1", BODY));
        assertFalse(registry.verifies(new RequestProof(proof.nodeKey(), 1001, proof.mac()), "POST", "/v1/nodes", BODY));
        assertFalse(registry.verifies(proof, "POST", "/v1/nodes", "{\"name\":\"b\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aLowOrderPublicKeyIsRefusedNotAccepted() {
        RequestProof zero = new RequestProof(WgKey.of(new byte[32]), 1000, new byte[32]);

        assertFalse(registry.verifies(zero, "POST", "/v1/nodes", BODY));
    }

    @Test
    void headersRoundTrip() {
        RequestProof proof = node.prove(registry.publicKey(), "POST", "/v1/nodes", 1000, BODY);
        var h = proof.headers();

        assertEquals(proof, RequestProof.fromHeaders(h.get(ProofHeaders.KEY), h.get(ProofHeaders.TIMESTAMP), h.get(ProofHeaders.PROOF)));
    }

    @Test
    void aMissingHeaderIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RequestProof.fromHeaders(node.publicKey().base64(), null, "AAAA"));

        assertEquals("header X-Rait-Timestamp is missing", e.getMessage());
    }

    @Test
    void theNodePublicKeyIsTheWireGuardPublicKeyOfItsPrivateKey() {
        // Test vector from RFC 7748 section 6.1 (Alice).
        WgKey alicePrivate = WgKey.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");

        assertEquals("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
                new NodeProver(alicePrivate).publicKey().hex());
    }

    private WgKey newPrivateKey() {
        return WgKey.of(new X25519PrivateKeyParameters(random).getEncoded());
    }
}
