package io.qiyue.audit.web;

import io.qiyue.audit.AuditQuery;
import io.qiyue.audit.AuditTrail;
import io.qiyue.shared.web.Forms;
import io.qiyue.shared.web.PageController;
import io.qiyue.shared.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Locale;

/**
 * The audit trail for admins, filtered by entity type and id, paged, in words ({@link AuditView}), with the chain's
 * check on request.
 */
@PageController
class AuditPages {
    /** Entries per page: a created contract alone lists some forty fields. */
    static final int PAGE_SIZE = 20;

    private final AuditTrail trail;
    private final AuditView view;

    private final AuditListExport listExport;

    AuditPages(AuditTrail trail, AuditView view, AuditListExport listExport) {
        this.trail = trail;
        this.view = view;
        this.listExport = listExport;
    }

    /** The page's export of the list as filtered (all pages): {@code format=xlsx|csv}. */
    @GetMapping("/admin/audit/list/export")
    void exportList(@RequestParam(required = false) String entity, @RequestParam(required = false) String id,
                    @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                    @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(required = false) String format, jakarta.servlet.http.HttpServletResponse response) {
        var chosen = io.qiyue.shared.web.ListExport.Format.ofParameter(format);
        listExport.write(AuditQuery.of(entity, id, actor, action, Forms.date("from", from), Forms.date("to", to)),
                chosen, response);
    }

    /** {@code verify=true} walks the whole chain before showing the page (it reads every entry: on request only). */
    @GetMapping("/admin/audit")
    String audit(@RequestParam(required = false) String entity, @RequestParam(required = false) String id,
                 @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                 @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                 @RequestParam(required = false) Integer page, @RequestParam(defaultValue = "false") boolean verify,
                 HttpServletRequest request, Locale locale, Model model) {
        var entries = trail.find(AuditQuery.of(entity, id, actor, action, Forms.date("from", from),
                Forms.date("to", to)), page, PAGE_SIZE);
        model.addAttribute("auditActions", java.util.List.of("CREATE", "UPDATE", "DELETE"));
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("links", PageLinks.of("/admin/audit", request));
        model.addAttribute("exportLinks", PageLinks.of("/admin/audit/list/export", request));
        model.addAttribute("entity", entity);
        model.addAttribute("id", id);
        model.addAttribute("entityTypes", trail.entityTypes());
        model.addAttribute("entries", entries);
        model.addAttribute("rows", view.rows(entries.items(), locale));
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
