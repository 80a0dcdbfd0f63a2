package org.rait.registry.http;

import org.rait.registration.ProofHeaders;
import org.rait.registration.RegistrationKey;
import org.rait.registration.RequestProof;
import org.rait.registry.Refusal;
import org.rait.registry.nodes.NodeEntry;
import org.rait.registry.nodes.SelfRegistration;
import org.rait.registry.snapshot.PublishedSnapshot;
import org.rait.snapshot.MinisignPublicKey;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** What nodes call: the registration key, the signing key, and registering themselves. */
final class RegistrationApi implements RouteGroup {
    private final RegistrationKey registrationKey;
    private final MinisignPublicKey signingKey;
    private final SelfRegistration registration;

    RegistrationApi(RegistrationKey registrationKey, MinisignPublicKey signingKey, SelfRegistration registration) {
        this.registrationKey = registrationKey;
        this.signingKey = signingKey;
        this.registration = registration;
    }

    @Override
    public void routes(Router router) {
        router.add("GET", "/v1/registration-key", r -> r.respondJson(200, new Bodies.RegistrationKeyBody(registrationKey.publicKey().base64())))
                .add("GET", "/v1/signing-key", r -> r.respond(200, "text/plain; charset=utf-8",
                        signingKey.renderFile().getBytes(StandardCharsets.UTF_8)))
                .add("POST", "/v1/nodes", this::register);
    }

    private void register(Request request) throws Exception {
        RequestProof proof;
        try {
            proof = RequestProof.fromHeaders(request.header(ProofHeaders.KEY).orElse(null),
                    request.header(ProofHeaders.TIMESTAMP).orElse(null), request.header(ProofHeaders.PROOF).orElse(null));
        } catch (IllegalArgumentException e) {
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, "registration needs a proof of key: " + e.getMessage());
        }
        byte[] body = request.body();
        Bodies.RegistrationBody parsed = request.json(Bodies.RegistrationBody.class);
        NodeEntry entry = NodeEntry.validated(parsed.name(), Bodies.endpoints(parsed.endpoints()));
        SelfRegistration.Outcome outcome = registration.register(proof, request.method(), request.rawPathAndQuery(), body, entry,
                Optional.ofNullable(parsed.enrollmentToken()));
        request.respondJson(outcome.created() ? 201 : 200, new Bodies.RegistrationResult(Bodies.NodeBody.of(outcome.node()),
                outcome.created(), outcome.snapshot().map(PublishedSnapshot::serial).orElse(null)));
    }
}
