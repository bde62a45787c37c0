package io.qiyue.review;

import io.qiyue.contract.Contract;
import io.qiyue.contract.Contracts;
import io.qiyue.contract.ExternalVersions;
import io.qiyue.security.CurrentUsers;
import io.qiyue.shared.ConflictException;
import io.qiyue.shared.NotFoundException;
import io.qiyue.template.ContractDocuments;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * The review of a chosen version of a contract ({@code ?version=n}), within the caller's data scope like
 * every review ({@link Contracts#get} is a 404 outside it).
 * <ul>
 *   <li>The current version: the ordinary review ({@link Reviews#review}), stored as the contract's last
 *       review, which the panel shows and submission is gated by.</li>
 *   <li>An earlier saved version: that version as saved, reviewed with today's rules and returned without
 *       being stored. Its findings are for reading — what a past draft or the version that went to approval
 *       had against it: nothing accepts or applies a fix to a past version, and the gate looks only at the
 *       version being submitted.</li>
 *   <li>An uploaded counterparty document ({@code EXTERNAL}, from {@link ExternalVersions#FIRST}): every text
 *       rule over its extracted text ({@link DocumentText}), checked against the contract's current record,
 *       stored per document beside (never instead of) the contract's last review. Advice for the
 *       negotiation: it never blocks a submission.</li>
 * </ul>
 * Any other number, or a version of another contract, is a 404.
 */
@Service
public class VersionReviews {
    private final Contracts contracts;
    private final ContractDocuments documents;
    private final Reviews reviews;
    private final DocumentReviewStore store;
    private final Clock clock;

    VersionReviews(Contracts contracts, ContractDocuments documents, Reviews reviews, DocumentReviewStore store,
                   Clock clock) {
        this.contracts = contracts;
        this.documents = documents;
        this.reviews = reviews;
        this.store = store;
        this.clock = clock;
    }

    /** Whether the number is in the range of uploaded documents (E1 = 1000000001, …). */
    public static boolean uploaded(int version) {
        return version >= ExternalVersions.FIRST;
    }

    /** E1, E2, …: how the UI names uploaded document {@code version}. */
    public static String label(int version) {
        return "E" + (version - ExternalVersions.FIRST + 1);
    }

    /**
     * Reviews saved version {@code version}: the current one is reviewed and stored as the contract's last
     * review (as without a version); an earlier one is reviewed as it was saved and not stored; any other
     * number is a 404.
     */
    @Transactional
    public StoredReview reviewSaved(String contractId, int version, Locale locale) {
        var contract = contracts.get(contractId);
        requireSaved(contract, version);
        if (version != contract.version()) {
            return earlier(contract, version, locale).review();
        }
        var review = reviews.review(contractId, locale);
        if (review.contractVersion() != version) { // saved meanwhile: this is not the version asked for
            throw new ConflictException("qiyue.review.version-moved", version, review.contractVersion());
        }
        return review;
    }

    /** An earlier saved version as it was saved, and its review with today's rules (not stored). */
    public record Earlier(Contract asSaved, StoredReview review) {
    }

    /** Reviews earlier saved version {@code version} as it was saved (see {@link #reviewSaved}); 404 for any other number. */
    @Transactional(readOnly = true)
    public Earlier reviewEarlier(String contractId, int version, Locale locale) {
        var contract = contracts.get(contractId);
        requireSaved(contract, version);
        if (version == contract.version()) {
            throw new NotFoundException("qiyue.problem.not-found", "version", contractId + "/" + version);
        }
        return earlier(contract, version, locale);
    }

    private Earlier earlier(Contract contract, int version, Locale locale) {
        Contract asSaved = contracts.savedVersion(contract.id(), version);
        return new Earlier(asSaved, reviews.reviewEarlier(asSaved, locale));
    }

    /** The stored review of saved version {@code version}: the contract's last review if it reviewed that version, else 404. */
    @Transactional(readOnly = true)
    public StoredReview lastSaved(String contractId, int version, Locale locale) {
        var contract = contracts.get(contractId);
        requireSaved(contract, version);
        var last = reviews.last(contractId, locale);
        if (last.contractVersion() != version) {
            throw new NotFoundException("qiyue.problem.not-found", "review", contractId + "/" + version);
        }
        return last;
    }

    /**
     * Reviews the uploaded document {@code version} of the contract (404 when the contract has no such
     * upload), stores the result as that document's last review and returns it.
     */
    @Transactional
    public DocumentReview reviewDocument(String contractId, int version, Locale locale) {
        Contract contract = contracts.getChangeable(contractId); // it stores the document's review
        var paper = documents.uploaded(contractId, version)
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "version", contractId + "/" + version));
        Instant now = clock.instant();
        var evaluation = DocumentText.review(reviews.engine(), reviews.subject(contract, now), version, paper.text(),
                paper.emphasised());
        var row = new DocumentReviewStore.Row(contractId, version, paper.version().fileName(), paper.version().sha256(),
                contract.version(), evaluation, now, CurrentUsers.require().username());
        store.save(row);
        return view(row, locale);
    }

    /** The last review of the uploaded document {@code version}; 404 when it was never reviewed. */
    @Transactional(readOnly = true)
    public DocumentReview lastDocument(String contractId, int version, Locale locale) {
        contracts.get(contractId);
        return store.find(contractId, version).map(row -> view(row, locale))
                .orElseThrow(() -> new NotFoundException("qiyue.problem.not-found", "review", contractId + "/" + version));
    }

    /** The last review of the uploaded document, or null when it was never reviewed (for the page). */
    @Transactional(readOnly = true)
    public DocumentReview lastDocumentOrNull(String contractId, int version, Locale locale) {
        contracts.get(contractId);
        return store.find(contractId, version).map(row -> view(row, locale)).orElse(null);
    }

    private static void requireSaved(Contract contract, int version) {
        if (version < 1 || version > contract.version()) {
            throw new NotFoundException("qiyue.problem.not-found", "version", contract.id() + "/" + version);
        }
    }

    private DocumentReview view(DocumentReviewStore.Row row, Locale locale) {
        var review = reviews.engine().localise(row.evaluation(), locale);
        // the paper is not ours to edit, and its findings are not accepted: advice only
        var findings = review.findings().stream().map(f -> new Finding(f.ruleId(), f.severity(), f.path(), f.span(),
                f.message(), f.citation(), f.suggestion())).toList();
        return new DocumentReview(row.contractId(), row.version(), label(row.version()), row.fileName(), row.sha256(),
                row.contractVersion(), review.rulesetVersion(), review.settingsRevision(), findings, review.blockers(), review.warnings(),
                review.infos(), 0, review.errors(), row.reviewedAt(), row.reviewedBy());
    }
}
