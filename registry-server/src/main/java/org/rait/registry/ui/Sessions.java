package org.rait.registry.ui;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in admins of the web page, in memory (a restart signs everybody out): a random session id in an
 * HttpOnly, Secure, SameSite=Strict cookie, and per session a random CSRF token that every change must carry.
 * A session ends after {@link #IDLE} without a request, or {@link #LIFETIME} after sign-in.
 * <p>
 * The sign-in form has a token of its own (login CSRF: another site must not sign a browser in as an admin of its
 * choosing): showing the form hands out a random id in a cookie of the same kind and a random token in the form;
 * a sign-in counts only with both, once, within {@link #SIGN_IN_FORM_LIFETIME}.
 */
public final class Sessions {
    public static final String COOKIE = "rait_session";
    public static final String SIGN_IN_COOKIE = "rait_sign_in";
    static final Duration SIGN_IN_FORM_LIFETIME = Duration.ofMinutes(30);
    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration LIFETIME = Duration.ofHours(12);
    private static final int MAX_SESSIONS = 1000;

    /** @param admin the name of the admin token that signed in */
    public record Session(String id, String admin, String csrf, Instant started, Instant lastSeen) {
        /** Constant time, so that the token cannot be guessed byte by byte from timings. */
        public boolean csrfMatches(String presented) {
            return presented != null && MessageDigest.isEqual(csrf.getBytes(), presented.getBytes());
        }
    }

    /** A sign-in form handed out: the id its cookie carries and the token its hidden field carries. */
    public record SignInForm(String id, String csrf, Instant issued) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, SignInForm> signInForms = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    public Session open(String admin) {
        Instant now = clock.instant();
        expire(now);
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().stream().min(java.util.Comparator.comparing(Session::lastSeen)).ifPresent(s -> sessions.remove(s.id()));
        }
        Session session = new Session(secret(), admin, secret(), now, now);
        sessions.put(session.id(), session);
        return session;
    }

    /** A fresh sign-in form; the oldest one is dropped when {@value #MAX_SESSIONS} are open. */
    public SignInForm signInForm() {
        Instant now = clock.instant();
        signInForms.values().removeIf(f -> now.isAfter(f.issued().plus(SIGN_IN_FORM_LIFETIME)));
        if (signInForms.size() >= MAX_SESSIONS) {
            signInForms.values().stream().min(java.util.Comparator.comparing(SignInForm::issued)).ifPresent(f -> signInForms.remove(f.id()));
        }
        SignInForm form = new SignInForm(secret(), secret(), now);
        signInForms.put(form.id(), form);
        return form;
    }

    /**
     * Whether a sign-in post comes from a form this registry handed to this browser: the cookie names a live form
     * and the post carries its token. The form is used up either way.
     */
    public boolean signInFormMatches(Optional<String> cookieHeader, String presented) {
        Optional<SignInForm> form = cookieHeader.flatMap(h -> cookie(h, SIGN_IN_COOKIE)).map(signInForms::remove);
        return form.isPresent() && !clock.instant().isAfter(form.get().issued().plus(SIGN_IN_FORM_LIFETIME))
                && presented != null && MessageDigest.isEqual(form.get().csrf().getBytes(), presented.getBytes());
    }

    /** The live session the request's Cookie header names; touching it keeps it alive. */
    public Optional<Session> find(Optional<String> cookieHeader) {
        Optional<String> id = cookieHeader.flatMap(h -> cookie(h, COOKIE));
        if (id.isEmpty()) return Optional.empty();
        Instant now = clock.instant();
        Session session = sessions.get(id.get());
        if (session == null) return Optional.empty();
        if (expired(session, now)) {
            sessions.remove(session.id());
            return Optional.empty();
        }
        Session touched = new Session(session.id(), session.admin(), session.csrf(), session.started(), now);
        sessions.put(touched.id(), touched);
        return Optional.of(touched);
    }

    public void close(Session session) {
        sessions.remove(session.id());
    }

    /** The Set-Cookie value that hands the browser its session. */
    public static String cookie(Session session) {
        return COOKIE + "=" + session.id() + "; Path=/ui/; HttpOnly; Secure; SameSite=Strict";
    }

    /** The Set-Cookie value that removes it. */
    public static String clearedCookie() {
        return COOKIE + "=; Path=/ui/; HttpOnly; Secure; SameSite=Strict; Max-Age=0";
    }

    /** The Set-Cookie value that ties a sign-in form to the browser it was shown to. */
    public static String cookie(SignInForm form) {
        return SIGN_IN_COOKIE + "=" + form.id() + "; Path=/ui/; HttpOnly; Secure; SameSite=Strict; Max-Age="
                + SIGN_IN_FORM_LIFETIME.toSeconds();
    }

    private static Optional<String> cookie(String header, String name) {
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.startsWith(name + "=")) return Optional.of(p.substring(name.length() + 1)).filter(v -> !v.isEmpty());
        }
        return Optional.empty();
    }

    private void expire(Instant now) {
        for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
            if (expired(it.next(), now)) it.remove();
        }
    }

    private static boolean expired(Session s, Instant now) {
        return now.isAfter(s.lastSeen().plus(IDLE)) || now.isAfter(s.started().plus(LIFETIME));
    }

    private String secret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
