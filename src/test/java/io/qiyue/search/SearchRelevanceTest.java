package io.qiyue.search;

import io.qiyue.security.OwnerScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Chinese analysis and ranking on a real index in a temporary folder. */
class SearchRelevanceTest {
    @TempDir
    Path folder;
    LuceneSearchIndex index;

    static final LocalDate DAY = LocalDate.of(2027, 1, 1);

    @BeforeEach
    void fill() {
        index = new LuceneSearchIndex(folder);
        var rebuild = index.startRebuild();
        rebuild.add(List.of(
                contract("nda", "QY-NDA-2027-000001", "星河科技保密协议", "双方就合作中知悉的商业秘密达成如下约定。", "alice",
                        "CONFIDENTIALITY", "100.00"),
                contract("svc", "QY-SVC-2027-000002", "2027年度服务合同", "第八条 保密条款：乙方对甲方的资料负有保密义务。", "bob",
                        "SERVICE", "120000.00"),
                contract("mnt", "QY-MNT-2027-000003", "机房维护合同", "乙方负责服务器的运行维护，故障4小时内响应。", "alice",
                        "MAINTENANCE", "50000.00"),
                contract("cst", "QY-CST-2027-000004", "管理咨询合同", "乙方提供组织架构咨询 <script>alert(1)</script> 服务。", "alice",
                        "CONSULTING", "8000.00"),
                new SearchDocument(SearchKind.CUSTOMER, "cus", "91330100716105852F", "杭州示例科技有限公司", "cus",
                        "杭州示例科技有限公司", "李四 采购经理", "ORGANIZATION", "ACTIVE", "alice", DAY, null, null, null)));
        rebuild.complete(7);
    }

    @AfterEach
    void close() {
        index.destroy();
    }

    @Test
    void aWordFindsTheAgreementNamedByItAndTheContractWithSuchAClause() {
        var hits = ids(search("保密"));
        assertThat(hits).containsExactlyInAnyOrder("nda", "svc");
        assertThat(hits.getFirst()).as("a match in the title ranks first").isEqualTo("nda");
    }

    @Test
    void shorthandFindsTheWordsItStandsFor() {
        assertThat(ChineseAnalysis.variants("运维")).contains("运行维护");
        assertThat(ids(search("运维"))).containsExactly("mnt");
        assertThat(ids(search("服务器运维"))).as("shorthand inside a longer query").containsExactly("mnt");
    }

    @Test
    void aCreditCodeOrAContractNumberFindsItsRecord() {
        assertThat(ids(search("91330100716105852F"))).containsExactly("cus");
        assertThat(ids(search("91330100716105852f"))).as("case does not matter").containsExactly("cus");
        assertThat(ids(search("QY-MNT-2027-000003"))).containsExactly("mnt");
        assertThat(ids(search("QY-NDA-2027"))).as("the start of a number").containsExactly("nda");
    }

    @Test
    void snippetsMarkTheWordsAndEscapeEverythingElse() {
        var hit = search("保密").items().stream().filter(h -> h.id().equals("svc")).findFirst().orElseThrow();
        assertThat(hit.snippet()).contains("<em>保密</em>");
        var escaped = search("咨询").items().getFirst();
        assertThat(escaped.snippet()).contains("&lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void queryNotationIsJustText() {
        for (String odd : List.of("保密 AND (", "\"", "*", "title:保密", "[1 TO", "\\", "~", "-", "!!!", "   ")) {
            assertThat(search(odd.isBlank() ? "的" : odd)).as(odd).isNotNull();
        }
    }

    @Test
    void lettersMixedWithDigitsAreFoundSideBySideNotScattered() {
        index.apply(List.of(
                contract("model", "QY-SVC-2027-000005", "设备维保合同", "维保设备型号 X200 及配套 qs3f9a 标识。", "alice",
                        "SERVICE", null),
                contract("scattered", "QY-SVC-2027-000006", "设备维保合同", "型号 X 共 200 台，标识 qs 与 3f 与 9a 各一。", "alice",
                        "SERVICE", null)), List.of(), 8);
        assertThat(ids(search("X200"))).containsExactly("model");
        assertThat(ids(search("x200"))).as("case does not matter").containsExactly("model");
        assertThat(ids(search("qs3f9a"))).containsExactly("model");
        assertThat(ids(search("型号 X200"))).as("beside other words").containsExactly("model");
        assertThat(ids(search("X 200"))).as("apart when typed apart").containsExactlyInAnyOrder("model", "scattered");
        assertThat(search("X200").total()).isEqualTo(1);
        assertThat(LuceneSearchIndex.matchingQuery("型号X200", false).toString()).as("what a total counts")
                .contains("\"x 200\"");
    }

    /** Found by an outside tester: a two-character name found every contract with 七 and 钱 anywhere in it. */
    @Test
    void aNameOfCharactersSmartcnLeavesAloneIsFoundAsTyped() {
        index.apply(List.of(
                contract("person", "QY-SVC-2027-000007", "个人咨询合同", "甲方：钱七，身份证号码见附件。", "alice", "CONSULTING",
                        null),
                contract("apart", "QY-SVC-2027-000008", "设备采购服务合同", "第七条 乙方联系人：钱先生。", "alice", "SERVICE",
                        null)), List.of(), 8);
        assertThat(ids(search("钱七"))).containsExactly("person");
        assertThat(search("钱七").total()).isEqualTo(1);
        assertThat(ids(search("钱七 咨询"))).as("beside a word").containsExactly("person");
        assertThat(ids(search("第七条"))).containsExactly("apart");
        assertThat(ids(search("钱 七"))).as("apart when typed apart").containsExactlyInAnyOrder("person", "apart");
    }

    /** Found by an outside tester: a person customer's whole name found the contracts naming them, not the customer. */
    @Test
    void aCustomersWholeNameFindsTheCustomerAmongEveryKind() {
        index.apply(List.of(
                new SearchDocument(SearchKind.CUSTOMER, "lin", null, "林晓雨", "lin", "林晓雨",
                        "林晓雨 北京市朝阳区建国路93号 13800000000", "PERSON", "ACTIVE", "alice", DAY, null, null, null),
                contract("linsvc", "QY-SVC-2027-000009", "林晓雨个人服务合同", "甲方：林晓雨。", "alice", "SERVICE", null)),
                List.of(), 8);
        var found = search("林晓雨");
        assertThat(ids(found)).contains("lin", "linsvc");
        assertThat(found.total()).isEqualTo(found.items().size());
        assertThat(ids(search("杭州示例"))).as("a part of a company's name too").contains("cus");
    }

    @Test
    void theScopeAndTheFiltersNarrowTheHitsAndTheTotal() {
        var onlyAlice = new SearchCriteria("保密", null, null, null, OwnerScope.of(Set.of("alice")), null, null, null,
                null, SearchSort.RELEVANCE, 0, 10);
        var result = index.search(onlyAlice);
        assertThat(ids(result)).containsExactly("nda");
        assertThat(result.total()).isEqualTo(1);
        assertThat(index.search(new SearchCriteria("保密", null, null, null, OwnerScope.NONE, null, null, null, null,
                SearchSort.RELEVANCE, 0, 10)).total()).isZero();
        assertThat(ids(index.search(new SearchCriteria("合同", SearchKind.CONTRACT, "SERVICE", null, OwnerScope.ALL, null,
                null, null, null, SearchSort.RELEVANCE, 0, 10)))).containsExactly("svc");
        assertThat(ids(index.search(new SearchCriteria("合同", null, null, null, OwnerScope.ALL, null, null,
                new BigDecimal("10000"), new BigDecimal("60000"), SearchSort.RELEVANCE, 0, 10)))).containsExactly("mnt");
    }

    @Test
    void changesAreAppliedAndRecordTheirPosition() {
        assertThat(index.appliedSequence()).isEqualTo(7);
        index.apply(List.of(contract("new", "QY-SVC-2027-000009", "云平台运行维护合同", "", "bob", "SERVICE", null)),
                List.of("CONTRACT:nda"), 9);
        assertThat(index.appliedSequence()).isEqualTo(9);
        assertThat(ids(search("运维"))).containsExactlyInAnyOrder("mnt", "new");
        assertThat(ids(search("保密"))).containsExactly("svc");
        index.destroy();
        index = new LuceneSearchIndex(folder);
        assertThat(index.appliedSequence()).as("after a restart").isEqualTo(9);
    }

    /**
     * Applied changes are searchable at once and stored within seconds: when the feeder finds nothing new it stores
     * them; until then a crash would resume from the earlier position, and the change log gives them again.
     */
    @Test
    void appliedChangesAreStoredWithTheirPositionByPersist() throws Exception {
        index.apply(List.of(contract("new", "QY-SVC-2027-000009", "云平台运行维护合同", "", "bob", "SERVICE", null)),
                List.of(), 9);
        assertThat(ids(search("运维"))).contains("new");
        assertThat(storedSequence()).as("within seconds of the last commit").isEqualTo("7");
        index.persist();
        assertThat(storedSequence()).isEqualTo("9");
        index.persist(); // nothing new: nothing to do
        assertThat(storedSequence()).isEqualTo("9");
    }

    private String storedSequence() throws Exception {
        try (var generations = java.nio.file.Files.list(folder);
             var directory = org.apache.lucene.store.FSDirectory.open(generations
                     .filter(p -> p.getFileName().toString().startsWith("g")).findFirst().orElseThrow())) {
            return org.apache.lucene.index.SegmentInfos.readLatestCommit(directory).getUserData()
                    .get(LuceneSearchIndex.SEQUENCE);
        }
    }

    @Test
    void theTotalStaysExactWhenThePageHoldsFewerHitsThanMatch() {
        var many = new java.util.ArrayList<SearchDocument>();
        for (int i = 0; i < 150; i++) {
            many.add(contract("m" + i, "QY-MNT-2027-1%05d".formatted(i), "机房运行维护合同 " + i,
                    i % 3 == 0 ? "运维" : "保密义务", i % 2 == 0 ? "alice" : "bob", "MAINTENANCE", null));
        }
        index.apply(many, List.of("CONTRACT:cst"), 8);
        // 150 new titles say 运行维护, plus mnt's text; the page of 2 does not stop the count
        assertThat(page("运维", OwnerScope.ALL, SearchSort.RELEVANCE).total()).isEqualTo(151);
        assertThat(page("运维", OwnerScope.ALL, SearchSort.RELEVANCE).items()).hasSize(2);
        assertThat(page("运维", OwnerScope.ALL, SearchSort.DATE).total()).as("by date").isEqualTo(151);
        assertThat(page("运维", OwnerScope.of(Set.of("alice")), SearchSort.RELEVANCE).total()).as("the scope")
                .isEqualTo(76);
        assertThat(page("保密", OwnerScope.ALL, SearchSort.RELEVANCE).total()).as("one word").isEqualTo(102);
        assertThat(page("咨询", OwnerScope.ALL, SearchSort.RELEVANCE).total()).as("a removed record").isZero();
        assertThat(page("QY-MNT-2027-1", OwnerScope.ALL, SearchSort.RELEVANCE).total()).as("a number's start")
                .isEqualTo(150);
        var last = index.search(new SearchCriteria("运维", null, null, null, OwnerScope.ALL, null, null, null, null,
                SearchSort.RELEVANCE, 75, 2));
        assertThat(last.items()).as("the last page").hasSize(1);
        assertThat(last.total()).isEqualTo(151);
    }

    private SearchResult page(String text, OwnerScope scope, SearchSort sort) {
        return index.search(new SearchCriteria(text, null, null, null, scope, null, null, null, null, sort, 0, 2));
    }

    private SearchResult search(String text) {
        return index.search(new SearchCriteria(text, null, null, null, OwnerScope.ALL, null, null, null, null,
                SearchSort.RELEVANCE, 0, 10));
    }

    private static List<String> ids(SearchResult result) {
        return result.items().stream().map(SearchHit::id).toList();
    }

    private static SearchDocument contract(String id, String number, String title, String text, String owner,
                                           String type, String amount) {
        return new SearchDocument(SearchKind.CONTRACT, id, number, title, "cus", "杭州示例科技有限公司", text, type, "DRAFT",
                owner, DAY, DAY, DAY.plusYears(1), amount == null ? null : new BigDecimal(amount));
    }
}
