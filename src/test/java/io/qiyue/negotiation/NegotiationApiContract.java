package io.qiyue.negotiation;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Negotiation with the customer over HTTP: the owner shares a draft, the customer's contact reads it, comments
 * and proposes new wording on the link's pages, and the owner accepts or rejects the proposal clause by clause
 * (an accepted clause is a new saved version of the draft). A link that is revoked, expired, forged or used
 * for something of another link is a 404 with the same body every time.
 */
@RecordApplicationEvents
abstract class NegotiationApiContract extends ApiTestSupport {
    private static final String BREACH = "/terms/breach/description";
    private static final String SCOPE = "/terms/service/scope";
    private static final String CONDITION = "/terms/termination/conditions/0";

    @Autowired
    ApplicationEvents events;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ShareLinks shareLinks;
    @Autowired
    Negotiations negotiations;

    /** A share link made over the API: its id and token. */
    record Link(String id, String token, JsonNode created, String location) {
    }

    @Test
    void theCustomerCommentsAndProposesAndTheOwnerDecidesClauseByClause() {
        var sales = createUser("SALES", null);
        var contract = createContract(sales.client(), "SERVICE");
        String id = contract.path("id").asString();
        String contactId = sales.client().get("/api/v1/customers/" + contract.path("customerId").asString()).json()
                .path("contacts").get(0).path("id").asString();
        var link = share(sales.client(), id, "{\"contactId\": \"" + contactId + "\", \"expiresInDays\": 7}");
        // the configured public address when an admin set one (another test of this database may have), else the
        // address the request came in on (NotificationApiContract holds the first case)
        assertThat(link.created().path("url").asString()).matches("https?://[^/]+/p/" + link.token());
        var shown = sales.client().get(link.location());
        assertThat(link.location()).isEqualTo("/api/v1/share-links/" + link.id());
        assertThat(shown.status()).as("%s", shown).isEqualTo(200);
        assertThat(shown.json().path("id").asString()).isEqualTo(link.id());
        assertThat(shown.body()).doesNotContain(link.token());
        assertThat(createUser("SALES", null).client().get(link.location()).status()).isEqualTo(404);
        assertThat(link.created().path("contactName").asString()).isEqualTo("李四");

        // the customer reads the draft: its document, nothing of the company's people
        var page = customer().get("/p/" + link.token());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(contract.path("title").asString(), "逾期按比例支付违约金", "甲方总部机房")
                .doesNotContain(sales.username());
        assertThat(page.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");

        var commented = form(link.token(), "/comments", "clauseKey", BREACH, "body", "违约金比例过高，建议调整为5%。");
        assertThat(commented.status()).as("%s", commented).isEqualTo(302);
        assertThat(commented.header("Location")).endsWith("/p/" + link.token() + "?commented#comments");

        var proposed = form(link.token(), "/proposals", "clauseKey", BREACH, "text", "逾期付款的，按未付金额每日万分之五支付违约金。",
                "clauseKey", SCOPE, "text", "甲方总部机房", // unchanged: not part of the proposal
                "clauseKey", CONDITION, "text", "一方严重违约且经催告后30日内仍未纠正",
                "note", "请考虑我方意见");
        assertThat(proposed.status()).as("%s", proposed).isEqualTo(302);

        // the owner sees the comment and the proposal, clause by clause, with the contract's version as ETag
        var negotiation = sales.client().get("/api/v1/contracts/" + id + "/negotiation");
        assertThat(negotiation.status()).isEqualTo(200);
        assertThat(negotiation.header("ETag")).isEqualTo("\"1\"");
        var comment = negotiation.json().path("comments").get(0).path("comment");
        assertThat(comment.path("body").asString()).isEqualTo("违约金比例过高，建议调整为5%。");
        assertThat(comment.path("clauseKey").asString()).isEqualTo(BREACH);
        assertThat(comment.path("clauseLabel").asString()).isEqualTo("违约责任 说明");
        // in English the clause is named in English (outside tester: 违约责任 说明 on an English page)
        var english = sales.client().withHeader("Accept-Language", "en").get("/api/v1/contracts/" + id + "/negotiation")
                .json().path("comments").get(0).path("comment").path("clauseLabel").asString();
        assertThat(english).as(english).doesNotContainPattern("\\p{IsHan}").containsIgnoringCase("breach");
        assertThat(comment.path("authorName").asString()).isEqualTo("李四");
        var proposal = negotiation.json().path("proposals").get(0);
        assertThat(proposal.path("note").asString()).isEqualTo("请考虑我方意见");
        assertThat(proposal.path("baseVersion").asInt()).isEqualTo(1);
        int version = proposal.path("version").asInt();
        assertThat(version).isGreaterThanOrEqualTo(1_000_000_001);
        assertThat(keys(proposal.path("clauses"))).containsExactly(BREACH, CONDITION);
        assertThat(proposal.path("clauses").get(0).path("status").asString()).isEqualTo("PENDING");
        assertThat(proposal.path("clauses").get(0).path("currentText").asString()).isEqualTo("逾期按比例支付违约金");

        // the proposal is a COUNTERPARTY version of the history, and a redline against the draft
        var versions = sales.client().get("/api/v1/contracts/" + id + "/versions");
        assertThat(versions.body()).contains("\"COUNTERPARTY\"", Integer.toString(version));
        var diff = sales.client().get("/api/v1/contracts/" + id + "/diff?from=1&to=" + version);
        assertThat(diff.status()).as("%s", diff).isEqualTo(200);
        assertThat(diff.body()).contains("每日万分之五");
        var reviewed = sales.client().post("/api/v1/contracts/" + id + "/review?version=" + version, "{}");
        assertThat(reviewed.status()).as("the proposal is reviewed like the customer's paper: %s", reviewed)
                .isEqualTo(200);
        assertThat(reviewed.json().has("findings")).isTrue();

        // accepted: the draft takes the wording as a new saved version
        String pid = proposal.path("id").asString();
        var accepted = decide(sales.client(), id, pid, BREACH, "ACCEPT", "\"1\"");
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
        assertThat(accepted.json().path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.json().path("appliedVersion").asInt()).isEqualTo(2);
        assertThat(accepted.header("ETag")).isEqualTo("\"2\"");
        var saved = sales.client().get("/api/v1/contracts/" + id).json();
        assertThat(saved.path("version").asInt()).isEqualTo(2);
        assertThat(saved.path("terms").path("breach").path("description").asString())
                .isEqualTo("逾期付款的，按未付金额每日万分之五支付违约金。");
        assertThat(saved.path("terms").path("termination").path("conditions").get(0).asString()).isEqualTo("一方严重违约");

        // rejected: the draft stays as it is
        var rejected = decide(sales.client(), id, pid, CONDITION, "REJECT", null);
        assertThat(rejected.status()).as("%s", rejected).isEqualTo(200);
        assertThat(rejected.json().path("status").asString()).isEqualTo("REJECTED");
        assertThat(sales.client().get("/api/v1/contracts/" + id).json().path("version").asInt()).isEqualTo(2);

        // a clause is decided once; a stale version or no If-Match does not accept
        assertProblem(decide(sales.client(), id, pid, BREACH, "ACCEPT", "\"2\""), 409);
        assertProblem(decide(sales.client(), id, pid, "/terms/nothing", "REJECT", null), 400, "clauseKey");
        assertProblem(sales.client().post("/api/v1/contracts/" + id + "/proposals/" + pid + "/decisions",
                "{\"clauseKey\": \"" + BREACH + "\"}"), 400, "decision");

        var after = sales.client().get("/api/v1/contracts/" + id + "/negotiation").json().path("proposals").get(0);
        assertThat(after.path("clauses").get(0).path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(after.path("clauses").get(0).path("decidedBy").asString()).isEqualTo(sales.username());
        assertThat(after.path("clauses").get(1).path("status").asString()).isEqualTo("REJECTED");

        // the owner answers the comment; the customer sees the answer, not who wrote it, and the decisions
        String commentId = comment.path("id").asString();
        var reply = sales.client().post("/api/v1/contracts/" + id + "/comments/" + commentId + "/replies",
                "{\"body\": \"已按每日万分之五调整。\"}");
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        var again = customer().get("/p/" + link.token());
        assertThat(again.body()).contains("已按每日万分之五调整。", "乙方答复", "已接受", "未接受")
                .contains("逾期付款的，按未付金额每日万分之五支付违约金。") // the document as it is now
                .doesNotContain(sales.username());

        // every use is listed for the owner with its address, and in the audit trail
        var links = sales.client().get("/api/v1/contracts/" + id + "/share-links");
        assertThat(links.status()).isEqualTo(200);
        assertThat(links.json().path("total").asInt()).as("the usual list envelope: %s", links).isEqualTo(1);
        assertThat(links.json().path("page").asInt()).isZero();
        assertThat(links.json().path("size").asInt()).isEqualTo(20);
        var uses = links.json().path("items").get(0).path("uses");
        var actions = new ArrayList<String>();
        uses.forEach(u -> actions.add(u.path("action").asString()));
        assertThat(actions).contains("VIEW", "COMMENT", "PROPOSE");
        uses.forEach(u -> assertThat(u.path("ip").asString()).isEqualTo("127.0.0.1"));
        var audit = admin().get("/api/v1/audit?entity=SHARE_LINK&id=" + link.id() + "&size=50");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body()).contains("VIEW 127.0.0.1", "COMMENT 127.0.0.1", "PROPOSE 127.0.0.1");
        var decisions = admin().get("/api/v1/audit?entity=NEGOTIATION_PROPOSAL&id=" + pid + "&size=10");
        assertThat(decisions.body()).contains("ACCEPTED", "REJECTED", sales.username());

        // the module tells whoever listens (the recorder sees this thread's events, so the module is called here)
        var access = shareLinks.resolve(link.token()).orElseThrow();
        negotiations.comment(access, new Negotiations.CommentInput(null, "整体可以接受。"), "127.0.0.1", null);
        negotiations.propose(access, new Negotiations.ProposalInput(List.of(new Negotiations.ClauseWording(SCOPE,
                "甲方总部机房及灾备机房")), null), "127.0.0.1", null);
        var told = events.stream(NegotiationEvent.class).filter(e -> e.contractId().equals(id)).toList();
        assertThat(told).extracting(NegotiationEvent::kind)
                .containsExactly(NegotiationEvent.Kind.COMMENTED, NegotiationEvent.Kind.PROPOSAL_RECEIVED);
        assertThat(told).extracting(NegotiationEvent::contactName).containsOnly("李四");
        assertThat(told).extracting(NegotiationEvent::owner).containsOnly(sales.username());
        assertThat(told.get(0).summary()).isEqualTo("整体可以接受。");
        assertThat(told.get(1).summary()).isEqualTo("服务 范围");
    }

    @Test
    void aRevokedExpiredForgedOrForeignTokenIsTheSame404() {
        var sales = createUser("SALES", null);
        String id = createContract(sales.client(), "SERVICE").path("id").asString();
        String other = createContract(sales.client(), "SERVICE").path("id").asString();
        var revoked = share(sales.client(), id, "{}");
        assertThat(customer().get("/p/" + revoked.token()).status()).isEqualTo(200);
        assertThat(sales.client().delete("/api/v1/share-links/" + revoked.id(), null).status()).isEqualTo(204);
        assertThat(sales.client().delete("/api/v1/share-links/" + revoked.id(), null).status())
                .as("revoking twice is no error").isEqualTo(204);

        var expired = share(sales.client(), id, "{}");
        jdbc.sql("UPDATE share_link SET expires_at = ? WHERE id = ?")
                .params(LocalDateTime.of(2020, 1, 1, 0, 0), expired.id()).update();

        var mine = share(sales.client(), id, "{}");
        var theirs = share(sales.client(), other, "{}");
        assertThat(form(theirs.token(), "/proposals", "clauseKey", BREACH, "text", "另一份合同的建议").status())
                .isEqualTo(302);
        String theirProposal = sales.client().get("/api/v1/contracts/" + other + "/negotiation").json()
                .path("proposals").get(0).path("id").asString();

        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(random);

        var refusals = List.of(customer().get("/p/" + revoked.token()), customer().get("/p/" + expired.token()),
                customer().get("/p/" + forged), customer().get("/p/not-a-token"),
                customer().get("/p/" + mine.token() + "/proposals/" + theirProposal),
                form(revoked.token(), "/comments", "body", "还在吗？"),
                form(expired.token(), "/proposals", "clauseKey", BREACH, "text", "过期后的建议"));
        String body = refusals.getFirst().body();
        assertThat(body).contains("链接无效或已过期");
        for (var refused : refusals) {
            assertThat(refused.status()).as("%s", refused).isEqualTo(404);
            assertThat(refused.body()).isEqualTo(body);
        }
        // nothing was stored through the refused links
        var negotiation = sales.client().get("/api/v1/contracts/" + id + "/negotiation").json();
        assertThat(negotiation.path("comments").size()).isZero();
        assertThat(negotiation.path("proposals").size()).isZero();
        // the proposal of the other contract is there for its own link
        assertThat(customer().get("/p/" + theirs.token() + "/proposals/" + theirProposal).status()).isEqualTo(200);
    }

    /**
     * A draft moved to another customer revokes the links made for the first one (outside tester: the old customer's
     * link showed the new customer's name and address); a change that keeps the customer keeps them.
     */
    @Test
    void movingADraftToAnotherCustomerRevokesItsLinks() {
        var sales = createUser("SALES", null);
        String id = createContract(sales.client(), "SERVICE").path("id").asString();
        var link = share(sales.client(), id, "{}");
        String path = "/api/v1/contracts/" + id;
        var retitled = sales.client().request("PATCH", path).header("If-Match", sales.client().get(path).header("ETag"))
                .body("application/merge-patch+json", "{\"title\": \"%s\"}".formatted(unique("改名"))).send();
        assertThat(retitled.status()).as("%s", retitled).isEqualTo(200);
        assertThat(customer().get("/p/" + link.token()).status()).as("same customer").isEqualTo(200);

        String another = createOrganization(sales.client()).path("id").asString();
        var moved = sales.client().request("PATCH", path).header("If-Match", sales.client().get(path).header("ETag"))
                .body("application/merge-patch+json", "{\"customerId\": \"%s\"}".formatted(another)).send();
        assertThat(moved.status()).as("%s", moved).isEqualTo(200);
        assertThat(customer().get("/p/" + link.token()).status()).isEqualTo(404);
        var listed = sales.client().get(path + "/share-links").json().path("items");
        assertThat(listed.get(0).path("status").asString()).isEqualTo("REVOKED");
        assertThat(customer().get("/p/" + share(sales.client(), id, "{}").token()).status())
                .as("a link for the new customer").isEqualTo(200);
    }

    @Test
    void theContactSeesOnlyThisContractAndWhatWasSaidThroughTheirLink() {
        var sales = createUser("SALES", null);
        var contract = createContract(sales.client(), "SERVICE");
        String id = contract.path("id").asString();
        var otherContract = createContract(sales.client(), "SERVICE");
        var first = share(sales.client(), id, "{}");
        var second = share(sales.client(), id, "{}");
        assertThat(form(second.token(), "/comments", "body", "第二位联系人的内部意见").status()).isEqualTo(302);
        // the owner's other work: a proposal accepted into the draft leaves a note only the owner sees
        var page = customer().get("/p/" + first.token());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(contract.path("number").asString())
                .doesNotContain("第二位联系人的内部意见", otherContract.path("title").asString(),
                        otherContract.path("number").asString(), sales.username(), id);
        // no internal version numbers or kinds either
        assertThat(page.body()).doesNotContain("SAVED", "EXTERNAL", "COUNTERPARTY");
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        var sales = createUser("SALES", null);
        String id = createContract(sales.client(), "SERVICE").path("id").asString();
        assertProblem(sales.client().post("/api/v1/contracts/" + id + "/share-links", "{\"expiresInDays\": 0}"),
                400, "expiresInDays");
        assertProblem(sales.client().post("/api/v1/contracts/" + id + "/share-links", "{\"expiresInDays\": 91}"),
                400, "expiresInDays");
        assertProblem(sales.client().post("/api/v1/contracts/" + id + "/share-links",
                "{\"contactId\": \"00000000-0000-0000-0000-000000000000\"}"), 400, "contactId");
        assertProblem(sales.client().post("/api/v1/contracts/" + id + "/share-links", "{\"expiresInDays\": \"x\"}"),
                400);

        // other people: a viewer may read but not share, another salesperson does not see the contract
        var viewer = createUser("VIEWER", null);
        var stranger = createUser("SALES", null);
        assertProblem(viewer.client().post("/api/v1/contracts/" + id + "/share-links", "{}"), 403);
        assertProblem(stranger.client().post("/api/v1/contracts/" + id + "/share-links", "{}"), 404);
        var link = share(sales.client(), id, "{}");
        assertProblem(stranger.client().delete("/api/v1/share-links/" + link.id(), null), 404);
        assertProblem(viewer.client().delete("/api/v1/share-links/" + link.id(), null), 403);
        assertThat(customer().get("/p/" + link.token()).status()).as("still valid").isEqualTo(200);

        // the customer's forms: errors beside the fields, nothing stored
        var empty = form(link.token(), "/comments", "clauseKey", BREACH, "body", "  ");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("请填写内容", "is-invalid");
        var unknown = form(link.token(), "/comments", "clauseKey", "/terms/nothing", "body", "意见");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("本合同没有该条款");
        var unchanged = form(link.token(), "/proposals", "clauseKey", BREACH, "text", "逾期按比例支付违约金");
        assertThat(unchanged.status()).isEqualTo(400);
        assertThat(unchanged.body()).contains("请至少修改一个条款");
        var tooLong = form(link.token(), "/proposals", "clauseKey", BREACH, "text", "长".repeat(4001));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("不能超过 4000 个字");
        var foreignKey = form(link.token(), "/proposals", "clauseKey", "/title", "text", "改名");
        assertThat(foreignKey.status()).isEqualTo(400);
        var negotiation = sales.client().get("/api/v1/contracts/" + id + "/negotiation").json();
        assertThat(negotiation.path("comments").size()).isZero();
        assertThat(negotiation.path("proposals").size()).isZero();

        // a write another site makes the browser send is refused
        var crossSite = customer().request("POST", "/p/" + link.token() + "/comments")
                .header("Origin", "https://evil.example").body("application/x-www-form-urlencoded", "body=hi").send();
        assertThat(crossSite.status()).isEqualTo(403);
    }

    @Test
    void onlyADraftIsSharedAndTakesProposals() {
        var sales = createUser("SALES", null);
        String id = createContract(sales.client(), "SERVICE").path("id").asString();
        var link = share(sales.client(), id, "{}");
        jdbc.sql("UPDATE contract SET status = 'IN_APPROVAL' WHERE id = ?").param(id).update();
        assertProblem(sales.client().post("/api/v1/contracts/" + id + "/share-links", "{}"), 409);
        var page = customer().get("/p/" + link.token());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("暂不接受新的意见和修改建议").doesNotContain("id=\"proposal-form\"");
        assertThat(page.body()).contains("合同文本（审批中）").doesNotContain("当前草稿", "id=\"comment-form\"");
        var late = form(link.token(), "/proposals", "clauseKey", BREACH, "text", "审批中的建议");
        assertThat(late.status()).isEqualTo(409);
        var lateComment = form(link.token(), "/comments", "clauseKey", BREACH, "body", "审批中的意见");
        assertThat(lateComment.status()).as("%s", lateComment).isEqualTo(409);
        assertThat(lateComment.body()).contains("暂不接受新的意见");
        var negotiation = sales.client().get("/api/v1/contracts/" + id + "/negotiation").json();
        assertThat(negotiation.path("proposals").size()).isZero();
        assertThat(negotiation.path("comments").size()).as("nothing stored after the draft").isZero();
    }

    @Test
    void aProposalIsAcceptedOnlyOverTheWordingItWasMadeFor() {
        var sales = createUser("SALES", null);
        String id = createContract(sales.client(), "SERVICE").path("id").asString();
        String contract = "/api/v1/contracts/" + id;
        var twoDuties = sales.client().patch(contract, "{\"terms\": {\"rightsAndObligations\": {\"customer\": "
                + "[\"按时付款\", \"提供场地\"]}}}", "\"1\"");
        assertThat(twoDuties.status()).as("%s", twoDuties).isEqualTo(200);
        var link = share(sales.client(), id, "{}");
        String second = "/terms/rightsAndObligations/customer/1";
        assertThat(form(link.token(), "/proposals", "clauseKey", second, "text", "提供场地及网络").status())
                .isEqualTo(302);
        String pid = sales.client().get(contract + "/negotiation").json().path("proposals").get(0).path("id")
                .asString();

        // the owner reorders the customer's duties: the place the proposal names now holds the payment duty
        var reordered = sales.client().patch(contract, "{\"terms\": {\"rightsAndObligations\": {\"customer\": "
                + "[\"提供场地\", \"按时付款\"]}}}", "\"2\"");
        assertThat(reordered.status()).as("%s", reordered).isEqualTo(200);
        var clause = sales.client().get(contract + "/negotiation").json().path("proposals").get(0).path("clauses")
                .get(0);
        assertThat(clause.path("stale").asBoolean()).as("%s", clause).isTrue();
        assertThat(clause.path("beforeText").asString()).isEqualTo("提供场地");
        assertThat(clause.path("currentText").asString()).isEqualTo("按时付款");

        var accepted = decide(sales.client(), id, pid, second, "ACCEPT", "\"3\"");
        assertProblem(accepted, 409);
        assertThat(accepted.body()).contains("已被修改", "重新对比");
        var saved = sales.client().get(contract).json();
        assertThat(saved.path("version").asInt()).as("nothing written").isEqualTo(3);
        assertThat(saved.path("terms").path("rightsAndObligations").path("customer").toString())
                .isEqualTo("[\"提供场地\",\"按时付款\"]");
        assertThat(sales.client().get(contract + "/negotiation").json().path("proposals").get(0).path("clauses")
                .get(0).path("status").asString()).isEqualTo("PENDING");

        // rejecting writes nothing to the draft, so it is still possible
        var rejected = decide(sales.client(), id, pid, second, "REJECT", null);
        assertThat(rejected.status()).as("%s", rejected).isEqualTo(200);
        assertThat(rejected.json().path("stale").asBoolean()).isFalse();
    }

    @Test
    void theCustomersFormsRefuseUnusableTextBesideTheFieldAndKeepIt() {
        var sales = createUser("SALES", null);
        String id = createContract(sales.client(), "SERVICE").path("id").asString();
        var link = share(sales.client(), id, "{}");

        var control = form(link.token(), "/proposals", "clauseKey", BREACH, "text", "逾期\u0002付款", "note", "说明");
        assertThat(control.status()).as("%s", control).isEqualTo(400);
        assertThat(control.header("Content-Type")).startsWith("text/html");
        assertThat(control.body()).contains("U+0002", "违约责任 说明：", "is-invalid", "逾期付款", "clause-error");

        var comment = customer().request("POST", "/p/" + link.token() + "/comments")
                .header("Origin", "http://127.0.0.1:" + port).header("Accept", "text/html")
                .body("application/x-www-form-urlencoded", "clauseKey=" + enc(BREACH) + "&body=" + enc("违约金\u0002过高"))
                .send();
        assertThat(comment.status()).as("%s", comment).isEqualTo(400);
        assertThat(comment.header("Content-Type")).startsWith("text/html");
        assertThat(comment.body()).contains("U+0002", "is-invalid", "违约金过高");

        // the limit of the field, not of the textarea: an instalment's description takes 500
        String description = "/terms/payment/schedule/0/description";
        var tooLong = form(link.token(), "/proposals", "clauseKey", description, "text", "长".repeat(600));
        assertThat(tooLong.status()).as("%s", tooLong).isEqualTo(400);
        assertThat(tooLong.body()).contains("第1项 说明：内容不能超过 500 个字", "maxlength=\"500\"");

        var unpaired = form(link.token(), "/proposals", "clauseKey", BREACH, "clauseKey", SCOPE,
                "text", "逾期付款的，按未付金额每日万分之五支付违约金。");
        assertThat(unpaired.status()).as("%s", unpaired).isEqualTo(400);
        assertThat(unpaired.body()).contains("数量不一致");

        var badToken = customer().get("/p/" + enc("abc\u0002"));
        assertThat(badToken.status()).as("refused, never a failure: %s", badToken).isIn(400, 404);

        var negotiation = sales.client().get("/api/v1/contracts/" + id + "/negotiation").json();
        assertThat(negotiation.path("comments").size()).isZero();
        assertThat(negotiation.path("proposals").size()).isZero();
    }

    @Test
    void theCustomersPageNamesThePartiesAsTheDocumentDoes() {
        var sales = createUser("SALES", null);
        String id = createContract(sales.client(), "SERVICE").path("id").asString();
        var link = share(sales.client(), id, "{}");
        assertThat(form(link.token(), "/comments", "clauseKey", "/terms/rightsAndObligations/provider/0", "body",
                "请明确服务范围。").status()).isEqualTo(302);
        String commentId = sales.client().get("/api/v1/contracts/" + id + "/negotiation").json().path("comments")
                .get(0).path("comment").path("id").asString();
        assertThat(sales.client().post("/api/v1/contracts/" + id + "/comments/" + commentId + "/replies",
                "{\"body\": \"已补充。\"}").status()).isEqualTo(201);
        var page = customer().get("/p/" + link.token());
        assertThat(page.body()).contains("乙方的权利义务 第1项", "甲方的权利义务 第1项", "乙方答复", "合同文本（当前草稿）")
                .doesNotContain("我方");
    }

    /**
     * Found by an outside tester: the share page printed a person's ID number in full, and a sharer who may not
     * read the customer (the contract's owner, not the customer's) could read its details through their own link.
     */
    @Test
    void theLinkMasksThePersonsIdNumberAndIsNotForASharerWhoMayNotReadTheCustomer() {
        var owner = createUser("SALES", null);
        var other = createUser("SALES", null);
        var person = tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
        person.put("kind", "PERSON");
        person.put("name", unique("孙十"));
        String idNumber = io.qiyue.testing.TestIdentifiers.idNumber();
        person.put("idNumber", idNumber);
        person.put("address", "浙江省温州市鹿城区");
        var created = owner.client().post("/api/v1/customers", person.toString());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String customer = created.json().path("id").asString();

        var mine = admin().post("/api/v1/contracts", io.qiyue.testing.ContractSamples.contract("SERVICE", unique("个人分享"),
                customer, ourEntityId()).put("owner", owner.username()).toString());
        assertThat(mine.status()).as("%s", mine).isEqualTo(201);
        var link = share(owner.client(), mine.json().path("id").asString(), "{}");
        String page = customer().get("/p/" + link.token()).body();
        assertThat(page).contains(idNumber.substring(0, 6) + "********" + idNumber.substring(14))
                .doesNotContain(idNumber);

        var theirs = admin().post("/api/v1/contracts", io.qiyue.testing.ContractSamples.contract("SERVICE",
                unique("他人客户"), customer, ourEntityId()).put("owner", other.username()).toString());
        assertThat(theirs.status()).as("%s", theirs).isEqualTo(201);
        var refused = other.client().post("/api/v1/contracts/" + theirs.json().path("id").asString() + "/share-links",
                "{}");
        assertProblem(refused, 403);
        assertThat(refused.json().path("detail").asString()).contains(owner.username());
    }

    // ---- helpers

    private ApiClient customer() {
        return anonymous();
    }

    private Link share(ApiClient owner, String contractId, String body) {
        var created = owner.post("/api/v1/contracts/" + contractId + "/share-links", body);
        assertThat(created.status()).as("share: %s", created).isEqualTo(201);
        String url = created.json().path("url").asString();
        return new Link(created.json().path("id").asString(), url.substring(url.lastIndexOf('/') + 1), created.json(),
                created.header("Location"));
    }

    /** A form the customer's page posts (names and values alternating), as a browser of that page sends it. */
    private HttpResponse form(String token, String path, String... namesAndValues) {
        var sb = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            sb.append(sb.isEmpty() ? "" : "&").append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return customer().request("POST", "/p/" + token + path).header("Origin", "http://127.0.0.1:" + port)
                .body("application/x-www-form-urlencoded", sb.toString()).send();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse decide(ApiClient owner, String contractId, String proposalId, String clauseKey,
                                       String decision, String ifMatch) {
        var request = owner.request("POST", "/api/v1/contracts/" + contractId + "/proposals/" + proposalId + "/decisions")
                .json("{\"clauseKey\": \"" + clauseKey + "\", \"decision\": \"" + decision + "\"}");
        return (ifMatch == null ? request : request.header("If-Match", ifMatch)).send();
    }

    private static List<String> keys(JsonNode clauses) {
        var keys = new ArrayList<String>();
        clauses.forEach(c -> keys.add(c.path("key").asString()));
        return keys;
    }
}
