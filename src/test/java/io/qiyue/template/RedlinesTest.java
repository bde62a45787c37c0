package io.qiyue.template;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class RedlinesTest {

    static String rebuild(List<Redline.Op> ops, String skip) {
        return ops.stream().filter(o -> !o.op().equals(skip)).map(Redline.Op::text).collect(Collectors.joining());
    }

    static void assertRebuilds(String before, String after) {
        var ops = Redlines.diff(before, after);
        assertThat(rebuild(ops, Redline.INSERT)).isEqualTo(before);
        assertThat(rebuild(ops, Redline.DELETE)).isEqualTo(after);
    }

    @Test
    void changedAmountIsOneDeletionAndOneInsertion() {
        String before = "第三条 费用及支付方式\n本合同总金额为人民币¥120,000.00元（大写：人民币壹拾贰万元整）。\n第四条 双方权利义务\n";
        String after = "第三条 费用及支付方式\n本合同总金额为人民币¥150,000.00元（大写：人民币壹拾伍万元整）。\n第四条 双方权利义务\n";
        var ops = Redlines.diff(before, after);
        assertRebuilds(before, after);
        assertThat(ops).contains(new Redline.Op(Redline.DELETE, "2"), new Redline.Op(Redline.INSERT, "5"),
                new Redline.Op(Redline.DELETE, "贰"), new Redline.Op(Redline.INSERT, "伍"));
        assertThat(ops.getFirst()).isEqualTo(new Redline.Op(Redline.EQUAL, "第三条 费用及支付方式\n本合同总金额为人民币¥1"));
        assertThat(ops.getLast()).isEqualTo(new Redline.Op(Redline.EQUAL, "万元整）。\n第四条 双方权利义务\n"));
    }

    @Test
    void rewrittenPhraseIsNotAComb() {
        String before = "甲方应在收到发票后三十日内付款。";
        String after = "乙方应在完成验收后十五个工作日内开具发票。";
        var ops = Redlines.diff(before, after);
        assertRebuilds(before, after);
        // small coincidences (应在, 后, 日内) between large changes are folded into the change
        assertThat(ops.stream().filter(o -> o.op().equals(Redline.EQUAL)).count()).isLessThanOrEqualTo(2);
    }

    @Test
    void insertedAndDeletedParagraphsAndSurrogatePairs() {
        String before = "一、总则\n二、服务内容\n三、𠮷野家\n";
        String after = "一、总则\n新增：保密条款\n二、服务内容\n三、𠮷野屋\n";
        var ops = Redlines.diff(before, after);
        assertRebuilds(before, after);
        assertThat(ops).contains(new Redline.Op(Redline.INSERT, "新增：保密条款\n"));
        assertRebuilds("", "全部新增");
        assertRebuilds("全部删除", "");
        assertRebuilds("相同", "相同");
        assertThat(Redlines.diff("相同", "相同")).containsExactly(new Redline.Op(Redline.EQUAL, "相同"));
    }

    @Test
    void htmlEscapesEverything() {
        var redline = new Redline(1, 2, Redlines.diff("<b>甲方</b> & Co", "<script>alert(1)</script> & Co"),
                List.of(new Redline.Field("/title", "<i>旧</i>", "新&")));
        String html = Redlines.html(redline);
        assertThat(html).doesNotContain("<script>").doesNotContain("<b>").doesNotContain("<i>")
                .contains("script&gt;alert(1)&lt;/script").contains("&amp; Co").contains("&lt;i&gt;旧").contains("<ins>").contains("<del>");
    }
}
