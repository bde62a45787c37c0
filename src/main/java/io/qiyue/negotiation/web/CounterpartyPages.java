package io.qiyue.negotiation.web;

import io.qiyue.negotiation.LinkAccess;
import io.qiyue.negotiation.Negotiations;
import io.qiyue.negotiation.ShareLinks;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.NotFoundException;
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
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
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

    @PostMapping("/p/{token}/comments")
    String comment(@PathVariable String token, @RequestParam(required = false) String clauseKey,
                   @RequestParam(required = false) String body, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        LinkAccess access = access(token);
        try {
            negotiations.comment(access, new Negotiations.CommentInput(clauseKey, body), request.getRemoteAddr(),
                    request.getHeader("User-Agent"));
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("commentClause", clauseKey);
            model.addAttribute("commentBody", body);
            return refused(access, token, e, "comment", response, model);
        }
        return "redirect:/p/" + token + "?commented#comments";
    }

    /**
     * The proposal form holds every clause with its wording, as shown or as the contact changed it
     * ({@code clauseKey} and {@code text} in pairs): only the changed ones are proposed.
     */
    @PostMapping("/p/{token}/proposals")
    String propose(@PathVariable String token, @RequestParam(name = "clauseKey", required = false) List<String> keys,
                   @RequestParam(name = "text", required = false) List<String> texts,
                   @RequestParam(required = false) String note, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        LinkAccess access = access(token);
        var current = new LinkedHashMap<String, String>();
        negotiations.clauses(access).forEach(c -> current.put(c.key(), c.text()));
        var typed = new LinkedHashMap<String, String>();
        var wording = new ArrayList<Negotiations.ClauseWording>();
        int pairs = Math.min(keys == null ? 0 : keys.size(), texts == null ? 0 : texts.size());
        for (int i = 0; i < pairs; i++) {
            String key = keys.get(i);
            String text = texts.get(i);
            typed.put(key, text);
            String now = current.get(key);
            if (now == null || text == null || !normalised(text).equals(normalised(now))) {
                wording.add(new Negotiations.ClauseWording(key, text));
            }
        }
        try {
            negotiations.propose(access, new Negotiations.ProposalInput(wording, note), request.getRemoteAddr(),
                    request.getHeader("User-Agent"));
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("typed", typed);
            model.addAttribute("note", note);
            model.addAttribute("wordingKeys", wording.stream().map(Negotiations.ClauseWording::clauseKey).toList());
            return refused(access, token, e, "proposal", response, model);
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

    @ExceptionHandler({LinkRefused.class, NotFoundException.class})
    String refused(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "negotiation/link-not-found";
    }

    private LinkAccess access(String token) {
        return links.resolve(token).orElseThrow(LinkRefused::new);
    }

    /** The page again, with what was typed and the errors beside the form (400, or 409 when the draft is closed). */
    private String refused(LinkAccess access, String token, RuntimeException e, String form,
                           HttpServletResponse response, Model model) {
        var locale = LocaleContextHolder.getLocale();
        Map<String, String> errors = new LinkedHashMap<>();
        if (e instanceof InvalidInputException invalid) {
            for (FieldViolation v : invalid.violations()) {
                errors.merge(v.field(), messages.getMessage(v.code(), v.args().toArray(), v.code(), locale),
                        (a, b) -> a + " " + b);
            }
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        } else {
            var conflict = (ConflictException) e;
            errors.put("form", messages.getMessage(conflict.code(), conflict.args().toArray(), conflict.code(), locale));
            response.setStatus(HttpServletResponse.SC_CONFLICT);
        }
        model.addAttribute("view", negotiations.counterpartyView(access));
        model.addAttribute("token", token);
        model.addAttribute("errorForm", form);
        model.addAttribute("errors", errors);
        return "negotiation/counterparty";
    }

    /** Line endings as a browser sends them (CR LF) and as stored (LF) are the same wording. */
    private static String normalised(String text) {
        return text.replace("\r\n", "\n").strip();
    }
}
