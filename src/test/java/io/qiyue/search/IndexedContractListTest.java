package io.qiyue.search;

import io.qiyue.contract.ContractListIndex;
import io.qiyue.contract.ContractQuery;
import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.ContractType;
import io.qiyue.customer.CustomerTextIndex;
import io.qiyue.security.OwnerScope;
import io.qiyue.shared.IndexMatches;
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

/**
 * The contract list's matches from the index: counted exactly and, when few, named by id while the index holds every
 * change; declined otherwise. The text filter means what the database's {@code LIKE '%q%'} over the title (case
 * ignored) and the number means.
 */
class IndexedContractListTest {
    @TempDir
    Path folder;
    LuceneSearchIndex index;
    long logged = 7;
    IndexedContractList lists;
    SearchChangeLog log;

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
        documents.add(contract("c60", "QY-CON-2027-000060", "IT consulting 咨询", "cus-a", "CONSULTING", "DRAFT",
                "alice"));
        documents.add(contract("c61", "QY-CON-2027-000061", "生僻𠀀字协议", "cus-a", "CONSULTING", "DRAFT", "alice"));
        documents.add(new SearchDocument(SearchKind.CUSTOMER, "cus-a", null, "客户", null, null, "", "ORGANIZATION",
                "ACTIVE", "alice", DAY, null, null, null));
        rebuild.add(documents);
        rebuild.complete(7);
        log = new SearchChangeLog(null, Clock.systemUTC()) {
            @Override
            long last() {
                return logged;
            }
        };
        lists = new IndexedContractList(index, log);
    }

    @AfterEach
    void close() {
        index.destroy();
    }

    @Test
    void countsTheContractsOfTheScopeWithTheFiltersItHolds() {
        assertThat(count(ContractQuery.ALL, OwnerScope.ALL)).as("contracts only, not customers").hasValue(62);
        assertThat(count(ContractQuery.ALL, OwnerScope.of(Set.of("alice")))).hasValue(14);
        assertThat(count(ContractQuery.ALL, OwnerScope.NONE)).hasValue(0);
        assertThat(count(new ContractQuery(null, ContractType.SERVICE, ContractStatus.ACTIVE, null, null, null, null),
                OwnerScope.ALL)).as("i % 6 == 0").hasValue(10);
        assertThat(count(new ContractQuery(" ", null, null, "cus-a", "alice", null, null), OwnerScope.ALL))
                .as("i % 20 == 0, c60 and c61; a blank q is no filter").hasValue(5);
        assertThat(count(new ContractQuery(null, null, null, null, "bob", null, null), OwnerScope.of(Set.of("alice"))))
                .as("an owner outside the scope").hasValue(0);
    }

    @Test
    void namesNoContractsWithoutAText() {
        var counted = lists.match(new ContractQuery(null, ContractType.SERVICE, null, null, null, null, null), List.of(),
                OwnerScope.ALL).orElseThrow();
        assertThat(counted.count()).isEqualTo(30);
        assertThat(counted.ids()).as("the database pages by its own indexes").isEmpty();
        assertThat(counted.listed()).isFalse();
    }

    @Test
    void followsTheChangesItHasApplied() {
        logged = 8;
        assertThat(count(ContractQuery.ALL, OwnerScope.ALL)).as("a change not applied yet").isEmpty();
        index.apply(List.of(), List.of("CONTRACT:c0", "CONTRACT:c1"), 8);
        assertThat(count(ContractQuery.ALL, OwnerScope.ALL)).hasValue(60);
    }

    @Test
    void findsTheTextInTitlesAndNumbersAsASubstring() {
        assertThat(matches("服务合同 1", OwnerScope.ALL).count()).as("1, 10-19").isEqualTo(11);
        assertThat(matches("同 1", OwnerScope.ALL).count()).as("across words").isEqualTo(11);
        assertThat(matches("合同 59", OwnerScope.ALL).ids()).containsExactly("c59");
        assertThat(matches("5", OwnerScope.ALL).count()).as("one character, also at the end: 5, 15..55, 50-59")
                .isEqualTo(15);
        assertThat(matches("服", OwnerScope.ALL).count()).as("one character at the start").isEqualTo(60);
        assertThat(matches("qy-svc-2027-000042", OwnerScope.ALL).ids()).as("a number, case ignored")
                .containsExactly("c42");
        assertThat(matches("0004", OwnerScope.ALL).count()).as("a number's part: 4, 40-49").isEqualTo(11);
        assertThat(matches("Consulting", OwnerScope.ALL).ids()).as("a title's case ignored").containsExactly("c60");
        assertThat(matches("合同 60", OwnerScope.ALL).ids()).as("no title holds it").isEmpty();
        assertThat(matches("服务 合同", OwnerScope.ALL).count()).as("the space is part of the text").isZero();
        assertThat(matches("𠀀字", OwnerScope.ALL).ids()).as("a character outside the BMP").containsExactly("c61");
        assertThat(matches("𠀀", OwnerScope.ALL).ids()).containsExactly("c61");
    }

    @Test
    void findsTheContractsOfTheCustomersWhoseNamesHoldTheText() {
        var found = lists.match(new ContractQuery("客户", null, null, null, null, null, null), List.of("cus-a"),
                OwnerScope.ALL).orElseThrow();
        assertThat(found.count()).as("i % 4 == 0, and c60 and c61").isEqualTo(17);
        assertThat(found.listed()).isTrue();
    }

    @Test
    void namesTheMatchesWithTheFiltersAndScopeUpToTheLimit() {
        var found = lists.match(new ContractQuery("服务合同 1", ContractType.SERVICE, null, null, null, null, null),
                List.of(), OwnerScope.of(Set.of("alice"))).orElseThrow();
        assertThat(found.ids()).as("even, alice's (i % 5 == 0): 10").containsExactly("c10");
        var many = new ArrayList<SearchDocument>();
        for (int i = 0; i < ContractListIndex.ID_LIMIT + 1; i++) {
            many.add(contract("m" + i, "QY-MNT-2027-%06d".formatted(i), "维护协议 " + i, "cus-b", "MAINTENANCE",
                    "ACTIVE", "bob"));
        }
        index.apply(many, List.of(), 7);
        var beyond = matches("维护协议", OwnerScope.ALL);
        assertThat(beyond.count()).isEqualTo(ContractListIndex.ID_LIMIT + 1);
        assertThat(beyond.listed()).as("too many to name").isFalse();
        assertThat(beyond.ids()).isEmpty();
        assertThat(lists.match(new ContractQuery("维护协议", null, null, null, "bob", null, null), List.of(),
                OwnerScope.of(Set.of("alice"))).orElseThrow().ids()).as("outside the scope").isEmpty();
    }

    @Test
    void findsCustomersByNameOrCreditCodeAsASubstring() {
        index.apply(List.of(new SearchDocument(SearchKind.CUSTOMER, "cus-b", "91330106MA2B3C4D5E", "杭州星辰ABC科技有限公司",
                "cus-b", "杭州星辰ABC科技有限公司", "", "ORGANIZATION", "ACTIVE", "bob", DAY, null, null, null)), List.of(), 7);
        var customers = new IndexedCustomerText(index, log);
        assertThat(customers.match(" 星辰abc ", CustomerTextIndex.Where.NAME, OwnerScope.ALL, 10).orElseThrow().ids())
                .as("trimmed, case ignored").containsExactly("cus-b");
        assertThat(customers.match("客", CustomerTextIndex.Where.NAME, OwnerScope.ALL, 10).orElseThrow().ids())
                .containsExactly("cus-a");
        assertThat(customers.match("ma2b", CustomerTextIndex.Where.NAME, OwnerScope.ALL, 10).orElseThrow().count())
                .as("a credit code is not a name").isZero();
        assertThat(customers.match("ma2b", CustomerTextIndex.Where.NAME_OR_CREDIT_CODE, OwnerScope.ALL, 10)
                .orElseThrow().ids()).containsExactly("cus-b");
        assertThat(customers.match("客", CustomerTextIndex.Where.NAME, OwnerScope.of(Set.of("bob")), 10)
                .orElseThrow().count()).as("alice's customer outside bob's scope").isZero();
        assertThat(lists.match(new ContractQuery("服务合同", null, null, null, null, null, null), List.of(), OwnerScope.ALL)
                .orElseThrow().count()).as("customers are not contracts").isEqualTo(60);
        logged = 8;
        assertThat(customers.match("客", CustomerTextIndex.Where.NAME, OwnerScope.ALL, 10)).as("behind").isEmpty();
    }

    @Test
    void pagesTheMatchesInTheDatabasesOrderWhenEveryOneHasAValueToOrderBy() {
        var paid = new ArrayList<SearchDocument>();
        int[] yuan = {300, 100, 200, 100, 500};
        for (int i = 0; i < yuan.length; i++) {
            paid.add(new SearchDocument(SearchKind.CONTRACT, "p" + (4 - i), "QY-SVC-2027-1%05d".formatted(i),
                    "付费运维合同 " + i, "cus-b", "客户", "", "SERVICE", "ACTIVE", "bob", DAY, DAY.plusDays(i),
                    DAY.plusYears(1).minusDays(i), java.math.BigDecimal.valueOf(yuan[i])));
        }
        index.apply(paid, List.of(), 7);
        var query = new ContractQuery("付费运维", null, ContractStatus.ACTIVE, null, null, null, null);
        assertThat(lists.page(query, List.of(), OwnerScope.ALL, ContractListIndex.Order.AMOUNT, true, 0, 10))
                .as("100 (p1, p3 by id), 200, 300, 500").hasValue(List.of("p1", "p3", "p2", "p4", "p0"));
        assertThat(lists.page(query, List.of(), OwnerScope.ALL, ContractListIndex.Order.AMOUNT, false, 1, 2))
                .as("ties still by id ascending").hasValue(List.of("p4", "p2"));
        assertThat(lists.page(query, List.of(), OwnerScope.ALL, ContractListIndex.Order.END_DATE, true, 0, 2))
                .hasValue(List.of("p0", "p1"));
        assertThat(lists.page(query, List.of(), OwnerScope.ALL, ContractListIndex.Order.START_DATE, false, 4, 2))
                .as("the last one").hasValue(List.of("p4"));
        assertThat(lists.page(query, List.of(), OwnerScope.ALL, ContractListIndex.Order.START_DATE, false, 6, 2))
                .as("past the last match").hasValue(List.of());
        assertThat(lists.page(query, List.of(), OwnerScope.of(Set.of("alice")), ContractListIndex.Order.AMOUNT, true,
                0, 10)).hasValue(List.of());
        assertThat(lists.page(new ContractQuery("运维合同", null, null, null, null, null, null), List.of(),
                OwnerScope.ALL, ContractListIndex.Order.AMOUNT, true, 0, 10)).as("服务合同 0-59 have no amount")
                .hasValue(List.of("p1", "p3", "p2", "p4", "p0"));
        assertThat(lists.page(new ContractQuery("合同", null, null, null, null, null, null), List.of(), OwnerScope.ALL,
                ContractListIndex.Order.AMOUNT, true, 0, 10)).as("some without an amount: the database orders")
                .isEmpty();
        assertThat(lists.page(new ContractQuery("付费运维", null, null, null, null, null, DAY), List.of(),
                OwnerScope.ALL, ContractListIndex.Order.AMOUNT, true, 0, 10)).as("a filter it does not hold")
                .isEmpty();
        assertThat(lists.page(query, List.of(), OwnerScope.ALL, ContractListIndex.Order.AMOUNT, true, 9_990, 20))
                .as("too deep").isEmpty();
        logged = 8;
        assertThat(lists.page(query, List.of(), OwnerScope.ALL, ContractListIndex.Order.AMOUNT, true, 0, 10))
                .as("behind").isEmpty();
    }

    @Test
    void declinesATextHoldingItsEndMark() {
        assertThat(lists.match(new ContractQuery("合" + SubstringGrams.END + "同", null, null, null, null, null, null),
                List.of(), OwnerScope.ALL)).isEmpty();
    }

    @Test
    void countsWhateverTheOtherFiltersAreWhichTheListAppliesItself() {
        assertThat(ContractListIndex.countable(new ContractQuery("服务", null, null, null, null, null, null))).isTrue();
        for (var query : List.of(new ContractQuery(null, null, null, null, null, DAY, null),
                new ContractQuery(null, null, null, null, null, null, DAY),
                new ContractQuery(null, null, null, null, null, null, null, true))) {
            assertThat(ContractListIndex.countable(query)).isFalse();
            assertThat(lists.match(query, List.of(), OwnerScope.ALL).orElseThrow().count()).isEqualTo(62);
        }
    }

    @Test
    void withinOneReadMemoTheLogIsAskedOnceHowManyStepsAsk() {
        int[] asked = {0};
        lists = new IndexedContractList(index, new SearchChangeLog(null, Clock.systemUTC()) {
            @Override
            long last() {
                asked[0]++;
                return 7;
            }
        });
        try (var memo = io.qiyue.shared.ReadMemo.open()) {
            assertThat(count(ContractQuery.ALL, OwnerScope.ALL)).hasValue(62);
            assertThat(matches("服务", OwnerScope.ALL).count()).isEqualTo(60);
            assertThat(asked[0]).isEqualTo(1);
        }
        assertThat(count(ContractQuery.ALL, OwnerScope.ALL)).hasValue(62);
        assertThat(count(ContractQuery.ALL, OwnerScope.ALL)).hasValue(62);
        assertThat(asked[0]).as("outside a memo, every step asks the database").isEqualTo(3);
    }

    @Test
    void declinesWithoutAnIndex() {
        index.destroy();
        index = new LuceneSearchIndex(folder.resolve("none"));
        lists = new IndexedContractList(index, new SearchChangeLog(null, Clock.systemUTC()) {
            @Override
            long last() {
                return 0;
            }
        });
        assertThat(count(ContractQuery.ALL, OwnerScope.ALL)).isEmpty();
    }

    private OptionalLong count(ContractQuery query, OwnerScope scope) {
        return lists.match(query, List.of(), scope).map(m -> OptionalLong.of(m.count())).orElse(OptionalLong.empty());
    }

    private IndexMatches matches(String q, OwnerScope scope) {
        return lists.match(new ContractQuery(q, null, null, null, null, null, null), List.of(), scope).orElseThrow();
    }

    private static SearchDocument contract(String id, String number, String title, String customer, String type,
                                           String status, String owner) {
        return new SearchDocument(SearchKind.CONTRACT, id, number, title, customer, "客户", "", type, status, owner, DAY,
                DAY, DAY.plusYears(1), null);
    }
}
