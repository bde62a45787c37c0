package io.qiyue.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The remembering analyzer gives exactly smartcn's tokens, the first time a sentence is seen and every time after, also
 * when the pieces it remembers came from other sentences.
 */
class SentenceCachingChineseAnalyzerTest {
    private static final List<String> TEXTS = List.of(
            "第一条 服务内容。乙方为甲方提供信息系统运行维护服务，包括定期巡检、故障处理和技术支持。",
            "甲方：杭州云帆信息技术有限公司\n乙方：契约示例（上海）有限公司\n合同编号：QY-SVC-2026-000123",
            "服务费用总额为人民币壹拾贰万元整（¥120,000.00），分两期支付；首期款于合同签订后15日内支付。",
            "Email: Foo.Bar@Example.COM, phone 13800138000; ＡＢＣ公司 ２０２６年 Ｔｅｓｔｉｎｇ running runs ran",
            "保密期限为合同有效期内及合同终止后三（3）年。双方应对在履行本协议过程中知悉的对方商业秘密予以保密！是否明确？",
            "因本合同引起的或与本合同有关的任何争议，均应提交上海国际经济贸易仲裁委员会，按照申请仲裁时该会现行有效的仲裁规则进行仲裁。",
            "",
            "   \n\t  ",
            "。。。！？；",
            "维".repeat(700) + "。短句。",
            "个人信息处理者应当采取必要措施保障所处理的个人信息的安全。" .repeat(3),
            // cut into pieces for remembering: marks first, last, doubled, beside Latin text and digits
            "，甲方：杭州云帆信息技术有限公司，，地址：杭州市西湖区文三路90号、东部软件园；联系人：张三，电话：0571-88886666，",
            "乙方：契约示例（上海）有限公司，地址：杭州市西湖区文三路90号、东部软件园；联系人：李四。",
            "：；、，",
            "维护方式：电话、电子邮件、现场；维护周期：每90日一次，ABC,def;ghi:jkl、１２３，结束");

    @Test
    void theTokensAreSmartcnsOwnTheFirstTimeAndWhenRemembered() throws IOException {
        try (Analyzer smartcn = new SmartChineseAnalyzer(); Analyzer remembering = new SentenceCachingChineseAnalyzer()) {
            for (int pass = 0; pass < 2; pass++) {
                for (String text : TEXTS) {
                    assertThat(tokens(remembering, text)).as("pass %d: %s", pass, text).isEqualTo(tokens(smartcn, text));
                }
            }
            String all = String.join("\n", TEXTS);
            assertThat(tokens(remembering, all)).isEqualTo(tokens(smartcn, all));
            assertThat(tokens(remembering, "保密")).isNotEmpty();
        }
    }

    /**
     * Sentences that differ only in their digits share what is remembered, and each keeps its own digits: dates,
     * amounts, numbers beside letters, full-width digits beside ASCII ones, digits at a sentence's start and end.
     */
    @Test
    void sentencesThatDifferOnlyInTheirDigitsKeepTheirOwn() throws IOException {
        var shapes = List.of(
                "本合同期限自%d年%d月%d日起至%d年%d月%d日止，共计%d个月。",
                "服务费用总额为人民币%d元（¥%d,%03d.%02d），首期款于合同签订后%d日内支付。",
                "合同编号：QY-SVC-%d-%06d；版本v%d.%d，附件%d页。",
                "%d年度运维服务，响应时间%d小时，可用率%d.%d%%，２０%d年起计",
                "%d%d%d",
                "第%d条 违约金按日万分之%d计算，累计不超过合同总额的%d%%",
                "电话：0571-%d，手机1%d，邮编%d。");
        var random = new java.util.Random(20261207);
        try (Analyzer smartcn = new SmartChineseAnalyzer(); Analyzer remembering = new SentenceCachingChineseAnalyzer()) {
            for (int round = 0; round < 40; round++) {
                for (String shape : shapes) {
                    Object[] numbers = new Object[10];
                    for (int i = 0; i < numbers.length; i++) {
                        numbers[i] = switch (random.nextInt(4)) {
                            case 0 -> random.nextInt(10);
                            case 1 -> random.nextInt(100);
                            case 2 -> 2000 + random.nextInt(60);
                            default -> random.nextInt(100_000_000);
                        };
                    }
                    String text = shape.formatted(numbers);
                    assertThat(tokens(remembering, text)).as(text).isEqualTo(tokens(smartcn, text));
                }
            }
        }
    }

    @Test
    void digitsAreReadAsZeroForRememberingOnly() {
        assertThat(SentenceCachingChineseAnalyzer.digitsAsZero("2027年3月1日前支付¥120,000.00，２０")).isEqualTo(
                "0000年0月0日前支付¥000,000.00，２０");
        String none = "无数字的句子。";
        assertThat(SentenceCachingChineseAnalyzer.digitsAsZero(none)).isSameAs(none);
    }

    @Test
    void queriesAreNormalisedAsSmartcnNormalisesThem() {
        try (Analyzer smartcn = new SmartChineseAnalyzer(); Analyzer remembering = new SentenceCachingChineseAnalyzer()) {
            assertThat(remembering.normalize("all", "QY-Ab 运维")).isEqualTo(smartcn.normalize("all", "QY-Ab 运维"));
        }
    }

    private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        var out = new ArrayList<String>();
        try (var stream = analyzer.tokenStream("all", text)) {
            var term = stream.addAttribute(CharTermAttribute.class);
            var offsets = stream.addAttribute(OffsetAttribute.class);
            var type = stream.addAttribute(TypeAttribute.class);
            var position = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term + "@" + offsets.startOffset() + "-" + offsets.endOffset() + ":" + type.type() + "+"
                        + position.getPositionIncrement());
            }
            stream.end();
            out.add("end@" + offsets.endOffset() + "+" + position.getPositionIncrement());
        }
        return out;
    }
}
