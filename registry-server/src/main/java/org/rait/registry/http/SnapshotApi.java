package org.rait.registry.http;

import org.eclipse.jetty.http.HttpHeader;
import org.rait.registry.Refusal;
import org.rait.registry.snapshot.PublishedSnapshot;
import org.rait.registry.snapshot.SnapshotPublisher;
import org.rait.snapshot.SnapshotFormat;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * GET /peers.conf and /peers.conf.minisig. Both carry X-Rait-Serial so a client can tell whether a
 * body and a signature belong together; strong ETags make polling a 304 when nothing changed. The
 * four answers of a snapshot are made once, by the first request that sees it.
 */
final class SnapshotApi implements RouteGroup {
    static final String SERIAL_HEADER = "X-Rait-Serial";
    private final SnapshotPublisher publisher;
    private final AtomicReference<SnapshotAnswers> answers = new AtomicReference<>();

    SnapshotApi(SnapshotPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void routes(Router router) {
        router.addFromMemory("GET", "/peers.conf", r -> send(r, answers().body(format(r))))
                .addFromMemory("GET", "/peers.conf.minisig", r -> send(r, answers().signature(format(r))));
    }

    private SnapshotAnswers answers() {
        PublishedSnapshot current = publisher.current();
        SnapshotAnswers cached = answers.get();
        if (cached != null && cached.snapshot() == current) return cached;
        // Two requests racing here both build the same answers; either result is right.
        SnapshotAnswers fresh = SnapshotAnswers.of(current);
        answers.set(fresh);
        return fresh;
    }

    private static void send(Request request, SnapshotAnswers.Answer answer) {
        if (request.header(HttpHeader.IF_NONE_MATCH).map(answer::matches).orElse(false)) {
            request.send(304, answer.notModifiedFields(), null);
        } else {
            request.send(200, answer.fields(), answer.content());
        }
    }

    /** ?format=block|toml wins; otherwise Accept: application/toml asks for TOML; the default is block. */
    private static SnapshotFormat format(Request request) {
        if (request.query("format").isPresent()) {
            try {
                return SnapshotFormat.fromWord(request.query("format").get());
            } catch (IllegalArgumentException e) {
                throw new Refusal(Refusal.Kind.INVALID, "query parameter format: " + e.getMessage());
            }
        }
        String accept = request.header(HttpHeader.ACCEPT).orElse("").toLowerCase(Locale.ROOT);
        return accept.contains("application/toml") ? SnapshotFormat.TOML : SnapshotFormat.BLOCK;
    }
}
