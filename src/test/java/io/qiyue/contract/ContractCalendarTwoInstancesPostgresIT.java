package io.qiyue.contract;

import io.qiyue.QiyueApplication;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.ContractSamples;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one PostgreSQL database run the calendar at the same moment: every contract due is
 * activated once (one version for the move), whichever instance took the lock.
 */
@UsingDatabase(TestDatabase.POSTGRES)
class ContractCalendarTwoInstancesPostgresIT extends ApiTestSupport {
    @Autowired
    ContractCalendar calendar;
    @Autowired
    Contracts contracts;
    @Value("${spring.datasource.url}")
    String url;
    @Value("${spring.datasource.username}")
    String username;
    @Value("${spring.datasource.password:}")
    String password;
    @Value("${qiyue.data-dir}")
    String dataDir;

    @Test
    void eachDueContractMovesOnceWhenTwoInstancesRunTheCalendarTogether() throws Exception {
        LocalDate start = LocalDate.of(2031, 3, 1);
        var sales = createUser("SALES", null);
        String customerId = createOrganization(sales.client()).path("id").asString();
        var ids = new ArrayList<String>();
        for (int i = 0; i < 20; i++) {
            var body = ContractSamples.contract("MAINTENANCE", unique("双实例"), customerId, ourEntityId());
            body.put("startDate", start.toString());
            body.put("endDate", start.plusYears(1).toString());
            String id = createContract(sales.client(), body).path("id").asString();
            for (ContractAction action : List.of(ContractAction.SUBMIT, ContractAction.APPROVE,
                    ContractAction.START_SIGNING, ContractAction.SIGN)) {
                contracts.advance(id, action, null, "admin");
            }
            ids.add(id);
        }

        // command-line arguments, not builder properties: those are defaults that application.yml would override,
        // and the second instance would quietly run on an H2 file of its own
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(QiyueApplication.class)
                .run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=" + username,
                        "--spring.datasource.password=" + password, "--qiyue.data-dir=" + dataDir,
                        "--qiyue.admin-password=" + ADMIN_PASSWORD, "--logging.level.org.flywaydb=WARN",
                        "--qiyue.lifecycle.calendar-cron=-")) {
            assertThat(second.getEnvironment().getProperty("spring.datasource.url")).isEqualTo(url);
            var other = second.getBean(ContractCalendar.class);
            var together = new CyclicBarrier(2);
            var here = CompletableFuture.supplyAsync(() -> runAfter(together, calendar, start));
            var there = CompletableFuture.supplyAsync(() -> runAfter(together, other, start));
            var runs = List.of(here.get(), there.get());
            assertThat(runs).as("at least one instance ran the calendar").anyMatch(ContractCalendar.Run::ran);
        }

        for (String id : ids) {
            var contract = admin().get("/api/v1/contracts/" + id).json();
            assertThat(contract.path("status").asString()).isEqualTo("ACTIVE");
            assertThat(admin().get("/api/v1/contracts/" + id + "/versions").json().path("items").size())
                    .as("created, four moves, one activation").isEqualTo(6);
        }
    }

    private static ContractCalendar.Run runAfter(CyclicBarrier barrier, ContractCalendar calendar, LocalDate day) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return calendar.runFor(day);
    }
}
