package io.qiyue.audit.web;

import io.qiyue.audit.AuditTrail;
import io.qiyue.shared.web.PageController;
import io.qiyue.shared.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Locale;

/** The audit trail for admins, filtered by entity type and id, with the chain's check on request. */
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

    /** {@code verify=true} walks the whole chain before showing the page (it reads every entry: on request only). */
    @GetMapping("/admin/audit")
    String audit(@RequestParam(required = false) String entity, @RequestParam(required = false) String id,
                 @RequestParam(required = false) Integer page, @RequestParam(defaultValue = "false") boolean verify,
                 HttpServletRequest request, Model model) {
        var entries = trail.find(entity, id, page, 20);
        model.addAttribute("links", PageLinks.of("/admin/audit", request));
        model.addAttribute("entity", entity);
        model.addAttribute("id", id);
        model.addAttribute("entityTypes", ENTITY_TYPES);
        model.addAttribute("entries", entries);
        // exports are of one entity: offered when the list is filtered to exactly one that has entries
        model.addAttribute("exportable", entity != null && !entity.isBlank() && id != null && !id.isBlank()
                && entries.total() > 0);
        if (verify) {
            model.addAttribute("verification", trail.verify());
        }
        return "admin/audit";
    }

    /** The page's download of one entity's history: the API's export, for the signed-in admin's session. */
    @GetMapping("/admin/audit/export")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String entity, @RequestParam(required = false) String id,
                                  @RequestParam(required = false) String format, Locale locale) {
        return AuditApi.download(trail.export(entity, id, format, locale));
    }
}
