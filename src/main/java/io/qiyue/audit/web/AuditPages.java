package io.qiyue.audit.web;

import io.qiyue.audit.AuditTrail;
import io.qiyue.shared.web.PageController;
import io.qiyue.shared.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/** The audit trail for admins, filtered by entity type and id. */
@PageController
class AuditPages {
    /** The entity types the modules record today, offered as a filter. */
    static final List<String> ENTITY_TYPES = List.of("CUSTOMER", "CONTRACT", "OUR_ENTITY", "USER", "TEAM", "API_TOKEN",
            "APPROVAL_FLOW", "APPROVAL_TASK", "SHARE_LINK", "NEGOTIATION_PROPOSAL", "NEGOTIATION_COMMENT", "WEBHOOK",
            "GROUP_ROBOT", "NOTIFICATION_SETTINGS");

    private final AuditTrail trail;

    AuditPages(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/admin/audit")
    String audit(@RequestParam(required = false) String entity, @RequestParam(required = false) String id,
                 @RequestParam(required = false) Integer page, HttpServletRequest request, Model model) {
        model.addAttribute("links", PageLinks.of("/admin/audit", request));
        model.addAttribute("entity", entity);
        model.addAttribute("id", id);
        model.addAttribute("entityTypes", ENTITY_TYPES);
        model.addAttribute("entries", trail.find(entity, id, page, 20));
        return "admin/audit";
    }
}
