package io.qiyue.obligation;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Supervision and evaluation through the customer's links (no account) and the REST API: an obligation marked done
 * e-mails the contact a one-use link to confirm and rate it; "not done" and a low rating open a case and tell the
 * owner and their manager; periodic evaluations ask the aspects that fit the type; the performance page shows what
 * was promised and kept and takes concerns; legal moves cases with merge patches; expired, reused, revoked and
 * forged links are one and the same 404.
 */
abstract class EvaluationApiContract extends ApiTestSupport {
    static final Pattern LINK = Pattern.compile("/c/([A-Za-z0-9_-]{43})");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    EvaluationCalendar calendar;
    @Autowired
    EvaluationReminders reminders;

    record Deal(String id, String number, String owner, ApiClient sales, ApiClient manager, String managerName) {
    }

    /** A signed contract of {@code type} owned by a salesperson whose team has a manager. */
    Deal deal(String type) {
        var manager = createUser("SALES_MANAGER", null);
        var team = admin().post("/api/v1/teams", "{\"name\": \"%s\", \"managerId\": \"%s\"}"
                .formatted(unique("团队"), manager.id()));
        assertThat(team.status()).as("%s", team).isEqualTo(201);
        var sales = createUser("SALES", team.json().path("id").asString());
        String customerId = createOrganization(sales.client()).path("id").asString();
        String id = signedContract(sales.client(), ContractSamples.contract(type, unique("评价"), customerId, ourEntityId()));
        String number = sales.client().get("/api/v1/contracts/" + id).json().path("number").asString();
        return new Deal(id, number, sales.username(), sales.client(), manager.client(), manager.username());
    }

    /** The latest customer link e-mailed for the contract (whose body holds {@code marker}), or null. */
    String mailedToken(Deal deal, String marker) {
        var mails = jdbc.sql("SELECT subject, payload FROM notification_outbox WHERE event_kind = 'EVALUATION_REQUESTED'"
                        + " ORDER BY created_at DESC, id").query((rs, n) -> rs.getString(1) + "\n" + rs.getString(2)).list();
        for (String mail : mails) {
            Matcher m = LINK.matcher(mail);
            if (mail.contains(deal.number()) && mail.contains(marker) && m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    HttpResponse form(String path, Map<String, String> fields) {
        var body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return anonymous().request("POST", path).body("application/x-www-form-urlencoded", body.toString()).send();
    }

    JsonNode obligation(Deal deal, String kind) {
        for (JsonNode o : deal.sales().get("/api/v1/contracts/" + deal.id() + "/obligations").json().path("items")) {
            if (o.path("kind").asString().equals(kind) && o.path("side").asString().equals("OURS")) {
                return o;
            }
        }
        throw new AssertionError("no " + kind);
    }

    JsonNode complete(Deal deal, JsonNode o) {
        var done = deal.sales().request("POST", "/api/v1/obligations/" + o.path("id").asString() + "/complete")
                .header("If-Match", "\"" + o.path("version").asInt() + "\"").json("{\"note\": \"已完成巡检\"}").send();
        assertThat(done.status()).as("%s", done).isEqualTo(200);
        return done.json();
    }

    static String notFoundPage(HttpResponse response) {
        assertThat(response.status()).as("%s", response).isEqualTo(404);
        assertThat(response.body()).contains("id=\"error-detail\"");
        return response.body();
    }

    @Test
    void aCompletedServiceIsConfirmedOnceThroughTheLinkAndNotDoneOpensACaseForTheOwnerAndManager() {
        var deal = deal("SERVICE");
        var o = obligation(deal, "SERVICE_DELIVERY");
        complete(deal, o);
        String token = mailedToken(deal, "请确认已完成的事项");
        assertThat(token).as("a confirmation link e-mailed to the contact").isNotNull();

        var page = anonymous().get("/c/" + token);
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.body()).contains(o.path("title").asString()).contains("evaluation-form")
                .doesNotContain("lisi@example.com");

        // bad input keeps the link usable and says which field
        var bad = form("/c/" + token + "/evaluation", Map.of("rating", "9", "confirmed", "no"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"error-detail\"").contains("rating-error");

        var answered = form("/c/" + token + "/evaluation", Map.of("rating", "2", "confirmed", "no",
                "comment", "巡检报告没有收到"));
        assertThat(answered.status()).as("%s", answered).isEqualTo(200);
        assertThat(answered.body()).contains("evaluation-thanks");

        // one use: the same link again is the same 404 as a forged one
        String reused = notFoundPage(anonymous().get("/c/" + token));
        String forged = notFoundPage(anonymous().get("/c/" + "A".repeat(43)));
        assertThat(reused).isEqualTo(forged);
        assertThat(notFoundPage(form("/c/" + token + "/evaluation", Map.of("rating", "5", "confirmed", "yes"))))
                .isEqualTo(forged);
        assertThat(notFoundPage(anonymous().get("/c/short"))).isEqualTo(forged);

        var list = deal.sales().get("/api/v1/contracts/" + deal.id() + "/evaluations");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("total").asLong()).isEqualTo(1);
        var e = list.json().path("items").get(0);
        assertThat(e.path("rating").asInt()).isEqualTo(2);
        assertThat(e.path("confirmed").asBoolean(true)).isFalse();
        assertThat(e.path("obligationId").asString()).isEqualTo(o.path("id").asString());

        var cases = deal.sales().get("/api/v1/contracts/" + deal.id() + "/cases").json().path("items");
        assertThat(cases).hasSize(1);
        assertThat(cases.get(0).path("category").asString()).isEqualTo("OBLIGATION_DISPUTED");
        assertThat(cases.get(0).path("owner").asString()).isEqualTo(deal.owner());
        assertThat(cases.get(0).path("status").asString()).isEqualTo("OPEN");
        assertThat(cases.get(0).path("description").asString()).contains("巡检报告没有收到");

        for (ApiClient who : new ApiClient[]{deal.sales(), deal.manager()}) {
            var kinds = new java.util.ArrayList<String>();
            who.get("/api/v1/notifications?size=50").json().path("items")
                    .forEach(n -> { if (n.path("contractId").asString().equals(deal.id())) kinds.add(n.path("kind").asString()); });
            assertThat(kinds).contains("EVALUATION_LOW", "CASE_OPENED");
        }
        // the rating and its words once, not again after 说明 (outside tester)
        var low = deal.sales().get("/api/v1/notifications?size=50").json().path("items").valueStream()
                .filter(n -> n.path("kind").asString().equals("EVALUATION_LOW")
                        && n.path("contractId").asString().equals(deal.id())).findFirst().orElseThrow();
        assertThat(low.path("body").asString()).contains("2/5").doesNotContain("说明");
    }

    @Test
    void aPeriodicEvaluationAsksTheAspectsOfTheTypeAndAConcernBecomesAnUrgentCase() {
        var deal = deal("INFO_SHARING");
        var created = deal.sales().post("/api/v1/contracts/" + deal.id() + "/evaluation-links",
                "{\"purpose\": \"PERIODIC\"}");
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        Matcher m = LINK.matcher(created.json().path("url").asString());
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        assertThat(mailedToken(deal, "定期服务评价")).isEqualTo(token);
        // Location names the link made, which its contract's readers may read (without its token)
        assertThat(created.header("Location")).isEqualTo("/api/v1/evaluation-links/" + created.json().path("id").asString());
        var shown = deal.sales().get(created.header("Location"));
        assertThat(shown.status()).as("%s", shown).isEqualTo(200);
        assertThat(shown.json().path("purpose").asString()).isEqualTo("PERIODIC");
        assertThat(shown.body()).doesNotContain(token);
        assertThat(createUser("SALES", null).client().get(created.header("Location")).status()).isEqualTo(404);

        var page = anonymous().get("/c/" + token);
        assertThat(page.body()).contains("aspect-confidentiality").contains("aspect-sharingAsAgreed")
                .doesNotContain("aspect-serviceQuality");

        var missing = form("/c/" + token + "/evaluation", Map.of("rating", "4", "confidentiality", "4"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("sharingAsAgreed-error");

        var fields = new LinkedHashMap<String, String>();
        fields.put("rating", "4");
        fields.put("confidentiality", "4");
        fields.put("sharingAsAgreed", "5");
        fields.put("concernCategory", "SUSPECTED_DISCLOSURE");
        fields.put("concernDescription", "我们的客户名单疑似出现在第三方的营销短信中");
        assertThat(form("/c/" + token + "/evaluation", fields).status()).isEqualTo(200);

        var cases = deal.sales().get("/api/v1/contracts/" + deal.id() + "/cases").json().path("items");
        assertThat(cases).hasSize(1);
        var c = cases.get(0);
        assertThat(c.path("category").asString()).isEqualTo("SUSPECTED_DISCLOSURE");
        assertThat(c.path("source").asString()).isEqualTo("LINK");
        assertThat(LocalDate.parse(c.path("deadline").asString()))
                .isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3));
        var e = deal.sales().get("/api/v1/contracts/" + deal.id() + "/evaluations").json().path("items").get(0);
        assertThat(e.path("purpose").asString()).isEqualTo("PERIODIC");
        assertThat(e.path("sharingAsAgreed").asInt()).isEqualTo(5);
        assertThat(e.path("serviceQuality").isNull()).isTrue();

        // legal sees it among the open cases and moves it; a resolution is needed to resolve
        var legal = createUser("LEGAL", null).client();
        var open = legal.get("/api/v1/cases?open=true&category=SUSPECTED_DISCLOSURE&contractId=" + deal.id());
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.json().path("total").asLong()).isEqualTo(1);
        String path = "/api/v1/cases/" + c.path("id").asString();
        String etag = legal.get(path).header("ETag");
        assertThat(legal.patch(path, "{\"status\": \"RESOLVED\"}", null).status()).isEqualTo(428);
        assertProblem(legal.patch(path, "{\"status\": \"RESOLVED\"}", etag), 400, "resolution");
        assertProblem(legal.patch(path, "{\"status\": \"NOPE\"}", etag), 400, "status");
        assertProblem(legal.patch(path, "{\"owner\": \"nobody-at-all\"}", etag), 400, "owner");
        // an owner who could not open the contract (read-only, or a salesperson of another team) is refused
        assertProblem(legal.patch(path, "{\"owner\": \"" + createUser("VIEWER", null).username() + "\"}", etag), 400,
                "owner");
        assertProblem(legal.patch(path, "{\"owner\": \"" + createUser("SALES", createTeam()).username() + "\"}",
                etag), 400, "owner");
        assertProblem(legal.patch(path, "{\"colour\": \"red\"}", etag), 400, "colour");
        var viewer = createUser("VIEWER", null).client();
        assertThat(viewer.patch(path, "{\"status\": \"IN_PROGRESS\"}", etag).status()).isEqualTo(403);
        var stranger = createUser("SALES", null).client();
        assertThat(stranger.get(path).status()).isEqualTo(404);
        assertThat(stranger.patch(path, "{\"status\": \"IN_PROGRESS\"}", etag).status()).isEqualTo(404);
        var resolved = legal.patch(path, "{\"status\": \"RESOLVED\", \"resolution\": \"已核查，第三方数据来源与我方无关\"}", etag);
        assertThat(resolved.status()).as("%s", resolved).isEqualTo(200);
        assertThat(resolved.json().path("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.json().path("closedAt").isNull()).isFalse();
        assertThat(legal.patch(path, "{\"status\": \"CLOSED\"}", etag).status()).isEqualTo(412);
        assertProblem(legal.patch(path, "{\"status\": \"OPEN\"}", resolved.header("ETag")), 400, "status");

        // the averages: by type within the caller's scope; a stranger sees none of this contract
        var byContract = deal.sales().get("/api/v1/evaluations/summary?groupBy=contract").json().path("items");
        assertThat(byContract).anySatisfy(a -> {
            assertThat(a.path("key").asString()).isEqualTo(deal.id());
            assertThat(a.path("label").asString()).isEqualTo(deal.number());
            assertThat(a.path("rating").asDouble()).isEqualTo(4.0);
            assertThat(a.path("sharingAsAgreed").asDouble()).isEqualTo(5.0);
        });
        assertThat(stranger.get("/api/v1/evaluations/summary?groupBy=contract").json().path("items"))
                .noneSatisfy(a -> assertThat(a.path("key").asString()).isEqualTo(deal.id()));
        assertThat(admin().get("/api/v1/evaluations/summary?groupBy=type").json().path("items"))
                .anySatisfy(a -> {
                    assertThat(a.path("key").asString()).isEqualTo("INFO_SHARING");
                    assertThat(a.path("label").asString()).isEqualTo("客户信息共享协议");
                });
        assertThat(admin().get("/api/v1/evaluations/summary?groupBy=owner").status()).isEqualTo(200);
        assertThat(admin().get("/api/v1/evaluations/summary?groupBy=customer").status()).isEqualTo(200);
        assertProblem(admin().get("/api/v1/evaluations/summary?groupBy=weather"), 400, "groupBy");
    }

    @Test
    void thePerformancePageShowsWhatWasPromisedAndKeptTakesConcernsAndDiesWhenRevokedOrExpired() throws Exception {
        var deal = deal("MAINTENANCE");
        complete(deal, obligation(deal, "MAINTENANCE_VISIT"));
        var created = deal.sales().post("/api/v1/contracts/" + deal.id() + "/evaluation-links",
                "{\"purpose\": \"PERFORMANCE_PAGE\", \"send\": false}");
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().path("expiresAt").asString()).isNotBlank();
        Matcher m = LINK.matcher(created.json().path("url").asString());
        assertThat(m.find()).isTrue();
        String token = m.group(1);

        var page = anonymous().get("/c/" + token);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("performance-page").contains(deal.number()).contains("data-status=\"DONE\"")
                .contains("data-status=\"PENDING\"");
        // read as often as the customer likes
        assertThat(anonymous().get("/c/" + token).status()).isEqualTo(200);
        // no evaluation form behind it
        notFoundPage(form("/c/" + token + "/evaluation", Map.of("rating", "5")));

        assertThat(form("/c/" + token + "/concerns", Map.of("category", "SERVICE_QUALITY")).status()).isEqualTo(400);
        // a vertical tab pasted from Word: refused beside the field, the link still alive and the text kept
        var pasted = form("/c/" + token + "/concerns", Map.of("category", "SERVICE_QUALITY",
                "description", "第一段\u000b第二段"));
        assertThat(pasted.status()).as("%s", pasted).isEqualTo(400);
        assertThat(pasted.body()).contains("U+000B").contains("第一段");
        // a field sent twice (only a crafted request does): which one was meant is unknown, so neither is taken
        var twice = anonymous().request("POST", "/c/" + token + "/concerns").body("application/x-www-form-urlencoded",
                "category=SERVICE_QUALITY&description=%E7%AC%AC%E4%B8%80&description=%E7%AC%AC%E4%BA%8C").send();
        assertThat(twice.status()).as("%s", twice).isEqualTo(400);
        assertThat(twice.body()).contains("此项只能有一个值，却收到了 2 个");
        var reported = form("/c/" + token + "/concerns", Map.of("category", "SERVICE_QUALITY",
                "description", "上门维护人员迟到两小时"));
        assertThat(reported.status()).isEqualTo(302);
        assertThat(anonymous().get("/c/" + token).body()).contains("上门维护人员迟到两小时");
        // a case our staff recorded is internal: never on the customer's page (outside tester)
        var internal = deal.sales().post("/api/v1/contracts/" + deal.id() + "/cases",
                "{\"category\": \"OTHER\", \"description\": \"内部记录：勿告知客户\"}");
        assertThat(internal.status()).as("%s", internal).isEqualTo(201);
        assertThat(anonymous().get("/c/" + token).body()).contains("上门维护人员迟到两小时")
                .doesNotContain("内部记录：勿告知客户");

        // the monthly report: as the owner (PDF), and sent to the contact as a link to this page
        // a month of the term (one outside it has no service to report, as the customer's page offers none)
        String start = deal.sales().get("/api/v1/contracts/" + deal.id()).json().path("startDate").asString();
        String month = start.substring(0, 7);
        assertProblem(deal.sales().get("/api/v1/contracts/" + deal.id() + "/service-report?month="
                + java.time.YearMonth.parse(month).minusMonths(1)), 400, "month");
        var pdf = deal.sales().request("GET", "/api/v1/contracts/" + deal.id() + "/service-report?month=" + month)
                .sendForBytes();
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        // in English, with the titles Qiyue gave the obligations in English too (an outside tester read 第1期款项)
        var english = deal.sales().withHeader("Accept-Language", "en").request("GET", "/api/v1/contracts/" + deal.id()
                + "/service-report?month=" + month).sendForBytes();
        try (var document = org.apache.pdfbox.Loader.loadPDF(english.body())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(text).contains("Instalment").doesNotContain("期款项", "次定期回访与维护", "保密义务");
        }
        assertProblem(deal.sales().get("/api/v1/contracts/" + deal.id() + "/service-report?month=2026-13"), 400, "month");
        var sent = deal.sales().post("/api/v1/contracts/" + deal.id() + "/service-report/send",
                "{\"month\": \"" + month + "\"}");
        assertThat(sent.status()).as("%s", sent).isEqualTo(202);
        String reportToken = mailedToken(deal, "月度服务报告");
        assertThat(reportToken).isNotNull();
        var customerPdf = anonymous().request("GET", "/c/" + reportToken + "/report?month=" + month).sendForBytes();
        assertThat(customerPdf.statusCode()).isEqualTo(200);
        assertThat(new String(customerPdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        // a month outside the term, which the owner's report refuses, is no report for the customer either: said so,
        // not as a dead link (outside tester: "链接无效或已失效" for a link that still opens)
        var outside = anonymous().get("/c/" + reportToken + "/report?month=2030-01");
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.body()).contains("不在合同期限内").doesNotContain("已失效");
        assertThat(anonymous().get("/c/" + reportToken + "/report?month=abc").status()).isEqualTo(400);

        // revoked: the same 404 as a forged token
        String forged = notFoundPage(anonymous().get("/c/" + "B".repeat(43)));
        var link = created.json().path("id").asString();
        assertThat(createUser("VIEWER", null).client().delete("/api/v1/evaluation-links/" + link, null).status())
                .isEqualTo(403);
        assertThat(deal.sales().delete("/api/v1/evaluation-links/" + link, null).status()).isEqualTo(200);
        assertThat(notFoundPage(anonymous().get("/c/" + token))).isEqualTo(forged);
        // expired: the same again
        jdbc.sql("UPDATE evaluation_link SET expires_at = ? WHERE contract_id = ? AND purpose = 'PERFORMANCE_PAGE'")
                .params(LocalDateTime.now().minusDays(1), deal.id()).update();
        assertThat(notFoundPage(anonymous().get("/c/" + reportToken))).isEqualTo(forged);
        assertThat(notFoundPage(anonymous().get("/c/" + reportToken + "/report?month=" + month))).isEqualTo(forged);

        var links = deal.sales().get("/api/v1/contracts/" + deal.id() + "/evaluation-links").json().path("items");
        assertThat(links).anySatisfy(l -> assertThat(l.path("status").asString()).isEqualTo("REVOKED"));
        assertThat(links.toString()).doesNotContain(token);
    }

    @Test
    void theOwnerSetsTheIntervalAndTheCalendarSendsThePeriodicEvaluation() {
        var deal = deal("CONFIDENTIALITY");
        String path = "/api/v1/contracts/" + deal.id() + "/evaluation-settings";
        var settings = deal.sales().get(path);
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.json().path("intervalDays").asInt()).isEqualTo(90);
        assertProblem(deal.sales().put(path, "{\"intervalDays\": 3}", settings.header("ETag")), 400, "intervalDays");
        var same = deal.sales().put(path, settings.body(), settings.header("ETag"));
        assertThat(same.status()).as("%s", same).isEqualTo(200);
        assertThat(same.header("ETag")).as("sent back unchanged, nothing stored").isEqualTo(settings.header("ETag"));
        // the first periodic evaluation is shown before the daily calendar has scheduled it (it was null until then)
        assertThat(settings.json().path("nextOn").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        // a draft has none: a computed field without a value yet is named as such, not "（当前值为 ）"
        String draftPath = "/api/v1/contracts/" + createContract(deal.sales(), "SERVICE").path("id").asString()
                + "/evaluation-settings";
        var draftSettings = deal.sales().get(draftPath);
        assertThat(draftSettings.json().path("nextOn").isNull()).isTrue();
        var unset = deal.sales().put(draftPath, "{\"intervalDays\": 90, \"nextOn\": \"2027-01-01\"}",
                draftSettings.header("ETag"));
        assertProblem(unset, 400, "nextOn");
        assertThat(unset.json().toString()).contains("尚无值").doesNotContain("当前值为 ）");
        var viewer = createUser("VIEWER", null).client();
        assertThat(viewer.put(path, "{\"intervalDays\": 30}", settings.header("ETag")).status()).isEqualTo(403);
        var changed = deal.sales().put(path, "{\"intervalDays\": 30}", settings.header("ETag"));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(changed.json().path("intervalDays").asInt()).isEqualTo(30);
        assertThat(deal.sales().put(path, "{\"intervalDays\": 40}", settings.header("ETag")).status()).isEqualTo(412);

        LocalDate next = LocalDate.parse(changed.json().path("nextOn").asString());
        assertThat(mailedToken(deal, "定期服务评价")).isNull();
        calendar.runFor(next.minusDays(1));
        assertThat(mailedToken(deal, "定期服务评价")).isNull();
        calendar.runFor(next);
        String token = mailedToken(deal, "定期服务评价");
        assertThat(token).as("the periodic evaluation e-mailed on its day").isNotNull();
        assertThat(anonymous().get("/c/" + token).body()).contains("aspect-confidentiality")
                .doesNotContain("aspect-serviceQuality").doesNotContain("aspect-sharingAsAgreed");
        assertThat(deal.sales().get(path).json().path("nextOn").asString()).isEqualTo(next.plusDays(30).toString());
        // the same day again sends nothing more
        calendar.runFor(next);
        long links = jdbc.sql("SELECT COUNT(*) FROM evaluation_link WHERE contract_id = ? AND purpose = 'PERIODIC'")
                .param(deal.id()).query(Long.class).single();
        assertThat(links).isEqualTo(1);
    }

    @Test
    void aConfirmationLinkStopsWorkingWhenItsObligationIsReopened() {
        var deal = deal("SERVICE");
        var o = obligation(deal, "SERVICE_DELIVERY");
        var done = complete(deal, o);
        String token = mailedToken(deal, "请确认已完成的事项");
        assertThat(anonymous().get("/c/" + token).status()).isEqualTo(200);
        var reopened = deal.sales().request("POST", "/api/v1/obligations/" + o.path("id").asString() + "/reopen")
                .header("If-Match", "\"" + done.path("version").asInt() + "\"").json("{\"reason\": \"客户反映未完成\"}")
                .send();
        assertThat(reopened.status()).as("%s", reopened).isEqualTo(200);
        notFoundPage(anonymous().get("/c/" + token));
        notFoundPage(form("/c/" + token + "/evaluation", Map.of("rating", "5", "confirmed", "yes")));
    }

    @Test
    void linksNeedASignedContractAValidObligationAndAWriter() {
        var sales = createUser("SALES", null);
        var draft = createContract(sales.client(), "SERVICE");
        String id = draft.path("id").asString();
        assertThat(sales.client().post("/api/v1/contracts/" + id + "/evaluation-links", "{\"purpose\": \"PERIODIC\"}")
                .status()).isEqualTo(409);
        var deal = deal("CONSULTING");
        String links = "/api/v1/contracts/" + deal.id() + "/evaluation-links";
        assertProblem(deal.sales().post(links, "{}"), 400, "purpose");
        assertProblem(deal.sales().post(links, "{\"purpose\": \"CONFIRM_OBLIGATION\"}"), 400, "obligationId");
        var pending = obligation(deal, "CONSULTING_DELIVERABLE");
        assertProblem(deal.sales().post(links, "{\"purpose\": \"CONFIRM_OBLIGATION\", \"obligationId\": \""
                + pending.path("id").asString() + "\"}"), 400, "obligationId");
        assertProblem(deal.sales().post(links, "{\"purpose\": \"PERIODIC\", \"expiresInDays\": 0}"), 400, "expiresInDays");
        assertProblem(deal.sales().post(links, "{\"purpose\": \"PERIODIC\", \"contactId\": \"nope\"}"), 400, "contactId");
        var unknown = deal.sales().post(links, "{\"purpose\": \"SOMETHING\"}");
        assertProblem(unknown, 400);
        // the link's purpose, not an information-sharing agreement's 共享目的 (outside tester J)
        assertThat(unknown.json().path("errors").get(0).path("message").asString()).startsWith("评价用途")
                .doesNotContain("共享目的");
        assertThat(createUser("VIEWER", null).client().post(links, "{\"purpose\": \"PERIODIC\"}").status()).isEqualTo(403);
        assertThat(createUser("SALES", null).client().post(links, "{\"purpose\": \"PERIODIC\"}").status()).isEqualTo(404);
        assertThat(anonymous().post(links, "{\"purpose\": \"PERIODIC\"}").status()).isEqualTo(401);
        var staffCase = deal.sales().post("/api/v1/contracts/" + deal.id() + "/cases",
                "{\"category\": \"OTHER\", \"description\": \"客户电话反映报告格式不符合要求\"}");
        assertThat(staffCase.status()).as("%s", staffCase).isEqualTo(201);
        assertThat(staffCase.json().path("source").asString()).isEqualTo("STAFF");
        assertProblem(deal.sales().post("/api/v1/contracts/" + deal.id() + "/cases", "{\"category\": \"OTHER\"}"),
                400, "description");
    }

    @Test
    void theCaseListExportsAsCsvAndXlsxWithItsFiltersWithinTheScope() throws Exception {
        var deal = deal("SERVICE");
        for (String body : List.of("{\"category\": \"OTHER\", \"description\": \"=HYPERLINK(\\\"http://x\\\")\"}",
                "{\"category\": \"OTHER\", \"description\": \"客户反映周报迟交\"}",
                "{\"category\": \"SERVICE_QUALITY\", \"description\": \"客户反映响应慢\"}")) {
            var reported = deal.sales().post("/api/v1/contracts/" + deal.id() + "/cases", body);
            assertThat(reported.status()).as("%s", reported).isEqualTo(201);
        }
        String query = "/api/v1/cases?category=OTHER&contractId=" + deal.id() + "&sort=createdAt,asc";
        var listed = deal.sales().get(query + "&size=200").json();
        assertThat(listed.path("total").asInt()).isEqualTo(2);
        var descriptions = new java.util.ArrayList<String>();
        listed.path("items").forEach(c -> descriptions.add(c.path("description").asString()));

        var csv = ExportFiles.csv(deal.sales(), query + "&size=1", "cases");
        assertThat(csv.getFirst()).startsWith("合同编号", "合同名称", "类别", "问题描述");
        assertThat(csv).hasSize(1 + 2);
        assertThat(csv.subList(1, 3)).allSatisfy(r -> assertThat(r.get(0)).isEqualTo(deal.number()));
        assertThat(csv.subList(1, 3).stream().map(r -> r.get(3)).toList())
                .as("in the list's order, the formula kept as text").containsExactly(
                        "'" + descriptions.get(0), descriptions.get(1));
        assertThat(csv.get(1).get(2)).isEqualTo("其他");

        var xlsx = ExportFiles.xlsx(deal.sales(), query, "cases");
        assertThat(xlsx).hasSize(1 + 2);
        assertThat(xlsx.subList(1, 3).stream().map(r -> r.get(3)).toList()).containsExactlyElementsOf(descriptions);
        assertThat(xlsx.get(1).get(5)).isEqualTo(LocalDate.parse(listed.path("items").get(0).path("deadline").asString()));

        var english = deal.sales().request("GET", query).header("Accept", "text/csv").header("Accept-Language", "en")
                .sendForBytes();
        assertThat(io.qiyue.web.ExportApiContract.readCsv(english.body()).getFirst().get(2)).isEqualTo("Category");
        assertThat(ExportFiles.csv(createUser("SALES", null).client(), query, "cases"))
                .as("another salesperson's file has the header only").hasSize(1);
        var json = deal.sales().request("GET", query).header("Accept", "*/*").send();
        assertThat(json.contentType()).startsWith("application/json");
        var badFilter = deal.sales().request("GET", "/api/v1/cases?category=NOPE").header("Accept", "text/csv").send();
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.contentType()).startsWith("application/problem+json");
        // the refused value is named with the ones the filter takes (outside tester: "无法识别的取值" alone)
        assertThat(badFilter.json().path("errors").get(0).path("message").asString()).contains("NOPE", "其他");
    }

    @Test
    void unansweredEvaluationsAndCasesNearTheirDeadlineAreReminded() {
        var deal = deal("SERVICE");
        var link = deal.sales().post("/api/v1/contracts/" + deal.id() + "/evaluation-links", "{\"purpose\": \"PERIODIC\"}");
        assertThat(link.status()).isEqualTo(201);
        var staffCase = deal.sales().post("/api/v1/contracts/" + deal.id() + "/cases",
                "{\"category\": \"SUSPECTED_DISCLOSURE\", \"description\": \"客户来电反映疑似泄露\"}");
        assertThat(staffCase.status()).isEqualTo(201);
        String caseId = staffCase.json().path("id").asString();
        LocalDate deadline = LocalDate.parse(staffCase.json().path("deadline").asString());
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

        var now = new java.util.ArrayList<Reminder>();
        reminders.remindersFor(today, now::add);
        assertThat(now).noneMatch(r -> r.key().equals("EVALUATION_UNANSWERED:" + link.json().path("id").asString()));
        assertThat(now).noneMatch(r -> r.key().startsWith("CASE_DEADLINE:" + caseId));

        var later = new java.util.ArrayList<Reminder>();
        reminders.remindersFor(deadline.minusDays(1), later::add);
        assertThat(later).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo("CASE_DEADLINE:" + caseId + ":" + deadline);
            assertThat(r.kind()).isEqualTo(ReminderKind.CASE_DEADLINE);
            assertThat(r.recipients()).containsExactly(deal.owner());
        });

        var week = new java.util.ArrayList<Reminder>();
        reminders.remindersFor(today.plusDays(8), week::add);
        assertThat(week).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo("EVALUATION_UNANSWERED:" + link.json().path("id").asString());
            assertThat(r.kind()).isEqualTo(ReminderKind.EVALUATION_UNANSWERED);
            assertThat(r.contractNumber()).isEqualTo(deal.number());
            assertThat(r.recipients()).containsExactly(deal.owner());
        });
    }
}
