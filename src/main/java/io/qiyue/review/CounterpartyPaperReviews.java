package io.qiyue.review;

import io.qiyue.template.CounterpartyPaper;
import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * 审查对方文本 in one step: an uploaded paper is reviewed in the upload's own transaction (the uploader may change
 * the contract, as the review's store needs), and its review goes when the paper is deleted.
 */
@Component
class CounterpartyPaperReviews {
    private final VersionReviews reviews;
    private final DocumentReviewStore store;

    CounterpartyPaperReviews(VersionReviews reviews, DocumentReviewStore store) {
        this.reviews = reviews;
        this.store = store;
    }

    @EventListener
    void on(CounterpartyPaper paper) {
        switch (paper) {
            case CounterpartyPaper.Uploaded uploaded ->
                    reviews.reviewDocument(uploaded.contractId(), uploaded.version(), LocaleContextHolder.getLocale());
            case CounterpartyPaper.Deleted deleted -> store.delete(deleted.contractId(), deleted.version());
        }
    }
}
