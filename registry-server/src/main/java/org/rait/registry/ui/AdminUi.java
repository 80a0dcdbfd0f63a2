package org.rait.registry.ui;

import org.rait.keys.WgKey;
import org.rait.peers.Endpoint;
import org.rait.log.EventLog;
import org.rait.registry.Refusal;
import org.rait.registry.health.HealthBodies;
import org.rait.registry.health.MeshHealth;
import org.rait.registry.http.Bodies;
import org.rait.registry.http.EndpointSpelling;
import org.rait.registry.http.Request;
import org.rait.registry.http.RouteGroup;
import org.rait.registry.http.Router;
import org.rait.registry.nodes.Actor;
import org.rait.registry.nodes.AdminTokens;
import org.rait.registry.nodes.Curation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin web page under /ui/ on the registry's HTTPS port. Sign-in takes an admin token in a POST body (never a
 * URL, never logged) from the sign-in form this registry showed (its own CSRF token) and gives a session cookie; every change is a POST carrying the session's CSRF token, and
 * answers with a redirect back to the page (or the page with the refusal). Assets come from the jar.
 */
public final class AdminUi implements RouteGroup {
    private static final Map<String, String> ASSETS = Map.of("ui.css", "text/css; charset=utf-8", "ui.js", "text/javascript; charset=utf-8");
    private static final String SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private final AdminTokens adminTokens;
    private final Curation curation;
    private final MeshHealth health;
    private final Sessions sessions;
    private final EventLog log;

    public AdminUi(AdminTokens adminTokens, Curation curation, MeshHealth health, Sessions sessions, EventLog log) {
        this.adminTokens = adminTokens;
        this.curation = curation;
        this.health = health;
        this.sessions = sessions;
        this.log = log;
    }

    @Override
    public void routes(Router router) {
        router.add("GET", "/ui", r -> redirect(r, "/ui/"))
                .add("GET", "/ui/", this::page)
                .add("GET", "/ui/matrix", this::matrix)
                .add("GET", "/ui/assets/ui.css", r -> asset(r, "ui.css"))
                .add("GET", "/ui/assets/ui.js", r -> asset(r, "ui.js"))
                .add("POST", "/ui/login", this::login)
                .add("POST", "/ui/logout", r -> change(r, (s, f) -> {
                    sessions.close(s);
                    r.setHeader("Set-Cookie", Sessions.clearedCookie());
                    return Optional.empty();
                }))
                .add("POST", "/ui/nodes/approve", r -> change(r, (s, f) -> {
                    curation.approve(Actor.admin(s.admin()), key(f));
                    return Optional.empty();
                }))
                .add("POST", "/ui/nodes/reject", r -> change(r, (s, f) -> {
                    curation.reject(Actor.admin(s.admin()), key(f));
                    return Optional.empty();
                }))
                .add("POST", "/ui/nodes/revoke", r -> change(r, (s, f) -> {
                    curation.revoke(Actor.admin(s.admin()), key(f));
                    return Optional.empty();
                }))
                .add("POST", "/ui/nodes/edit", r -> change(r, (s, f) -> {
                    curation.edit(Actor.admin(s.admin()), key(f), Optional.of(f.required("name")), endpoints(f));
                    return Optional.empty();
                }))
                .add("POST", "/ui/enrollment-tokens", r -> change(r, (s, f) -> {
                    Curation.IssuedEnrollmentToken issued = curation.createEnrollmentToken(s.admin(), (int) f.number("uses", 1),
                            Duration.ofHours(f.number("hours", 24)), f.optional("note").orElse(""));
                    return Optional.of("New enrollment token (shown once): " + issued.token());
                }))
                .add("POST", "/ui/enrollment-tokens/delete", r -> change(r, (s, f) -> {
                    curation.deleteEnrollmentToken(Actor.admin(s.admin()), f.number("id", -1));
                    return Optional.empty();
                }));
    }

    /** One change by a signed-in admin; returns a notice for the page, or empty to redirect back to it. */
    @FunctionalInterface
    private interface Change {
        Optional<String> apply(Sessions.Session session, Form form);
    }

    private void page(Request r) throws IOException {
        Optional<Sessions.Session> session = sessions.find(r.cookies());
        if (session.isEmpty()) {
            signInPage(r, 200, Optional.empty());
            return;
        }
        html(r, 200, AdminPage.dashboard(session.get(), view(), Optional.empty(), Optional.empty()));
    }

    private void matrix(Request r) throws IOException {
        if (sessions.find(r.cookies()).isEmpty()) {
            html(r, 401, "<p class=\"error\">Signed out: reload the page.</p>");
            return;
        }
        html(r, 200, MatrixGrid.html(HealthBodies.MatrixBody.of(health.matrix())));
    }

    private void login(Request r) throws IOException {
        Form form = Form.parse(r.body());
        if (!sessions.signInFormMatches(r.cookies(), form.fields().get("csrf"))) {
            log.warn("ui_sign_in_refused", "reason", "no token of a sign-in form this registry showed");
            signInPage(r, 403, Optional.of("This sign-in did not come from this registry's sign-in form (or the form was too old): "
                    + "sign in again."));
            return;
        }
        String admin;
        try {
            admin = adminTokens.authenticate("Bearer " + form.optional("token").orElse(""));
        } catch (Refusal e) {
            log.warn("ui_sign_in_refused", "reason", "admin token not accepted");
            signInPage(r, 401, Optional.of("That admin token is not accepted."));
            return;
        }
        Sessions.Session session = sessions.open(admin);
        log.info("ui_signed_in", "admin", admin);
        r.setHeader("Set-Cookie", Sessions.cookie(session));
        redirect(r, "/ui/");
    }

    private void change(Request r, Change change) throws IOException {
        Optional<Sessions.Session> session = sessions.find(r.cookies());
        if (session.isEmpty()) {
            signInPage(r, 401, Optional.of("Signed out: sign in again."));
            return;
        }
        Form form = Form.parse(r.body());
        if (!session.get().csrfMatches(form.fields().get("csrf"))) {
            log.warn("ui_csrf_refused", "admin", session.get().admin());
            html(r, 403, Html.page("rait registry: refused", "<main class=\"narrow\"><p class=\"error\" id=\"problem\">"
                    + "This change did not carry the page's CSRF token and was refused. Reload the page and try again.</p>"
                    + "<p><a href=\"/ui/\">Back</a></p></main>"));
            return;
        }
        Optional<String> notice;
        try {
            notice = change.apply(session.get(), form);
        } catch (Refusal e) {
            html(r, Router.status(e.kind()), AdminPage.dashboard(session.get(), view(), Optional.empty(), Optional.of(e.getMessage())));
            return;
        }
        if (notice.isPresent()) {
            html(r, 200, AdminPage.dashboard(session.get(), view(), notice, Optional.empty()));
        } else {
            redirect(r, "/ui/");
        }
    }

    /** The sign-in form, with a new form token and the cookie that goes with it. */
    private void signInPage(Request r, int status, Optional<String> problem) throws IOException {
        Sessions.SignInForm form = sessions.signInForm();
        r.setHeader("Set-Cookie", Sessions.cookie(form));
        html(r, status, AdminPage.signIn(form, problem));
    }

    private static void asset(Request r, String file) throws IOException {
        try (InputStream in = AdminUi.class.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException("asset " + file + " is missing from the jar");
            r.setHeader("Cache-Control", "max-age=300");
            r.setHeader("X-Content-Type-Options", "nosniff");
            r.respond(200, ASSETS.get(file), in.readAllBytes());
        }
    }

    private AdminPage.View view() {
        return new AdminPage.View(health.statuses(), HealthBodies.MatrixBody.of(health.matrix()), curation.enrollmentTokens(),
                curation.audit(50), health.now());
    }

    private static WgKey key(Form form) {
        try {
            return WgKey.parseBase64(form.required("key"));
        } catch (IllegalArgumentException e) {
            throw new Refusal(Refusal.Kind.INVALID, "the form field 'key' is not a WireGuard public key: " + e.getMessage());
        }
    }

    /**
     * The form's endpoints, read as the admin API reads a JSON body's; empty (unchanged) when the form has no such
     * field, none when it is blank.
     */
    private static Optional<List<Endpoint>> endpoints(Form form) {
        String text = form.fields().get("endpoints");
        if (text == null) return Optional.empty();
        try {
            return Optional.of(Bodies.endpoints(EndpointSpelling.parseList(text)));
        } catch (IllegalArgumentException e) {
            throw new Refusal(Refusal.Kind.INVALID, "endpoints: " + e.getMessage() + " (FAMILY:PORT[:ADDRESS], comma-separated)");
        }
    }

    private static void html(Request r, int status, String html) throws IOException {
        r.setHeader("Content-Security-Policy", SECURITY_POLICY);
        r.setHeader("X-Content-Type-Options", "nosniff");
        r.setHeader("Referrer-Policy", "no-referrer");
        r.setHeader("Cache-Control", "no-store");
        r.respond(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private static void redirect(Request r, String location) throws IOException {
        r.setHeader("Location", location);
        r.setHeader("Cache-Control", "no-store");
        r.respondEmpty(303);
    }
}
