package org.rait.registry;

import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
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
    void aWrongTokenIsRefusedAndNoPageButTheSignInShowsWithoutASession() throws Exception {
        try (Response refused = post("/ui/login", null, new FormBody.Builder().add("token", "rait-admin-wrong").build())) {
            assertEquals(401, refused.code());
            assertEquals(null, refused.header("Set-Cookie"));
        }
        assertTrue(get("/ui/", null).contains("id=\"sign-in\""));
        try (Response matrix = browser.newCall(new Request.Builder().url(registry.url("/ui/matrix")).build()).execute()) {
            assertEquals(401, matrix.code());
        }
    }

    @Test
    void assetsComeFromTheJarAndThePageLoadsNothingFromElsewhere() throws Exception {
        String page = get("/ui/", signIn());
        assertTrue(get("/ui/assets/ui.js", null).contains("setInterval"));
        assertTrue(get("/ui/assets/ui.css", null).contains("hs-fresh"));
        assertFalse(page.contains("http://") || page.contains("https://"), "no absolute URLs in the page");
    }

    private String signIn() throws Exception {
        try (Response response = post("/ui/login", null, new FormBody.Builder().add("token", registry.adminToken).build())) {
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
