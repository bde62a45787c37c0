package io.qiyue.search;

import io.qiyue.contract.ContractQuery;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.ContractType;
import io.qiyue.security.OwnerScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract list's total from the index: exact while the index holds every change, declined otherwise. */
class IndexedContractCountTest {
    @TempDir
    Path folder;
    LuceneSearchIndex index;
    long logged = 7;
    IndexedContractCount counts;

    static final LocalDate DAY = LocalDate.of(2027, 3, 1);

    @BeforeEach
    void fill() {
        index = new LuceneSearchIndex(folder);
        var rebuild = index.startRebuild();
        var documents = new ArrayList<SearchDocument>();
        for (int i = 0; i < 60; i++) {
            documents.add(new SearchDocument(SearchKind.CONTRACT, "c" + i, "QY-SVC-2027-%06d".formatted(i), "服务合同 " + i,
                    i % 4 == 0 ? "cus-a" : "cus-b", "客户", "", i % 2 == 0 ? "SERVICE" : "MAINTENANCE",
                    i % 3 == 0 ? "ACTIVE" : "EXPIRED", i % 5 == 0 ? "alice" : "bob", DAY, DAY, DAY.plusYears(1), null));
        }
        documents.add(new SearchDocument(SearchKind.CUSTOMER, "cus-a", null, "客户", null, null, "", "ORGANIZATION",
                "ACTIVE", "alice", DAY, null, null, null));
        rebuild.add(documents);
        rebuild.complete(7);
        var log = new SearchChangeLog(null, Clock.systemUTC()) {
            @Override
            long last() {
                return logged;
            }
        };
        counts = new IndexedContractCount(index, log);
    }

    @AfterEach
    void close() {
        index.destroy();
    }

    @Test
    void countsTheContractsOfTheScopeWithTheFiltersItHolds() {
        assertThat(count(ContractQuery.ALL, OwnerScope.ALL)).as("contracts only, not customers").hasValue(60);
        assertThat(count(ContractQuery.ALL, OwnerScope.of(Set.of("alice")))).hasValue(12);
        assertThat(count(ContractQuery.ALL, OwnerScope.NONE)).hasValue(0);
        assertThat(count(new ContractQuery(null, ContractType.SERVICE, ContractStatus.ACTIVE, null, null, null, null),
                OwnerScope.ALL)).as("i % 6 == 0").hasValue(10);
        assertThat(count(new ContractQuery(" ", null, null, "cus-a", "alice", null, null), OwnerScope.ALL))
                .as("i % 20 == 0; a blank q is no filter").hasValue(3);
        assertThat(count(new ContractQuery(null, null, null, null, "bob", null, null), OwnerScope.of(Set.of("alice"))))
                .as("an owner outside the scope").hasValue(0);
    }

    @Test
    void followsTheChangesItHasApplied() {
        logged = 8;
        assertThat(count(ContractQuery.ALL, OwnerScope.ALL)).as("a change not applied yet").isEmpty();
        index.apply(List.of(), List.of("CONTRACT:c0", "CONTRACT:c1"), 8);
        assertThat(count(ContractQuery.ALL, OwnerScope.ALL)).hasValue(58);
    }

    @Test
    void declinesFiltersItDoesNotHold() {
        assertThat(count(new ContractQuery("服务", null, null, null, null, null, null), OwnerScope.ALL)).isEmpty();
        assertThat(count(new ContractQuery(null, null, null, null, null, DAY, null), OwnerScope.ALL)).isEmpty();
        assertThat(count(new ContractQuery(null, null, null, null, null, null, DAY), OwnerScope.ALL)).isEmpty();
        assertThat(count(new ContractQuery(null, null, null, null, null, null, null, true), OwnerScope.ALL)).isEmpty();
    }

    @Test
    void declinesWithoutAnIndex() {
        index.destroy();
        index = new LuceneSearchIndex(folder.resolve("none"));
        counts = new IndexedContractCount(index, new SearchChangeLog(null, Clock.systemUTC()) {
            @Override
            long last() {
                return 0;
            }
        });
        assertThat(count(ContractQuery.ALL, OwnerScope.ALL)).isEmpty();
    }

    private OptionalLong count(ContractQuery query, OwnerScope scope) {
        return counts.count(query, scope);
    }
}
