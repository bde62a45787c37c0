package io.qiyue.template;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.ContractType;
import io.qiyue.contract.Terms;

import java.util.ArrayList;

/** Rendered contract PDFs for the signing module's tests and benchmark (here for package access). */
public final class SigningSamples {
    private SigningSamples() {
    }

    /**
     * The sample service contract with as many service items as it takes to reach the given page count; its head
     * leaves the 签订日期 blank.
     */
    public static byte[] contractPdf(int pages) {
        for (int items = Math.max(1, pages * 8 - 20); ; items += 4) {
            byte[] pdf = withItems(items);
            try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
                if (document.getNumberOfPages() >= pages) {
                    return pdf;
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static byte[] withItems(int count) {
        Contract s = SampleContracts.contract(ContractType.SERVICE);
        var items = new ArrayList<Terms.Item>();
        for (int i = 1; i <= count; i++) {
            items.add(new Terms.Item("服务项目" + i, "按照国家标准和行业规范执行，每月提交书面报告，故障在四小时内响应并在二十四小时内修复。"));
        }
        ContractTerms t = s.terms();
        var terms = new ContractTerms(t.payment(), t.rightsAndObligations(), t.breach(), t.dispute(),
                t.termination(), t.intellectualProperty(), t.confidentialityObligations(),
                new Terms.Service(items, "甲方总部及各分支机构", "故障四小时内响应"), null, null, null, null, null, null, null, null);
        var c = new Contract(s.id(), s.number(), s.type(), s.title(), s.customerId(), s.customerName(), s.ourEntityId(),
                s.owner(), s.amount(), s.startDate(), s.endDate(), s.autoRenew(), s.renewalNoticeDays(), s.status(), terms,
                1, s.createdAt(), s.createdBy(), s.updatedAt());
        var model = DocumentModels.of(c, SampleContracts.customer(), SampleContracts.ourEntity());
        return new Renderer().render(DefaultTemplates.body(ContractType.SERVICE), model, "t", 1, c.updatedAt()).pdf();
    }

    /** The sample service contract as it is, with the 签订日期 its parties agreed beforehand printed in its head. */
    public static byte[] contractPdfWithSigningDate() {
        Contract c = SampleContracts.contract(ContractType.SERVICE);
        var model = DocumentModels.of(c, SampleContracts.customer(), SampleContracts.ourEntity());
        return new Renderer().render(DefaultTemplates.body(ContractType.SERVICE), model, "t", 1, c.updatedAt()).pdf();
    }

    /** The sample sales contract with a natural person as 甲方: "甲方（签字）：赵六" and no seal cell on the left. */
    public static byte[] personContractPdf() {
        var person = new io.qiyue.customer.Customer("p1", io.qiyue.customer.CustomerKind.PERSON, "赵六", null,
                "110101199001011234", "北京市海淀区中关村大街1号", null, null, io.qiyue.customer.CustomerLevel.A,
                io.qiyue.customer.CustomerStatus.ACTIVE, "admin", java.util.List.of(), false, 1, java.time.Instant.EPOCH,
                java.time.Instant.EPOCH);
        Contract c = SampleContracts.contract(ContractType.SERVICE);
        var model = DocumentModels.of(c, person, SampleContracts.ourEntity());
        return new Renderer().render(DefaultTemplates.body(ContractType.SERVICE), model, "t", 1, c.updatedAt()).pdf();
    }
}
