package io.qiyue.security;

import io.qiyue.testing.Browser;

import io.qiyue.testing.ApiTestSupport;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static io.qiyue.testing.Browser.toLogin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * UI sessions follow the account: what an admin changes about a user (disabled, roles, team, password)
 * holds on that user's very next request in every session they have open; the user's own password
 * change ends their other sessions. Also sign-in, sign-out and the sign-in page itself.
 */
abstract class AccountSessionContract extends ApiTestSupport {

    @Test
    void pagesOpenedTogetherRightAfterSigningInAllAnswer() throws Exception {
        var user = createUser("SALES", null);
        String session = new Browser(port).login(user.username(), USER_PASSWORD).sessionId();
        // each page makes the session's CSRF token if it has none yet: all of them at once, in the database store
        var http = HttpClient.newHttpClient();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/customers")).header("Cookie", "SESSION=" + session).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        }
    }

    @Test
    void disablingAUserEndsEveryOneOfTheirSessions() {
        var user = createUser("SALES", null);
        var first = new Browser(port).login(user.username(), USER_PASSWORD);
        var second = new Browser(port).login(user.username(), USER_PASSWORD);
        assertThat(first.get("/customers").statusCode()).isEqualTo(200);
        assertThat(second.get("/customers").statusCode()).isEqualTo(200);

        patchUser(user.id(), "{\"enabled\": false}");

        assertThat(toLogin(first.get("/customers"))).isTrue();
        // htmx cannot follow a redirect to a whole page: it is told where to go
        var partial = second.htmxGet("/customers?q=x");
        assertThat(partial.statusCode()).isEqualTo(401);
        assertThat(partial.headers().firstValue("HX-Redirect")).hasValue("/login");

        // enabling the account again does not bring the ended sessions back
        patchUser(user.id(), "{\"enabled\": true}");
        assertThat(toLogin(first.get("/customers"))).isTrue();
        assertThat(toLogin(second.get("/customers"))).isTrue();
        assertThat(new Browser(port).login(user.username(), USER_PASSWORD).get("/customers").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aRoleChangeHoldsOnTheNextRequestAndKeepsTheSession() {
        var user = createUser("VIEWER", null);
        var browser = new Browser(port).login(user.username(), USER_PASSWORD);
        String session = browser.sessionId();
        assertThat(browser.get("/admin/users").statusCode()).isEqualTo(403);

        patchUser(user.id(), "{\"roles\": [\"ADMIN\"]}");
        var promoted = browser.get("/admin/users");
        assertThat(promoted.statusCode()).isEqualTo(200);
        assertThat(promoted.body()).contains("id=\"nav-users\"");

        patchUser(user.id(), "{\"roles\": [\"VIEWER\"], \"displayName\": \"改名后的用户\"}");
        assertThat(browser.get("/admin/users").statusCode()).isEqualTo(403);
        var page = browser.get("/customers");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("改名后的用户").doesNotContain("id=\"nav-users\"");
        assertThat(browser.sessionId()).isEqualTo(session);
    }

    @Test
    void aTeamChangeMovesTheManagersScopeOnTheNextRequest() {
        String team = createTeam();
        var sales = createUser("SALES", team);
        var manager = createUser("SALES_MANAGER", team);
        String customer = createOrganization(sales.client()).path("id").asString();
        var browser = new Browser(port).login(manager.username(), USER_PASSWORD);
        assertThat(browser.get("/customers/" + customer).statusCode()).isEqualTo(200);

        patchUser(manager.id(), "{\"teamId\": \"" + createTeam() + "\"}");

        assertThat(browser.get("/customers/" + customer).statusCode()).isEqualTo(404);
    }

    @Test
    void aPasswordResetByAnAdminEndsTheSessions() {
        var user = createUser("SALES", null);
        var browser = new Browser(port).login(user.username(), USER_PASSWORD);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        patchUser(user.id(), "{\"password\": \"reset-by-admin-2026\"}");

        assertThat(toLogin(browser.get("/"))).isTrue();
        assertThat(new Browser(port).tryLogin(user.username(), USER_PASSWORD).headers().firstValue("Location")
                .orElse("")).contains("/login?error");
        new Browser(port).login(user.username(), "reset-by-admin-2026");
    }

    @Test
    void changingTheOwnPasswordOverTheApiEndsTheUiSessions() {
        var user = createUser("SALES", null);
        var browser = new Browser(port).login(user.username(), USER_PASSWORD);
        var basic = anonymous().basic(user.username(), USER_PASSWORD);

        assertProblem(basic.post("/api/v1/users/me/password",
                "{\"currentPassword\": \"not-my-password\", \"newPassword\": \"a-new-password-1\"}"), 400, "currentPassword");
        assertProblem(basic.post("/api/v1/users/me/password",
                "{\"currentPassword\": \"" + USER_PASSWORD + "\", \"newPassword\": \"short\"}"), 400, "newPassword");
        assertProblem(basic.post("/api/v1/users/me/password", "{\"newPassword\": \"a-new-password-1\"}"), 400,
                "currentPassword");
        // the current password again changes nothing, so it is refused rather than ending the sessions for nothing
        var same = basic.post("/api/v1/users/me/password",
                "{\"currentPassword\": \"" + USER_PASSWORD + "\", \"newPassword\": \"" + USER_PASSWORD + "\"}");
        assertProblem(same, 400, "newPassword");
        assertThat(same.body()).contains("当前密码相同");
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        var changed = basic.post("/api/v1/users/me/password",
                "{\"currentPassword\": \"" + USER_PASSWORD + "\", \"newPassword\": \"a-new-password-1\"}");
        assertThat(changed.status()).as("%s", changed).isEqualTo(204);

        assertThat(toLogin(browser.get("/"))).isTrue();
        assertProblem(basic.get("/api/v1/users/me"), 401);
        assertThat(anonymous().basic(user.username(), "a-new-password-1").get("/api/v1/users/me").status())
                .isEqualTo(200);
        // a token is not a session: it stays until revoked
        assertThat(user.client().get("/api/v1/users/me").status()).isEqualTo(200);
        var audit = admin().get("/api/v1/audit?entity=USER&id=" + user.id());
        assertThat(audit.body()).contains("/password").doesNotContain("a-new-password-1");
    }

    @Test
    void changingTheOwnPasswordInTheUiKeepsThatSessionAndEndsTheOthers() {
        var user = createUser("SALES", null);
        var here = new Browser(port).login(user.username(), USER_PASSWORD);
        var elsewhere = new Browser(port).login(user.username(), USER_PASSWORD);
        String before = here.sessionId();

        var wrong = here.submit("/account/password", "/account/password", "currentPassword", "not-my-password",
                "newPassword", "changed-in-the-ui-1");
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("is-invalid");
        assertThat(elsewhere.get("/").statusCode()).isEqualTo(200);

        var changed = here.submit("/account/password", "/account/password", "currentPassword", USER_PASSWORD,
                "newPassword", "changed-in-the-ui-1");
        assertThat(changed.statusCode()).isEqualTo(302);

        assertThat(here.get("/").statusCode()).isEqualTo(200);
        assertThat(here.sessionId()).isNotEqualTo(before);
        assertThat(toLogin(elsewhere.get("/"))).isTrue();
        new Browser(port).login(user.username(), "changed-in-the-ui-1");
    }

    @Test
    void anAdminChangingTheirOwnAccountKeepsWorking() {
        String team = createTeam();
        var admin = createUser("ADMIN", null);
        var browser = new Browser(port).login(admin.username(), USER_PASSWORD);
        String edit = "/admin/users/" + admin.id() + "/edit";

        var saved = browser.submit("/admin/users/" + admin.id(), edit, "username", admin.username(),
                "displayName", "新名字的管理员", "roles", "ADMIN", "roles", "LEGAL", "teamId", team, "enabled", "true",
                "version", "1", "password", "admin-changed-own-1");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);

        var users = browser.get("/admin/users");
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(users.body()).contains("新名字的管理员");
        assertThat(anonymous().basic(admin.username(), "admin-changed-own-1").get("/api/v1/users/me").status())
                .isEqualTo(200);

        // removing the own admin role is refused, and the session goes on
        var refused = browser.submit("/admin/users/" + admin.id(), edit, "username", admin.username(),
                "displayName", "新名字的管理员", "roles", "LEGAL", "teamId", team, "enabled", "true", "version", "2");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("is-invalid");
        assertThat(browser.get("/admin/users").statusCode()).isEqualTo(200);
    }

    @Test
    void aUserSeesTheirSessionsAndEndsOneOrAllOthers() {
        var user = createUser("SALES", null);
        var here = new Browser(port).login(user.username(), USER_PASSWORD);
        var laptop = new Browser(port).login(user.username(), USER_PASSWORD);
        var phone = new Browser(port).login(user.username(), USER_PASSWORD);
        assertThat(laptop.get("/").statusCode()).isEqualTo(200);
        assertThat(phone.get("/").statusCode()).isEqualTo(200);

        var page = here.get("/account/sessions");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"session-table\"").contains("session-current").contains("127.0.0.1");
        var listed = user.client().get("/api/v1/users/me/sessions");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("items").size()).isEqualTo(3);
        listed.json().path("items").forEach(s -> {
            assertThat(s.path("createdAt").asString()).isNotBlank();
            assertThat(s.path("lastUsedAt").asString()).isNotBlank();
            assertThat(s.path("ip").asString()).isEqualTo("127.0.0.1");
            // the API has no session of its own to mark
            assertThat(s.path("current").asBoolean()).isFalse();
        });
        // another user's sessions are neither listed nor ended
        var other = createUser("SALES", null);
        assertThat(other.client().get("/api/v1/users/me/sessions").json().path("items").size()).isZero();
        String anyId = listed.json().path("items").get(0).path("id").asString();
        assertProblem(other.client().delete("/api/v1/users/me/sessions/" + anyId, null), 404);

        // ending one from the page: that browser is signed out on its next request, the others go on
        String laptopId = sessionIdOtherThanCurrent(here, page.body());
        var ended = here.submit("/account/sessions/" + laptopId + "/end", "/account/sessions");
        assertThat(ended.statusCode()).isEqualTo(302);
        int signedOut = (toLogin(laptop.get("/")) ? 1 : 0) + (toLogin(phone.get("/")) ? 1 : 0);
        assertThat(signedOut).isEqualTo(1);
        assertThat(here.get("/").statusCode()).isEqualTo(200);
        assertThat(user.client().get("/api/v1/users/me/sessions").json().path("items").size()).isEqualTo(2);

        // all others: only this one stays, also one signed in a moment ago that has not asked for a page yet
        var justSignedIn = new Browser(port).login(user.username(), USER_PASSWORD);
        var endOthers = here.submit("/account/sessions/end-others", "/account/sessions");
        assertThat(endOthers.statusCode()).isEqualTo(302);
        assertThat(toLogin(laptop.get("/"))).isTrue();
        assertThat(toLogin(phone.get("/"))).isTrue();
        assertThat(toLogin(justSignedIn.get("/"))).isTrue();
        assertThat(here.get("/account/sessions").body()).contains("id=\"sessions-none\"");

        // over the API, one session ends by its id; signing out ends the row too
        var again = new Browser(port).login(user.username(), USER_PASSWORD);
        assertThat(again.get("/").statusCode()).isEqualTo(200);
        for (var s : user.client().get("/api/v1/users/me/sessions").json().path("items")) {
            assertThat(user.client().delete("/api/v1/users/me/sessions/" + s.path("id").asString(), null).status())
                    .isEqualTo(204);
        }
        assertThat(toLogin(here.get("/"))).isTrue();
        assertThat(toLogin(again.get("/"))).isTrue();
        assertThat(user.client().get("/api/v1/users/me/sessions").json().path("items").size()).isZero();
        var last = new Browser(port).login(user.username(), USER_PASSWORD);
        assertThat(last.get("/").statusCode()).isEqualTo(200);
        assertThat(user.client().get("/api/v1/users/me/sessions").json().path("items").size()).isEqualTo(1);
        last.submit("/logout", "/");
        assertThat(user.client().get("/api/v1/users/me/sessions").json().path("items").size()).isZero();
    }

    @Test
    void changingTheOwnPasswordListsOnlyTheSessionItWasChangedIn() {
        var user = createUser("SALES", null);
        var here = new Browser(port).login(user.username(), USER_PASSWORD);
        var elsewhere = new Browser(port).login(user.username(), USER_PASSWORD);
        assertThat(elsewhere.get("/").statusCode()).isEqualTo(200);
        assertThat(here.get("/").statusCode()).isEqualTo(200);

        var changed = here.submit("/account/password", "/account/password", "currentPassword", USER_PASSWORD,
                "newPassword", "changed-and-listed-1");
        assertThat(changed.statusCode()).isEqualTo(302);

        var page = here.get("/account/sessions");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("session-current").contains("id=\"sessions-none\"");
        assertThat(user.client().get("/api/v1/users/me/sessions").json().path("items").size()).isEqualTo(1);
    }

    @Test
    void signingInAsSomeoneElseWithoutSigningOutStartsTheirOwnSession() {
        var first = createUser("SALES", null);
        var second = createUser("VIEWER", null);
        var browser = new Browser(port).login(first.username(), USER_PASSWORD);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        // the sign-in page sends a signed-in user on; the form is posted as from another tab still showing it
        var signedIn = browser.submit("/login", "/", "username", second.username(), "password", USER_PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");

        var page = browser.get("/account/sessions");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(second.username()).contains("session-current");
        assertThat(second.client().get("/api/v1/users/me/sessions").json().path("items").size()).isEqualTo(1);
    }

    private static String sessionIdOtherThanCurrent(Browser browser, String page) {
        var m = java.util.regex.Pattern.compile("data-session-id=\"([^\"]+)\"[^>]*>(?:(?!</tr>).)*?session-end",
                java.util.regex.Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("a session with an end button: %s", page).isTrue();
        return m.group(1);
    }

    @Test
    void signingInRenewsTheSessionAndSigningOutEndsIt() throws Exception {
        var user = createUser("SALES", null);
        var browser = new Browser(port);
        browser.get("/login");
        String anonymousSession = browser.sessionId();
        browser.login(user.username(), USER_PASSWORD);
        String session = browser.sessionId();
        assertThat(session).isNotNull().isNotEqualTo(anonymousSession);

        // the session cookie is not a credential of the API
        var api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/users/me")).header("Cookie", "SESSION=" + session).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(api.statusCode()).isEqualTo(401);

        // static files are there for everybody, signed in or not
        assertThat(browser.get("/favicon.svg").statusCode()).isEqualTo(200);
        assertThat(new Browser(port).get("/css/app.css").statusCode()).isEqualTo(200);

        var out = browser.submit("/logout", "/");
        assertThat(out.headers().firstValue("Location").orElse("")).endsWith("/login?logout");
        assertThat(toLogin(browser.get("/"))).isTrue();
        var replayed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/customers")).header("Cookie", "SESSION=" + session).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(toLogin(replayed)).isTrue();
    }

    @Test
    void theSignInPageTakesAnyErrorValue() {
        for (String query : new String[] {"error", "error=bad", "error=%ff", "error=%ff%fe&logout=%c3%28",
                "error=%E4%B8%AD", "error=locked&error=x"}) {
            var page = new Browser(port).get("/login?" + query);
            if (query.contains("%ff")) {
                // a query Tomcat cannot decode is refused before any page with a 400 that says so
                assertThat(page.statusCode()).as(query).isEqualTo(400);
                continue;
            }
            assertThat(page.statusCode()).as(query).isEqualTo(200);
            assertThat(page.body()).as(query).contains("id=\"login-form\"", "id=\"login-error\"");
        }
    }

    private void patchUser(String id, String patch) {
        String etag = admin().get("/api/v1/users/" + id).header("ETag");
        var patched = admin().patch("/api/v1/users/" + id, patch, etag);
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
    }
}
