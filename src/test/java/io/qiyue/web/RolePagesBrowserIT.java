package io.qiyue.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.RequestOptions;
import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ChromiumTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role sees only what it may do: for each role, headless Chromium visits the pages of the UI (a customer
 * and contracts of a salesperson of team 1 in DRAFT, IN_APPROVAL and SIGNED, a draft of team 2, the lists,
 * inboxes and account pages, and every page one click away from those), waits until their htmx panels have
 * loaded, and then uses every control it finds: each same-origin link is fetched, each form submitted with its
 * own fields — the optimistic {@code version} made stale, or without one its visible fields left empty — so
 * that nothing changes. None may be answered 403, and no request of the pages themselves either. The records
 * are compared before and after each role, and each role must have found a minimum of controls, so that the
 * test cannot pass by finding nothing.
 */
@UsingDatabase(TestDatabase.H2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolePagesBrowserIT extends ChromiumTestSupport {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RolePagesBrowserIT.class);
    /** A record's id in a path, so that one page of each kind is visited (links are still all fetched). */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\\d{3,}");
    /** Links to other languages (the crawl stays in one) and the fragment-only ones. */
    private static final Pattern NOT_A_CONTROL = Pattern.compile("[?&]lang=|^#|^javascript:|^mailto:");
    /**
     * Forms that change something whatever their fields say and have no version to make stale: signing out,
     * revoking a token (the tests' own) or a link, ending a session. They are counted, not submitted.
     */
    private static final Pattern NOT_SUBMITTED = Pattern.compile(
            "/logout$|/account/tokens/[^/]+/revoke$|/revoke$|/account/sessions/[^/]+/end$|/account/sessions/end-others$");
    private static final int MAX_PAGES = 150;

    enum Persona {
        ADMIN, SALES, SALES_MANAGER, LEGAL, FINANCE, VIEWER
    }

    private final Map<Persona, String> usernames = new HashMap<>();
    private final Map<Persona, String> passwords = new HashMap<>();
    private final List<String> seeds = new ArrayList<>();
    private final Map<String, String> recordPaths = new LinkedHashMap<>();
    private String submittedContract;

    @BeforeAll
    void records() {
        String team = createTeam();
        String otherTeam = createTeam();
        var sales = createUser("SALES", team);
        var manager = createUser("SALES_MANAGER", team);
        var otherSales = createUser("SALES", otherTeam);
        usernames.put(Persona.ADMIN, "admin");
        passwords.put(Persona.ADMIN, ADMIN_PASSWORD);
        usernames.put(Persona.SALES, sales.username());
        usernames.put(Persona.SALES_MANAGER, manager.username());
        usernames.put(Persona.LEGAL, createUser("LEGAL", null).username());
        usernames.put(Persona.FINANCE, createUser("FINANCE", null).username());
        usernames.put(Persona.VIEWER, createUser("VIEWER", null).username());
        for (var persona : Persona.values()) {
            passwords.putIfAbsent(persona, USER_PASSWORD);
        }

        String customer = createOrganization(sales.client()).path("id").asString();
        String draft = createContract(sales.client(),
                ContractSamples.contract("SERVICE", unique("角色草稿"), customer, ourEntityId())).path("id").asString();
        String inApproval = inApprovalDecidedBy(sales, manager, "角色审批中");
        submittedContract = inApproval;
        String signed = signedContract(sales.client(),
                ContractSamples.contract("SERVICE", unique("角色已签"), customer, ourEntityId()));
        String otherDraft = createContract(otherSales.client(), "CONSULTING").path("id").asString();
        var reported = sales.client().post("/api/v1/contracts/" + signed + "/cases",
                "{\"category\": \"SUSPECTED_DISCLOSURE\", \"description\": \"客户反映资料可能外泄\"}");
        assertThat(reported.status()).as("report a case: %s", reported).isEqualTo(201);

        recordPaths.put("/api/v1/customers/" + customer, "customer");
        recordPaths.put("/api/v1/cases/" + reported.json().path("id").asString(), "case");
        for (String id : List.of(draft, inApproval, signed, otherDraft)) {
            recordPaths.put("/api/v1/contracts/" + id, "contract");
        }
        seeds.addAll(List.of("/", "/customers", "/customers/" + customer, "/contracts", "/contracts/" + draft,
                "/contracts/" + inApproval, "/contracts/" + signed, "/contracts/" + otherDraft,
                "/contracts/" + signed + "/sign", "/approvals", "/signing", "/obligations", "/receivables",
                "/performance", "/cases", "/notifications", "/our-entities", "/verify", "/account/tokens",
                "/account/password", "/account/notifications", "/account/sessions"));
    }

    @ParameterizedTest
    @EnumSource(Persona.class)
    void noControlLeadsToAForbiddenAnswer(Persona persona) {
        var before = snapshot();
        var crawl = new Crawl(persona);
        try (var context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN"))) {
            crawl.run(context);
        }
        log.info("{}: {} pages, {} links, {} forms submitted: {}", persona, crawl.pagesVisited, crawl.linksChecked,
                crawl.formsSubmitted, crawl.formsSeen);
        assertThat(crawl.forbidden).as("controls of %s that lead to 403", persona).isEmpty();
        assertThat(crawl.pagesVisited).as("pages visited by %s", persona).isGreaterThanOrEqualTo(15);
        assertThat(crawl.linksChecked).as("links checked for %s", persona).isGreaterThanOrEqualTo(40);
        assertThat(crawl.formsSubmitted).as("forms submitted for %s", persona).isGreaterThanOrEqualTo(5);
        assertThat(snapshot()).as("the records after %s used every control", persona).isEqualTo(before);
    }

    /** Only the submitter withdraws a submission (approval refuses anyone else): legal and the manager are not offered it. */
    @org.junit.jupiter.api.Test
    void onlyTheSubmitterIsOfferedTheWithdrawal() {
        for (var persona : Persona.values()) {
            var page = new io.qiyue.testing.Browser(port).login(usernames.get(persona), passwords.get(persona))
                    .get("/contracts/" + submittedContract);
            assertThat(page.statusCode()).as("%s", persona).isEqualTo(200);
            if (persona == Persona.SALES) {
                assertThat(page.body()).as("%s", persona).contains("id=\"lifecycle-withdraw\"");
            } else {
                assertThat(page.body()).as("%s", persona).doesNotContain("id=\"lifecycle-withdraw\"");
            }
        }
    }

    /** ETag and status of each record the pages show, as the admin reads them. */
    private Map<String, String> snapshot() {
        var out = new LinkedHashMap<String, String>();
        ApiClient admin = admin();
        recordPaths.keySet().forEach(path -> {
            var r = admin.get(path);
            out.put(path, r.status() + " " + r.header("ETag") + " " + r.json().path("status").asString());
        });
        return out;
    }

    /** One role's walk through the pages. */
    private final class Crawl {
        private final Persona persona;
        private final String base = "http://127.0.0.1:" + port;
        private final List<String> forbidden = new ArrayList<>();
        private final Set<String> kindsVisited = new HashSet<>();
        private final Set<String> linksSeen = new HashSet<>();
        private final Set<String> formsSeen = new HashSet<>();
        private int pagesVisited;
        private int linksChecked;
        private int formsSubmitted;

        Crawl(Persona persona) {
            this.persona = persona;
        }

        void run(BrowserContext context) {
            Page page = context.newPage();
            page.onResponse(response -> {
                if (response.url().startsWith(base) && response.status() == 403) {
                    forbidden.add("request of the page " + page.url() + ": " + response.request().method() + " "
                            + response.url());
                }
            });
            page.navigate(base + "/login");
            page.fill("#username", usernames.get(persona));
            page.fill("#password", passwords.get(persona));
            page.click("#login-submit");
            page.waitForURL(url -> !url.contains("/login"));

            var queue = new ArrayDeque<Step>();
            seeds.forEach(s -> queue.add(new Step(s, 0)));
            while (!queue.isEmpty() && pagesVisited < MAX_PAGES) {
                var step = queue.poll();
                // every seed is visited (a contract in each status); of the pages found, one of each kind
                if (!kindsVisited.add(step.depth == 0 ? step.path : ID.matcher(step.path).replaceAll("{id}"))) {
                    continue;
                }
                var response = page.navigate(base + step.path);
                pagesVisited++;
                if (response == null || response.status() != 200
                        || !response.headerValue("content-type").startsWith("text/html")) {
                    continue;
                }
                settle(page);
                for (String link : links(page)) {
                    if (check(context, link) && step.depth == 0) {
                        queue.add(new Step(link, 1));
                    }
                }
                forms(context, page);
            }
        }

        /**
         * Waits until the page's htmx panels have come (their load placeholders replaced, no request running):
         * much sooner than the network's half second of silence, which cost minutes over every role's pages.
         */
        private static void settle(Page page) {
            try {
                page.waitForFunction("() => document.readyState === 'complete' && window.htmx"
                        + " && !document.querySelector('[hx-trigger=\"load\"], .htmx-request')", null,
                        new Page.WaitForFunctionOptions().setTimeout(5_000).setPollingInterval(50));
            } catch (com.microsoft.playwright.TimeoutError stillLoading) {
                page.waitForLoadState(LoadState.NETWORKIDLE);
            }
        }

        /** Fetches a link once; answers whether it is a page to visit. */
        private boolean check(BrowserContext context, String path) {
            if (!linksSeen.add(path)) {
                return false;
            }
            linksChecked++;
            var response = context.request().get(base + path, RequestOptions.create().setMaxRedirects(0));
            try {
                if (response.status() == 403) {
                    forbidden.add("link " + path);
                }
                return response.status() == 200
                        && response.headers().getOrDefault("content-type", "").startsWith("text/html");
            } finally {
                response.dispose();
            }
        }

        @SuppressWarnings("unchecked")
        private List<String> links(Page page) {
            var hrefs = (List<String>) page.evaluate(
                    "() => Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))");
            var out = new ArrayList<String>();
            for (String href : hrefs) {
                if (href == null || href.isBlank() || NOT_A_CONTROL.matcher(href).find()) {
                    continue;
                }
                var uri = URI.create(page.url()).resolve(href);
                if (!(uri.getScheme() + "://" + uri.getAuthority()).equals(base) || uri.getRawPath().startsWith("/p/")
                        || uri.getRawPath().startsWith("/s/")) {
                    continue;
                }
                out.add(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            }
            return out;
        }

        /** Submits each form of the page, and each htmx post outside a form, in a way that changes nothing. */
        @SuppressWarnings("unchecked")
        private void forms(BrowserContext context, Page page) {
            var forms = (List<Map<String, Object>>) page.evaluate("""
                    () => {
                      const csrf = document.querySelector('input[name=_csrf]');
                      const forms = Array.from(document.forms).map(f => ({
                        method: (f.getAttribute('hx-post') ? 'post' : (f.getAttribute('method') || 'get')).toLowerCase(),
                        action: f.getAttribute('hx-post') || f.getAttribute('action') || location.pathname + location.search,
                        multipart: f.enctype === 'multipart/form-data',
                        fields: Array.from(f.elements).filter(e => e.name && !e.disabled
                            && !((e.type === 'checkbox' || e.type === 'radio') && !e.checked))
                          .map(e => ({ name: e.name, type: (e.type || '').toLowerCase(),
                                       value: e.type === 'file' ? '' : String(e.value) }))
                      }));
                      const loose = Array.from(document.querySelectorAll('[hx-post]:not(form),[hx-delete]'))
                        .filter(e => !e.closest('form')).map(e => ({
                          method: 'post', action: e.getAttribute('hx-post') || e.getAttribute('hx-delete'), multipart: false,
                          fields: csrf ? [{ name: '_csrf', type: 'hidden', value: csrf.value }] : [] }));
                      return forms.concat(loose);
                    }""");
            for (var form : forms) {
                var action = URI.create(page.url()).resolve((String) form.get("action"));
                if (!(action.getScheme() + "://" + action.getAuthority()).equals(base)) {
                    continue;
                }
                String path = action.getRawPath();
                var fields = (List<Map<String, Object>>) form.get("fields");
                if (form.get("method").equals("get")) {
                    var query = new StringBuilder();
                    fields.forEach(f -> query.append(query.isEmpty() ? "" : "&").append(enc(f.get("name")))
                            .append('=').append(enc(f.get("value"))));
                    check(context, path + (query.isEmpty() ? "" : "?" + query));
                    continue;
                }
                if (!formsSeen.add(ID.matcher(path).replaceAll("{id}") + " " + names(fields))) {
                    continue;
                }
                if (NOT_SUBMITTED.matcher(path).find()) {
                    continue;
                }
                formsSubmitted++;
                boolean versioned = fields.stream().anyMatch(f -> f.get("name").equals("version"));
                var data = FormData.create();
                for (var f : fields) {
                    String name = (String) f.get("name");
                    String value = (String) f.get("value");
                    String type = (String) f.get("type");
                    if (name.equals("version")) {
                        value = stale(value);
                    } else if (!versioned && !name.equals("_csrf") && !type.equals("hidden")) {
                        value = "";
                    }
                    data.append(name, value);
                }
                var options = RequestOptions.create().setMaxRedirects(0).setHeader("Accept", "text/html");
                if (Boolean.TRUE.equals(form.get("multipart"))) {
                    options.setMultipart(data);
                } else {
                    options.setForm(data);
                }
                var response = context.request().post(base + path, options);
                try {
                    if (response.status() == 403) {
                        forbidden.add("form on " + page.url() + ": POST " + path + " " + names(fields));
                    }
                } finally {
                    response.dispose();
                }
            }
        }

        private static String stale(String version) {
            try {
                int v = Integer.parseInt(version);
                return Integer.toString(v > 1 ? v - 1 : v + 1000);
            } catch (NumberFormatException e) {
                return "0";
            }
        }

        private static List<String> names(List<Map<String, Object>> fields) {
            return fields.stream().map(f -> (String) f.get("name")).filter(n -> !n.equals("_csrf")).distinct()
                    .sorted().toList();
        }

        private static String enc(Object s) {
            return java.net.URLEncoder.encode(String.valueOf(s), java.nio.charset.StandardCharsets.UTF_8);
        }
    }


    private record Step(String path, int depth) {
    }
}
