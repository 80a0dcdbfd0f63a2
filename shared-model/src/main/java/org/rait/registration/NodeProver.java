package org.rait.registration;

import org.rait.keys.WgKey;

/** The node side: proves requests with the node's WireGuard private key. */
public final class NodeProver {
    private final WgKey privateKey;
    private final WgKey publicKey;

    public NodeProver(WgKey privateKey) {
        this.privateKey = privateKey;
        this.publicKey = ProofKey.publicKeyOf(privateKey);
    }

    public WgKey publicKey() {
        return publicKey;
    }

    /** @param registryKey the registry's registration public key (GET /v1/registration-key) */
    public RequestProof prove(WgKey registryKey, String method, String path, long timestamp, byte[] body) {
        byte[] key = ProofKey.derive(privateKey, registryKey, publicKey, registryKey);
        return new RequestProof(publicKey, timestamp, ProofKey.mac(key, new ProvedRequest(method, path, timestamp, body)));
    }

    @Override
    public String toString() {
        return "NodeProver[" + publicKey + "]";
    }
}
