package io.qiyue.review;

import io.qiyue.contract.Contract;
import io.qiyue.contract.ContractSaved;
import io.qiyue.contract.ContractsImported;
import io.qiyue.contract.SubmissionGate;
import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The review's answer to the contract module: a fresh review of the version being submitted (stored as
 * the last review) and its blocking findings; and, on every save, the removal of acceptances whose
 * value changed and a review of the saved version, so that whoever saved sees what the rules say about it
 * without asking (the engine needs well under a millisecond; a move of status only keeps the review).
 */
@Component
class ReviewGate implements SubmissionGate {
    private final Reviews reviews;

    ReviewGate(Reviews reviews) {
        this.reviews = reviews;
    }

    @Override
    public List<Blocking> blockingFindings(Contract contract) {
        var review = reviews.review(contract.id(), LocaleContextHolder.getLocale());
        return review.findings().stream().filter(Finding::blocking)
                .map(f -> new Blocking(f.ruleId(), f.severity().name(), f.path(),
                        f.span() == null ? null : f.span().start(), f.span() == null ? null : f.span().end(),
                        f.message(), f.citation() == null ? null : f.citation().source(),
                        f.citation() == null ? null : f.citation().article()))
                .toList();
    }

    /** A file's contracts just imported: the first review of each, as {@link #on(ContractSaved)} makes it, in one go. */
    @EventListener
    void on(ContractsImported imported) {
        reviews.reviewCreatedAll(imported.contracts(), imported.actor());
    }

    /** Synchronous, so that the removal and the new review commit with the save. */
    @EventListener
    void on(ContractSaved saved) {
        if (!saved.moveOnly() && saved.contract().version() == 1) {
            // a contract just created has no review and no acceptance yet
            reviews.reviewCreated(saved.contract(), saved.actor());
            return;
        }
        reviews.invalidateChangedAcceptances(saved.contract(), saved.actor());
        if (saved.moveOnly()) {
            reviews.carryReviewForward(saved.contract());
        } else {
            reviews.reviewSaved(saved.contract(), saved.actor());
        }
    }
}
