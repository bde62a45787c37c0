package io.qiyue.template;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class RedlinesTest {
    private static final Random RANDOM = new Random();

    static String rebuild(List<Redline.Op> ops, String skip) {
        return ops.stream().filter(o -> !o.op().equals(skip)).map(Redline.Op::text).collect(Collectors.joining());
    }

    static List<Redline.Op> assertRebuilds(String before, String after) {
        var diff = Redlines.diff(before, after);
        assertThat(rebuild(diff.ops(), Redline.INSERT)).isEqualTo(before);
        assertThat(rebuild(diff.ops(), Redline.DELETE)).isEqualTo(after);
        assertThat(diff.coarse()).isFalse();
        return diff.ops();
    }

    @Test
    void changedAmountsAreReplacedWhole() {
        String before = "第三条 费用及支付方式\n本合同总金额为人民币¥360,000.00元（大写：人民币叁拾陆万元整），于2026年1月5日前支付。\n第四条 双方权利义务\n";
        String after = "第三条 费用及支付方式\n本合同总金额为人民币¥380,000.00元（大写：人民币叁拾捌万元整），于2026年2月15日前支付。\n第四条 双方权利义务\n";
        var ops = assertRebuilds(before, after);
        assertThat(ops).contains(new Redline.Op(Redline.DELETE, "¥360,000.00"), new Redline.Op(Redline.INSERT, "¥380,000.00"),
                new Redline.Op(Redline.DELETE, "叁拾陆万元整"), new Redline.Op(Redline.INSERT, "叁拾捌万元整"),
                new Redline.Op(Redline.DELETE, "2026年1月5日"), new Redline.Op(Redline.INSERT, "2026年2月15日"));
        assertThat(ops.getFirst()).isEqualTo(new Redline.Op(Redline.EQUAL, "第三条 费用及支付方式\n本合同总金额为人民币"));
        assertThat(ops.getLast()).isEqualTo(new Redline.Op(Redline.EQUAL, "前支付。\n第四条 双方权利义务\n"));
    }

    @Test
    void aLoneInsertionSitsWhereAReaderExpectsIt() {
        assertThat(assertRebuilds("1.2 服务范围：甲方总部机房\n", "1.2 服务范围：甲方总部及分部机房\n"))
                .containsExactly(new Redline.Op(Redline.EQUAL, "1.2 服务范围：甲方总部"), new Redline.Op(Redline.INSERT, "及分部"),
                        new Redline.Op(Redline.EQUAL, "机房\n"));
        assertThat(assertRebuilds("甲方总部及分部机房", "甲方总部机房"))
                .contains(new Redline.Op(Redline.DELETE, "及分部"));
        assertThat(assertRebuilds("甲乙甲", "甲乙甲乙甲")).containsExactly(new Redline.Op(Redline.EQUAL, "甲乙甲"), new Redline.Op(Redline.INSERT, "乙甲"));
    }

    @Test
    void tokensKeepNumbersDatesAndWordsWhole() {
        assertThat(Redlines.tokens("共3,600.50元，12%于2026-03-01由Acme Ltd.支付"))
                .containsExactly("共", "3,600.50", "元", "，", "12%", "于", "2026-03-01", "由", "Acme", " ", "Ltd", ".", "支", "付");
        assertThat(String.join("", Redlines.tokens("𠮷野家 ¥1 壹佰元"))).isEqualTo("𠮷野家 ¥1 壹佰元");
        assertThat(Redlines.tokens("𠮷野")).containsExactly("𠮷", "野");
    }

    @Test
    void rewrittenPhraseIsNotAComb() {
        var ops = assertRebuilds("甲方应在收到发票后三十日内付款。", "乙方应在完成验收后十五个工作日内开具发票。");
        // small coincidences (应在, 后, 日内) between large changes are folded into the change
        assertThat(ops.stream().filter(o -> o.op().equals(Redline.EQUAL)).count()).isLessThanOrEqualTo(2);
    }

    @Test
    void insertedAndDeletedParagraphsAndSurrogatePairs() {
        var ops = assertRebuilds("一、总则\n二、服务内容\n三、𠮷野家\n", "一、总则\n新增：保密条款\n二、服务内容\n三、𠮷野屋\n");
        assertThat(ops).contains(new Redline.Op(Redline.INSERT, "新增：保密条款\n"), new Redline.Op(Redline.DELETE, "家"),
                new Redline.Op(Redline.INSERT, "屋"));
        assertRebuilds("", "全部新增");
        assertRebuilds("全部删除", "");
        assertRebuilds("", "");
        assertThat(assertRebuilds("相同", "相同")).containsExactly(new Redline.Op(Redline.EQUAL, "相同"));
    }

    /** Random edits of random texts over a small alphabet (many coincidences): the script always rebuilds both. */
    @RepeatedTest(300)
    void scriptRebuildsBothTextsOfRandomEdits() {
        String alphabet = "甲乙方12,.\n ab";
        var before = new StringBuilder();
        for (int i = RANDOM.nextInt(120); i > 0; i--) {
            before.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        var after = new StringBuilder(before);
        for (int i = RANDOM.nextInt(12); i > 0; i--) {
            int at = after.isEmpty() ? 0 : RANDOM.nextInt(after.length());
            switch (RANDOM.nextInt(3)) {
                case 0 -> after.insert(at, alphabet.charAt(RANDOM.nextInt(alphabet.length())));
                case 1 -> { if (!after.isEmpty()) after.deleteCharAt(at); }
                default -> { if (!after.isEmpty()) after.setCharAt(at, alphabet.charAt(RANDOM.nextInt(alphabet.length()))); }
            }
        }
        assertRebuilds(before.toString(), after.toString());
    }

    @Test
    void alignmentIsAShortestEditScript() {
        // ABCABBA → CBABAC: Myers' paper's example, edit distance 5, so 2 symbols kept
        int[] a = {0, 1, 2, 0, 1, 1, 0};
        int[] b = {2, 1, 0, 1, 0, 2};
        int[] matched = Redlines.align(a, b, System.nanoTime() + 1_000_000_000L);
        int kept = 0;
        int last = -1;
        for (int i = 0; i < a.length; i++) {
            if (matched[i] >= 0) {
                assertThat(b[matched[i]]).isEqualTo(a[i]);
                assertThat(matched[i]).isGreaterThan(last);
                last = matched[i];
                kept++;
            }
        }
        assertThat(kept).isEqualTo(4);
    }

    /** The alignment keeps as many symbols as a longest common subsequence (dynamic programming) has. */
    @RepeatedTest(300)
    void alignmentKeepsALongestCommonSubsequence() {
        int[] a = RANDOM.ints(RANDOM.nextInt(40), 0, 3).toArray();
        int[] b = RANDOM.ints(RANDOM.nextInt(40), 0, 3).toArray();
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int[] matched = Redlines.align(a, b, System.nanoTime() + 1_000_000_000L);
        int kept = 0;
        int last = -1;
        for (int i = 0; i < a.length; i++) {
            if (matched[i] >= 0) {
                assertThat(b[matched[i]]).isEqualTo(a[i]);
                assertThat(matched[i]).isGreaterThan(last);
                last = matched[i];
                kept++;
            }
        }
        assertThat(kept).isEqualTo(lcs[0][0]);
    }

    @Test
    void fourHundredThousandCharacterPairsFinish() {
        var a = new StringBuilder();
        var b = new StringBuilder();
        var random = new Random(7);
        for (int p = 0; a.length() < 400_000; p++) {
            var paragraph = new StringBuilder("第" + p + "条 ");
            for (int i = 0; i < 80; i++) {
                paragraph.append((char) ('一' + random.nextInt(2000)));
            }
            a.append(paragraph).append('\n');
            b.append(p % 10 == 3 ? paragraph.toString().replace("条", "款") + "，金额¥" + p + ",000.00" : paragraph).append('\n');
        }
        var edited = Redlines.diff(a.toString(), b.toString());
        assertThat(rebuild(edited.ops(), Redline.INSERT)).isEqualTo(a.toString());
        assertThat(rebuild(edited.ops(), Redline.DELETE)).isEqualTo(b.toString());
        assertThat(edited.coarse()).isFalse();

        // two unrelated texts of 400,000 characters without line breaks: one block, over the edit budget
        var c = new StringBuilder();
        var d = new StringBuilder();
        while (c.length() < 400_000) {
            c.append((char) ('一' + random.nextInt(3000)));
            d.append((char) ('一' + random.nextInt(3000)));
        }
        var unrelated = Redlines.diff(c.toString(), d.toString());
        assertThat(unrelated.coarse()).isTrue();
        assertThat(unrelated.ops()).containsExactly(new Redline.Op(Redline.DELETE, c.toString()),
                new Redline.Op(Redline.INSERT, d.toString()));
    }

    @Test
    void anExhaustedBudgetShowsWholeParagraphsAndSaysSo() {
        var diff = Redlines.diff("一、总则\n甲方付款¥1,000.00\n三、附则\n", "一、总则\n乙方付款¥2,000.00\n三、附则\n", 0);
        assertThat(diff.coarse()).isTrue();
        assertThat(diff.ops()).containsExactly(new Redline.Op(Redline.EQUAL, "一、总则\n"),
                new Redline.Op(Redline.DELETE, "甲方付款¥1,000.00\n"), new Redline.Op(Redline.INSERT, "乙方付款¥2,000.00\n"),
                new Redline.Op(Redline.EQUAL, "三、附则\n"));
        String html = Redlines.html(new Redline(1, 2, diff.ops(), List.of(), true));
        assertThat(html).contains(Redlines.COARSE_NOTICE);
    }

    @Test
    void structuredChangesReadAsLabelsAndFormattedValues() {
        var json = JsonMapper.builder().build();
        var before = json.readTree("""
                {"version":1,"title":"服务合同","amount":{"value":"360000.00","currency":"CNY"},"autoRenew":false,
                 "terms":{"payment":{"method":"BANK_TRANSFER","schedule":[{"amount":{"value":"1000.00"},"milestone":"验收"}]},
                 "confidentialInformation":{"categories":["TECHNICAL"]}}}""");
        var after = json.readTree("""
                {"version":2,"title":"服务合同","amount":{"value":"380000.00","currency":"CNY"},"autoRenew":true,
                 "terms":{"payment":{"method":"ALIPAY","schedule":[{"amount":{"value":"1500.50"},"milestone":"验收"}]},
                 "confidentialInformation":{"categories":["TECHNICAL","BUSINESS"]}}}""");
        assertThat(RedlineFields.diff(before, after)).containsExactlyInAnyOrder(
                new Redline.Field("/amount/value", "金额", "¥360,000.00", "¥380,000.00"),
                new Redline.Field("/autoRenew", "到期自动续期", "否", "是"),
                new Redline.Field("/terms/payment/method", "付款 方式", "银行转账", "支付宝"),
                new Redline.Field("/terms/payment/schedule/0/amount/value", "付款 付款计划 第1项 金额", "¥1,000.00", "¥1,500.50"),
                new Redline.Field("/terms/confidentialInformation/categories", "保密信息 类别", "技术信息", "技术信息、经营信息"));
    }

    /** The fields added for issue #11 (tax, triggers, deposit offset, direction) read as words too. */
    @Test
    void newerTermsReadAsLabelsAndWords() {
        var json = JsonMapper.builder().build();
        var before = json.readTree("""
                {"terms":{"payment":{"depositOffsetsInstalment":false,"tax":{"included":true,"invoiceType":"VAT_SPECIAL"},
                 "schedule":[{"amount":{"value":"1000.00"},"trigger":"ON_SIGNING","workingDays":5}]},
                 "confidentialInformation":{"direction":"MUTUAL"}}}""");
        var after = json.readTree("""
                {"terms":{"payment":{"depositOffsetsInstalment":true,"tax":{"included":false,"invoiceType":"VAT_ORDINARY"},
                 "schedule":[{"amount":{"value":"1000.00"},"trigger":"AFTER_WARRANTY","workingDays":10}]},
                 "confidentialInformation":{"direction":"ONE_WAY"}}}""");
        assertThat(RedlineFields.diff(before, after)).containsExactlyInAnyOrder(
                new Redline.Field("/terms/payment/depositOffsetsInstalment", "付款 定金抵作首期款", "否", "是"),
                new Redline.Field("/terms/payment/tax/included", "付款 税费 含税", "是", "否"),
                new Redline.Field("/terms/payment/tax/invoiceType", "付款 税费 发票类型", "增值税专用发票", "增值税普通发票"),
                new Redline.Field("/terms/payment/schedule/0/trigger", "付款 付款计划 第1项 付款条件", "合同签订后", "质保期满后"),
                new Redline.Field("/terms/payment/schedule/0/workingDays", "付款 付款计划 第1项 工作日内", "5", "10"),
                new Redline.Field("/terms/confidentialInformation/direction", "保密信息 方向", "双向", "单向"));
    }

    @Test
    void htmlEscapesEverything() {
        var redline = new Redline(1, 2, Redlines.diff("<b>甲方</b> & Co", "<script>alert(1)</script> & Co").ops(),
                List.of(new Redline.Field("/title", "合同<名称>", "<i>旧</i>", "新&")), false);
        String html = Redlines.html(redline);
        assertThat(html).doesNotContain("<script>").doesNotContain("<b>").doesNotContain("<i>")
                .contains("<ins>script&gt;alert(1)</ins>").contains("&amp; Co").contains("&lt;i&gt;旧").contains("<ins>")
                .contains("<del>").contains("合同&lt;名称&gt;").doesNotContain(Redlines.COARSE_NOTICE);
    }
}
