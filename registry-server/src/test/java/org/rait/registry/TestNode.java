package org.rait.registry;

import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.rait.keys.WgKey;
import org.rait.registration.NodeProver;
import org.rait.registration.RequestProof;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A node with its own WireGuard key that registers itself the way `rait register` does. */
final class TestNode {
    private static final SecureRandom RANDOM = new SecureRandom();
    final NodeProver prover;
    final String name;
    final int sendPort;

    TestNode(String name, int sendPort) {
        this.prover = new NodeProver(WgKey.of(new X25519PrivateKeyParameters(RANDOM).getEncoded()));
        this.name = name;
        this.sendPort = sendPort;
    }

    WgKey key() {
        return prover.publicKey();
    }

    byte[] body(String enrollmentToken) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("endpoints", List.of(Map.of("address_family", "ip4", "send_port", sendPort, "address", "192.0.2.1")));
        if (enrollmentToken != null) body.put("enrollment_token", enrollmentToken);
        return RunningRegistry.MAPPER.writeValueAsBytes(body);
    }

    RequestProof proof(WgKey registryKey, long timestamp, byte[] body) {
        return prover.prove(registryKey, "POST", "/v1/nodes", timestamp, body);
    }

    Response register(RunningRegistry registry, WgKey registryKey, String enrollmentToken) throws IOException {
        return sendProven(registry, registryKey, body(enrollmentToken));
    }

    /** Sends any body with this node's proof of it, made now: what a node sends, whatever the body says. */
    Response sendProven(RunningRegistry registry, WgKey registryKey, byte[] body) throws IOException {
        return send(registry, body, proof(registryKey, System.currentTimeMillis() / 1000, body));
    }

    static Response send(RunningRegistry registry, byte[] body, RequestProof proof) throws IOException {
        Request.Builder request = new Request.Builder().url(registry.url("/v1/nodes")).post(RequestBody.create(body, RunningRegistry.JSON));
        proof.headers().forEach(request::header);
        return registry.http.newCall(request.build()).execute();
    }
}
