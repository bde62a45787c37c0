package io.qiyue.template;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PdfReflowTest {

    @Test
    void joinsTheLinesOfASentenceAndKeepsParagraphsApart() {
        String page = """
                第四条 费用及支付
                甲方应于合同签订后5个工作日内支付首期款人民币壹万贰仟元整
                （¥12,000.00），乙方收到款项后开具增值税专用发票。
                第五条 违约责任
                5.1 乙方违约的，应按合同总价的
                35%向甲方支付违约金。
                - 2 -
                第 3 页 共 5 页
                甲方（盖章）：
                日期：
                """;
        assertThat(PdfReflow.reflow(page)).isEqualTo("""
                第四条 费用及支付
                甲方应于合同签订后5个工作日内支付首期款人民币壹万贰仟元整（¥12,000.00），乙方收到款项后开具增值税专用发票。
                第五条 违约责任
                5.1 乙方违约的，应按合同总价的35%向甲方支付违约金。
                甲方（盖章）：
                日期：
                """);
    }

    @Test
    void listItemsAndLabelsStartParagraphsLatinWordsKeepTheirSpace() {
        String page = """
                服务内容如下
                第3期 质保期满后 ¥36,000.00
                3.4　甲方应于合同签订后支付定金¥20,000.00。
                （一）系统巡检
                （二）故障处理
                1. the provider shall
                respond within four hours
                联系人：张三
                """;
        assertThat(PdfReflow.reflow(page)).isEqualTo("""
                服务内容如下
                第3期 质保期满后 ¥36,000.00
                3.4　甲方应于合同签订后支付定金¥20,000.00。
                （一）系统巡检
                （二）故障处理
                1. the provider shall respond within four hours
                联系人：张三
                """);
    }

    /** A PDF whose lines break inside a sentence and inside an amount, as a counterparty's layout does. */
    @Test
    void anUploadedPdfIsReadAsParagraphs() throws Exception {
        byte[] pdf;
        try (var document = new org.apache.pdfbox.pdmodel.PDDocument();
             var fontStream = PdfReflowTest.class.getResourceAsStream("/fonts/NotoSansSC-Regular.ttf")) {
            var font = org.apache.pdfbox.pdmodel.font.PDType0Font.load(document, fontStream, true);
            var page = new org.apache.pdfbox.pdmodel.PDPage();
            document.addPage(page);
            try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(font, 11);
                content.newLineAtOffset(60, 700);
                for (String line : java.util.List.of("第五条 违约责任", "乙方违约的，应按合同总价的", "35%向甲方支付违约金，首期款为壹万贰仟元整",
                        "（¥12,000.00）。", "- 1 -")) {
                    content.showText(line);
                    content.newLineAtOffset(0, -16);
                }
                content.endText();
            }
            var out = new java.io.ByteArrayOutputStream();
            document.save(out);
            pdf = out.toByteArray();
        }
        assertThat(TextExtraction.text(pdf, TextExtraction.PDF)).isEqualTo("""
                第五条 违约责任
                乙方违约的，应按合同总价的35%向甲方支付违约金，首期款为壹万贰仟元整（¥12,000.00）。
                """);
    }
}
