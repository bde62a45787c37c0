package io.qiyue.negotiation.web;

import io.qiyue.negotiation.LinkAccess;
import io.qiyue.negotiation.NegotiableClause;
import io.qiyue.negotiation.Negotiations;
import io.qiyue.negotiation.ShareLinks;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.shared.Text;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The customer's pages, opened with a share link's token: the contract's document, comments on its clauses
 * and proposals of new wording. Every token that does not open a link now — expired, revoked, forged, or
 * naming a proposal of another link — gets the same 404 page, byte for byte.
 */
@Controller
class CounterpartyPages {
    private final ShareLinks links;
    private final Negotiations negotiations;
    private final MessageSource messages;

    CounterpartyPages(ShareLinks links, Negotiations negotiations, MessageSource messages) {
        this.links = links;
        this.negotiations = negotiations;
        this.messages = messages;
    }

    /** A token that opens nothing; carries nothing, so that every refusal looks the same. */
    static final class LinkRefused extends RuntimeException {
        LinkRefused() {
            super(null, null, false, false);
        }
    }

    @GetMapping("/p/{token}")
    String page(@PathVariable String token, HttpServletRequest request, Model model) {
        LinkAccess access = access(token);
        model.addAttribute("view", negotiations.view(access, request.getRemoteAddr(), request.getHeader("User-Agent")));
        model.addAttribute("token", token);
        return "negotiation/counterparty";
    }

    /**
     * The forms' fields are read as sent, not bound: a character no document can carry is then refused by
     * the service beside its field, with the typed text kept, instead of failing the binding of the request.
     */
    @PostMapping("/p/{token}/comments")
    String comment(@PathVariable String token, HttpServletRequest request, HttpServletResponse response,
                   Model model) {
        LinkAccess access = access(token);
        String clauseKey = request.getParameter("clauseKey");
        String body = request.getParameter("body");
        try {
            negotiations.comment(access, new Negotiations.CommentInput(clauseKey, body), request.getRemoteAddr(),
                    request.getHeader("User-Agent"));
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("commentClause", clauseKey);
            model.addAttribute("commentBody", shown(body));
            return refused(access, token, e, "comment", Map.of(), response, model);
        }
        return "redirect:/p/" + token + "?commented#comments";
    }

    /**
     * The proposal form holds every clause with its wording, as shown or as the contact changed it
     * ({@code clauseKey} and {@code text} in pairs): only the changed ones are proposed. Pairs that do not
     * match up (a field lost on the way) are refused whole, never paired by guess.
     */
    @PostMapping("/p/{token}/proposals")
    String propose(@PathVariable String token, HttpServletRequest request, HttpServletResponse response,
                   Model model) {
        LinkAccess access = access(token);
        List<String> keys = values(request, "clauseKey");
        List<String> texts = values(request, "text");
        String note = request.getParameter("note");
        var current = new LinkedHashMap<String, String>();
        negotiations.clauses(access).forEach(c -> current.put(c.key(), c.text()));
        var typed = new LinkedHashMap<String, String>();
        var wording = new ArrayList<Negotiations.ClauseWording>();
        for (int i = 0; i < Math.min(keys.size(), texts.size()); i++) {
            String key = keys.get(i);
            String text = texts.get(i);
            typed.put(key, shown(text));
            String now = current.get(key);
            if (now == null || text == null || !normalised(text).equals(normalised(now))) {
                wording.add(new Negotiations.ClauseWording(key, text));
            }
        }
        try {
            if (keys.size() != texts.size()) {
                throw new InvalidInputException("text", "qiyue.negotiation.pairs", keys.size(), texts.size());
            }
            negotiations.propose(access, new Negotiations.ProposalInput(wording, note), request.getRemoteAddr(),
                    request.getHeader("User-Agent"));
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("typed", typed);
            model.addAttribute("note", shown(note));
            // the service names a clause by its place in the proposal: the page shows it beside its text
            var fields = new LinkedHashMap<String, String>();
            for (int i = 0; i < wording.size(); i++) {
                fields.put("clauses[" + i + "].text", wording.get(i).clauseKey());
                fields.put("clauses[" + i + "].clauseKey", wording.get(i).clauseKey());
            }
            return refused(access, token, e, "proposal", fields, response, model);
        }
        return "redirect:/p/" + token + "?proposed#proposals";
    }

    @GetMapping("/p/{token}/proposals/{proposalId}")
    String proposal(@PathVariable String token, @PathVariable String proposalId, Model model) {
        LinkAccess access = access(token);
        model.addAttribute("proposal", negotiations.proposalOf(access, proposalId));
        model.addAttribute("token", token);
        return "negotiation/counterparty-proposal";
    }

    /** A token with a character no address carries, like any other refused token. */
    @ExceptionHandler({LinkRefused.class, NotFoundException.class, MethodArgumentTypeMismatchException.class})
    String refused(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "negotiation/link-not-found";
    }

    private LinkAccess access(String token) {
        return links.resolve(token).orElseThrow(LinkRefused::new);
    }

    /**
     * The page again, with what was typed and the errors beside the form (400, or 409 when the draft is
     * closed). {@code clauses}: the clause a field of the service names, to show the error beside that
     * clause's text (keyed {@code clause:<key>}), its label leading the message in the summary.
     */
    private String refused(LinkAccess access, String token, RuntimeException e, String form,
                           Map<String, String> clauses, HttpServletResponse response, Model model) {
        var locale = LocaleContextHolder.getLocale();
        var view = negotiations.counterpartyView(access);
        Map<String, String> errors = new LinkedHashMap<>();
        if (e instanceof InvalidInputException invalid) {
            for (FieldViolation v : invalid.violations()) {
                String message = messages.getMessage(v.code(), v.args().toArray(), v.code(), locale);
                String clause = clauses.get(v.field());
                String label = clause == null ? null : view.clauses().stream().filter(c -> c.key().equals(clause))
                        .map(NegotiableClause::label).findFirst().orElse(null);
                String key = label == null ? v.field() : "clause:" + clause;
                errors.merge(key, label == null ? message : label + "：" + message, (x, y) -> x + " " + y);
            }
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        } else {
            var conflict = (ConflictException) e;
            errors.put("form", messages.getMessage(conflict.code(), conflict.args().toArray(), conflict.code(), locale));
            response.setStatus(HttpServletResponse.SC_CONFLICT);
        }
        model.addAttribute("view", view);
        model.addAttribute("token", token);
        model.addAttribute("errorForm", form);
        model.addAttribute("errors", errors);
        return "negotiation/counterparty";
    }

    /** Every value of a repeated field, in the order sent. */
    private static List<String> values(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values == null ? List.of() : Arrays.asList(values);
    }

    /** What was typed, shown again for correction without the characters no page can show. */
    private static String shown(String typed) {
        return Text.withoutUnrenderable(typed);
    }

    /** Line endings as a browser sends them (CR LF) and as stored (LF) are the same wording. */
    private static String normalised(String text) {
        return text.replace("\r\n", "\n").strip();
    }
}
