package io.qiyue.approval.web;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * A flow's or a step's name as the pages show it: the names the installation ships with (V22_1, stored in
 * Chinese) in the reader's language, since nobody typed them (an outside tester found 默认审批流程 on English
 * pages); a name an admin typed stays as typed. Forms keep the stored name, so that saving does not rename it.
 * For templates: {@code ${@approvalNames.of(name)}}.
 */
@Component("approvalNames")
class ApprovalNames {
    private static final Map<String, String> SHIPPED = Map.of(
            "默认审批流程", "approval.shipped.flow",
            "团队经理审批", "approval.shipped.managerStep",
            "法务审核", "approval.shipped.legalStep");

    private final MessageSource messages;

    ApprovalNames(MessageSource messages) {
        this.messages = messages;
    }

    public String of(String name) {
        String key = name == null ? null : SHIPPED.get(name.strip());
        return key == null ? name : messages.getMessage(key, null, name, LocaleContextHolder.getLocale());
    }
}
