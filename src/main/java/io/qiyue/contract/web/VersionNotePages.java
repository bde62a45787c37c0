package io.qiyue.contract.web;

import io.qiyue.contract.VersionHistory;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.PreconditionFailedException;
import io.qiyue.shared.web.PageController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.stream.Collectors;

/**
 * The change note of a version, from the inline form in the contract page's version table. A refused note
 * shows the page again with what was typed and the error beside that version's form.
 */
@PageController
class VersionNotePages {
    private final VersionHistory history;
    private final ContractPages pages;
    private final MessageSource messages;

    VersionNotePages(VersionHistory history, ContractPages pages, MessageSource messages) {
        this.history = history;
        this.pages = pages;
        this.messages = messages;
    }

    /** What the refused form held, to show it again beside its version. */
    record NoteForm(int version, String note, String error) {
    }

    @PostMapping("/contracts/{id}/versions/{n}/note")
    String note(@PathVariable String id, @PathVariable int n, @RequestParam int revision,
                @RequestParam(required = false) String note, Model model) {
        var locale = LocaleContextHolder.getLocale();
        try {
            history.note(id, n, revision, note);
        } catch (InvalidInputException e) {
            String error = e.violations().stream()
                    .map(v -> messages.getMessage(v.code(), v.args().toArray(), v.code(), locale))
                    .collect(Collectors.joining(" "));
            model.addAttribute("noteForm", new NoteForm(n, note, error));
            return pages.detailPage(id, model);
        } catch (PreconditionFailedException e) {
            model.addAttribute("noteForm", new NoteForm(n, note,
                    messages.getMessage("ui.stale", e.args().toArray(), "ui.stale", locale)));
            return pages.detailPage(id, model);
        }
        return "redirect:/contracts/" + id + "#version-" + n;
    }
}
