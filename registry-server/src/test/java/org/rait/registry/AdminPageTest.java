package org.rait.registry;

import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin page over HTTPS without a browser: the session cookie's flags, CSRF, and where the token goes. */
class AdminPageTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path dir;
    RunningRegistry registry;
    OkHttpClient browser;
    TestNode node = new TestNode("india", 50650);

    @BeforeEach
    void aPendingNode() throws Exception {
        registry = RunningRegistry.start(dir.resolve("data"));
        try (Response response = node.register(registry, registry.registrationKey(), null)) {
            assertEquals(201, response.code());
        }
        browser = registry.http.newBuilder().followRedirects(false).build();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void signingInSetsAnHttpOnlySecureStrictSessionCookieAndThePageListsThePendingNode() throws Exception {
        String cookie = signIn();

        assertTrue(cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("SameSite=Strict"), cookie);
        String page = get("/ui/", cookie);
        assertTrue(page.contains("id=\"pending\"") && page.contains(node.key().base64()), page);
        assertFalse(page.contains(registry.adminToken), "the admin token is never echoed");
    }

    @Test
    void aChangeWithoutTheSessionsCsrfTokenIsRefusedAndOneWithItIsDone() throws Exception {
        String cookie = signIn();
        String csrf = csrfOf(get("/ui/", cookie));

        try (Response refused = post("/ui/nodes/approve", cookie, new FormBody.Builder().add("key", node.key().base64()).build())) {
            assertEquals(403, refused.code());
        }
        try (Response wrong = post("/ui/nodes/approve", cookie, new FormBody.Builder().add("key", node.key().base64())
                .add("csrf", csrf + "x").build())) {
            assertEquals(403, wrong.code());
        }
        assertEquals("pending", registry.adminJson("GET", "/v1/admin/nodes/" + RunningRegistry.keyPath(node.key()), null).get("state").asText());
        try (Response done = post("/ui/nodes/approve", cookie, new FormBody.Builder().add("key", node.key().base64()).add("csrf", csrf).build())) {
            assertEquals(303, done.code());
        }
        assertEquals("approved", registry.adminJson("GET", "/v1/admin/nodes/" + RunningRegistry.keyPath(node.key()), null).get("state").asText());
    }

    @Test
    void anApprovedNodesEndpointsAreEditedInThePageThroughTheCurationTheApiUsesAuditedAndABadOneIsShownAndChangesNothing() throws Exception {
        registry.adminJson("POST", "/v1/admin/nodes/" + RunningRegistry.keyPath(node.key()) + "/approve", null);
        String cookie = signIn();
        String page = get("/ui/", cookie);
        String csrf = csrfOf(page);
        assertTrue(page.contains("name=\"endpoints\" value=\"ip4:50650"), "the edit form shows the endpoints as they are:\n" + page);

        try (Response bad = post("/ui/nodes/edit", cookie, new FormBody.Builder().add("csrf", csrf).add("key", node.key().base64())
                .add("name", "india").add("endpoints", "ip4:50651:192.0.2.7, ip5:50652").build())) {
            assertEquals(400, bad.code());
            String shown = bad.body().string();
            assertTrue(shown.contains("id=\"problem\">endpoints[1].address_family: address_family must be &quot;ip4&quot; or &quot;ip6&quot;"),
                    "the API's own words, naming the field:\n" + shown);
        }
        try (Response bad = post("/ui/nodes/edit", cookie, new FormBody.Builder().add("csrf", csrf).add("key", node.key().base64())
                .add("name", "india").add("endpoints", "ip4:port").build())) {
            assertEquals(400, bad.code());
            assertTrue(bad.body().string().contains("endpoints: &#39;ip4:port&#39;: the port must be a number"));
        }
        try (Response forged = post("/ui/nodes/edit", cookie, new FormBody.Builder().add("key", node.key().base64())
                .add("name", "india").add("endpoints", "ip4:50651:192.0.2.7").build())) {
            assertEquals(403, forged.code(), "an edit without the CSRF token");
        }
        String path = "/v1/admin/nodes/" + RunningRegistry.keyPath(node.key());
        assertEquals(50650, registry.adminJson("GET", path, null).get("endpoints").get(0).get("send_port").asInt(), "nothing changed yet");

        try (Response done = post("/ui/nodes/edit", cookie, new FormBody.Builder().add("csrf", csrf).add("key", node.key().base64())
                .add("name", "india2").add("endpoints", "ip4:50651:192.0.2.7,\nip6:50652:[2001:db8::7]").build())) {
            assertEquals(303, done.code());
        }
        JsonNode edited = registry.adminJson("GET", path, null);
        assertEquals("india2", edited.get("name").asText());
        assertEquals("[{\"address_family\":\"ip4\",\"send_port\":50651,\"address\":\"192.0.2.7\"},"
                + "{\"address_family\":\"ip6\",\"send_port\":50652,\"address\":\"2001:db8::7\"}]", edited.get("endpoints").toString());
        JsonNode latest = registry.adminJson("GET", "/v1/admin/audit?limit=1", null).get(0);
        assertEquals("edit", latest.get("action").asText());
        assertTrue(latest.get("actor").asText().startsWith("admin:admin-"), "the signed-in admin: " + latest);
        assertTrue(latest.get("detail").asText().contains("ip4:50651:192.0.2.7"), latest.toString());
    }

    @Test
    void aWrongTokenIsRefusedAndNoPageButTheSignInShowsWithoutASession() throws Exception {
        SignInForm form = signInForm();
        try (Response refused = post("/ui/login", form.cookie(), form.with("rait-admin-wrong"))) {
            assertEquals(401, refused.code());
            assertFalse(String.valueOf(refused.header("Set-Cookie")).startsWith("rait_session="), refused.header("Set-Cookie"));
        }
        assertTrue(get("/ui/", null).contains("id=\"sign-in\""));
        try (Response matrix = browser.newCall(new Request.Builder().url(registry.url("/ui/matrix")).build()).execute()) {
            assertEquals(401, matrix.code());
        }
    }

    @Test
    void aSignInWithoutTheSignInFormsTokenIsRefusedEvenWithTheRightAdminToken() throws Exception {
        try (Response noForm = post("/ui/login", null, new FormBody.Builder().add("token", registry.adminToken).build())) {
            assertEquals(403, noForm.code(), "a sign-in posted from elsewhere (login CSRF)");
            assertFalse(String.valueOf(noForm.header("Set-Cookie")).startsWith("rait_session="), noForm.header("Set-Cookie"));
            assertTrue(noForm.body().string().contains("did not come from this registry"));
        }
        SignInForm form = signInForm();
        try (Response noField = post("/ui/login", form.cookie(), new FormBody.Builder().add("token", registry.adminToken).build())) {
            assertEquals(403, noField.code(), "the form's cookie without its token");
        }
        SignInForm other = signInForm();
        try (Response noCookie = post("/ui/login", null, other.with(registry.adminToken))) {
            assertEquals(403, noCookie.code(), "the form's token without its cookie");
        }
        SignInForm used = signInForm();
        try (Response first = post("/ui/login", used.cookie(), used.with(registry.adminToken))) {
            assertEquals(303, first.code());
        }
        try (Response again = post("/ui/login", used.cookie(), used.with(registry.adminToken))) {
            assertEquals(403, again.code(), "a sign-in form counts once");
        }
    }

    @Test
    void aBrowserSendingEachCookieInAHeaderOfItsOwnAsOverHttp2IsStillSignedIn() throws Exception {
        String session = signIn();
        SignInForm form = signInForm();
        Request request = new Request.Builder().url(registry.url("/ui/"))
                .addHeader("Cookie", form.cookie().substring(0, form.cookie().indexOf(';')))
                .addHeader("Cookie", session.substring(0, session.indexOf(';'))).build();
        try (Response response = browser.newCall(request).execute()) {
            assertTrue(response.body().string().contains("id=\"matrix\""), "the page, not the sign-in form");
        }
    }

    @Test
    void assetsComeFromTheJarAndThePageLoadsNothingFromElsewhere() throws Exception {
        String page = get("/ui/", signIn());
        assertTrue(get("/ui/assets/ui.js", null).contains("setInterval"));
        assertTrue(get("/ui/assets/ui.css", null).contains("hs-fresh"));
        assertFalse(page.contains("http://") || page.contains("https://"), "no absolute URLs in the page");
    }

    /** The sign-in form as a browser gets it: its cookie (as Set-Cookie gave it) and the token in its hidden field. */
    private record SignInForm(String cookie, String csrf) {
        FormBody with(String adminToken) {
            return new FormBody.Builder().add("csrf", csrf).add("token", adminToken).build();
        }
    }

    private SignInForm signInForm() throws Exception {
        try (Response response = browser.newCall(new Request.Builder().url(registry.url("/ui/")).build()).execute()) {
            String cookie = response.header("Set-Cookie");
            assertTrue(cookie != null && cookie.startsWith("rait_sign_in=") && cookie.contains("HttpOnly") && cookie.contains("Secure")
                    && cookie.contains("SameSite=Strict"), String.valueOf(cookie));
            return new SignInForm(cookie, csrfOf(response.body().string()));
        }
    }

    private String signIn() throws Exception {
        SignInForm form = signInForm();
        try (Response response = post("/ui/login", form.cookie(), form.with(registry.adminToken))) {
            assertEquals(303, response.code());
            assertEquals("/ui/", response.header("Location"));
            String cookie = response.header("Set-Cookie");
            assertTrue(cookie != null && cookie.startsWith("rait_session="), String.valueOf(cookie));
            return cookie;
        }
    }

    private String get(String path, String cookie) throws Exception {
        Request.Builder request = new Request.Builder().url(registry.url(path));
        if (cookie != null) request.header("Cookie", cookie.substring(0, cookie.indexOf(';')));
        try (Response response = browser.newCall(request.build()).execute()) {
            return response.body().string();
        }
    }

    private Response post(String path, String cookie, FormBody form) throws Exception {
        Request.Builder request = new Request.Builder().url(registry.url(path)).post(form);
        if (cookie != null) request.header("Cookie", cookie.substring(0, cookie.indexOf(';')));
        return browser.newCall(request.build()).execute();
    }

    private static String csrfOf(String page) {
        Matcher m = CSRF.matcher(page);
        assertTrue(m.find(), page);
        return m.group(1);
    }
}
