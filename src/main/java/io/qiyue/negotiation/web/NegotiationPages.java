package io.qiyue.negotiation.web;

import io.qiyue.contract.Contract;
import io.qiyue.contract.Contracts;
import io.qiyue.customer.Contact;
import io.qiyue.customer.Customer;
import io.qiyue.customer.Customers;
import io.qiyue.negotiation.Negotiation;
import io.qiyue.negotiation.Negotiations;
import io.qiyue.negotiation.ShareLinks;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.QiyueException;
import io.qiyue.shared.Text;
import io.qiyue.shared.web.PageController;
import io.qiyue.template.ContractDocuments;
import io.qiyue.template.Redline;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The negotiation panel of the contract page (loaded by htmx, or as a page of its own without it): share
 * links with their uses, the customer's comments with answers, and proposals with a redline and a decision
 * per clause. Every form answers with the panel again, errors beside the form.
 */
@PageController
class NegotiationPages {
    private final Contracts contracts;
    private final Customers customers;
    private final ShareLinks links;
    private final Negotiations negotiations;
    private final ContractDocuments documents;
    private final MessageSource messages;
    private final io.qiyue.shared.PublicBaseUrl publicBaseUrl;

    NegotiationPages(Contracts contracts, Customers customers, ShareLinks links, Negotiations negotiations,
                     ContractDocuments documents, MessageSource messages,
                     io.qiyue.shared.PublicBaseUrl publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
        this.contracts = contracts;
        this.customers = customers;
        this.links = links;
        this.negotiations = negotiations;
        this.documents = documents;
        this.messages = messages;
    }

    @GetMapping("/contracts/{id}/negotiation")
    String panel(@PathVariable String id, @RequestHeader(value = "HX-Request", required = false) String htmx,
                 Model model) {
        return show(id, htmx, model);
    }

    @PostMapping("/contracts/{id}/share-links")
    String share(@PathVariable String id, @RequestParam(required = false) String contactId,
                 @RequestParam(required = false) String expiresInDays,
                 @RequestHeader(value = "HX-Request", required = false) String htmx,
                 HttpServletResponse response, Model model) {
        try {
            var created = links.create(id, new ShareLinks.ShareLinkInput(contactId, days(expiresInDays)));
            model.addAttribute("createdUrl", NegotiationApi.publicUrl(publicBaseUrl, created.token()));
            model.addAttribute("createdLink", created.link());
        } catch (InvalidInputException | ConflictException e) {
            refused(e, "share", htmx == null ? response : null, model);
            model.addAttribute("shareForm", Map.of("contactId", contactId == null ? "" : contactId,
                    "expiresInDays", expiresInDays == null ? "" : expiresInDays));
        }
        return show(id, htmx, model);
    }

    @PostMapping("/contracts/{id}/share-links/{linkId}/revoke")
    String revoke(@PathVariable String id, @PathVariable String linkId,
                  @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        var link = links.list(id).stream().filter(l -> l.id().equals(linkId)).findFirst()
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "share-link", linkId));
        links.revoke(link.id());
        return show(id, htmx, model);
    }

    /**
     * The answer is read as sent, not bound, so that a character no document can carry is refused by the
     * service beside the field, with the typed answer kept, instead of the binding failing the whole page.
     */
    @PostMapping("/contracts/{id}/comments/{commentId}/reply")
    String reply(@PathVariable String id, @PathVariable String commentId, HttpServletRequest request,
                 @RequestHeader(value = "HX-Request", required = false) String htmx,
                 HttpServletResponse response, Model model) {
        String body = request.getParameter("body");
        try {
            negotiations.reply(id, commentId, body);
        } catch (InvalidInputException e) {
            refused(e, "reply-" + commentId, htmx == null ? response : null, model);
            model.addAttribute("replyBody", Text.withoutUnrenderable(body));
        }
        return show(id, htmx, model);
    }

    @PostMapping("/contracts/{id}/proposals/{proposalId}/decide")
    String decide(@PathVariable String id, @PathVariable String proposalId,
                  @RequestParam(required = false) String clauseKey,
                  @RequestParam(required = false) Negotiation.Decision decision,
                  @RequestParam(required = false) Integer version, @RequestParam(required = false) String reason,
                  @RequestHeader(value = "HX-Request", required = false) String htmx,
                  HttpServletResponse response, Model model) {
        try {
            negotiations.decide(id, proposalId, clauseKey, decision, version, reason);
            if (htmx != null && decision == Negotiation.Decision.ACCEPT) {
                // an accepted wording is a new version of the contract: the page around the panel (its version,
                // clauses and history) is stale, so htmx reloads it (an outside tester saw version 1 after "保存为版本 2")
                response.setHeader("HX-Refresh", "true");
            }
        } catch (InvalidInputException | ConflictException | PreconditionFailedException e) {
            refused(e, "decide-" + proposalId, htmx == null ? response : null, model);
        }
        return show(id, htmx, model);
    }

    private String show(String id, String htmx, Model model) {
        Contract contract = contracts.get(id);
        var negotiation = negotiations.of(id);
        model.addAttribute("contract", contract);
        model.addAttribute("negotiation", negotiation);
        model.addAttribute("links", links.list(id));
        model.addAttribute("mayShare", links.mayShare(contract));
        model.addAttribute("mayChange", contracts.mayChange(contract));
        model.addAttribute("contacts", customers.findVisible(contract.customerId()).map(Customer::contacts)
                .orElse(List.<Contact>of()));
        model.addAttribute("defaultDays", ShareLinks.DEFAULT_DAYS);
        model.addAttribute("maxDays", ShareLinks.MAX_DAYS);
        Map<String, Redline> redlines = new LinkedHashMap<>();
        for (var proposal : negotiation.proposals()) {
            if (proposal.clauses().stream().anyMatch(c -> c.status() == Negotiation.ClauseStatus.PENDING)) {
                redlines.put(proposal.id(), documents.diff(id, contract.version(), proposal.version()));
            }
        }
        model.addAttribute("redlines", redlines);
        return htmx != null ? "negotiation/panel :: panel" : "negotiation/page";
    }

    private static Integer days(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("expiresInDays", "qiyue.negotiation.expires-range", 1, ShareLinks.MAX_DAYS);
        }
    }

    /**
     * The errors of a refused form for the panel. A page of its own answers with the error's status; htmx keeps
     * 200, since it swaps only successful answers into the page.
     */
    private void refused(QiyueException e, String form, HttpServletResponse response, Model model) {
        var locale = LocaleContextHolder.getLocale();
        Map<String, String> errors = new LinkedHashMap<>();
        if (e instanceof InvalidInputException invalid) {
            invalid.violations().forEach(v -> errors.merge(v.field(),
                    messages.getMessage(v.code(), v.args().toArray(), v.code(), locale), (a, b) -> a + " " + b));
        } else {
            errors.put("form", messages.getMessage(e.code(), e.args().toArray(), e.code(), locale));
        }
        if (response != null) {
            response.setStatus(e instanceof InvalidInputException ? HttpServletResponse.SC_BAD_REQUEST
                    : e instanceof ConflictException ? HttpServletResponse.SC_CONFLICT
                    : HttpServletResponse.SC_PRECONDITION_FAILED);
        }
        model.addAttribute("errorForm", form);
        model.addAttribute("errors", errors);
    }
}
