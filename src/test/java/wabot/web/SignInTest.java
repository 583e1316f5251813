package wabot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import wabot.testing.Browserless;
import wabot.testing.Harness;

/** Signing in to the pages with ADMIN_TOKEN: the cookie's flags, CSRF, slowing down guesses, signing out. */
class SignInTest {
    private static final String TOKEN = "s3cret-admin-token";

    @TempDir
    Path dir;

    private Harness start() {
        return Harness.builder(dir).env("ADMIN_TOKEN", TOKEN).start();
    }

    @Test
    void aPageAskedForWithoutSigningInGoesToTheFormAndBackAfterwards() {
        try (var h = start()) {
            var browser = new Browserless(h);
            var away = browser.page("/simulator?as=SIM.123456789");
            assertThat(away.status()).isEqualTo(303);
            assertThat(away.headers().firstValue("Location")).hasValue("/sign-in?next=%2Fsimulator%3Fas%3DSIM.123456789");

            var form = browser.page("/sign-in?next=%2Fsimulator%3Fas%3DSIM.123456789");
            assertThat(form.body()).contains("Admin token").contains("type=\"password\"");
            var signedIn = browser.postForm("/sign-in", Map.of("token", TOKEN, "next", "/simulator?as=SIM.123456789"));

            assertThat(signedIn.status()).isEqualTo(303);
            assertThat(signedIn.headers().firstValue("Location")).hasValue("/simulator?as=SIM.123456789");
            var cookie = signedIn.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("wabot_session=")).findFirst().orElseThrow();
            assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                    .doesNotContainIgnoringCase("Secure");
            assertThat(browser.page("/simulator?as=SIM.123456789").status()).isEqualTo(200);
            assertThat(browser.get("/sessions").status()).isEqualTo(200);
        }
    }

    @Test
    void theCookieIsSecureBehindAnHttpsProxy() {
        try (var h = start()) {
            var browser = new Browserless(h);
            browser.page("/sign-in");
            var form = "csrf=" + browser.csrf() + "&token=" + TOKEN;
            var result = h.post("/sign-in", form.getBytes(), Map.of("Content-Type", "application/x-www-form-urlencoded",
                    "Cookie", "wabot_csrf=" + browser.csrf(), "X-Forwarded-Proto", "https"));

            assertThat(result.headers().allValues("Set-Cookie")).anySatisfy(c ->
                    assertThat(c).startsWith("wabot_session=").containsIgnoringCase("Secure"));
        }
    }

    @Test
    void aSignInWithoutTheFormsTokenIsRefused() {
        try (var h = start()) {
            var result = h.post("/sign-in", ("token=" + TOKEN).getBytes(),
                    Map.of("Content-Type", "application/x-www-form-urlencoded"));
            assertThat(result.status()).isEqualTo(403);
            assertThat(result.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("wabot_session="));
        }
    }

    @Test
    void wrongTokensAreSlowedDown() {
        try (var h = start()) {
            var browser = new Browserless(h);
            browser.page("/sign-in");
            for (int i = 0; i < 3; i++) {
                var wrong = browser.postForm("/sign-in", Map.of("token", "guess-" + i));
                assertThat(wrong.status()).isEqualTo(401);
                assertThat(wrong.body()).contains("That is not the admin token.");
            }
            browser.postForm("/sign-in", Map.of("token", "guess-3"));

            var slowed = browser.postForm("/sign-in", Map.of("token", TOKEN));
            assertThat(slowed.status()).isEqualTo(429);
            assertThat(slowed.headers().firstValue("Retry-After")).isPresent();
            assertThat(slowed.body()).contains("Too many wrong tokens");
            assertThat(browser.cookies()).doesNotContainKey("wabot_session");
        }
    }

    @Test
    void signingOutEndsTheSession() {
        try (var h = start()) {
            var browser = new Browserless(h);
            browser.page("/sign-in");
            browser.postForm("/sign-in", Map.of("token", TOKEN));
            assertThat(browser.get("/sessions").status()).isEqualTo(200);

            assertThat(browser.postForm("/sign-out", Map.of()).status()).isEqualTo(303);

            assertThat(browser.cookies()).doesNotContainKey("wabot_session");
            assertThat(browser.get("/sessions").status()).isEqualTo(401);
        }
    }

    @Test
    void aForgedOrExpiredCookieIsNotASession() {
        try (var h = start()) {
            var forged = Map.of("Cookie", "wabot_session=9999999999.00", "Accept", "application/json");
            assertThat(h.get("/sessions", forged).status()).isEqualTo(401);
            var cookie = new SessionCookie(TOKEN);
            var expired = cookie.issue(java.time.Instant.now().minus(SessionCookie.LIFETIME).minusSeconds(5));
            assertThat(h.get("/sessions", Map.of("Cookie", "wabot_session=" + expired)).status()).isEqualTo(401);
            var fresh = cookie.issue(java.time.Instant.now());
            assertThat(h.get("/sessions", Map.of("Cookie", "wabot_session=" + fresh)).status()).isEqualTo(200);
        }
    }

    @Test
    void theFormCannotSendAnyoneToAnotherSite() {
        try (var h = start()) {
            var browser = new Browserless(h);
            browser.page("/sign-in");
            var result = browser.postForm("/sign-in", Map.of("token", TOKEN, "next", "//evil.example/"));
            assertThat(result.headers().firstValue("Location")).hasValue("/console");
        }
    }
}
