package io.qiyue.review;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings on /admin/reviews in the session UI: admins only, errors beside the field, a stale save
 * kept with a form-wide error, after a change the offer to re-review every contract, reset to the default.
 */
@UsingDatabase(TestDatabase.H2)
class ReviewSettingPagesH2IT extends ApiTestSupport {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");
    static final String EDIT = "/admin/reviews/settings/QY-V001/thresholdPercent";

    final class Browser {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String language = "zh-CN";

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).header("Accept-Language", language).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept-Language", language)
                    .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        String csrf(String page) throws Exception {
            return group(CSRF, get(page).body());
        }

        Browser login(String username, String password) throws Exception {
            var r = post("/login", "username=" + enc(username) + "&password=" + enc(password) + "&_csrf="
                    + enc(csrf("/login")));
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
            return this;
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String group(Pattern pattern, String html) {
        var m = pattern.matcher(html);
        assertThat(m.find()).as("%s in %s", pattern, html.length() > 3000 ? html.substring(0, 3000) : html).isTrue();
        return m.group(1);
    }

    @AfterEach
    void defaultAgain() {
        var current = admin().get("/api/v1/reviews/settings/QY-V001/thresholdPercent");
        if (current.json().path("overridden").asBoolean()) {
            admin().delete("/api/v1/reviews/settings/QY-V001/thresholdPercent", current.header("ETag"));
        }
    }

    @Test
    void adminsChangeAThresholdWithErrorsBesideTheFieldAndAreOfferedTheReReview() throws Exception {
        var sales = createUser("SALES", null);
        var salesBrowser = new Browser().login(sales.username(), USER_PASSWORD);
        assertThat(salesBrowser.get("/admin/reviews").statusCode()).isEqualTo(403);
        assertThat(salesBrowser.get(EDIT).statusCode()).isEqualTo(403);

        var browser = new Browser().login("admin", ADMIN_PASSWORD);
        var overview = browser.get("/admin/reviews");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("id=\"settings-table\"", "id=\"setting-QY-V001-thresholdPercent\"",
                "违约金过高提示阈值（%）", "1 到 100 之间，最多 2 位小数", "id=\"portfolio-start\"")
                .doesNotContain("id=\"settings-changed\"");
        assertThat(browser.get("/admin/reviews/settings/QY-V001/nope").statusCode()).isEqualTo(404);

        String edit = browser.get(EDIT).body();
        assertThat(edit).contains("id=\"setting-form\"", "id=\"setting-default\"", "id=\"value-hint\"");
        String csrf = group(CSRF, edit);
        String version = group(VERSION, edit);

        var notANumber = browser.post(EDIT, "_csrf=" + enc(csrf) + "&version=" + version + "&value=" + enc("三十"));
        assertThat(notANumber.statusCode()).isEqualTo(200);
        assertThat(notANumber.body()).contains("id=\"value-errors\"", "“三十”不是有效的数字", "value=\"三十\"");
        var outOfRange = browser.post(EDIT, "_csrf=" + enc(csrf) + "&version=" + version + "&value=0");
        assertThat(outOfRange.body()).contains("id=\"value-errors\"", "取值须在 1 到 100 之间");
        var tooPrecise = browser.post(EDIT, "_csrf=" + enc(csrf) + "&version=" + version + "&value=12.345");
        assertThat(tooPrecise.body()).contains("id=\"value-errors\"", "最多 2 位小数");
        var empty = browser.post(EDIT, "_csrf=" + enc(csrf) + "&version=" + version + "&value=");
        assertThat(empty.body()).contains("id=\"value-errors\"", "必填");

        var stale = browser.post(EDIT, "_csrf=" + enc(csrf) + "&version=" + (Integer.parseInt(version) + 7) + "&value=25");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).contains("id=\"form-errors\"", "数据已被他人修改", "value=\"25\"");
        assertThat(group(VERSION, stale.body())).as("saving again overwrites").isEqualTo(version);

        var saved = browser.post(EDIT, "_csrf=" + enc(csrf) + "&version=" + version + "&value=25");
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location").orElse("")).endsWith("/admin/reviews");
        var after = browser.get("/admin/reviews").body();
        assertThat(after).contains("id=\"settings-changed\"", "“违约金过高提示阈值（%）”已设为 25",
                "id=\"settings-rereview\"", "已修改", "id=\"settings-history\"");
        assertThat(after.substring(after.indexOf("id=\"settings-history\"")))
                .as("the history names the setting as the table does (outside tester)")
                .contains("违约金过高提示阈值（%）").doesNotContain("thresholdPercent");
        assertThat(admin().get("/api/v1/reviews/settings/QY-V001/thresholdPercent").json().path("value").asString())
                .isEqualTo("25");

        String changedEdit = browser.get(EDIT).body();
        assertThat(changedEdit).contains("id=\"setting-reset\"", "恢复默认值（30）");
        String changedVersion = group(Pattern.compile("id=\"setting-reset-form\"[\\s\\S]*?name=\"version\" value=\"(\\d+)\""),
                changedEdit);
        var staleReset = browser.post(EDIT + "/reset", "_csrf=" + enc(csrf) + "&version=" + version);
        assertThat(staleReset.statusCode()).isEqualTo(200);
        assertThat(staleReset.body()).contains("id=\"form-errors\"", "未恢复默认值");
        var reset = browser.post(EDIT + "/reset", "_csrf=" + enc(csrf) + "&version=" + changedVersion);
        assertThat(reset.statusCode()).isEqualTo(302);
        assertThat(browser.get("/admin/reviews").body()).contains("id=\"settings-changed\"", "已设为 30");
        assertThat(admin().get("/api/v1/reviews/settings/QY-V001/thresholdPercent").json().path("overridden")
                .asBoolean()).isFalse();

        assertThat(browser.post(EDIT, "version=" + changedVersion + "&value=20").statusCode())
                .as("no CSRF token").isEqualTo(403);

        browser.language = "en";
        var english = browser.get(EDIT).body();
        assertThat(english).contains("Excessive liquidated damages threshold (%)", "from 1 to 100, at most 2 decimal places");
        var englishError = browser.post(EDIT, "_csrf=" + enc(csrf) + "&version=" + group(VERSION, english) + "&value=101");
        assertThat(englishError.body()).contains("Must be between 1 and 100.");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void theReReviewOfAllContractsRunsFromThePageAndListsWhatChanged() throws Exception {
        var reviewed = createContract(admin(), "SERVICE");
        String api = "/api/v1/contracts/" + reviewed.path("id").asString();
        assertThat(admin().post(api + "/review", "").status()).isEqualTo(200);
        String before = jdbc.sql("SELECT findings FROM contract_review WHERE contract_id = ?")
                .param(reviewed.path("id").asString()).query(String.class).single();
        // the liability cap added, and the stored review made to predate it (saves are reviewed; a review of an
        // earlier ruleset would): the re-review finds it
        assertThat(admin().patch(api, "{\"terms\": {\"breach\": {\"description\": \"乙方的赔偿总额最高不超过合同金额。\"}}}",
                "\"1\"").status()).isEqualTo(200);
        jdbc.sql("UPDATE contract_review SET findings = ?, contract_version = 1 WHERE contract_id = ?")
                .params(before, reviewed.path("id").asString()).update();
        var never = createContract(admin(), "SERVICE");
        String neverReviewed = never.path("number").asString();
        jdbc.sql("DELETE FROM contract_review WHERE contract_id = ?").param(never.path("id").asString()).update();

        var browser = new Browser().login("admin", ADMIN_PASSWORD);
        String page = "";
        for (int attempt = 0; attempt < 100; attempt++) { // another test class may be running one
            var started = browser.post("/admin/reviews", "_csrf=" + enc(browser.csrf("/admin/reviews")));
            assertThat(started.statusCode()).isEqualTo(302);
            page = browser.get("/admin/reviews").body();
            if (!page.contains("id=\"portfolio-error\"")) {
                break;
            }
            Thread.sleep(200);
        }
        for (int attempt = 0; attempt < 300 && page.contains("hx-trigger=\"every 1s\""); attempt++) {
            Thread.sleep(100);
            page = browser.get("/admin/reviews").body();
        }
        assertThat(page).contains("id=\"portfolio-progress\"", "已完成", "id=\"portfolio-first-reviews\"", "此前未审查过")
                .containsPattern("已审查 (\\d+) / \\1 份")
                .contains(">" + reviewed.path("number").asString() + "</a>")
                .doesNotContain(">" + neverReviewed + "</a>");
        String row = page.substring(page.indexOf(">" + reviewed.path("number").asString() + "</a>"));
        assertThat(row.substring(0, row.indexOf("</tr>"))).contains("QY-V005", "/terms/breach/description");
    }
}
