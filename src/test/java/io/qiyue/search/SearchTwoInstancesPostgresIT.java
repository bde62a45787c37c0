package io.qiyue.search;

import io.qiyue.QiyueApplication;
import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second instance on the same PostgreSQL database, with an index folder of its own, finds what was saved through
 * the first within seconds; with its index folder deleted, it rebuilds it and finds everything again.
 */
@UsingDatabase(TestDatabase.POSTGRES)
class SearchTwoInstancesPostgresIT extends ApiTestSupport {
    @Value("${spring.datasource.url}")
    String url;
    @Value("${spring.datasource.username}")
    String username;
    @Value("${spring.datasource.password:}")
    String password;
    @Value("${qiyue.data-dir}")
    String dataDir;

    @Test
    void aSecondInstanceFindsWhatTheFirstSavedAndRebuildsADeletedIndex() throws IOException {
        var seller = createUser("SALES", null);
        String customerId = createOrganization(seller.client()).path("id").asString();
        String before = SearchApiContract.marker();
        String beforeId = createContract(seller.client(), ContractSamples.contract("SERVICE", "运行维护合同 " + before,
                customerId, ourEntityId())).path("id").asString();
        Path secondIndex = Path.of(dataDir, "index-second");

        // command-line arguments, not builder properties, which application.yml would override
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(QiyueApplication.class)
                .run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=" + username,
                        "--spring.datasource.password=" + password, "--qiyue.data-dir=" + dataDir,
                        "--qiyue.search.index-dir=" + secondIndex, "--qiyue.admin-password=" + ADMIN_PASSWORD,
                        "--logging.level.org.flywaydb=WARN", "--qiyue.lifecycle.calendar-cron=-")) {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            ApiClient there = ApiClient.anonymous(secondPort).bearer(token(anonymous().basic("admin", ADMIN_PASSWORD)));

            assertThat(idsFound(there, before)).as("built from the database at its first start").contains(beforeId);

            String after = SearchApiContract.marker();
            String afterId = createContract(seller.client(), ContractSamples.contract("SERVICE", "运行维护合同 " + after,
                    customerId, ourEntityId())).path("id").asString();
            long saved = System.nanoTime();
            assertThat(idsFound(there, after)).as("saved through the first instance").contains(afterId);
            assertThat((System.nanoTime() - saved) / 1_000_000).as("milliseconds until found").isLessThan(10_000);
            assertThat(Files.isDirectory(secondIndex)).as("the second instance's own folder").isTrue();

            deleteTree(secondIndex);
            for (int i = 0; i < 100 && !hasCommittedBuild(secondIndex); i++) {
                SearchApiContract.sleep(200);
            }
            assertThat(hasCommittedBuild(secondIndex)).as("rebuilt in a new folder").isTrue();
            assertThat(idsFound(there, before)).as("after the folder was deleted").contains(beforeId);
            assertThat(idsFound(there, after)).contains(afterId);
        }
    }

    /** The ids found for {@code marker}, once there are any (for up to twenty seconds). */
    private static java.util.List<String> idsFound(ApiClient client, String marker) {
        JsonNode found = SearchApiContract.awaitSearchFor(client, "q=" + SearchApiContract.enc(marker),
                r -> r.path("total").asLong() > 0, 100);
        return SearchApiContract.hitIds(found);
    }

    private static boolean hasCommittedBuild(Path root) {
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (Stream<Path> all = Files.walk(root)) {
            return all.anyMatch(p -> p.getFileName().toString().startsWith("segments_"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
