package io.qiyue.template;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractType;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every type in every format, read back: sections, values, 大写 amounts, page setup, extractable text. */
class RenderingTest {
    static final Renderer RENDERER = new Renderer();
    /* numbered at render time: an NDA has no fees or IP article, so its own articles follow on without a gap */
    static List<String> sections(ContractType type) {
        return type == ContractType.CONFIDENTIALITY
                ? List.of("合同主体", "第三条　合同期限", "第四条　双方权利义务", "第五条　违约责任", "第六条　争议解决",
                "第七条　合同的变更与解除", "第八条　通知与送达", "第九条　其他", "签署页")
                : List.of("合同主体", "第二条　合同期限", "第三条　费用及支付方式", "第四条　双方权利义务", "第五条　保密条款",
                "第六条　知识产权", "第七条　违约责任", "第八条　争议解决", "第九条　合同的变更与解除", "第十条　通知与送达",
                "第十一条　其他", "签署页");
    }

    static RenderedDocument render(ContractType type) {
        Contract c = SampleContracts.contract(type);
        var model = DocumentModels.of(c, SampleContracts.customer(), SampleContracts.ourEntity());
        return RENDERER.render(DefaultTemplates.body(type), model, "t", 1, c.updatedAt());
    }

    static String ownSection(ContractType type) {
        return switch (type) {
            case SERVICE -> "第一条　服务内容";
            case CONFIDENTIALITY -> "第一条　保密信息";
            case MAINTENANCE -> "第一条　维护内容";
            case CONSULTING -> "第一条　咨询内容";
            case INFO_SHARING -> "第一条　共享信息";
        };
    }

    static List<String> values(ContractType type) {
        var common = new java.util.ArrayList<>(List.of("QY-" + type.code() + "-2027-000001", "2027年度" + type.nameZh(),
                "杭州示例科技有限公司", "91330100716105852F", "浙江省杭州市余杭区文一西路969号", "张三", "李四",
                "上海契约信息技术有限公司", "91310000MA1FL8XQ37", "王五", "2027年1月1日", "2027年12月31日",
                "按约定标准提供服务", "提供必要的工作条件", "不得向第三方披露对方的保密信息",
                "上海仲裁委员会", "一方严重违约且经催告后三十日内未改正", "提前30日"));
        if (type != ContractType.CONFIDENTIALITY) {
            common.addAll(List.of("¥120,000.00", "壹拾贰万元整", "陆万元整", "上线验收合格后10个工作日内", "壹万元整",
                    "银行转账", "归甲方所有", type.selfReference() + "总金额10%的违约金"));
        }
        common.addAll(switch (type) {
            case SERVICE -> List.of("服务器巡检", "每月一次，出具巡检报告", "甲方总部机房", "故障4小时内响应");
            case CONFIDENTIALITY -> List.of("商业秘密、技术信息", "甲方的客户名单及报价", "已公开的信息", "终止后3年");
            case MAINTENANCE -> List.of("服务器巡检", "电话、现场", "每30日", "4小时内响应");
            case CONSULTING -> List.of("数据合规咨询", "面谈、视频", "合规评估报告", "意见须书面出具");
            case INFO_SHARING -> List.of("基本信息、联系方式", "联合营销", "SFTP 文件传输", "取得个人的单独同意", "PIA-2027-001",
                    "期满后三十日内删除", "加密传输");
        });
        return common;
    }

    private static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }

    @ParameterizedTest
    @EnumSource(ContractType.class)
    void html(ContractType type) {
        var doc = render(type);
        String text = doc.text();
        assertThat(doc.html()).startsWith("<!DOCTYPE html>");
        assertThat(text).contains(sections(type)).contains(ownSection(type)).contains(values(type));
        assertThat(text).doesNotContain("{{");
    }

    @ParameterizedTest
    @EnumSource(ContractType.class)
    void pdf(ContractType type) throws Exception {
        var doc = render(type);
        byte[] pdf = doc.pdf();
        try (var pd = Loader.loadPDF(pdf)) {
            var box = pd.getPage(0).getMediaBox();
            assertThat(box.getWidth()).isCloseTo(PDRectangle.A4.getWidth(), org.assertj.core.data.Offset.offset(1f));
            assertThat(box.getHeight()).isCloseTo(PDRectangle.A4.getHeight(), org.assertj.core.data.Offset.offset(1f));
            String text = new PDFTextStripper().getText(pd);
            String squeezed = squeeze(text);
            for (String expected : sections(type)) {
                assertThat(squeezed).contains(squeeze(expected));
            }
            for (String expected : values(type)) {
                assertThat(squeezed).contains(squeeze(expected));
            }
            assertThat(squeezed).contains(squeeze(ownSection(type)));
            assertThat(squeezed).contains("合同编号：QY-" + type.code() + "-2027-000001");
            assertThat(squeezed).contains("第1页，共" + pd.getNumberOfPages() + "页");
            // no Kangxi / CJK radicals: what comes back is what was written
            assertThat(text.codePoints().filter(cp -> cp >= 0x2E80 && cp <= 0x2FDF)).isEmpty();
            assertThat(squeezed).contains("甲方（客户）");
        }
    }

    @ParameterizedTest
    @EnumSource(ContractType.class)
    void docx(ContractType type) throws Exception {
        var doc = render(type);
        try (var docx = new XWPFDocument(new ByteArrayInputStream(doc.docx()));
             var extractor = new XWPFWordExtractor(docx)) {
            String text = extractor.getText();
            assertThat(text).contains(sections(type)).contains(ownSection(type)).contains(values(type));
            assertThat(text).contains("合同编号：QY-" + type.code());
            // read back as an upload, the file is its body: no running header, no page numbers Word saved
            String uploaded = TextExtraction.text(doc.docx(), TextExtraction.DOCX);
            assertThat(uploaded).contains(ownSection(type)).doesNotContain("页，共")
                    .contains(text.substring(0, text.indexOf('\n')));
            assertThat(docx.getTables()).hasSizeGreaterThanOrEqualTo(type == ContractType.CONFIDENTIALITY ? 2 : 3);
            // the signature page leaves room to sign and stamp, as the PDF does (26 mm rows)
            var signatures = docx.getTables().getLast();
            assertThat(signatures.getRow(0).getCell(0).getText()).startsWith("甲方（盖章）");
            assertThat(signatures.getRows().subList(1, signatures.getRows().size()))
                    .allSatisfy(row -> assertThat(row.getHeight()).isGreaterThanOrEqualTo(1474));
            // the parties' labels keep to one line: their column is wide enough for 证件类型及号码
            var parties = docx.getTables().getFirst();
            assertThat(parties.getRow(2).getCell(0).getText()).isEqualTo("证件类型及号码");
            assertThat(parties.getRow(2).getCell(0).getWidth()).isGreaterThanOrEqualTo(2600);
            if (type == ContractType.CONFIDENTIALITY) {
                return;
            }
            // the instalment table: 期次 | 付款条件及期限 | 金额 | 大写 | 说明; its header repeats on every page
            var instalments = docx.getTables().stream().filter(t -> t.getRow(0).getCell(0).getText().equals("期次"))
                    .findFirst().orElseThrow();
            assertThat(instalments.getRows()).hasSize(3);
            assertThat(instalments.getRow(0).isRepeatHeader()).isTrue();
            assertThat(instalments.getRow(1).getCell(3).getText()).isEqualTo("人民币陆万元整");
            var size = docx.getDocument().getBody().getSectPr().getPgSz();
            assertThat(size.getW().toString()).isEqualTo("11906");
        }
    }
}
