package io.qiyue.review;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.HttpResponse;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The counterparty's paper of the review tests: a DOCX with one defect per paragraph against a SERVICE
 * sample contract ({@link io.qiyue.testing.ContractSamples}: all of its year, ¥120,000), signed
 * with our entity of {@link io.qiyue.testing.ApiTestSupport} and a misspelt customer name.
 */
final class CounterpartyPaper {
    static final int E1 = 1_000_000_001;
    static final int YEAR = io.qiyue.testing.ContractSamples.YEAR;
    static final String OUR_NAME = "契约示例（上海）有限公司"; // ApiTestSupport#ourEntityId
    private static final String BOUNDARY = "qiyue-review-boundary";

    private CounterpartyPaper() {
    }

    /** A unique all-Chinese organisation name of 14 characters: 杭州 + six characters + 科技有限公司. */
    static String uniqueName() {
        var name = new StringBuilder("杭州");
        for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, 6).toCharArray()) {
            name.append("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳".charAt(Character.digit(c, 16)));
        }
        return name.append("科技有限公司").toString();
    }

    /** The name as the counterparty misspelt it: its third character replaced. */
    static String misspelt(String name) {
        return name.substring(0, 2) + "午" + name.substring(3);
    }

    /** The paragraphs of the paper; the defects are on lines 1 and 3 to 8. */
    static List<String> paragraphs(String customerName) {
        return List.of(
                "技术服务合同",
                "甲方：" + misspelt(customerName),
                "乙方：" + OUR_NAME,
                "一、服务期限：本合同自" + YEAR + "年2月1日起生效，至" + YEAR + "年12月31日止。",
                "二、服务费用：服务费总额为人民币壹拾贰万元整（¥100,000.00）。",
                "三、乙方应及时响应甲方的服务请求，并在合理期限内修复故障。",
                "四、甲方逾期付款的，乙方有权没收定金并同时适用违约金条款。",
                "五、甲方同意免除乙方在服务中造成的人身伤害赔偿责任。",
                "六、争议解决：双方可向上海仲裁委员会申请仲裁或者向甲方所在地人民法院起诉。");
    }

    static byte[] docx(List<String> paragraphs) throws IOException {
        try (var doc = new XWPFDocument(); var out = new ByteArrayOutputStream()) {
            for (String p : paragraphs) {
                doc.createParagraph().createRun().setText(p);
            }
            doc.write(out);
            return out.toByteArray();
        }
    }

    /** POST /api/v1/contracts/{id}/versions with the file as multipart {@code file}. */
    static HttpResponse upload(ApiClient as, String contractPath, String name, byte[] content) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return as.request("POST", contractPath + "/versions")
                .bytes("multipart/form-data; boundary=" + BOUNDARY, out.toByteArray()).send();
    }
}
