package io.qiyue.demo;

import io.qiyue.contract.ContractType;
import io.qiyue.template.Clause;
import io.qiyue.template.ClauseInput;

import java.util.List;

/**
 * The demo's clause library: standard clauses a legal department keeps for each of the five contract types and one
 * for all of them, approved (so printed under 双方另行约定如下 in every document of their type). Worded to settle what
 * the generated parts leave open — people, acceptance, returning materials, remote access, the use of advice,
 * security incidents, integrity — without repeating them (amendments and 未尽事宜 are the template's), calling the
 * document 本合同 or 本协议 as its type's template does, with every time limit in days or hours. Wording that holds
 * only for some contracts sits in a section of the document model ({@code {{#partyA.person}}}), and a clause that
 * applies to none of the contract's facts is all inside one, so that the document leaves it out.
 */
final class StandardClauses {
    private StandardClauses() {
    }

    record Standard(String category, String title, String text, boolean conspicuous) {
        ClauseInput input() {
            return new ClauseInput(category, title, text, true, conspicuous);
        }
    }

    static final List<Standard> ALL = List.of(
            new Standard(Clause.GENERAL, "廉洁合作",
                    "双方应遵守国家有关反商业贿赂的法律法规。"
                            // a natural person as 甲方 has no staff to bribe and no 监察或法务部门 to report to
                            + "{{#partyA.person}}甲方不得向乙方工作人员提供或承诺提供回扣、礼金、有价证券或其他不正当利益；"
                            + "甲方发现乙方工作人员索取或收受不正当利益的，可向乙方的监察或法务部门书面举报，"
                            + "乙方应在收到举报后15个工作日内书面答复处理结果。{{/partyA.person}}"
                            + "{{^partyA.person}}任何一方不得向对方工作人员提供或承诺提供回扣、礼金、有价证券"
                            + "或其他不正当利益；一方发现对方工作人员索取或收受不正当利益的，可向对方的监察或法务部门书面举报，"
                            + "对方应在收到举报后15个工作日内书面答复处理结果。{{/partyA.person}}", false),
            new Standard(ContractType.SERVICE.name(), "服务人员",
                    "乙方应为本合同指派具备相应资质的服务人员，并在本合同签订后5个工作日内将项目负责人的姓名及联系方式书面告知甲方。"
                            + "乙方更换项目负责人的，应提前10个工作日书面通知甲方，并完成工作交接。", false),
            new Standard(ContractType.SERVICE.name(), "服务报告与验收",
                    "每个自然月结束后10个工作日内，乙方应向甲方提交上月服务报告，载明已完成的服务项目、服务水平达成情况"
                            + "和遗留问题。甲方应在收到服务报告后10个工作日内书面确认或提出异议；提出异议的，乙方应在5个工作日内"
                            + "整改并重新提交。", false),
            // the template returns or destroys the information itself: the library adds what it leaves open
            new Standard(ContractType.CONFIDENTIALITY.name(), "电子副本的删除",
                    "接收方依照本协议返还或者销毁保密信息时，应一并删除存储于其电子系统中的副本及摘要；依照法律规定"
                            + "须留存的备份除外，该备份在留存期间仍受本协议保密义务的约束，不得用于其他用途。", true),
            new Standard(ContractType.CONFIDENTIALITY.name(), "不授予知识产权许可",
                    "披露方向接收方披露保密信息，不构成披露方向接收方授予该信息所涉专利、商标、著作权或其他知识产权的许可，"
                            + "本协议另有明确约定的除外。", false),
            new Standard(ContractType.MAINTENANCE.name(), "远程维护的安全要求",
                    // printed only where a remote method (phone, e-mail, video) is agreed: on site only, it governs
                    // nothing
                    "{{#maintenance.remote}}乙方通过远程方式进行维护的，应使用甲方指定的接入方式和账号，每次接入前取得甲方书面"
                            + "或电子邮件同意，不得下载、复制甲方业务数据；维护结束后2小时内，乙方应向甲方提交操作记录。"
                            + "{{/maintenance.remote}}", false),
            new Standard(ContractType.MAINTENANCE.name(), "备品备件",
                    "维护所需更换的备品备件由乙方提供的，应为原厂产品或经甲方书面认可的同等规格产品，并附合格证明；"
                            + "其费用按双方书面确认的报价单另行结算，更换下的旧件归甲方所有。", false),
            new Standard(ContractType.CONSULTING.name(), "资料提供与期限顺延",
                    "甲方应在本协议签订后10个工作日内，向乙方提供双方确认的资料清单所列资料，并对其真实性、完整性负责。"
                            + "甲方迟延提供资料的，乙方的交付期限相应顺延，顺延的天数与迟延的天数相同。", false),
            new Standard(ContractType.CONSULTING.name(), "咨询成果的使用",
                    // results that belong to 甲方 (the IP article says so) are 甲方's to pass on or publish
                    "{{^intellectualProperty.customerOwns}}乙方交付的咨询报告及其他成果，甲方可在其内部经营管理中使用；"
                            + "向第三方提供或公开发表的，应事先取得乙方书面同意。{{/intellectualProperty.customerOwns}}"
                            + "乙方应在咨询报告中注明所依据数据的来源。", false),
            new Standard(ContractType.INFO_SHARING.name(), "安全事件的通知",
                    // the time to tell the other side is the template's (二十四小时内): said once, in one way of writing
                    "一方发生或者可能发生共享信息泄露、篡改、丢失的，向另一方发出的书面通知应说明事件的原因、可能造成的危害和"
                            + "已采取的补救措施；涉及个人信息的，依照《个人信息保护法》第五十七条的规定通知履行个人信息保护职责的"
                            + "部门和个人。", true),
            new Standard(ContractType.INFO_SHARING.name(), "向第三方提供的限制",
                    // the roles as the agreement names them: 接收方/提供方, or 受托方/委托方 in entrusted processing
                    "{{sharing.receiverRole}}不得将共享信息提供给本协议约定以外的第三方；确需委托第三方处理的，应事先取得"
                            + "{{sharing.providerRole}}书面同意，并与该第三方书面约定不低于本协议的保护义务，对其处理活动进行监督。",
                    false));
}
