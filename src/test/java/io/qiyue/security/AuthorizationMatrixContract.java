package io.qiyue.security;

import io.qiyue.security.AuthorizationMatrix.Call;
import io.qiyue.security.AuthorizationMatrix.Caller;
import io.qiyue.security.AuthorizationMatrix.Ctx;
import io.qiyue.security.AuthorizationMatrix.Fresh;
import io.qiyue.security.AuthorizationMatrix.Outcome;
import io.qiyue.security.AuthorizationMatrix.Row;
import io.qiyue.security.AuthorizationMatrix.Rule;
import io.qiyue.security.AuthorizationMatrix.Scope;
import io.qiyue.security.AuthorizationMatrix.Subject;
import io.qiyue.security.AuthorizationMatrix.Target;
import io.qiyue.contract.ContractAction;
import io.qiyue.contract.Contracts;
import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestIdentifiers;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static io.qiyue.security.AuthorizationMatrix.Call.form;
import static io.qiyue.security.AuthorizationMatrix.Call.get;
import static io.qiyue.security.AuthorizationMatrix.Call.json;
import static io.qiyue.security.AuthorizationMatrix.Rule.ADMIN;
import static io.qiyue.security.AuthorizationMatrix.Rule.MANAGE_TEMPLATES;
import static io.qiyue.security.AuthorizationMatrix.Rule.ASSIGNEE;
import static io.qiyue.security.AuthorizationMatrix.Rule.AUTHENTICATED;
import static io.qiyue.security.AuthorizationMatrix.Rule.CREATE_CONTRACT;
import static io.qiyue.security.AuthorizationMatrix.Rule.CREATE_CUSTOMER;
import static io.qiyue.security.AuthorizationMatrix.Rule.OWN_TOKEN;
import static io.qiyue.security.AuthorizationMatrix.Rule.OWN_TOKEN_OR_ADMIN;
import static io.qiyue.security.AuthorizationMatrix.Rule.PUBLIC;
import static io.qiyue.security.AuthorizationMatrix.Rule.READ_CONTRACT;
import static io.qiyue.security.AuthorizationMatrix.Rule.READ_KEPT_FILES;
import static io.qiyue.security.AuthorizationMatrix.Rule.READ_CUSTOMER;
import static io.qiyue.security.AuthorizationMatrix.Rule.WRITE_CONTRACT;
import static io.qiyue.security.AuthorizationMatrix.Rule.WRITE_CUSTOMER;
import static io.qiyue.security.AuthorizationMatrix.Rule.WRITE_RECEIVABLE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization matrix of issue #10: every endpoint of the REST API and of the session UI, as Spring's
 * handler mapping lists them, called over HTTP by every role (each a user of team 1) and without credentials,
 * on a record of the caller's own, of a salesperson of their team and of a salesperson of another team, and
 * answered as the README's "Roles and data scope" says ({@link AuthorizationMatrix.Rule#expected}).
 * <p>
 * <b>A new endpoint joins the matrix with one row in {@link #table()}</b>: its handler mapping, its rule and how
 * to call it. An endpoint without a row fails {@link #everyEndpointHasAnAuthorizationExpectation()}.
 * <p>
 * Writes that are allowed get fixtures of their own where they would spoil the shared ones (a deleted
 * customer, a submitted contract, a fixed finding); refused writes use the shared fixtures, and the matrix
 * checks that they changed nothing. Beside the matrix: lists show nothing outside the caller's scope, and ID
 * numbers and mobiles are masked to those who may read but not edit the customer.
 * <p>
 * Subclasses for H2 and PostgreSQL only: some 1,500 requests per database are too many for a third one on
 * the two cores the build has; the data-scope queries on MariaDB are covered by {@code SecurityApiMariaDbIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuthorizationMatrixContract extends ApiTestSupport {
    private static final Logger log = LoggerFactory.getLogger(AuthorizationMatrixContract.class);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    /** What a page shows when it refused the input: errors beside the fields or above the form, or in the review panel. */
    private static final Pattern PAGE_ERRORS = Pattern.compile(
            "id=\"form-errors\"|id=\"form-error-summary\"|class=\"[^\"]*\\bis-invalid\\b|id=\"review-error\"");
    private static final String VAGUE_PATH = "/terms/rightsAndObligations/provider/1";
    private static final String SETTING = "QY-V001/thresholdPercent";
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** How a row names the export of the list at its path (the list asked for as XLSX or CSV). */
    private static final String AS_FILE = " as a file";
    private static final int FIRST_UPLOAD = 1_000_000_001;
    /** The clause the matrix's customer proposes wording for. */
    private static final String NEGOTIATED = "/terms/breach/description";
    private static final Pattern CUSTOMER_PROPOSAL = Pattern.compile("href=\"(/p/[A-Za-z0-9_-]+/proposals/[0-9a-f-]{36})\"");

    /**
     * Handler mappings that are not the application's and stay out of the matrix, with the reason. Anything
     * else the handler mapping lists needs a row.
     */
    private static final Map<String, String> NOT_IN_MATRIX = Map.of(
            "ANY /error", "Spring Boot's error page: requests are forwarded there, it is open to everyone",
            "ANY /login/throttled", "the sign-in throttle's answer page, public like /login");

    /** Moves fixtures the way approval and signing will; this release has no endpoint for those moves. */
    @Autowired
    private Contracts lifecycle;

    @Autowired
    private io.qiyue.obligation.Obligations obligationsForMatrix;

    @Autowired
    private org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlerMapping;

    private final String marker = unique("矩阵");
    private final Map<Caller, TestUser> users = new EnumMap<>(Caller.class);
    private static final String CONTACT_EMAIL = "lisi@example.com";
    private final Map<String, TestUser> byUsername = new HashMap<>();
    private final Map<Caller, Browser> browsers = new EnumMap<>(Caller.class);
    private final Map<String, Target> shared = new HashMap<>();
    private TestUser mate;
    private TestUser stranger;
    private String ourEntity;
    private String spareEntity;
    /** A seal of our entity that every row reads and the admin's users rows change; the spare one is deactivated. */
    private String seal;
    private String spareSeal;
    private String spareUser;
    private String spareTeam;
    private String template;
    private String templateBody;
    private String clause;
    private String portfolioJob;
    private String spareFlow;
    private String spareTask;
    private byte[] paper;

    // ---- the expectations

    /**
     * One row per endpoint: which rule it follows and how to call it for a caller, a scope and its target.
     * The handler mapping text must equal what Spring lists ({@code METHOD pattern}).
     */
    private List<Row> table() {
        return List.of(
                // customers (REST)
                Row.of("GET /api/v1/customers", AUTHENTICATED, c -> get("/api/v1/customers?size=5")),
                Row.of("GET /api/v1/customers" + AS_FILE, AUTHENTICATED, c -> get("/api/v1/customers?level=A")
                        .header("Accept", "text/csv")),
                Row.of("GET /api/v1/customers/{id}", READ_CUSTOMER, c -> get(c.customer())),
                Row.of("POST /api/v1/customers", CREATE_CUSTOMER, c -> json("POST", "/api/v1/customers",
                        organization(c.target().owner()))),
                Row.of("PUT /api/v1/customers/{id}", WRITE_CUSTOMER, c -> json("PUT", c.customer(),
                        customerAsInput(c.target())).ifMatch(etag(c.customer()))),
                Row.of("PATCH /api/v1/customers/{id}", WRITE_CUSTOMER, c -> Call.mergePatch(c.customer(),
                        "{\"address\": \"浙江省杭州市西湖区文三路" + counter() + "号\"}").ifMatch(etag(c.customer()))),
                Row.of("DELETE /api/v1/customers/{id}", WRITE_CUSTOMER, c -> Call.delete(c.customer())
                        .ifMatch(etag(c.customer()))).fresh(Fresh.CUSTOMER),
                Row.of("GET /api/v1/customers/{id}/contacts", READ_CUSTOMER, c -> get(c.customer() + "/contacts")),
                Row.of("GET /api/v1/customers/{id}/contacts/{contactId}", READ_CUSTOMER,
                        c -> get(c.customer() + "/contacts/" + c.target().contactId())),
                Row.of("POST /api/v1/customers/{id}/contacts", WRITE_CUSTOMER, c -> json("POST", c.customer() + "/contacts",
                        "{\"name\": \"王五\", \"mobile\": \"" + TestIdentifiers.mobile() + "\"}")),
                Row.of("PUT /api/v1/customers/{id}/contacts/{contactId}", WRITE_CUSTOMER, c -> json("PUT",
                        c.customer() + "/contacts/" + c.target().contactId(), "{\"name\": \"李四\", \"title\": \"总经理\","
                                + " \"mobile\": \"" + c.target().mobile() + "\", \"email\": \"" + CONTACT_EMAIL
                                + "\", \"primary\": true}")
                        .ifMatch(etag(c.customer()))),
                Row.of("DELETE /api/v1/customers/{id}/contacts/{contactId}", WRITE_CUSTOMER, c -> Call.delete(
                        c.customer() + "/contacts/" + c.target().contactId()).ifMatch(etag(c.customer())))
                        .fresh(Fresh.CUSTOMER),
                Row.of("GET /api/v1/our-entities", AUTHENTICATED, c -> get("/api/v1/our-entities")),
                Row.of("GET /api/v1/our-entities/{id}", AUTHENTICATED, c -> get("/api/v1/our-entities/" + ourEntity)),
                Row.of("POST /api/v1/our-entities", ADMIN, c -> json("POST", "/api/v1/our-entities",
                        ourEntityBody(TestIdentifiers.creditCode()))),
                Row.of("PUT /api/v1/our-entities/{id}", ADMIN, c -> json("PUT", "/api/v1/our-entities/" + spareEntity,
                        ourEntityAsInput()).ifMatch(etag("/api/v1/our-entities/" + spareEntity))),
                // seals of our entities (REST): everyone reads them and their images, admins write and read the use log
                Row.of("GET /api/v1/our-entities/{id}/seals", AUTHENTICATED, c -> get("/api/v1/our-entities/" + ourEntity
                        + "/seals")),
                Row.of("POST /api/v1/our-entities/{id}/seals", ADMIN, c -> Call.upload("/api/v1/our-entities/" + ourEntity
                        + "/seals?kind=CONTRACT&name=matrix", "seal.png", "image/png", sealImage())),
                Row.of("GET /api/v1/seals/{id}", AUTHENTICATED, c -> get("/api/v1/seals/" + seal)),
                Row.of("GET /api/v1/seals/{id}/image", AUTHENTICATED, c -> get("/api/v1/seals/" + seal + "/image")),
                Row.of("GET /api/v1/seals/{id}/uses", ADMIN, c -> get("/api/v1/seals/" + seal + "/uses")),
                Row.of("PUT /api/v1/seals/{id}/users", ADMIN, c -> json("PUT", "/api/v1/seals/" + seal + "/users",
                        "{\"users\": [\"admin\"]}").ifMatch(etag("/api/v1/seals/" + seal))),
                Row.of("POST /api/v1/seals/{id}/deactivate", ADMIN, c -> json("POST", "/api/v1/seals/" + spareSeal
                        + "/deactivate", "{}")),

                // contracts (REST)
                Row.of("GET /api/v1/contract-types", AUTHENTICATED, c -> get("/api/v1/contract-types")),
                Row.of("GET /api/v1/contracts", AUTHENTICATED, c -> get("/api/v1/contracts?size=5")),
                Row.of("GET /api/v1/contracts" + AS_FILE, AUTHENTICATED, c -> get("/api/v1/contracts?format=xlsx&type=CONFIDENTIALITY")),
                Row.of("GET /api/v1/contracts/{id}", READ_CONTRACT, c -> get(c.contract())),
                Row.of("POST /api/v1/contracts", CREATE_CONTRACT, c -> json("POST", "/api/v1/contracts",
                        contractBody(c.target(), marker + " 新建").toString())),
                Row.of("PUT /api/v1/contracts/{id}", WRITE_CONTRACT, c -> json("PUT", c.contract(),
                        contractBody(c.target(), marker + " 全部替换").toString()).ifMatch(etag(c.contract())))
                        .fresh(Fresh.CONTRACT),
                Row.of("PATCH /api/v1/contracts/{id}", WRITE_CONTRACT, c -> Call.mergePatch(c.contract(),
                        "{\"title\": \"" + marker + " 共享 改" + counter() + "\"}").ifMatch(etag(c.contract()))),
                Row.of("POST /api/v1/contracts/{id}/submit", WRITE_CONTRACT, c -> json("POST", c.contract() + "/submit",
                        "{}").ifMatch(etag(c.contract()))).fresh(Fresh.READY),
                Row.of("POST /api/v1/contracts/{id}/withdraw", WRITE_CONTRACT, c -> json("POST",
                        c.contract() + "/withdraw", "{}").ifMatch(etag(c.contract()))).fresh(Fresh.SUBMITTED),
                Row.of("POST /api/v1/contracts/{id}/signing", WRITE_CONTRACT, c -> json("POST",
                        c.contract() + "/signing", "{}").ifMatch(etag(c.contract()))).fresh(Fresh.APPROVED),
                Row.of("POST /api/v1/contracts/{id}/signing/cancel", WRITE_CONTRACT, c -> json("POST",
                        c.contract() + "/signing/cancel", "{}").ifMatch(etag(c.contract()))).fresh(Fresh.SIGNING),
                Row.of("POST /api/v1/contracts/{id}/terminate", WRITE_CONTRACT, c -> json("POST",
                        c.contract() + "/terminate", "{\"reason\": \"双方协商一致解除\", \"date\": \"" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")) + "\"}")
                        .ifMatch(etag(c.contract()))).fresh(Fresh.SIGNED),
                Row.of("POST /api/v1/contracts/{id}/renew", WRITE_CONTRACT, c -> json("POST",
                        c.contract() + "/renew", "{}").ifMatch(etag(c.contract()))).fresh(Fresh.SIGNED),
                // the fixture does not renew itself: those who may write get the 409 that says so
                Row.of("POST /api/v1/contracts/{id}/non-renewal", WRITE_CONTRACT, c -> json("POST",
                        c.contract() + "/non-renewal", "{\"reason\": \"不再续约\"}")).fresh(Fresh.SIGNED).alsoAllowed(409),
                Row.of("GET /api/v1/contracts/{id}/lifecycle", READ_CONTRACT, c -> get(c.contract() + "/lifecycle")),
                // signing: the plan is the writer's; signing itself is the designated signer's (a reader who is not
                // one gets the 409 of a contract without an open round for them); files 404 before signing started
                Row.of("GET /api/v1/contracts/{id}/signers", READ_CONTRACT, c -> get(c.contract() + "/signers")),
                Row.of("PUT /api/v1/contracts/{id}/signers", WRITE_CONTRACT, c -> json("PUT", c.contract() + "/signers",
                        "{\"order\": \"PARALLEL\", \"ours\": [], \"theirs\": []}")).fresh(Fresh.CONTRACT),
                Row.of("GET /api/v1/contracts/{id}/signing", READ_CONTRACT, c -> get(c.contract() + "/signing"))
                        .alsoAllowed(404),
                Row.of("POST /api/v1/contracts/{id}/signatures", READ_CONTRACT, c -> json("POST",
                        c.contract() + "/signatures", "{\"password\": \"x\"}")).alsoAllowed(409),
                Row.of("POST /api/v1/contracts/{id}/signatures/code", READ_CONTRACT, c -> json("POST",
                        c.contract() + "/signatures/code", "{}")).alsoAllowed(409),
                Row.of("POST /api/v1/contracts/{id}/signers/forward", READ_CONTRACT, c -> json("POST",
                        c.contract() + "/signers/forward", "{\"userId\": \"x\"}")).alsoAllowed(409),
                Row.of("POST /api/v1/contracts/{id}/signers/{signerId}/reissue", WRITE_CONTRACT, c -> json("POST",
                        c.contract() + "/signers/none/reissue", "{}")).alsoAllowed(409),
                Row.of("GET /api/v1/contracts/{id}/signatures", READ_CONTRACT, c -> get(c.contract() + "/signatures")),
                Row.of("GET /api/v1/contracts/{id}/signed-document", READ_KEPT_FILES, c -> get(c.contract()
                        + "/signed-document")).alsoAllowed(404),
                Row.of("GET /api/v1/contracts/{id}/signing-document", READ_KEPT_FILES, c -> get(c.contract()
                        + "/signing-document")).alsoAllowed(404),
                // the evidence report names the signers' addresses and browsers: for those who may change the contract
                Row.of("GET /api/v1/contracts/{id}/evidence", WRITE_CONTRACT, c -> get(c.contract() + "/evidence"))
                        .alsoAllowed(404),
                Row.of("POST /api/v1/contracts/{id}/paper-signed", WRITE_CONTRACT, c -> Call.upload(c.contract()
                        + "/paper-signed?signingDate=" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")), "scan.pdf", "application/pdf",
                        blankPdf())).fresh(Fresh.SIGNING),
                Row.of("POST /api/v1/signatures/verify", AUTHENTICATED, c -> Call.upload("/api/v1/signatures/verify",
                        "contract.pdf", "application/pdf", blankPdf())),
                Row.of("GET /api/v1/signing/waiting", AUTHENTICATED, c -> get("/api/v1/signing/waiting")),
                // obligations (履约): the contract's readers read them, its writers (and the person responsible) move them
                Row.of("GET /api/v1/contracts/{id}/obligations", READ_CONTRACT, c -> get(c.contract() + "/obligations")),
                Row.of("GET /api/v1/contracts/{id}/obligations" + AS_FILE, READ_CONTRACT, c -> get(c.contract()
                        + "/obligations").header("Accept", XLSX)),
                Row.of("GET /api/v1/obligations", AUTHENTICATED, c -> get("/api/v1/obligations?status=PENDING")),
                Row.of("GET /api/v1/obligations" + AS_FILE, AUTHENTICATED, c -> get("/api/v1/obligations?status=OVERDUE")
                        .header("Accept", "text/csv")),
                Row.of("GET /api/v1/obligations/{id}", READ_CONTRACT, c -> get("/api/v1/obligations/" + obligation(c))),
                Row.of("POST /api/v1/obligations/{id}/complete", WRITE_CONTRACT, c -> json("POST", "/api/v1/obligations/"
                        + obligation(c) + "/complete", "{\"note\": \"矩阵\"}").ifMatch(obligationEtag(c)))
                        .fresh(Fresh.SIGNED),
                Row.of("POST /api/v1/obligations/{id}/waive", WRITE_CONTRACT, c -> json("POST", "/api/v1/obligations/"
                        + obligation(c) + "/waive", "{\"reason\": \"矩阵\"}").ifMatch(obligationEtag(c)))
                        .fresh(Fresh.SIGNED),
                Row.of("POST /api/v1/obligations/{id}/reopen", WRITE_CONTRACT, c -> json("POST", "/api/v1/obligations/"
                        + obligation(c) + "/reopen", "{\"reason\": \"矩阵\"}").ifMatch(obligationEtag(c)))
                        .fresh(Fresh.SIGNED).alsoAllowed(409),
                Row.of("POST /api/v1/obligations/{id}/evidence", WRITE_CONTRACT, c -> Call.upload("/api/v1/obligations/"
                        + obligation(c) + "/evidence", "report.pdf", "application/pdf", blankPdf())).fresh(Fresh.SIGNED),
                Row.of("GET /api/v1/obligation-evidence/{id}", READ_CONTRACT, c -> get("/api/v1/obligation-evidence/"
                        + evidence(c))),
                Row.of("GET /api/v1/dashboard", AUTHENTICATED, c -> get("/api/v1/dashboard")),
                Row.of("GET /api/v1/dashboard/exports/obligations", AUTHENTICATED,
                        c -> get("/api/v1/dashboard/exports/obligations?status=OVERDUE")),
                Row.of("GET /api/v1/dashboard/exports/ending", AUTHENTICATED,
                        c -> get("/api/v1/dashboard/exports/ending?days=30")),
                Row.of("GET /api/v1/dashboard/exports/ageing", AUTHENTICATED,
                        c -> get("/api/v1/dashboard/exports/ageing?groupBy=owner")),
                Row.of("GET /api/v1/dashboard/exports/cases", AUTHENTICATED, c -> get("/api/v1/dashboard/exports/cases")),
                // approval
                Row.of("GET /api/v1/approval-flows", ADMIN, c -> get("/api/v1/approval-flows")),
                Row.of("GET /api/v1/approval-flows/{id}", ADMIN, c -> get("/api/v1/approval-flows/" + spareFlow)),
                Row.of("POST /api/v1/approval-flows", ADMIN, c -> json("POST", "/api/v1/approval-flows",
                        spareFlowBody(false))),
                Row.of("PUT /api/v1/approval-flows/{id}", ADMIN, c -> json("PUT", "/api/v1/approval-flows/" + spareFlow,
                        spareFlowBody(false)).ifMatch(etag("/api/v1/approval-flows/" + spareFlow))),
                Row.of("GET /api/v1/approvals", AUTHENTICATED, c -> get("/api/v1/approvals?assignee=me")),
                Row.of("POST /api/v1/approvals/{taskId}/decision", ASSIGNEE, c -> json("POST",
                        "/api/v1/approvals/" + spareTask + "/decision", "{\"decision\": \"APPROVE\"}")),
                Row.of("GET /api/v1/contracts/{id}/approval", READ_CONTRACT, c -> get(c.contract() + "/approval")),
                Row.of("GET /api/v1/contracts/{id}/versions", READ_CONTRACT, c -> get(c.contract() + "/versions")),
                Row.of("GET /api/v1/contracts/{id}/versions/{version}", READ_CONTRACT,
                        c -> get(c.contract() + "/versions/1")),

                // documents (REST)
                Row.of("GET /api/v1/contracts/{id}/document", READ_CONTRACT, c -> get(c.contract() + "/document")),
                Row.of("GET /api/v1/contracts/{id}/documents", READ_CONTRACT, c -> get(c.contract() + "/documents")),
                Row.of("GET /api/v1/contracts/{id}/versions/{n}/text", READ_CONTRACT,
                        c -> get(c.contract() + "/versions/1/text")),
                Row.of("GET /api/v1/contracts/{id}/diff", READ_CONTRACT, c -> get(c.contract() + "/diff?from=1&to=2")),
                Row.of("GET /api/v1/contracts/{id}/versions/{n}/original", READ_KEPT_FILES,
                        c -> get(c.contract() + "/versions/" + FIRST_UPLOAD + "/original")),
                // (a paper that is not there: the others' uploads stay for the rows that read them)
                Row.of("DELETE /api/v1/contracts/{id}/versions/{n}", WRITE_CONTRACT,
                        c -> Call.delete(c.contract() + "/versions/" + (FIRST_UPLOAD + 999))).alsoAllowed(404),
                Row.of("POST /api/v1/contracts/{id}/versions", WRITE_CONTRACT, c -> Call.upload(
                        c.contract() + "/versions", "paper.docx", DOCX, paper)),
                // a version's note: its author's or an admin's; the fixtures' first versions are the admin's
                Row.of("PUT /api/v1/contracts/{id}/versions/{version}/note", ADMIN, c -> json("PUT",
                        c.contract() + "/versions/1/note", "{\"note\": \"矩阵\"}")
                        .ifMatch("\"" + noteRevision(c.contract()) + "\"")),

                // review (REST)
                Row.of("POST /api/v1/contracts/{id}/review", WRITE_CONTRACT, c -> json("POST", c.contract() + "/review",
                        "{}")),
                Row.of("GET /api/v1/contracts/{id}/review", READ_CONTRACT, c -> get(c.contract() + "/review")),
                Row.of("POST /api/v1/contracts/{id}/review/findings/{ruleId}/apply", WRITE_CONTRACT, c -> json("POST",
                        c.contract() + "/review/findings/QY-L001/apply", "{\"path\": \"" + VAGUE_PATH + "\", \"start\": 3}")
                        .ifMatch(etag(c.contract()))).fresh(Fresh.CONTRACT),
                Row.of("GET /api/v1/contracts/{id}/review/findings/{ruleId}/preview", WRITE_CONTRACT, c -> get(
                        c.contract() + "/review/findings/QY-L001/preview?path=" + VAGUE_PATH + "&start=3")),
                Row.of("POST /api/v1/contracts/{id}/review/findings/{ruleId}/accept", WRITE_CONTRACT, c -> json("POST",
                        c.contract() + "/review/findings/QY-L001/accept",
                        "{\"path\": \"" + VAGUE_PATH + "\", \"start\": 3, \"reason\": \"响应时限见附件\"}")),
                Row.of("POST /api/v1/reviews/portfolio", ADMIN, c -> json("POST", "/api/v1/reviews/portfolio", "{}"))
                        .alsoAllowed(409).startsBackgroundWork(),
                Row.of("GET /api/v1/reviews/portfolio/{jobId}", ADMIN, c -> get("/api/v1/reviews/portfolio/" + portfolioJob)),
                Row.of("GET /api/v1/reviews/acceptance-policies", AUTHENTICATED,
                        c -> get("/api/v1/reviews/acceptance-policies")),
                Row.of("GET /api/v1/reviews/acceptance-policies/{ruleId}", AUTHENTICATED,
                        c -> get("/api/v1/reviews/acceptance-policies/QY-L005")),
                Row.of("PUT /api/v1/reviews/acceptance-policies/{ruleId}", ADMIN, c -> json("PUT",
                        "/api/v1/reviews/acceptance-policies/QY-L005", "{\"acceptedBy\": \"OWNER\"}")
                        .ifMatch(etag("/api/v1/reviews/acceptance-policies/QY-L005"))),
                Row.of("GET /api/v1/reviews/settings", ADMIN, c -> get("/api/v1/reviews/settings")),
                Row.of("GET /api/v1/reviews/settings/history", ADMIN, c -> get("/api/v1/reviews/settings/history")),
                Row.of("GET /api/v1/reviews/settings/{ruleId}/{parameter}", ADMIN,
                        c -> get("/api/v1/reviews/settings/" + SETTING)),
                Row.of("PUT /api/v1/reviews/settings/{ruleId}/{parameter}", ADMIN, c -> json("PUT",
                        "/api/v1/reviews/settings/" + SETTING, "{\"value\": " + settingValue() + "}")
                        .ifMatch(etag("/api/v1/reviews/settings/" + SETTING))),
                Row.of("DELETE /api/v1/reviews/settings/{ruleId}/{parameter}", ADMIN, c -> Call.delete(
                        "/api/v1/reviews/settings/" + SETTING).ifMatch(etag("/api/v1/reviews/settings/" + SETTING))),

                // audit, users, teams, tokens (REST)
                Row.of("GET /api/v1/audit", ADMIN, c -> get("/api/v1/audit?size=5")),
                Row.of("GET /api/v1/audit" + AS_FILE, ADMIN, c -> get("/api/v1/audit?format=csv&entity=CONTRACT&id="
                        + c.target().contractId())),
                Row.of("GET /api/v1/audit/verify", ADMIN, c -> get("/api/v1/audit/verify")),
                Row.of("GET /api/v1/audit/export", ADMIN, c -> get("/api/v1/audit/export?entity=CONTRACT&id="
                        + c.target().contractId() + "&format=csv")),
                // search: everyone within their scope (the matrix's scope checks for lists do not apply to a ranked
                // search; SearchApiContract checks its scope); the index's rebuild is for admins
                Row.of("GET /api/v1/search", AUTHENTICATED, c -> get("/api/v1/search?q=%E5%90%88%E5%90%8C&size=5")),
                Row.of("POST /api/v1/search/rebuild", ADMIN, c -> json("POST", "/api/v1/search/rebuild", "{}"))
                        .startsBackgroundWork(),
                Row.of("GET /api/v1/search/rebuild", ADMIN, c -> get("/api/v1/search/rebuild")),
                Row.of("GET /api/v1/users/me", AUTHENTICATED, c -> get("/api/v1/users/me")),
                Row.of("GET /api/v1/users", ADMIN, c -> get("/api/v1/users?size=5")),
                Row.of("GET /api/v1/users/{id}", ADMIN, c -> get("/api/v1/users/" + spareUser)),
                Row.of("GET /api/v1/users/{id}/api-tokens", ADMIN, c -> get("/api/v1/users/" + spareUser + "/api-tokens")),
                Row.of("POST /api/v1/users", ADMIN, c -> json("POST", "/api/v1/users", userBody(newUsername(), "VIEWER")
                        .put("password", USER_PASSWORD).toString())),
                Row.of("PUT /api/v1/users/{id}", ADMIN, c -> json("PUT", "/api/v1/users/" + spareUser,
                        userAsInput()).ifMatch(etag("/api/v1/users/" + spareUser))),
                Row.of("PATCH /api/v1/users/{id}", ADMIN, c -> Call.mergePatch("/api/v1/users/" + spareUser,
                        "{\"displayName\": \"矩阵用户 " + counter() + "\"}").ifMatch(etag("/api/v1/users/" + spareUser))),
                Row.of("GET /api/v1/teams", ADMIN, c -> get("/api/v1/teams")),
                Row.of("GET /api/v1/teams/{id}", ADMIN, c -> get("/api/v1/teams/" + spareTeam)),
                Row.of("POST /api/v1/teams", ADMIN, c -> json("POST", "/api/v1/teams",
                        "{\"name\": \"" + unique("矩阵团队") + "\"}")),
                Row.of("PUT /api/v1/teams/{id}", ADMIN, c -> json("PUT", "/api/v1/teams/" + spareTeam,
                        "{\"name\": \"" + unique("矩阵团队") + "\"}").ifMatch(etag("/api/v1/teams/" + spareTeam))),
                // with the password: a token may not make tokens (SecurityApiContract)
                Row.of("POST /api/v1/api-tokens", AUTHENTICATED, c -> withPassword(c.caller(), json("POST",
                        "/api/v1/api-tokens", "{\"name\": \"matrix\"}"))),
                Row.of("GET /api/v1/api-tokens", AUTHENTICATED, c -> get("/api/v1/api-tokens")),

                // imports (REST): whoever may create customers imports them (a dry run here: it writes no record);
                // a job is its importer's and an admin's, anyone else's does not exist for them
                Row.of("POST /api/v1/imports", CREATE_CUSTOMER, c -> Call.upload(
                        "/api/v1/imports?kind=customers&mode=dry-run", "customers.csv", "text/csv", importCsv())).unscoped(),
                Row.of("GET /api/v1/imports", AUTHENTICATED, c -> get("/api/v1/imports")),
                Row.of("GET /api/v1/imports/{id}", AUTHENTICATED, c -> get("/api/v1/imports/" + adminImport()))
                        .alsoAllowed(404),
                Row.of("GET /api/v1/imports/{id}/failed-rows", AUTHENTICATED, c -> get("/api/v1/imports/"
                        + adminImport() + "/failed-rows")).alsoAllowed(404),
                Row.of("GET /api/v1/imports/templates/{kind}", AUTHENTICATED,
                        c -> get("/api/v1/imports/templates/contracts?format=csv")),
                Row.of("DELETE /api/v1/api-tokens/{id}", OWN_TOKEN_OR_ADMIN, c -> Call.delete("/api/v1/api-tokens/"
                        + c.target().tokenId())).fresh(Fresh.TOKEN),

                // notifications (REST): each caller's own; settings, webhooks and robots for admins (an unknown id
                // answers the admin 404, the others 403 before anything is looked up)
                Row.of("GET /api/v1/notifications", AUTHENTICATED, c -> get("/api/v1/notifications?unread=true")),
                Row.of("GET /api/v1/notifications/unread-count", AUTHENTICATED, c -> get("/api/v1/notifications/unread-count")),
                Row.of("POST /api/v1/notifications/{id}/read", AUTHENTICATED, c -> json("POST",
                        "/api/v1/notifications/" + java.util.UUID.randomUUID() + "/read", "{}")).alsoAllowed(404),
                Row.of("POST /api/v1/notifications/read-all", AUTHENTICATED, c -> json("POST",
                        "/api/v1/notifications/read-all", "{}")),
                Row.of("GET /api/v1/users/me/notification-preferences", AUTHENTICATED,
                        c -> get("/api/v1/users/me/notification-preferences")),
                Row.of("PUT /api/v1/users/me/notification-preferences", AUTHENTICATED, c -> json("PUT",
                        "/api/v1/users/me/notification-preferences",
                        "{\"preferences\": [{\"kind\": \"EXPIRED\", \"inApp\": true, \"email\": false}]}")),
                Row.of("GET /api/v1/notification-settings", ADMIN, c -> get("/api/v1/notification-settings")),
                Row.of("PUT /api/v1/notification-settings", ADMIN, c -> json("PUT", "/api/v1/notification-settings",
                        "{\"smtpHost\": null, \"smtpPort\": 25, \"smtpTls\": false}")
                        .ifMatch(admin().get("/api/v1/notification-settings").header("ETag"))),
                Row.of("GET /api/v1/webhooks", ADMIN, c -> get("/api/v1/webhooks")),
                Row.of("POST /api/v1/webhooks", ADMIN, c -> json("POST", "/api/v1/webhooks",
                        "{\"url\": \"http://127.0.0.1:9/matrix\", \"events\": [\"contract.renewed\"],"
                                + " \"secret\": \"matrix-secret-0123456789\"}")),
                Row.of("DELETE /api/v1/webhooks/{id}", ADMIN, c -> Call.delete("/api/v1/webhooks/"
                        + java.util.UUID.randomUUID())).alsoAllowed(404),
                Row.of("GET /api/v1/webhooks/{id}/deliveries", ADMIN, c -> get("/api/v1/webhooks/"
                        + java.util.UUID.randomUUID() + "/deliveries")).alsoAllowed(404),
                Row.of("GET /api/v1/group-robots", ADMIN, c -> get("/api/v1/group-robots")),
                Row.of("POST /api/v1/group-robots", ADMIN, c -> json("POST", "/api/v1/group-robots",
                        "{\"name\": \"矩阵机器人\", \"kind\": \"WECOM\", \"url\": \"http://127.0.0.1:9/wecom?key=m\","
                                + " \"events\": [\"contract.renewed\"]}")),
                Row.of("DELETE /api/v1/group-robots/{id}", ADMIN, c -> Call.delete("/api/v1/group-robots/"
                        + java.util.UUID.randomUUID())).alsoAllowed(404),
                Row.of("GET /api/v1/group-robots/{id}/dispatches", ADMIN, c -> get("/api/v1/group-robots/"
                        + java.util.UUID.randomUUID() + "/dispatches")).alsoAllowed(404),

                // templates and clauses (REST)
                Row.of("GET /api/v1/templates", AUTHENTICATED, c -> get("/api/v1/templates")),
                Row.of("GET /api/v1/templates/{id}", AUTHENTICATED, c -> get("/api/v1/templates/" + template)),
                Row.of("GET /api/v1/templates/{id}/versions/{version}", AUTHENTICATED,
                        c -> get("/api/v1/templates/" + template + "/versions/1")),
                Row.of("POST /api/v1/templates", MANAGE_TEMPLATES, c -> json("POST", "/api/v1/templates", templateBody())),
                Row.of("PUT /api/v1/templates/{id}", MANAGE_TEMPLATES, c -> json("PUT", "/api/v1/templates/" + template,
                        templateBody()).ifMatch(etag("/api/v1/templates/" + template))),
                Row.of("POST /api/v1/templates/preview", MANAGE_TEMPLATES, c -> json("POST", "/api/v1/templates/preview",
                        JSON.createObjectNode().put("body", templateBody).put("contractId", c.target().contractId())
                                .toString())),
                Row.of("GET /api/v1/clauses", AUTHENTICATED, c -> get("/api/v1/clauses")),
                Row.of("GET /api/v1/clauses/{id}", AUTHENTICATED, c -> get("/api/v1/clauses/" + clause)),
                Row.of("GET /api/v1/clauses/{id}/versions", AUTHENTICATED, c -> get("/api/v1/clauses/" + clause + "/versions")),
                Row.of("POST /api/v1/clauses", MANAGE_TEMPLATES, c -> json("POST", "/api/v1/clauses", clauseBody())),
                Row.of("PUT /api/v1/clauses/{id}", MANAGE_TEMPLATES, c -> json("PUT", "/api/v1/clauses/" + clause, clauseBody())
                        .ifMatch(etag("/api/v1/clauses/" + clause))),

                // the session UI: start, customers, our entities
                Row.of("GET /", AUTHENTICATED, c -> get("/")),
                Row.of("GET /login", PUBLIC, c -> get("/login")),
                // the caller's own password, no record and no scope: called with a new password too short to take, so
                // that every caller keeps theirs and no guess is counted (the change itself is AccountSessionContract's
                // and SecurityApiContract's)
                Row.of("GET /account/password", AUTHENTICATED, c -> get("/account/password")),
                // the caller's own sessions: another's, or an unknown one, does not exist for them; ending the
                // others leaves the matrix's own session (each caller has one)
                Row.of("GET /account/sessions", AUTHENTICATED, c -> get("/account/sessions")),
                Row.of("POST /account/sessions/{id}/end", AUTHENTICATED, c -> form("/account/sessions/"
                        + java.util.UUID.randomUUID() + "/end")).alsoAllowed(404),
                Row.of("POST /account/sessions/end-others", AUTHENTICATED, c -> form("/account/sessions/end-others")),
                Row.of("GET /api/v1/users/me/sessions", AUTHENTICATED, c -> get("/api/v1/users/me/sessions")),
                Row.of("DELETE /api/v1/users/me/sessions/{id}", AUTHENTICATED, c -> Call.delete(
                        "/api/v1/users/me/sessions/" + java.util.UUID.randomUUID())).alsoAllowed(404),
                Row.of("POST /account/password", AUTHENTICATED, c -> form("/account/password",
                        "currentPassword", "not-the-password", "newPassword", "short")).alsoAllowed(200),
                Row.of("POST /api/v1/users/me/password", AUTHENTICATED, c -> json("POST", "/api/v1/users/me/password",
                        "{\"currentPassword\": \"not-the-password\", \"newPassword\": \"short\"}"))
                        .alsoAllowed(400),
                Row.of("GET /customers", AUTHENTICATED, c -> get("/customers")),
                Row.of("GET /customers/export", AUTHENTICATED, c -> get("/customers/export?format=xlsx")),
                Row.of("GET /customers/{id}", READ_CUSTOMER, c -> get("/customers/" + c.target().customerId())),
                Row.of("GET /customers/new", CREATE_CUSTOMER, c -> get("/customers/new")).unscoped(),
                Row.of("GET /customers/{id}/edit", WRITE_CUSTOMER, c -> get("/customers/" + c.target().customerId()
                        + "/edit")),
                Row.of("POST /customers", CREATE_CUSTOMER, c -> form("/customers", "kind", "ORGANIZATION",
                        "name", marker + " 页面新建客户", "creditCode", TestIdentifiers.creditCode(), "status", "ACTIVE",
                        "owner", c.target().owner())),
                Row.of("POST /customers/{id}", WRITE_CUSTOMER, c -> customerForm(c.target())),
                Row.of("GET /our-entities", AUTHENTICATED, c -> get("/our-entities")),
                Row.of("GET /our-entities/new", ADMIN, c -> get("/our-entities/new")),
                Row.of("GET /our-entities/{id}/edit", ADMIN, c -> get("/our-entities/" + spareEntity + "/edit")),
                Row.of("POST /our-entities", ADMIN, c -> ourEntityForm("/our-entities", TestIdentifiers.creditCode(),
                        null)),
                Row.of("POST /our-entities/{id}", ADMIN, c -> ourEntityForm("/our-entities/" + spareEntity,
                        admin().get("/api/v1/our-entities/" + spareEntity).json().path("creditCode").asString(),
                        version("/api/v1/our-entities/" + spareEntity))),
                Row.of("GET /our-entities/{id}/seals", AUTHENTICATED, c -> get("/our-entities/" + ourEntity + "/seals")),
                Row.of("POST /our-entities/{id}/seals", ADMIN, c -> Call.upload("/our-entities/" + ourEntity
                        + "/seals?kind=CONTRACT&name=matrix", "seal.png", "image/png", sealImage())),
                Row.of("GET /seals/{id}/image", AUTHENTICATED, c -> get("/seals/" + seal + "/image")),
                Row.of("POST /seals/{id}/users", ADMIN, c -> form("/seals/" + seal + "/users", "users", "admin",
                        "version", version("/api/v1/seals/" + seal))),
                Row.of("POST /seals/{id}/deactivate", ADMIN, c -> form("/seals/" + spareSeal + "/deactivate")),

                // the session UI: contracts, review, documents
                Row.of("GET /contracts", AUTHENTICATED, c -> get("/contracts")),
                Row.of("GET /contracts/export", AUTHENTICATED, c -> get("/contracts/export?format=csv")),
                Row.of("GET /contracts/of-customer/{customerId}", AUTHENTICATED,
                        c -> get("/contracts/of-customer/" + c.target().customerId())),
                Row.of("GET /contracts/{id}", READ_CONTRACT, c -> get("/contracts/" + c.target().contractId())),
                Row.of("GET /contracts/{id}/approval-panel", READ_CONTRACT, c -> get("/contracts/"
                        + c.target().contractId() + "/approval-panel")),
                Row.of("GET /approvals", AUTHENTICATED, c -> get("/approvals")),
                Row.of("GET /review-queue", AUTHENTICATED, c -> get("/review-queue")),
                Row.of("GET /admin/approval-flows", ADMIN, c -> get("/admin/approval-flows")),
                Row.of("GET /admin/approval-flows/new", ADMIN, c -> get("/admin/approval-flows/new")),
                Row.of("GET /admin/approval-flows/{id}", ADMIN, c -> get("/admin/approval-flows/" + spareFlow)),
                Row.of("POST /admin/approval-flows", ADMIN, c -> form("/admin/approval-flows", "name", "矩阵",
                        "op", "add")),
                Row.of("POST /admin/approval-flows/{id}", ADMIN, c -> form("/admin/approval-flows/" + spareFlow,
                        "name", "矩阵", "op", "add")),
                Row.of("GET /approvals/{taskId}", ASSIGNEE, c -> get("/approvals/" + spareTask)),
                Row.of("POST /approvals/{taskId}/decision", ASSIGNEE, c -> form("/approvals/" + spareTask + "/decision",
                        "decision", "APPROVE")),
                Row.of("GET /contracts/new", CREATE_CONTRACT, c -> get("/contracts/new?type=SERVICE")).unscoped(),
                Row.of("GET /contracts/customer-options", CREATE_CONTRACT, c -> get("/contracts/customer-options?q="
                        + marker)).unscoped(),
                Row.of("GET /contracts/{id}/edit", WRITE_CONTRACT, c -> get("/contracts/" + c.target().contractId()
                        + "/edit")),
                Row.of("POST /contracts", CREATE_CONTRACT, c -> contractForm("/contracts", c.target(), null)),
                Row.of("POST /contracts/{id}", WRITE_CONTRACT, c -> contractForm("/contracts/" + c.target().contractId(),
                        c.target(), version(c.contract()))).fresh(Fresh.CONTRACT),
                Row.of("POST /contracts/{id}/versions/{n}/note", ADMIN, c -> form("/contracts/" + c.target().contractId()
                        + "/versions/1/note", "revision", String.valueOf(noteRevision(c.contract())), "note", "矩阵")),
                Row.of("GET /contracts/{id}/review", READ_CONTRACT, c -> get("/contracts/" + c.target().contractId()
                        + "/review")),
                Row.of("POST /contracts/{id}/review", WRITE_CONTRACT, c -> form("/contracts/" + c.target().contractId()
                        + "/review")),
                Row.of("POST /contracts/{id}/review/accept", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/review/accept", "ruleId", "QY-L001", "path", VAGUE_PATH,
                        "start", "3", "reason", "响应时限见附件")),
                Row.of("GET /contracts/{id}/review/fix", WRITE_CONTRACT, c -> get("/contracts/"
                        + c.target().contractId() + "/review/fix?ruleId=QY-L001&path=" + VAGUE_PATH + "&start=3")),
                Row.of("POST /contracts/{id}/review/apply", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/review/apply", "ruleId", "QY-L001", "path", VAGUE_PATH,
                        "start", "3", "version", version(c.contract()))).fresh(Fresh.CONTRACT),
                Row.of("POST /contracts/{id}/submit", WRITE_CONTRACT, c -> form("/contracts/" + c.target().contractId()
                        + "/submit", "version", version(c.contract()))).fresh(Fresh.READY),
                Row.of("POST /contracts/{id}/withdraw", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/withdraw", "version", version(c.contract()))).fresh(Fresh.SUBMITTED),
                Row.of("POST /contracts/{id}/signing", WRITE_CONTRACT, c -> form("/contracts/" + c.target().contractId()
                        + "/signing", "version", version(c.contract()))).fresh(Fresh.APPROVED),
                Row.of("POST /contracts/{id}/signing/cancel", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/signing/cancel", "version", version(c.contract())))
                        .fresh(Fresh.SIGNING),
                Row.of("POST /contracts/{id}/terminate", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/terminate", "version", version(c.contract()), "reason", "协商解除",
                        "date", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString())).fresh(Fresh.SIGNED),
                Row.of("POST /contracts/{id}/renew", WRITE_CONTRACT, c -> form("/contracts/" + c.target().contractId()
                        + "/renew", "version", version(c.contract()))).fresh(Fresh.SIGNED),
                Row.of("POST /contracts/{id}/non-renewal", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/non-renewal", "reason", "不再续约")).fresh(Fresh.SIGNED)
                        .alsoAllowed(200),
                Row.of("GET /contracts/{id}/sign", READ_CONTRACT, c -> get("/contracts/" + c.target().contractId()
                        + "/sign")),
                Row.of("GET /contracts/{id}/sign/file/{which}", READ_KEPT_FILES, c -> get("/contracts/"
                        + c.target().contractId() + "/sign/file/frozen")).alsoAllowed(404),
                Row.of("POST /contracts/{id}/sign/plan", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/sign/plan", "order", "PARALLEL")).fresh(Fresh.CONTRACT),
                Row.of("POST /contracts/{id}/sign/code", READ_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/sign/code")).alsoAllowed(409),
                Row.of("POST /contracts/{id}/sign/confirm", READ_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/sign/confirm", "password", "x")).alsoAllowed(409),
                Row.of("POST /contracts/{id}/sign/forward", READ_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/sign/forward", "userId", "x")).alsoAllowed(409),
                Row.of("POST /contracts/{id}/sign/reissue/{signerId}", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/sign/reissue/none")).alsoAllowed(409),
                Row.of("POST /contracts/{id}/sign/paper", WRITE_CONTRACT, c -> Call.upload("/contracts/"
                        + c.target().contractId() + "/sign/paper?signingDate=" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")), "scan.pdf",
                        "application/pdf", blankPdf())).fresh(Fresh.SIGNING),
                Row.of("GET /signing", AUTHENTICATED, c -> get("/signing")),
                Row.of("GET /verify", AUTHENTICATED, c -> get("/verify")),
                Row.of("POST /verify", AUTHENTICATED, c -> Call.upload("/verify", "contract.pdf", "application/pdf",
                        blankPdf())),
                Row.of("GET /imports", CREATE_CONTRACT, c -> get("/imports")).unscoped(),
                Row.of("POST /imports", CREATE_CUSTOMER, c -> Call.upload("/imports?kind=customers&mode=dry-run",
                        "customers.csv", "text/csv", importCsv())).unscoped(),
                Row.of("GET /imports/{id}", AUTHENTICATED, c -> get("/imports/" + adminImport())).alsoAllowed(404),
                Row.of("GET /imports/{id}/progress", AUTHENTICATED, c -> get("/imports/" + adminImport() + "/progress"))
                        .alsoAllowed(404),
                Row.of("GET /imports/{id}/failed-rows", AUTHENTICATED, c -> get("/imports/" + adminImport()
                        + "/failed-rows")).alsoAllowed(404),
                Row.of("GET /imports/templates/{kind}", AUTHENTICATED, c -> get("/imports/templates/customers?format=xlsx")),
                Row.of("GET /contracts/{id}/obligations", READ_CONTRACT, c -> get("/contracts/" + c.target().contractId()
                        + "/obligations")),
                Row.of("GET /contracts/{id}/obligations-card", READ_CONTRACT, c -> get("/contracts/"
                        + c.target().contractId() + "/obligations-card")),
                Row.of("POST /contracts/{cid}/obligations/{id}/complete", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/obligations/" + obligation(c) + "/complete", "version",
                        obligationVersion(c), "note", "矩阵")).fresh(Fresh.SIGNED),
                Row.of("POST /contracts/{cid}/obligations/{id}/waive", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/obligations/" + obligation(c) + "/waive", "version",
                        obligationVersion(c), "reason", "矩阵")).fresh(Fresh.SIGNED),
                Row.of("POST /contracts/{cid}/obligations/{id}/reopen", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/obligations/" + obligation(c) + "/reopen", "version",
                        obligationVersion(c), "reason", "矩阵")).fresh(Fresh.SIGNED).alsoAllowed(409),
                Row.of("POST /contracts/{cid}/obligations/{id}/evidence", WRITE_CONTRACT, c -> Call.upload("/contracts/"
                        + c.target().contractId() + "/obligations/" + obligation(c) + "/evidence", "report.pdf",
                        "application/pdf", blankPdf())).fresh(Fresh.SIGNED),
                Row.of("GET /obligation-evidence/{id}", READ_CONTRACT, c -> get("/obligation-evidence/" + evidence(c))),
                Row.of("GET /obligations", AUTHENTICATED, c -> get("/obligations?view=all")),
                Row.of("GET /performance", AUTHENTICATED, c -> get("/performance")),
                Row.of("GET /performance/exports/obligations", AUTHENTICATED,
                        c -> get("/performance/exports/obligations?status=OVERDUE")),
                Row.of("GET /performance/exports/ending", AUTHENTICATED, c -> get("/performance/exports/ending?days=30")),
                Row.of("GET /performance/exports/ageing", AUTHENTICATED, c -> get("/performance/exports/ageing")),
                Row.of("GET /performance/exports/cases", AUTHENTICATED, c -> get("/performance/exports/cases?all=true")),
                // the customer's signing pages: the token is the credential (real links: SigningApiContract); a fake
                // token of its own per write, each within the writes one link is allowed a minute
                Row.of("GET /s/{token}", PUBLIC, c -> get("/s/" + "A".repeat(43))).alsoAllowed(404),
                Row.of("GET /s/{token}/document", PUBLIC, c -> get("/s/" + "A".repeat(43) + "/document"))
                        .alsoAllowed(404),
                Row.of("POST /s/{token}/code", PUBLIC, c -> form("/s/" + "B".repeat(43) + "/code")).alsoAllowed(404),
                Row.of("POST /s/{token}/sign", PUBLIC, c -> form("/s/" + "C".repeat(43) + "/sign", "code", "1"))
                        .alsoAllowed(404),
                Row.of("POST /s/{token}/decline", PUBLIC, c -> form("/s/" + "D".repeat(43) + "/decline", "reason",
                        "x")).alsoAllowed(404),
                Row.of("POST /s/{token}/forward", PUBLIC, c -> form("/s/" + "E".repeat(43) + "/forward", "name", "x"))
                        .alsoAllowed(404),
                Row.of("GET /contracts/{id}/versions/{n}/review", READ_CONTRACT, c -> get("/contracts/"
                        + c.target().contractId() + "/versions/1/review")),
                Row.of("POST /contracts/{id}/versions/{n}/review", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/versions/" + FIRST_UPLOAD + "/review")),
                Row.of("GET /contracts/{id}/document.{format}", READ_CONTRACT, c -> get("/contracts/"
                        + c.target().contractId() + "/document.html")),
                Row.of("GET /contracts/{id}/compare", READ_CONTRACT, c -> get("/contracts/" + c.target().contractId()
                        + "/compare")),
                Row.of("GET /contracts/{id}/versions/{n}/original", READ_KEPT_FILES, c -> get("/contracts/"
                        + c.target().contractId() + "/versions/" + FIRST_UPLOAD + "/original")),
                Row.of("POST /contracts/{id}/versions/{n}/delete", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/versions/" + (FIRST_UPLOAD + 999) + "/delete")).alsoAllowed(404),
                Row.of("POST /contracts/{id}/versions/upload", WRITE_CONTRACT, c -> Call.upload("/contracts/"
                        + c.target().contractId() + "/versions/upload", "paper.docx", DOCX, paper)),

                // the session UI: the signed-in user's tokens
                Row.of("GET /account/tokens", AUTHENTICATED, c -> get("/account/tokens")),
                Row.of("POST /account/tokens", AUTHENTICATED, c -> form("/account/tokens", "name", "matrix")),
                Row.of("POST /account/tokens/{id}/revoke", OWN_TOKEN, c -> form("/account/tokens/"
                        + c.target().tokenId() + "/revoke")).fresh(Fresh.TOKEN),

                // the session UI: administration
                Row.of("GET /search", AUTHENTICATED, c -> get("/search?q=%E5%90%88%E5%90%8C")),
                Row.of("GET /search/suggestions", AUTHENTICATED, c -> get("/search/suggestions?q=%E5%90%88%E5%90%8C")),
                Row.of("GET /admin/search", ADMIN, c -> get("/admin/search")),
                Row.of("GET /admin/search/progress", ADMIN, c -> get("/admin/search/progress")),
                Row.of("POST /admin/search/rebuild", ADMIN, c -> form("/admin/search/rebuild")).startsBackgroundWork(),
                Row.of("GET /admin/audit", ADMIN, c -> get("/admin/audit?verify=true")),
                Row.of("GET /admin/audit/list/export", ADMIN, c -> get("/admin/audit/list/export?format=csv")),
                Row.of("GET /admin/audit/export", ADMIN, c -> get("/admin/audit/export?entity=CONTRACT&id="
                        + c.target().contractId() + "&format=csv")),
                // notification pages: each caller's own list and choices; the admin's settings, webhooks and robots
                Row.of("GET /notifications", AUTHENTICATED, c -> get("/notifications")),
                Row.of("POST /notifications/{id}/read", AUTHENTICATED, c -> form("/notifications/"
                        + java.util.UUID.randomUUID() + "/read")).alsoAllowed(404),
                Row.of("POST /notifications/read-all", AUTHENTICATED, c -> form("/notifications/read-all")),
                Row.of("GET /account/notifications", AUTHENTICATED, c -> get("/account/notifications")),
                Row.of("POST /account/notifications", AUTHENTICATED, c -> form("/account/notifications",
                        "inApp", "EXPIRING", "email", "EXPIRING")),
                Row.of("GET /admin/notifications", ADMIN, c -> get("/admin/notifications")),
                Row.of("POST /admin/notifications/settings", ADMIN, c -> form("/admin/notifications/settings",
                        "version", String.valueOf(admin().get("/api/v1/notification-settings").json().path("version")
                                .asInt()), "smtpPort", "25")),
                Row.of("POST /admin/notifications/webhooks", ADMIN, c -> form("/admin/notifications/webhooks",
                        "url", "http://127.0.0.1:9/matrix-page", "secret", "matrix-secret-0123456789", "events",
                        "contract.renewed")),
                Row.of("POST /admin/notifications/webhooks/{id}/delete", ADMIN, c -> form("/admin/notifications/webhooks/"
                        + java.util.UUID.randomUUID() + "/delete")).alsoAllowed(404),
                Row.of("POST /admin/notifications/robots", ADMIN, c -> form("/admin/notifications/robots",
                        "name", "矩阵机器人", "kind", "FEISHU", "url", "http://127.0.0.1:9/feishu", "events",
                        "contract.renewed")),
                Row.of("POST /admin/notifications/robots/{id}/delete", ADMIN, c -> form("/admin/notifications/robots/"
                        + java.util.UUID.randomUUID() + "/delete")).alsoAllowed(404),
                Row.of("GET /admin/users", ADMIN, c -> get("/admin/users")),
                Row.of("GET /admin/users/new", ADMIN, c -> get("/admin/users/new")),
                Row.of("GET /admin/users/{id}/edit", ADMIN, c -> get("/admin/users/" + spareUser + "/edit")),
                Row.of("POST /admin/users", ADMIN, c -> form("/admin/users", "username", newUsername(),
                        "displayName", "矩阵用户", "roles", "VIEWER", "enabled", "true", "password", USER_PASSWORD)),
                Row.of("POST /admin/users/{id}", ADMIN, c -> form("/admin/users/" + spareUser, "username",
                        admin().get("/api/v1/users/" + spareUser).json().path("username").asString(),
                        "displayName", "矩阵用户 " + counter(), "roles", "VIEWER", "enabled", "true",
                        "version", version("/api/v1/users/" + spareUser))),
                Row.of("GET /admin/teams", ADMIN, c -> get("/admin/teams")),
                Row.of("GET /admin/teams/new", ADMIN, c -> get("/admin/teams/new")),
                Row.of("GET /admin/teams/{id}/edit", ADMIN, c -> get("/admin/teams/" + spareTeam + "/edit")),
                Row.of("POST /admin/teams", ADMIN, c -> form("/admin/teams", "name", unique("矩阵团队"))),
                Row.of("POST /admin/teams/{id}", ADMIN, c -> form("/admin/teams/" + spareTeam, "name", unique("矩阵团队"),
                        "version", version("/api/v1/teams/" + spareTeam))),
                Row.of("GET /admin/reviews", ADMIN, c -> get("/admin/reviews")),
                Row.of("POST /admin/reviews/acceptance/{ruleId}", ADMIN, c -> form("/admin/reviews/acceptance/QY-L005",
                        "acceptedBy", "OWNER", "version", version("/api/v1/reviews/acceptance-policies/QY-L005"))),
                Row.of("GET /admin/reviews/progress", ADMIN, c -> get("/admin/reviews/progress?job=" + portfolioJob)),
                Row.of("POST /admin/reviews", ADMIN, c -> form("/admin/reviews")).startsBackgroundWork(),
                Row.of("GET /admin/reviews/settings/{ruleId}/{parameter}", ADMIN,
                        c -> get("/admin/reviews/settings/" + SETTING)),
                Row.of("POST /admin/reviews/settings/{ruleId}/{parameter}", ADMIN, c -> form("/admin/reviews/settings/"
                        + SETTING, "value", settingValue(), "version", version("/api/v1/reviews/settings/" + SETTING))),
                Row.of("POST /admin/reviews/settings/{ruleId}/{parameter}/reset", ADMIN, c -> form(
                        "/admin/reviews/settings/" + SETTING + "/reset",
                        "version", version("/api/v1/reviews/settings/" + SETTING))),
                Row.of("GET /admin/templates", MANAGE_TEMPLATES, c -> get("/admin/templates")),
                Row.of("GET /admin/templates/new", MANAGE_TEMPLATES, c -> get("/admin/templates/new?type=SERVICE")),
                Row.of("GET /admin/templates/{id}/edit", MANAGE_TEMPLATES, c -> get("/admin/templates/" + template + "/edit")),
                Row.of("POST /admin/templates", MANAGE_TEMPLATES, c -> form("/admin/templates", "type", "SERVICE",
                        "name", unique("矩阵模板"), "body", templateBody, "active", "false")),
                Row.of("POST /admin/templates/{id}", MANAGE_TEMPLATES, c -> form("/admin/templates/" + template,
                        "name", unique("矩阵模板"), "body", templateBody, "active", "false",
                        "version", version("/api/v1/templates/" + template))),
                Row.of("POST /admin/templates/preview", MANAGE_TEMPLATES, c -> form("/admin/templates/preview", "body", templateBody,
                        "contractId", c.target().contractId())),
                Row.of("GET /admin/clauses", MANAGE_TEMPLATES, c -> get("/admin/clauses")),
                Row.of("GET /admin/clauses/new", MANAGE_TEMPLATES, c -> get("/admin/clauses/new")),
                Row.of("GET /admin/clauses/{id}/edit", MANAGE_TEMPLATES, c -> get("/admin/clauses/" + clause + "/edit")),
                Row.of("POST /admin/clauses", MANAGE_TEMPLATES, c -> form("/admin/clauses", "category", "GENERAL",
                        "title", unique("矩阵条款"), "text", "双方应遵守本条款。")),
                Row.of("POST /admin/clauses/{id}", MANAGE_TEMPLATES, c -> form("/admin/clauses/" + clause, "category", "GENERAL",
                        "title", unique("矩阵条款"), "text", "双方应遵守本条款。",
                        "version", version("/api/v1/clauses/" + clause))),

                // negotiation with the customer: the owner's side (REST and the contract page's panel)
                Row.of("POST /api/v1/contracts/{id}/share-links", WRITE_CONTRACT, c -> json("POST",
                        c.contract() + "/share-links", "{\"expiresInDays\": 3}")),
                Row.of("GET /api/v1/contracts/{id}/share-links", READ_CONTRACT, c -> get(c.contract() + "/share-links?size=5")),
                Row.of("GET /api/v1/share-links/{linkId}", READ_CONTRACT, c -> get("/api/v1/share-links/"
                        + shareLink(c.target().contractId())[0])),
                Row.of("DELETE /api/v1/share-links/{linkId}", WRITE_CONTRACT, c -> Call.delete("/api/v1/share-links/"
                        + shareLink(c.target().contractId())[0])),
                Row.of("GET /api/v1/contracts/{id}/negotiation", READ_CONTRACT, c -> get(c.contract() + "/negotiation")),
                Row.of("POST /api/v1/contracts/{id}/proposals/{proposalId}/decisions", WRITE_CONTRACT, c -> json("POST",
                        c.contract() + "/proposals/" + negotiationProposal(c.target().contractId()) + "/decisions",
                        "{\"clauseKey\": \"" + NEGOTIATED + "\", \"decision\": \"REJECT\"}")).fresh(Fresh.CONTRACT),
                Row.of("POST /api/v1/contracts/{id}/comments/{commentId}/replies", WRITE_CONTRACT, c -> json("POST",
                        c.contract() + "/comments/" + negotiationComment(c.target().contractId()) + "/replies",
                        "{\"body\": \"矩阵答复\"}")),
                Row.of("GET /contracts/{id}/negotiation", READ_CONTRACT, c -> get("/contracts/" + c.target().contractId()
                        + "/negotiation")),
                Row.of("POST /contracts/{id}/share-links", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/share-links", "expiresInDays", "3")),
                Row.of("POST /contracts/{id}/share-links/{linkId}/revoke", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/share-links/" + shareLink(c.target().contractId())[0] + "/revoke")),
                Row.of("POST /contracts/{id}/comments/{commentId}/reply", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/comments/" + negotiationComment(c.target().contractId()) + "/reply",
                        "body", "矩阵答复")),
                Row.of("POST /contracts/{id}/proposals/{proposalId}/decide", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/proposals/" + negotiationProposal(c.target().contractId())
                        + "/decide", "clauseKey", NEGOTIATED, "decision", "REJECT")).fresh(Fresh.CONTRACT),
                // the customer's pages: the link's token is the credential, whoever else the caller is
                Row.of("GET /p/{token}", PUBLIC, c -> get("/p/" + shareLink(c.target().contractId())[1])),
                Row.of("POST /p/{token}/comments", PUBLIC, c -> form("/p/" + shareLink(c.target().contractId())[1]
                        + "/comments", "body", "矩阵意见")),
                Row.of("POST /p/{token}/proposals", PUBLIC, c -> form("/p/" + shareLink(c.target().contractId())[1]
                        + "/proposals", "clauseKey", NEGOTIATED, "text", "矩阵建议 " + counter())),
                Row.of("GET /p/{token}/proposals/{proposalId}", PUBLIC, c -> get(customerProposal(
                        c.target().contractId()))),

                // the API description
                Row.of("GET /v3/api-docs", PUBLIC, c -> get("/v3/api-docs")),
                Row.of("GET /v3/api-docs.yaml", PUBLIC, c -> get("/v3/api-docs.yaml")),
                Row.of("GET /v3/api-docs/swagger-config", PUBLIC, c -> get("/v3/api-docs/swagger-config")),
                Row.of("GET /swagger-ui.html", PUBLIC, c -> get("/swagger-ui.html")),

                // receivables (回款): reads follow the contract, writes are FINANCE's and ADMIN's
                Row.of("GET /api/v1/contracts/{id}/receivables", READ_CONTRACT, c -> get(c.contract() + "/receivables")),
                Row.of("GET /api/v1/contracts/{id}/receipts", READ_CONTRACT, c -> get(c.contract() + "/receipts")),
                Row.of("GET /api/v1/contracts/{id}/invoices", READ_CONTRACT, c -> get(c.contract() + "/invoices")),
                Row.of("GET /api/v1/contracts/{id}/receipts" + AS_FILE, READ_CONTRACT, c -> get(c.contract()
                        + "/receipts").header("Accept", "text/csv")),
                Row.of("GET /api/v1/contracts/{id}/invoices" + AS_FILE, READ_CONTRACT, c -> get(c.contract()
                        + "/invoices?format=xlsx")),
                Row.of("POST /api/v1/contracts/{id}/receipts", WRITE_RECEIVABLE, c -> json("POST", "/api/v1/contracts/" + fresh(c) + "/receipts",
                        RECEIPT_BODY)),
                Row.of("POST /api/v1/contracts/{id}/invoices", WRITE_RECEIVABLE, c -> json("POST", "/api/v1/contracts/" + fresh(c) + "/invoices",
                        invoiceBody())),
                Row.of("POST /api/v1/contracts/{id}/instalments", WRITE_RECEIVABLE, c -> json("POST",
                        "/api/v1/contracts/" + fresh(c) + "/instalments", "{\"title\": \"矩阵款项\", \"amount\": {\"value\": \"0.01\"}}"))
                        .alsoAllowed(409),
                Row.of("PUT /api/v1/contracts/{id}/instalments/{obligationId}", WRITE_RECEIVABLE, c -> json("PUT",
                        "/api/v1/contracts/" + fresh(c) + "/instalments/" + firstInstalment(fresh(c)),
                        "{\"title\": \"矩阵改期\", \"dueDate\": \"" + io.qiyue.testing.ContractSamples.YEAR + "-02-01\", \"amount\": {\"value\": \"60000.00\"}}")
                        .ifMatch("\"" + firstInstalmentVersion(fresh(c)) + "\"")),
                Row.of("GET /api/v1/receipts/{receiptId}", READ_CONTRACT, c -> get("/api/v1/receipts/"
                        + receiptOn(fresh(c)))),
                Row.of("POST /api/v1/receipts/{receiptId}/reverse", WRITE_RECEIVABLE, c -> json("POST", "/api/v1/receipts/"
                        + receiptOn(fresh(c)) + "/reverse", "{\"reason\": \"退票\"}").ifMatch("\"1\""))
                        ,
                Row.of("GET /api/v1/invoices/{invoiceId}", READ_CONTRACT, c -> get("/api/v1/invoices/"
                        + invoiceOn(fresh(c)))),
                Row.of("GET /api/v1/receivables/ageing", AUTHENTICATED, c -> get("/api/v1/receivables/ageing?groupBy=team")),
                Row.of("GET /api/v1/receivables/ageing" + AS_FILE, AUTHENTICATED,
                        c -> get("/api/v1/receivables/ageing?groupBy=team&format=csv")),
                Row.of("GET /contracts/{id}/receivables-panel", READ_CONTRACT, c -> get("/contracts/"
                        + fresh(c) + "/receivables-panel")),
                Row.of("POST /contracts/{id}/receivables-panel/receipts", WRITE_RECEIVABLE, c -> form("/contracts/"
                        + fresh(c) + "/receivables-panel/receipts", "receivedOn",
                        java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString(), "amount", "0.01",
                        "method", "BANK_TRANSFER")),
                Row.of("POST /contracts/{id}/receivables-panel/invoices", WRITE_RECEIVABLE, c -> form("/contracts/"
                        + fresh(c) + "/receivables-panel/invoices", "number", "MX-" + counter(),
                        "issuedOn", java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString(),
                        "amount", "1.00", "taxRatePercent", "6")),
                Row.of("POST /contracts/{id}/receivables-panel/receipts/{receiptId}/reverse", WRITE_RECEIVABLE,
                        c -> form("/contracts/" + fresh(c) + "/receivables-panel/receipts/"
                                + receiptOn(fresh(c)) + "/reverse", "reason", "退票")),
                Row.of("GET /receivables", AUTHENTICATED, c -> get("/receivables?groupBy=owner")),

                // supervision and evaluation (REST): readers see the answers, cases and reports; writers make links
                // (of a signed contract), set the interval and record cases; legal, admins and writers move cases.
                // The matrix's customers have no e-mail: sending a report is then the 400 of a missing contact.
                Row.of("GET /api/v1/contracts/{id}/evaluations", READ_CONTRACT, c -> get(c.contract() + "/evaluations")),
                Row.of("POST /api/v1/contracts/{id}/evaluation-links", WRITE_CONTRACT, c -> json("POST",
                        c.contract() + "/evaluation-links", "{\"purpose\": \"PERFORMANCE_PAGE\", \"send\": false}"))
                        .fresh(Fresh.SIGNED),
                Row.of("GET /api/v1/contracts/{id}/evaluation-links", READ_CONTRACT, c -> get(c.contract()
                        + "/evaluation-links")),
                Row.of("GET /api/v1/evaluation-links/{linkId}", READ_CONTRACT, c -> get("/api/v1/evaluation-links/"
                        + evaluationLink(c.target()))),
                Row.of("DELETE /api/v1/evaluation-links/{linkId}", WRITE_CONTRACT, c -> Call.delete(
                        "/api/v1/evaluation-links/" + evaluationLink(c.target()))),
                Row.of("GET /api/v1/contracts/{id}/evaluation-settings", READ_CONTRACT, c -> get(c.contract()
                        + "/evaluation-settings")),
                Row.of("PUT /api/v1/contracts/{id}/evaluation-settings", WRITE_CONTRACT, c -> json("PUT",
                        c.contract() + "/evaluation-settings", "{\"intervalDays\": " + (30 + counter() % 300) + "}")
                        .ifMatch(etag(c.contract() + "/evaluation-settings"))),
                Row.of("GET /api/v1/evaluations/summary", AUTHENTICATED, c -> get("/api/v1/evaluations/summary?groupBy=owner")),
                Row.of("GET /api/v1/contracts/{id}/cases", READ_CONTRACT, c -> get(c.contract() + "/cases")),
                Row.of("POST /api/v1/contracts/{id}/cases", WRITE_CONTRACT, c -> json("POST", c.contract() + "/cases",
                        "{\"category\": \"OTHER\", \"description\": \"矩阵问题\"}")).fresh(Fresh.SIGNED),
                Row.of("GET /api/v1/cases", AUTHENTICATED, c -> get("/api/v1/cases?open=true&size=5")),
                Row.of("GET /api/v1/cases" + AS_FILE, AUTHENTICATED, c -> get("/api/v1/cases?open=true")
                        .header("Accept", XLSX)),
                Row.of("GET /api/v1/cases/{caseId}", READ_CONTRACT, c -> get("/api/v1/cases/" + concernCase(c.target()))),
                Row.of("PATCH /api/v1/cases/{caseId}", WRITE_CONTRACT, c -> Call.mergePatch("/api/v1/cases/"
                        + concernCase(c.target()), "{\"deadline\": \"" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1 + counter() % 300)
                        + "\"}").ifMatch(etag("/api/v1/cases/" + concernCase(c.target())))),
                Row.of("GET /api/v1/contracts/{id}/service-report", READ_CONTRACT, c -> get(c.contract()
                        + "/service-report?month=" + io.qiyue.testing.ContractSamples.YEAR + "-01")),
                Row.of("POST /api/v1/contracts/{id}/service-report/send", WRITE_CONTRACT, c -> json("POST",
                        c.contract() + "/service-report/send", "{\"month\": \"2026-11\"}")).fresh(Fresh.SIGNED)
                        .alsoAllowed(400),
                // supervision and evaluation (pages)
                Row.of("GET /contracts/{id}/evaluation-panel", READ_CONTRACT, c -> get("/contracts/"
                        + c.target().contractId() + "/evaluation-panel")),
                Row.of("POST /contracts/{id}/evaluation-links", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/evaluation-links", "purpose", "PERFORMANCE_PAGE")).fresh(Fresh.SIGNED),
                Row.of("POST /contracts/{id}/evaluation-links/{linkId}/revoke", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/evaluation-links/" + evaluationLink(c.target()) + "/revoke")),
                Row.of("POST /contracts/{id}/evaluation-settings", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/evaluation-settings", "intervalDays", String.valueOf(30 + counter() % 300),
                        "version", version(c.contract() + "/evaluation-settings"))),
                Row.of("GET /contracts/{id}/service-report", READ_CONTRACT, c -> get("/contracts/" + c.target().contractId()
                        + "/service-report?month=" + io.qiyue.testing.ContractSamples.YEAR + "-01")),
                Row.of("POST /contracts/{id}/service-report/send", WRITE_CONTRACT, c -> form("/contracts/"
                        + c.target().contractId() + "/service-report/send", "month", "2026-11")).fresh(Fresh.SIGNED)
                        .alsoAllowed(400),
                Row.of("POST /contracts/{id}/cases", WRITE_CONTRACT, c -> form("/contracts/" + c.target().contractId()
                        + "/cases", "category", "OTHER", "description", "矩阵问题")).fresh(Fresh.SIGNED),
                Row.of("GET /cases", AUTHENTICATED, c -> get("/cases?open=true")),
                Row.of("POST /cases/{caseId}", WRITE_CONTRACT, c -> form("/cases/" + concernCase(c.target()), "deadline",
                        java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1 + counter() % 300).toString(),
                        "version", version("/api/v1/cases/" + concernCase(c.target())))),
                // the customer's evaluation and performance pages: the token is the credential (real links:
                // EvaluationApiContract)
                Row.of("GET /c/{token}", PUBLIC, c -> get("/c/" + "A".repeat(43))).alsoAllowed(404),
                Row.of("POST /c/{token}/evaluation", PUBLIC, c -> form("/c/" + "A".repeat(43) + "/evaluation", "rating",
                        "5")).alsoAllowed(404),
                Row.of("POST /c/{token}/concerns", PUBLIC, c -> form("/c/" + "A".repeat(43) + "/concerns", "category",
                        "OTHER", "description", "x")).alsoAllowed(404),
                Row.of("GET /c/{token}/evidence/{evidenceId}", PUBLIC, c -> get("/c/" + "A".repeat(43) + "/evidence/x"))
                        .alsoAllowed(404),
                Row.of("GET /c/{token}/report", PUBLIC, c -> get("/c/" + "A".repeat(43) + "/report?month=2026-11"))
                        .alsoAllowed(404)
        );
    }

    // ---- the tests

    @Test
    void everyEndpointHasAnAuthorizationExpectation() {
        var mapped = new TreeSet<String>();
        handlerMapping.getHandlerMethods().forEach((info, method) -> {
            var methods = info.getMethodsCondition().getMethods();
            // a list's export shares the list's path but not its code: a row of its own, for both of its variants
            String file = info.getProducesCondition().getProducibleMediaTypes().stream()
                    .anyMatch(t -> t.toString().equals(XLSX)) ? AS_FILE : "";
            for (String pattern : info.getPatternValues().stream().map(p -> p + file).toList()) {
                if (methods.isEmpty()) {
                    mapped.add("ANY " + pattern);
                } else {
                    methods.forEach(m -> mapped.add(m.name() + " " + pattern));
                }
            }
        });
        var expected = new TreeSet<String>(NOT_IN_MATRIX.keySet());
        table().forEach(row -> assertThat(expected.add(row.endpoint())).as("two rows for %s", row.endpoint()).isTrue());

        var missing = new TreeSet<>(mapped);
        missing.removeAll(expected);
        var stale = new TreeSet<>(expected);
        stale.removeAll(mapped);
        assertThat(missing).as("new endpoints without an authorization expectation: add a row for each to "
                + "AuthorizationMatrixContract.table()").isEmpty();
        assertThat(stale).as("rows of AuthorizationMatrixContract.table() for endpoints that do not exist").isEmpty();
    }

    @Test
    void everyApiEndpointAnswersEachRoleAndScopeAsTheRulesSay() {
        runMatrix(true);
    }

    @Test
    void everyPageAndFormAnswersEachRoleAndScopeAsTheRulesSay() {
        runMatrix(false);
    }

    /**
     * Lists (REST and pages) hold nothing outside the caller's read scope and everything inside it; ID numbers
     * and mobiles are in clear exactly for admins, legal and whoever may edit the customer, in the customer,
     * its contacts, lists and pages; the contract document and its stored text are the same for every reader.
     * The audit trail is for admins only (the matrix checks its 403s).
     */
    @Test
    void listsHoldOnlyTheCallersScopeAndPersonalInformationIsMaskedToThoseWhoMayNotEditIt() {
        var failures = new ArrayList<String>();
        String sharedContracts = enc(marker + " 共享");
        String sharedCustomers = enc(marker + " 客户共享");
        for (Caller caller : Caller.values()) {
            if (caller == Caller.ANONYMOUS) {
                continue;
            }
            var client = users.get(caller).client();
            var browser = browsers.get(caller);

            // the whole list of those who read only some; this class's records of those who read everything
            String filter = caller == Caller.SALES || caller == Caller.SALES_MANAGER ? "" : "?q=" + enc(marker);
            var contracts = pages(client, "/api/v1/contracts" + filter);
            var customers = pages(client, "/api/v1/customers" + filter);
            for (JsonNode item : contracts) {
                if (!Rule.reads(caller, scopeOf(caller, item.path("owner").asString()))) {
                    failures.add("GET /api/v1/contracts lists %s's contract %s to %s".formatted(
                            item.path("owner").asString(), item.path("id").asString(), caller));
                }
            }
            for (JsonNode item : customers) {
                if (!Rule.reads(caller, scopeOf(caller, item.path("owner").asString()))) {
                    failures.add("GET /api/v1/customers lists %s's customer %s to %s".formatted(
                            item.path("owner").asString(), item.path("id").asString(), caller));
                }
            }
            String contractPage = browser.send(get("/contracts?q=" + sharedContracts)).body();
            String customerPage = browser.send(get("/customers?q=" + sharedCustomers)).body();
            String dashboard = browser.send(get("/")).body();
            boolean createsContracts = Rule.writesContracts(caller, Scope.OWN);
            boolean createsCustomers = Rule.writesCustomers(caller, Scope.OWN);
            String newContract = createsContracts ? browser.send(get("/contracts/new?type=SERVICE")).body() : "";
            // pages offer "new" only to those whose save would succeed
            expect(failures, contractPage.contains("id=\"new-contract\"") == createsContracts
                            && dashboard.contains("id=\"quick-new-contract\"") == createsContracts,
                    "the pages %s a new contract to %s", createsContracts ? "do not offer" : "offer", caller);
            expect(failures, customerPage.contains("id=\"new-customer\"") == createsCustomers
                            && dashboard.contains("id=\"quick-new-customer\"") == createsCustomers,
                    "the pages %s a new customer to %s", createsCustomers ? "do not offer" : "offer", caller);

            for (Target t : shared.values()) {
                Scope scope = scopeOf(caller, t.owner());
                boolean reads = Rule.reads(caller, scope);
                boolean clear = reads && Rule.seesPersonalInformation(caller, scope);
                String who = "%s on %s's records (%s)".formatted(caller, t.owner(), scope);
                expect(failures, ids(contracts).contains(t.contractId()) == reads,
                        "GET /api/v1/contracts %s the contract: %s", reads ? "misses" : "lists", who);
                expect(failures, ids(customers).contains(t.customerId()) == reads,
                        "GET /api/v1/customers %s the customer: %s", reads ? "misses" : "lists", who);
                expect(failures, contractPage.contains(t.contractId()) == reads,
                        "the contract list page %s the contract: %s", reads ? "misses" : "shows", who);
                expect(failures, customerPage.contains(t.customerId()) == reads,
                        "the customer list page %s the customer: %s", reads ? "misses" : "shows", who);
                expect(failures, customerPage.contains(t.idNumber()) == clear,
                        "the customer list page shows the ID number %s: %s", clear ? "masked" : "in clear", who);
                if (!reads) {
                    expect(failures, !dashboard.contains(t.contractId()), "the start page shows the contract: %s", who);
                    expect(failures, !newContract.contains(t.customerId()),
                            "the new contract form offers the customer: %s", who);
                    String ofCustomer = browser.send(get("/contracts/of-customer/" + t.customerId())).body();
                    expect(failures, !ofCustomer.contains(t.contractId()),
                            "the customer's contracts fragment shows the contract: %s", who);
                    continue;
                }

                for (JsonNode item : customers) {
                    if (item.path("id").asString().equals(t.customerId())) {
                        expectPersonalInformation(failures, item, t, clear, "GET /api/v1/customers: " + who);
                    }
                }
                var customer = client.get("/api/v1/customers/" + t.customerId()).json();
                expectPersonalInformation(failures, customer, t, clear, "GET /api/v1/customers/{id}: " + who);
                String contacts = client.get("/api/v1/customers/" + t.customerId() + "/contacts").body();
                expect(failures, contacts.contains(t.mobile()) == clear,
                        "GET /api/v1/customers/{id}/contacts shows the mobile %s: %s", clear ? "masked" : "in clear", who);
                String detail = browser.send(get("/customers/" + t.customerId())).body();
                expect(failures, detail.contains(t.idNumber()) == clear && detail.contains(t.mobile()) == clear,
                        "the customer page shows ID number and mobile %s: %s", clear ? "masked" : "in clear", who);
                boolean edits = Rule.writesCustomers(caller, scope);
                expect(failures, detail.contains("id=\"edit-customer\"") == edits
                                && detail.contains("id=\"new-contract-for-customer\"") == createsContracts,
                        "the customer page offers edit / new contract against the rules: %s", who);

                // the contract's document and texts print the ID number as the customer shows it to the reader
                String contract = "/api/v1/contracts/" + t.contractId();
                String maskedId = t.idNumber().substring(0, 6) + "********" + t.idNumber().substring(14);
                String document = client.get(contract + "/document").body();
                expect(failures, document.contains(clear ? t.idNumber() : maskedId)
                                && document.contains(t.idNumber()) == clear,
                        "the contract document shows the ID number %s: %s", clear ? "masked" : "in clear", who);
                String preview = browser.send(get("/contracts/" + t.contractId() + "/document.html")).body();
                expect(failures, preview.contains(clear ? t.idNumber() : maskedId)
                                && preview.contains(t.idNumber()) == clear,
                        "the document preview page shows the ID number %s: %s", clear ? "masked" : "in clear", who);
                String stored = client.get(contract + "/versions/1/text").body();
                expect(failures, stored.contains(clear ? t.idNumber() : maskedId) && stored.contains(t.idNumber()) == clear,
                        "the stored text shows the ID number %s: %s", clear ? "masked" : "in clear", who);
            }
        }
        assertThat(failures).as("lists beyond the data scope, or personal information shown against the README")
                .isEmpty();
    }

    /**
     * Who may not change a contract is told so (403; 404 outside the read scope) before anything about what
     * they sent: a stale version, a finding that does not exist, a missing reason. Nothing changes.
     */
    @Test
    void whoMayNotChangeAContractIsRefusedWhateverTheRequestSays() {
        for (Caller caller : List.of(Caller.VIEWER, Caller.FINANCE, Caller.SALES)) {
            var client = users.get(caller).client();
            Target t = target(caller, caller == Caller.SALES ? Scope.OTHER : Scope.TEAM);
            int status = caller == Caller.SALES ? 404 : 403;
            String contract = "/api/v1/contracts/" + t.contractId();
            String before = state(Subject.CONTRACT, t);

            String apply = contract + "/review/findings/QY-L001/apply";
            assertProblem(client.request("POST", apply).header("If-Match", "\"999\"")
                    .json("{\"path\": \"" + VAGUE_PATH + "\", \"start\": 3}").send(), status);
            assertProblem(client.request("POST", apply).header("If-Match", etag(contract))
                    .json("{\"path\": \"/terms/breach/description\"}").send(), status);
            assertProblem(client.request("POST", apply).header("If-Match", etag(contract)).json("{}").send(), status);
            assertProblem(client.post(contract + "/review/findings/QY-L001/accept", "{}"), status);
            assertProblem(client.post(contract + "/review/findings/QY-L001/accept",
                    "{\"path\": \"/terms/breach/description\", \"reason\": \"理由\"}"), status);
            var page = browsers.get(caller).send(form("/contracts/" + t.contractId() + "/review/accept",
                    "ruleId", "QY-L001", "path", VAGUE_PATH));
            assertThat(page.status()).as("accept without a reason on the page as %s: %s", caller, page).isEqualTo(status);

            assertThat(state(Subject.CONTRACT, t)).as("as %s", caller).isEqualTo(before);
        }
    }

    private void expectPersonalInformation(List<String> failures, JsonNode customer, Target t, boolean clear,
                                           String where) {
        boolean idInClear = customer.path("idNumber").asString().equals(t.idNumber());
        boolean mobileInClear = customer.path("contacts").toString().contains(t.mobile());
        expect(failures, idInClear == clear && mobileInClear == clear
                        && customer.path("personalInformationMasked").asBoolean() == !clear,
                "%s shows ID number and mobile %s: %s", where, clear ? "masked" : "in clear", customer);
    }

    private static void expect(List<String> failures, boolean holds, String message, Object... args) {
        if (!holds) {
            failures.add(message.formatted(args));
        }
    }

    /** Whose record it is, seen from the caller: their own, their team's (team 1), another team's. */
    private Scope scopeOf(Caller caller, String owner) {
        if (owner.equals(users.get(caller).username())) {
            return Scope.OWN;
        }
        return owner.equals(stranger.username()) || !byUsername.containsKey(owner) ? Scope.OTHER : Scope.TEAM;
    }

    /** Every item of a paged list. */
    private static List<JsonNode> pages(ApiClient client, String path) {
        var items = new ArrayList<JsonNode>();
        for (int page = 0; ; page++) {
            var response = client.get(path + (path.contains("?") ? "&" : "?") + "size=200&page=" + page);
            assertThat(response.status()).as("GET %s: %s", path, response).isEqualTo(200);
            response.json().path("items").forEach(items::add);
            if (response.json().path("items").isEmpty() || items.size() >= response.json().path("total").asLong()) {
                return items;
            }
        }
    }

    private static List<String> ids(List<JsonNode> items) {
        return items.stream().map(i -> i.path("id").asString()).toList();
    }

    // ---- running the matrix

    /** One cell of the matrix. */
    private record Case(Row row, Caller caller, Scope scope) {
    }

    /**
     * Reads first, several at a time (they change nothing); then writes one after the other, each endpoint's
     * refused ones before its allowed ones so that they can share what they read of the records (each refused
     * write is checked to have changed nothing); rows that start background work last, and then waited for.
     */
    private void runMatrix(boolean api) {
        long started = System.nanoTime();
        var cases = new ArrayList<Case>();
        var table = table();
        for (Row row : table) {
            if (row.api() == api) {
                for (Caller caller : Caller.values()) {
                    scopes(row, caller).forEach(scope -> cases.add(new Case(row, caller, scope)));
                }
            }
        }
        var failures = Collections.synchronizedList(new ArrayList<String>());
        var states = new HashMap<String, String>();
        inParallel(cases.stream().filter(c -> !c.row().write()).toList(), c -> check(c, failures, null));
        cases.stream().filter(c -> c.row().write())
                .sorted(Comparator.comparing((Case c) -> c.row().background())
                        .thenComparing(c -> table.indexOf(c.row()))
                        .thenComparing(c -> c.row().rule().expected(c.caller(), c.scope()) == Outcome.ALLOWED))
                .forEach(c -> check(c, failures, states));
        awaitNoPortfolioRun();
        etags.clear();

        var counts = new EnumMap<Outcome, Long>(Outcome.class);
        cases.forEach(c -> counts.merge(c.row().rule().expected(c.caller(), c.scope()), 1L, Long::sum));
        log.info("authorization matrix ({}): {} requests in {} ms, expected {}", api ? "API" : "pages", cases.size(),
                (System.nanoTime() - started) / 1_000_000, counts);
        assertThat(failures).as("endpoints that do not answer as the rules of README \"Roles and data scope\" say")
                .isEmpty();
    }

    /**
     * Sends one cell's request and compares the answer with the rule. A refused write must leave its record as
     * it was: {@code states} (null for reads) keeps what was last seen of the shared records until an allowed
     * write, so that a run of refused writes reads each record once per write, not twice.
     */
    private void check(Case c, List<String> failures, Map<String, String> states) {
        Row row = c.row();
        Outcome expected = row.rule().expected(c.caller(), c.scope());
        Target sharedTarget = target(c.caller(), c.scope());
        Target target = expected == Outcome.ALLOWED && row.fresh() != Fresh.NONE
                ? fresh(row.fresh(), c.caller(), sharedTarget) : sharedTarget;
        Call call = row.call().apply(new Ctx(c.caller(), c.scope(), target));
        String key = row.subject() + " " + sharedTarget;
        boolean refusedWrite = states != null && expected != Outcome.ALLOWED;
        String before = refusedWrite ? states.computeIfAbsent(key, k -> state(row.subject(), sharedTarget)) : null;
        Answer answer = row.api() ? sendApi(c.caller(), call) : sendPage(c.caller(), call);
        String where = "%s as %s on %s record".formatted(row.endpoint(), c.caller(), c.scope());
        if (!answer.is(expected, row.api(), row.alsoAllowed())) {
            failures.add("%s: expected %s, got %s".formatted(where, expected, answer));
        }
        if (refusedWrite) {
            String after = state(row.subject(), target);
            states.put(key, after);
            if (!after.equals(before)) {
                failures.add("%s: refused (%d) but the record changed".formatted(where, answer.status()));
            }
        } else if (states != null) {
            states.clear();
            etags.clear();
        }
    }

    private static <T> void inParallel(List<T> items, java.util.function.Consumer<T> action) {
        try (var pool = Executors.newFixedThreadPool(4)) {
            var futures = items.stream().map(item -> pool.submit(() -> action.accept(item))).toList();
            for (var future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error; // an assertion of a fixture, as it would have failed without the pool
                    }
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static List<Scope> scopes(Row row, Caller caller) {
        if (!row.scoped()) {
            return List.of(Scope.NONE);
        }
        return caller == Caller.ANONYMOUS ? List.of(Scope.OTHER) : List.of(Scope.OWN, Scope.TEAM, Scope.OTHER);
    }

    /** The shared fixture of a scope: the caller's own, the team mate's, the other team's; nobody's own is the stranger's. */
    private Target target(Caller caller, Scope scope) {
        if (caller == Caller.ANONYMOUS) {
            return shared.get(stranger.username());
        }
        return switch (scope) {
            case OWN, NONE -> shared.get(users.get(caller).username());
            case TEAM -> shared.get(mate.username());
            case OTHER -> shared.get(stranger.username());
        };
    }

    /** A fixture of its own for an allowed write, owned as the shared one of the scope. */
    private Target fresh(Fresh kind, Caller caller, Target base) {
        return switch (kind) {
            case NONE -> base;
            case CUSTOMER -> person(base.owner(), marker + " 客户");
            case CONTRACT -> base.withContract(contract(base, marker + " 专用"));
            case READY -> base.withContract(ready(contract(base, marker + " 待提交")));
            // submitted by the caller: only the submitter may withdraw
            case SUBMITTED -> base.withContract(submitted(base, " 已提交", users.get(caller).client()));
            case APPROVED -> base.withContract(lifecycleFixture(submitted(base, " 已审批"), ContractAction.APPROVE));
            case SIGNING -> base.withContract(lifecycleFixture(submitted(base, " 签署中"), ContractAction.APPROVE,
                    ContractAction.START_SIGNING));
            case SIGNED -> base.withContract(lifecycleFixture(submitted(base, " 已签署"), ContractAction.APPROVE,
                    ContractAction.START_SIGNING, ContractAction.SIGN));
            case TOKEN -> {
                var created = anonymous().basic(users.get(caller).username(), USER_PASSWORD)
                        .post("/api/v1/api-tokens", "{\"name\": \"spare\"}");
                assertThat(created.status()).as("spare token: %s", created).isEqualTo(201);
                yield base.withToken(created.json().path("id").asString());
            }
        };
    }

    private String submitted(Target base, String title) {
        return submitted(base, title, admin());
    }

    private String submitted(Target base, String title, ApiClient by) {
        String id = ready(contract(base, marker + title));
        var submitted = by.request("POST", "/api/v1/contracts/" + id + "/submit")
                .header("If-Match", "\"1\"").json("{}").send();
        assertThat(submitted.status()).as("submit a fixture: %s", submitted).isEqualTo(200);
        return id;
    }

    /**
     * An approval task of the spare user, who is none of the callers: a flow of its own applies to one submission
     * and is disabled at once, so later submissions go through the flow they would have had.
     */
    private String spareApprovalTask(Target base) {
        var flow = admin().post("/api/v1/approval-flows", spareFlowBody(true));
        assertThat(flow.status()).as("%s", flow).isEqualTo(201);
        spareFlow = flow.json().path("id").asString();
        submitted(base, " 待审批");
        var disabled = admin().put("/api/v1/approval-flows/" + spareFlow, spareFlowBody(false), flow.header("ETag"));
        assertThat(disabled.status()).as("%s", disabled).isEqualTo(200);
        String username = admin().get("/api/v1/users/" + spareUser).json().path("username").asString();
        var tasks = admin().get("/api/v1/approvals?assignee=" + username).json().path("items");
        assertThat(tasks.size()).as("the spare user's task").isEqualTo(1);
        return tasks.get(0).path("id").asString();
    }

    private String spareFlowBody(boolean enabled) {
        return "{\"name\": \"" + marker + " 流程 " + counter() + "\", \"enabled\": " + enabled
                + ", \"priority\": -1000000, \"steps\": [{\"name\": \"审批\", \"kind\": \"APPROVAL\", \"mode\": \"ANY\","
                + " \"approvers\": [{\"userId\": \"" + spareUser + "\"}]}]}";
    }

    /** Moves a fixture on as the modules that decide these moves (approval, signing) would. */
    private String lifecycleFixture(String id, ContractAction... actions) {
        for (ContractAction action : actions) {
            lifecycle.advance(id, action, null, "admin");
        }
        return id;
    }

    /** What a refused write must leave as it was. */
    private String state(Subject subject, Target t) {
        return switch (subject) {
            case NONE -> "";
            case CUSTOMER -> admin().get("/api/v1/customers/" + t.customerId()).body();
            case CONTRACT -> { // every save and transition is a version, every upload too; acceptances are in the review
                String path = "/api/v1/contracts/" + t.contractId();
                yield admin().get(path + "/versions").body() + admin().get(path + "/review").body();
            }
            case TOKEN -> {
                for (JsonNode token : byUsername.get(t.owner()).client().get("/api/v1/api-tokens").json().path("items")) {
                    if (token.path("id").asString().equals(t.tokenId())) {
                        yield token.path("revokedAt").toString();
                    }
                }
                yield "gone";
            }
        };
    }

    // ---- sending

    /** The answer as the matrix classifies it. */
    private record Answer(int status, String location, String contentType, String body) {

        boolean is(Outcome expected, boolean api, Set<Integer> alsoAllowed) {
            if (status >= 500) {
                return false;
            }
            if (api) {
                boolean problem = contentType.startsWith("application/problem+json");
                return switch (expected) {
                    case ALLOWED -> status / 100 == 2 || alsoAllowed.contains(status);
                    case REFUSED_INPUT -> status == 400 && problem;
                    case FORBIDDEN -> status == 403 && problem;
                    case NOT_FOUND -> status == 404 && problem;
                    case UNAUTHENTICATED -> status == 401 && problem;
                };
            }
            boolean toLogin = status / 100 == 3 && location.matches(".*/login(\\?.*)?");
            boolean refused = status == 200 && PAGE_ERRORS.matcher(body).find();
            return switch (expected) {
                case ALLOWED -> (status / 100 == 2 && !refused) || (status / 100 == 3 && !toLogin)
                        || alsoAllowed.contains(status);
                case REFUSED_INPUT -> refused;
                case FORBIDDEN -> status == 403;
                case NOT_FOUND -> status == 404;
                case UNAUTHENTICATED -> toLogin;
            };
        }

        @Override
        public String toString() {
            String text = body.length() > 300 ? body.substring(0, 300) + "…" : body;
            return status + (location.isEmpty() ? "" : " → " + location) + " " + text.replaceAll("\\s+", " ");
        }
    }

    /** The call with the caller's password (HTTP Basic) in place of their token; as it is for nobody. */
    private Call withPassword(Caller caller, Call call) {
        if (caller == Caller.ANONYMOUS) {
            return call;
        }
        String credentials = users.get(caller).username() + ":" + USER_PASSWORD;
        return call.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString(credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private Answer sendApi(Caller caller, Call call) {
        ApiClient client = caller == Caller.ANONYMOUS ? anonymous() : users.get(caller).client();
        var request = client.request(call.method(), call.path());
        call.headers().forEach(request::header);
        if (call.body() != null) {
            request.bytes(call.contentType(), call.body());
        }
        var response = request.send();
        return new Answer(response.status(), nullToEmpty(response.header("Location")),
                nullToEmpty(response.contentType()), response.body());
    }

    private Answer sendPage(Caller caller, Call call) {
        return browsers.get(caller).send(call);
    }

    /** A browser session of one user (or of nobody), with its CSRF token sent as the header the pages' htmx sends. */
    private final class Browser {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private String csrf;

        Browser signIn(String username, String password) {
            csrf = csrfOf(send(get("/login")).body());
            var signedIn = send(form("/login", "username", username, "password", password));
            assertThat(signedIn.status()).as("sign in %s: %s", username, signedIn).isEqualTo(302);
            assertThat(signedIn.location()).doesNotContain("error");
            csrf = csrfOf(send(get("/")).body());
            return this;
        }

        Browser anonymous() {
            csrf = csrfOf(send(get("/login")).body());
            return this;
        }

        Answer send(Call call) {
            var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + call.path()))
                    .header("Accept-Language", "zh-CN");
            call.headers().forEach(builder::header);
            if (call.method().equals("GET")) {
                builder.GET();
            } else {
                builder.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
                if (call.contentType() != null) {
                    builder.header("Content-Type", call.contentType());
                }
                if (csrf != null) {
                    builder.header("X-CSRF-TOKEN", csrf);
                }
            }
            try {
                var response = http.send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofString(
                        StandardCharsets.UTF_8));
                return new Answer(response.statusCode(), response.headers().firstValue("Location").orElse(""),
                        response.headers().firstValue("Content-Type").orElse(""), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(call.method() + " " + call.path(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String csrfOf(String html) {
            var m = CSRF.matcher(html);
            assertThat(m.find()).as("a CSRF token in %s", html.length() > 500 ? html.substring(0, 500) : html).isTrue();
            return m.group(1);
        }
    }

    // ---- fixtures

    private static byte[] sealImage() {
        return io.qiyue.signing.SealImages.nameStamp("矩阵");
    }

    private String uploadSeal() {
        var upload = Call.upload("", "seal.png", "image/png", sealImage());
        var created = admin().request("POST", "/api/v1/our-entities/" + ourEntity + "/seals?kind=CONTRACT&name=matrix")
                .bytes(upload.contentType(), upload.body()).send();
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /**
     * One user per role in team 1, a salesperson of team 1 (the team mate) and one of team 2 (the stranger);
     * each of them owns a person customer and a contract with two saved versions, a stored review and an
     * uploaded paper, and a spare API token. Built several at a time: password hashing is slow.
     */
    @BeforeAll
    void fixtures() {
        long started = System.nanoTime();
        String team1 = createTeam();
        String team2 = createTeam();
        var made = new ConcurrentHashMap<String, TestUser>();
        var roles = new ArrayList<>(List.of(Caller.values()).subList(1, Caller.values().length).stream()
                .map(Enum::name).toList());
        roles.addAll(List.of("mate", "stranger"));
        inParallel(roles, name -> made.put(name, switch (name) {
            case "mate" -> createUser("SALES", team1);
            case "stranger" -> createUser("SALES", team2);
            default -> createUser(name, team1);
        }));
        for (Caller caller : Caller.values()) {
            if (caller != Caller.ANONYMOUS) {
                users.put(caller, made.get(caller.name()));
            }
        }
        mate = made.get("mate");
        stranger = made.get("stranger");
        made.values().forEach(u -> byUsername.put(u.username(), u));

        ourEntity = ourEntityId();
        var entity = admin().post("/api/v1/our-entities", ourEntityBody(TestIdentifiers.creditCode()));
        assertThat(entity.status()).as("%s", entity).isEqualTo(201);
        spareEntity = entity.json().path("id").asString();
        seal = uploadSeal();
        spareSeal = uploadSeal();
        // FINANCE: the spare user approves the spare task, and a VIEWER may not decide
        var user = admin().post("/api/v1/users", userBody(newUsername(), "FINANCE").put("password", USER_PASSWORD)
                .toString());
        assertThat(user.status()).as("%s", user).isEqualTo(201);
        spareUser = user.json().path("id").asString();
        spareTeam = createTeam();
        for (JsonNode t : admin().get("/api/v1/templates?type=SERVICE").json().path("items")) {
            if (t.path("active").asBoolean()) {
                templateBody = t.path("body").asString();
            }
        }
        assertThat(templateBody).as("the active SERVICE template").isNotNull();
        var createdTemplate = admin().post("/api/v1/templates", templateBody());
        assertThat(createdTemplate.status()).as("%s", createdTemplate).isEqualTo(201);
        template = createdTemplate.json().path("id").asString();
        var createdClause = admin().post("/api/v1/clauses", clauseBody());
        assertThat(createdClause.status()).as("%s", createdClause).isEqualTo(201);
        clause = createdClause.json().path("id").asString();

        var records = new ConcurrentHashMap<String, Target>();
        inParallel(List.copyOf(byUsername.values()), owner -> {
            var target = person(owner.username(), marker + " 客户共享");
            String contract = contract(target, marker + " 共享");
            var patched = admin().patch("/api/v1/contracts/" + contract, "{\"title\": \"" + marker + " 共享 第二版\"}",
                    "\"1\"");
            assertThat(patched.status()).as("%s", patched).isEqualTo(200);
            var reviewed = admin().post("/api/v1/contracts/" + contract + "/review", "{}");
            assertThat(reviewed.status()).as("%s", reviewed).isEqualTo(200);
            var token = anonymous().basic(owner.username(), USER_PASSWORD).post("/api/v1/api-tokens",
                    "{\"name\": \"spare\"}");
            assertThat(token.status()).as("%s", token).isEqualTo(201);
            records.put(owner.username(), target.withContract(contract).withToken(token.json().path("id").asString()));
        });
        shared.putAll(records);
        // the shared drafts get the obligations of their terms and one evidence file, so that the obligation rows
        // have something to read and refuse (allowed writes get signed contracts of their own)
        for (var target : records.values()) {
            obligationsForMatrix.generate(target.contractId(), java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")), "system");
            String first = obligation(new Ctx(Caller.ADMIN, Scope.OWN, target));
            var evidence = admin().request("POST", "/api/v1/obligations/" + first + "/evidence")
                    .header("X-Requested-With", "matrix").bytes(Call.upload("", "report.pdf", "application/pdf", blankPdf()).contentType(),
                            Call.upload("", "report.pdf", "application/pdf", blankPdf()).body()).send();
            assertThat(evidence.status()).as("%s", evidence).isEqualTo(201);
        }
        paper = paper("乙方应及时响应甲方的服务请求。");
        var upload = Call.upload("", "paper.docx", DOCX, paper);
        inParallel(List.copyOf(records.values()), target -> {
            var uploaded = admin().request("POST", "/api/v1/contracts/" + target.contractId() + "/versions")
                    .bytes(upload.contentType(), upload.body()).send();
            assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(201);
        });
        portfolioJob = startPortfolio();
        awaitPortfolio(portfolioJob);
        spareTask = spareApprovalTask(records.get(stranger.username())); // a contract of another team's owner

        // the API description is computed on its first request; one at a time, not once per parallel caller
        assertThat(new Browser().send(get("/v3/api-docs")).status()).isEqualTo(200);
        var signedIn = new ConcurrentHashMap<Caller, Browser>();
        inParallel(List.of(Caller.values()), caller -> signedIn.put(caller, caller == Caller.ANONYMOUS
                ? new Browser().anonymous() : new Browser().signIn(users.get(caller).username(), USER_PASSWORD)));
        browsers.putAll(signedIn);
        log.info("authorization matrix: fixtures in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** Leaves no portfolio run going and the review setting at its default, as other test classes expect. */
    @AfterAll
    void settle() {
        awaitNoPortfolioRun();
        var setting = admin().get("/api/v1/reviews/settings/" + SETTING);
        if (setting.json().path("overridden").asBoolean()) {
            admin().delete("/api/v1/reviews/settings/" + SETTING, setting.header("ETag"));
        }
    }

    /**
     * Waits until no portfolio run is going: the only way to know is to start one (409 while another runs) and
     * wait for it, which re-reviews whatever the matrix changed as well.
     */
    private void awaitNoPortfolioRun() {
        awaitPortfolio(startPortfolio());
    }

    private String startPortfolio() {
        for (int attempt = 0; attempt < 300; attempt++) { // another test class may be running one
            var started = admin().post("/api/v1/reviews/portfolio", "{}");
            if (started.status() == 202) {
                return started.json().path("jobId").asString();
            }
            assertThat(started.status()).as("%s", started).isEqualTo(409);
            sleep(100);
        }
        throw new AssertionError("no portfolio run could be started");
    }

    private void awaitPortfolio(String job) {
        for (int attempt = 0; attempt < 600; attempt++) {
            if (!admin().get("/api/v1/reviews/portfolio/" + job).json().path("status").asString().equals("RUNNING")) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("portfolio run " + job + " did not end");
    }

    /**
     * A person customer of {@code owner} with one contact, as a target (ID number and mobile kept in clear). The
     * contact has an e-mail address, which the rows that rewrite the contact keep: the fixtures that go to signing
     * need a customer signer, as every round does.
     */
    private Target person(String owner, String name) {
        String idNumber = TestIdentifiers.idNumber();
        String mobile = TestIdentifiers.mobile();
        var body = JSON.createObjectNode();
        body.put("kind", "PERSON");
        body.put("name", name + counter());
        body.put("idNumber", idNumber);
        body.put("address", "浙江省杭州市余杭区文一西路969号");
        body.put("owner", owner);
        body.putArray("contacts").addObject().put("name", "李四").put("title", "总经理").put("mobile", mobile)
                .put("email", CONTACT_EMAIL).put("primary", true);
        var created = admin().post("/api/v1/customers", body.toString());
        assertThat(created.status()).as("create a customer of %s: %s", owner, created).isEqualTo(201);
        var customer = created.json();
        return new Target(owner, customer.path("id").asString(),
                customer.path("contacts").get(0).path("id").asString(), mobile, idNumber, null, null);
    }

    /** A draft SERVICE contract of the target's owner and customer, with a vague time word (QY-L001, fixable). */
    private String contract(Target target, String title) {
        var created = admin().post("/api/v1/contracts", contractBody(target, title).toString());
        assertThat(created.status()).as("create a contract of %s: %s", target.owner(), created).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** Reviews the contract and accepts its warnings, so that it can be submitted. */
    private String ready(String contract) {
        acceptWarnings(admin(), contract);
        return contract;
    }

    // ---- bodies

    /** The counterparty's paper: a DOCX of one paragraph. */
    /** A one-page PDF without signatures: what the verification endpoints accept and find unsigned. */
    private String adminImportId;

    /** A dry run of the admin's, made once: the job the import rows read (their own for the admin, nobody else's). */
    private String adminImport() {
        if (adminImportId == null) {
            var out = new java.io.ByteArrayOutputStream();
            out.writeBytes(("--matrix\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(importCsv());
            out.writeBytes("\r\n--matrix--\r\n".getBytes(StandardCharsets.UTF_8));
            var started = admin().request("POST", "/api/v1/imports?kind=customers&mode=dry-run")
                    .bytes("multipart/form-data; boundary=matrix", out.toByteArray()).send();
            assertThat(started.status()).as("%s", started).isEqualTo(202);
            adminImportId = started.json().path("id").asString();
        }
        return adminImportId;
    }

    /** A customer file with one bad row, for dry runs. */
    private static byte[] importCsv() {
        return ("客户名称,统一社会信用代码\n矩阵导入有限公司," + TestIdentifiers.withWrongCreditCheck(TestIdentifiers.creditCode())
                + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] blankPdf() {
        try (var doc = new org.apache.pdfbox.pdmodel.PDDocument(); var out = new java.io.ByteArrayOutputStream()) {
            doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            doc.save(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] paper(String text) {
        try (var docx = new XWPFDocument(); var out = new ByteArrayOutputStream()) {
            docx.createParagraph().createRun().setText(text);
            docx.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode contractBody(Target target, String title) {
        ObjectNode body = ContractSamples.contract("SERVICE", title, target.customerId(), ourEntity);
        body.put("owner", target.owner());
        ((ArrayNode) body.path("terms").path("rightsAndObligations").path("provider")).add("乙方应及时响应甲方的服务请求。");
        return body;
    }

    private String organization(String owner) {
        return organizationBody(marker + " 新客户" + counter(), TestIdentifiers.creditCode()).put("owner", owner)
                .toString();
    }

    /** The customer as the admin reads it, without its read-only fields: a PUT that changes nothing. */
    private String customerAsInput(Target target) {
        var customer = (ObjectNode) admin().get("/api/v1/customers/" + target.customerId()).json();
        customer.remove(List.of("id", "personalInformationMasked", "version", "createdAt", "updatedAt"));
        return customer.toString();
    }

    private Call customerForm(Target target) {
        var customer = admin().get("/api/v1/customers/" + target.customerId()).json();
        var fields = new ArrayList<>(List.of("kind", customer.path("kind").asString(),
                "name", customer.path("name").asString(), "idNumber", customer.path("idNumber").asString(),
                "address", customer.path("address").asString(), "status", customer.path("status").asString(),
                "owner", customer.path("owner").asString(), "version", customer.path("version").asString()));
        int i = 0;
        for (JsonNode contact : customer.path("contacts")) {
            String row = "contacts[" + i++ + "].";
            fields.addAll(List.of(row + "id", contact.path("id").asString(), row + "name", contact.path("name").asString(),
                    row + "title", contact.path("title").asString(""), row + "mobile", contact.path("mobile").asString(""),
                    row + "email", contact.path("email").asString(""),
                    row + "primary", String.valueOf(contact.path("primary").asBoolean())));
        }
        return form("/customers/" + target.customerId(), fields.toArray(String[]::new));
    }

    /** The contract form of the session UI: a SERVICE contract of the target's owner and customer. */
    private Call contractForm(String path, Target target, String version) {
        return form(path, "type", "SERVICE", "title", marker + " 页面" + counter(), "customerId", target.customerId(),
                "ourEntityId", ourEntity, "owner", target.owner(), "amount", "120000.00", "startDate",
                io.qiyue.testing.ContractSamples.YEAR + "-01-01", "endDate", io.qiyue.testing.ContractSamples.YEAR + "-12-31",
                "version", version);
    }

    private String ourEntityBody(String creditCode) {
        return JSON.createObjectNode().put("name", "契约矩阵（杭州）有限公司").put("creditCode", creditCode)
                .put("address", "浙江省杭州市滨江区网商路699号").put("legalRepresentative", "王五")
                .put("bankName", "中国银行杭州分行").put("bankAccount", "6216612345678901").toString();
    }

    private String ourEntityAsInput() {
        var entity = (ObjectNode) JSON.readTree(ourEntityBody(
                admin().get("/api/v1/our-entities/" + spareEntity).json().path("creditCode").asString()));
        return entity.toString();
    }

    private Call ourEntityForm(String path, String creditCode, String version) {
        var body = JSON.readTree(ourEntityBody(creditCode));
        return form(path, "name", body.path("name").asString(), "creditCode", creditCode,
                "address", body.path("address").asString(), "legalRepresentative", "王五",
                "bankName", body.path("bankName").asString(), "bankAccount", body.path("bankAccount").asString(),
                "version", version);
    }

    private static ObjectNode userBody(String username, String role) {
        var body = JSON.createObjectNode();
        body.put("username", username);
        body.put("displayName", "矩阵用户");
        body.put("email", username + "@example.com");
        body.putArray("roles").add(role);
        return body;
    }

    private String userAsInput() {
        var user = admin().get("/api/v1/users/" + spareUser).json();
        return userBody(user.path("username").asString(), "VIEWER").put("enabled", true).toString();
    }

    private String templateBody() {
        return JSON.createObjectNode().put("type", "SERVICE").put("name", unique("矩阵模板")).put("body", templateBody)
                .put("active", false).toString();
    }

    private static String clauseBody() {
        return JSON.createObjectNode().put("category", "GENERAL").put("title", unique("矩阵条款"))
                .put("text", "双方应遵守本条款。").put("approved", false).put("conspicuous", false).toString();
    }

    private String settingValue() {
        return admin().get("/api/v1/reviews/settings/" + SETTING).json().path("value").asString();
    }

    // ---- small helpers

    private final AtomicInteger counter = new AtomicInteger();
    private final Map<String, String> etags = new ConcurrentHashMap<>();

    private int counter() {
        return counter.incrementAndGet();
    }

    private static String newUsername() {
        return unique("m").replace("-", "_");
    }

    /** The current ETag of an API resource; kept until the matrix's next allowed write. */
    /** The note revision of a contract's first version now (notes are written by the admin's rows). */
    private int noteRevision(String contractApiPath) {
        var versions = admin().get(contractApiPath + "/versions");
        assertThat(versions.status()).as("GET versions: %s", versions).isEqualTo(200);
        return versions.json().path("items").get(0).path("noteRevision").asInt();
    }

    private String etag(String apiPath) {
        return etags.computeIfAbsent(apiPath, path -> {
            var response = admin().get(path);
            assertThat(response.status()).as("GET %s: %s", path, response).isEqualTo(200);
            return response.header("ETag");
        });
    }

    /** The first obligation of the target's contract that is not a payment (the shared drafts get theirs in the fixtures). */
    private String obligation(Ctx c) {
        return jdbc.sql("SELECT id FROM obligation WHERE contract_id = ? AND kind <> 'PAYMENT' ORDER BY seq")
                .param(c.target().contractId()).query(String.class).list().getFirst();
    }

    private String obligationEtag(Ctx c) {
        return "\"" + obligationVersion(c) + "\"";
    }

    private String obligationVersion(Ctx c) {
        return String.valueOf(jdbc.sql("SELECT version FROM obligation WHERE id = ?").param(obligation(c))
                .query(Integer.class).single());
    }

    /** The evidence file the fixtures gave the target's contract. */
    private String evidence(Ctx c) {
        return jdbc.sql("SELECT id FROM obligation_evidence WHERE contract_id = ? ORDER BY uploaded_at")
                .param(c.target().contractId()).query(String.class).list().getFirst();
    }

    /** The version number of an API resource, as the forms of the session UI carry it. */
    private String version(String apiPath) {
        return etag(apiPath).replace("\"", "").replace("W/", "");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- negotiation fixtures, made as the owner and the customer make them

    /** One comment and one proposal of the customer per contract, made when a row first needs them. */
    private final Map<String, String> negotiationComments = new ConcurrentHashMap<>();
    private final Map<String, String> negotiationProposals = new ConcurrentHashMap<>();

    /** A new share link of the contract, made by the admin (who may change every draft): its id and token. */
    @Autowired
    private org.springframework.jdbc.core.simple.JdbcClient evaluationFixtures;
    private final Map<String, String> concernCases = new ConcurrentHashMap<>();

    /** A fresh customer link of the target's contract, written as the evaluation module stores one. */
    private String evaluationLink(Target target) {
        String id = java.util.UUID.randomUUID().toString();
        evaluationFixtures.sql("INSERT INTO evaluation_link (id, contract_id, purpose, token_hash, created_at, created_by,"
                        + " expires_at) VALUES (?,?,'PERFORMANCE_PAGE',?,?,'admin',?)")
                .params(id, target.contractId(), io.qiyue.shared.Hashes.sha256Hex(id), java.time.LocalDateTime.now(),
                        java.time.LocalDateTime.now().plusDays(30)).update();
        return id;
    }

    /** One concern case per contract of the matrix, owned by the contract's owner, written as the module stores one. */
    private String concernCase(Target target) {
        return concernCases.computeIfAbsent(target.contractId(), contractId -> {
            String id = java.util.UUID.randomUUID().toString();
            var now = java.time.LocalDateTime.now();
            evaluationFixtures.sql("INSERT INTO concern_case (id, contract_id, contract_number, contract_title,"
                            + " contract_type, contract_owner, customer_id, source, category, description, reported_by,"
                            + " owner, deadline, status, created_at, updated_at, updated_by, version)"
                            + " VALUES (?,?,'QY-SVC-2026-999999','矩阵','SERVICE',?,?,'STAFF','OTHER','矩阵问题','admin',?,?,"
                            + "'OPEN',?,?,'admin',1)")
                    .params(id, contractId, target.owner(), target.customerId(), target.owner(),
                            java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(10), now, now).update();
            return id;
        });
    }

    private String[] shareLink(String contractId) {
        var created = admin().post("/api/v1/contracts/" + contractId + "/share-links", "{}");
        assertThat(created.status()).as("share link: %s", created).isEqualTo(201);
        String url = created.json().path("url").asString();
        return new String[] {created.json().path("id").asString(), url.substring(url.lastIndexOf('/') + 1)};
    }

    /** A form of the customer's page, sent without credentials. */
    private void customerSends(String token, String path, String body) {
        var sent = anonymous().request("POST", "/p/" + token + path)
                .body("application/x-www-form-urlencoded", body).send();
        assertThat(sent.status()).as("the customer's %s: %s", path, sent).isEqualTo(302);
    }

    private String negotiationComment(String contractId) {
        return negotiationComments.computeIfAbsent(contractId, id -> {
            customerSends(shareLink(id)[1], "/comments", "body=" + URLEncoder.encode("矩阵意见", StandardCharsets.UTF_8));
            return admin().get("/api/v1/contracts/" + id + "/negotiation").json().path("comments").get(0)
                    .path("comment").path("id").asString();
        });
    }

    private String negotiationProposal(String contractId) {
        return negotiationProposals.computeIfAbsent(contractId, id -> {
            customerSends(shareLink(id)[1], "/proposals", "clauseKey=" + URLEncoder.encode(NEGOTIATED,
                    StandardCharsets.UTF_8) + "&text=" + URLEncoder.encode("矩阵建议 " + counter(), StandardCharsets.UTF_8));
            return admin().get("/api/v1/contracts/" + id + "/negotiation").json().path("proposals").get(0)
                    .path("id").asString();
        });
    }

    /** The address of a proposal on the customer's pages, as their page links it: only through its own link. */
    private String customerProposal(String contractId) {
        String token = shareLink(contractId)[1];
        customerSends(token, "/proposals", "clauseKey=" + URLEncoder.encode(NEGOTIATED, StandardCharsets.UTF_8)
                + "&text=" + URLEncoder.encode("矩阵建议 " + counter(), StandardCharsets.UTF_8));
        var page = anonymous().get("/p/" + token);
        var link = CUSTOMER_PROPOSAL.matcher(page.body());
        assertThat(link.find()).as("the customer's page links the proposal: %s", page).isTrue();
        return link.group(1);
    }

    @Autowired
    private io.qiyue.obligation.Obligations obligationsForFixtures;

    /** Received today: the matrix's contracts are signed today, and money is not received before the signing. */
    private static final String RECEIPT_BODY = "{\"receivedOn\": \""
            + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")) + "\", \"amount\": {\"value\": \"0.01\","
            + " \"currency\": \"CNY\"}, \"method\": \"BANK_TRANSFER\"}";

    private String invoiceBody() {
        // issued on the day the fixture is signed (today): an invoice before the signing is refused
        return "{\"number\": \"MX-" + counter() + "\", \"issuedOn\": \""
                + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")) + "\", \"amount\": {\"value\": \"1.00\"},"
                + " \"taxRatePercent\": \"6\"}";
    }

    /** A receipt the admin records on a signed contract (one per call: reversing it twice would be a 409). */
    private String receiptOn(String contractId) {
        var created = admin().post("/api/v1/contracts/" + contractId + "/receipts", RECEIPT_BODY);
        assertThat(created.status()).as("a receipt for the matrix: %s", created).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private String invoiceOn(String contractId) {
        var created = admin().post("/api/v1/contracts/" + contractId + "/invoices", invoiceBody());
        assertThat(created.status()).as("an invoice for the matrix: %s", created).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** The id of the row's contract: the fresh one where the row asks for one. */
    private final Map<String, String> signedForReceivables = new ConcurrentHashMap<>();

    /**
     * One signed contract per target (owner and customer), shared by the receivable rows: receipts of 0.01 and
     * invoices of 1.00 spoil nothing, and a fresh signed contract per row, caller and scope made the parallel
     * fixtures queue on the audit chain. Its plan is generated here when the moves left it without one
     * (generation is idempotent).
     */
    private String fresh(Ctx c) {
        return signedForReceivables.computeIfAbsent(c.target().owner() + "/" + c.target().customerId(), key -> {
            String id = lifecycleFixture(submitted(c.target(), " 回款"), ContractAction.APPROVE,
                    ContractAction.START_SIGNING, ContractAction.SIGN);
            obligationsForFixtures.generate(id, java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")), "admin");
            return id;
        });
    }

    private int firstInstalmentVersion(String contractId) {
        return admin().get("/api/v1/contracts/" + contractId + "/receivables").json().path("instalments").get(0)
                .path("version").asInt();
    }

    private String firstInstalment(String contractId) {
        var summary = admin().get("/api/v1/contracts/" + contractId + "/receivables");
        assertThat(summary.status()).as("receivables: %s", summary).isEqualTo(200);
        return summary.json().path("instalments").get(0).path("id").asString();
    }
}
