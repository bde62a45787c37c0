package io.qiyue.web;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.Browser;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The static files each under their own path (io.qiyue.shared.web.StaticFiles): a page links them, the WebJars with
 * their version written in, and each link is served without a session; nothing else of the class path is.
 */
@UsingDatabase(TestDatabase.H2)
class StaticFilesH2IT extends ApiTestSupport {
    private static final Pattern STATIC_LINK = Pattern.compile("(?:href|src)=\"(/(?:webjars|css|js)/[^\"]+)\"");

    @Test
    void aPageLinksItsStaticFilesAndEachIsServedWithoutASession() {
        String page = new Browser(port).login("admin", ADMIN_PASSWORD).get("/contracts").body();
        List<String> links = STATIC_LINK.matcher(page).results().map(m -> m.group(1)).distinct().toList();

        assertThat(links).contains("/css/app.css", "/js/app.js")
                .anySatisfy(link -> assertThat(link).matches("/webjars/bootstrap/[0-9][0-9.]*/css/bootstrap\\.min\\.css"))
                .anySatisfy(link -> assertThat(link).matches("/webjars/htmx\\.org/[0-9][0-9.]*/dist/htmx\\.min\\.js"));
        var anonymous = new Browser(port);
        for (String link : links) {
            var response = anonymous.get(link);
            assertThat(response.statusCode()).as(link).isEqualTo(200);
            assertThat(response.body()).as(link).isNotBlank();
        }
        assertThat(anonymous.get("/favicon.svg").body()).contains("<svg");
        assertThat(anonymous.get("/webjars/bootstrap/css/bootstrap.min.css").statusCode()).isEqualTo(200);
    }

    @Test
    void nothingElseOfTheClassPathIsServed() {
        var session = new Browser(port).login("admin", ADMIN_PASSWORD);
        for (String path : List.of("/css/none.css", "/application.yml", "/static/css/app.css", "/messages.properties",
                "/templates/layout.html", "/js/../application.yml")) {
            var response = session.get(path);
            assertThat(response.statusCode()).as(path).isIn(400, 404);
        }
    }
}
