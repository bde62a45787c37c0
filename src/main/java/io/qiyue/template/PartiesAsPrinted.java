package io.qiyue.template;

import io.qiyue.contract.Contract;
import io.qiyue.shared.ConflictException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a kept document still names the parties as their records do, in words: the particulars it prints otherwise
 * ({@link ContractDocuments#changedParticulars}), each as a line "甲方名称：文本为“…”，现在的记录为“…”", and the 409
 * that approval and signing answer when asked to approve or sign such a document. One wording for every module that
 * refuses or shows it (the approval task, the signing round, paper signing, the owner's notice).
 */
@Component
public class PartiesAsPrinted {
    private final ContractDocuments documents;
    private final MessageSource messages;

    PartiesAsPrinted(ContractDocuments documents, MessageSource messages) {
        this.documents = documents;
        this.messages = messages;
    }

    /** The particulars the document of the contract's version prints otherwise than the records now say. */
    public List<ChangedParticular> changed(String contractId, int documentVersion) {
        return documents.changedParticulars(contractId, documentVersion);
    }

    /** One line per particular, in the locale's words: what the document prints, what the record says. */
    public List<String> lines(List<ChangedParticular> changed, Locale locale) {
        var lines = new ArrayList<String>();
        for (var particular : changed) {
            lines.add(line(particular, locale));
        }
        return lines;
    }

    /** The lines joined as one sentence's list (；in Chinese). */
    public String joined(List<ChangedParticular> changed, Locale locale) {
        return String.join("zh".equals(locale.getLanguage()) ? "；" : "; ", lines(changed, locale));
    }

    /** The problem's {@code errors[]}: each particular's field and its line. */
    public List<Map<String, String>> errors(List<ChangedParticular> changed, Locale locale) {
        var errors = new ArrayList<Map<String, String>>();
        for (var particular : changed) {
            errors.add(Map.of("field", particular.field(), "message", line(particular, locale)));
        }
        return errors;
    }

    /**
     * Refuses (409) when the document of the contract's version {@code documentVersion} names a party otherwise than
     * its record now does: the problem's {@code errors[]} names each particular, and the message {@code code}, given
     * the contract's number and the particulars joined, says how to go on.
     */
    public void require(Contract contract, int documentVersion, String code) {
        var changed = changed(contract.id(), documentVersion);
        if (changed.isEmpty()) {
            return;
        }
        throw refusal(contract, changed, code);
    }

    /** The 409 naming {@code changed}, as {@link #require} throws it. */
    public ConflictException refusal(Contract contract, List<ChangedParticular> changed, String code) {
        var locale = LocaleContextHolder.getLocale();
        return new ConflictException(Map.of("errors", errors(changed, locale)), code, contract.number(),
                joined(changed, locale));
    }

    private String line(ChangedParticular particular, Locale locale) {
        String label = messages.getMessage("signing.particular." + particular.field(), null, particular.field(),
                locale);
        return particular.printed() == null
                ? messages.getMessage("signing.particular.notPrinted", new Object[]{label, particular.current()},
                locale)
                : particular.current() == null
                ? messages.getMessage("signing.particular.removed", new Object[]{label, particular.printed()}, locale)
                : messages.getMessage("signing.particular.changed",
                new Object[]{label, particular.printed(), particular.current()}, locale);
    }
}
