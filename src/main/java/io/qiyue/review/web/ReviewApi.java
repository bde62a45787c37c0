package io.qiyue.review.web;

import io.qiyue.contract.Contract;
import io.qiyue.review.DocumentReview;
import io.qiyue.review.Reviews;
import io.qiyue.review.VersionReviews;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.qiyue.shared.Versions;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestHeader;
import io.qiyue.review.StoredReview;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Review of a contract: run it (POST) or read the last one (GET), of the current version or, with
 * {@code ?version=n}, of a chosen one ({@link VersionReviews}); messages follow the request's locale.
 */
@RestController
@RequestMapping("/api/v1/contracts/{id}/review")
class ReviewApi {
    private final Reviews reviews;
    private final VersionReviews versions;

    ReviewApi(Reviews reviews, VersionReviews versions) {
        this.reviews = reviews;
        this.versions = versions;
    }

    /**
     * Runs the review of the current version; with {@code version}, of that version: the current one (the
     * same), an uploaded counterparty document (its text, advice only: a {@link DocumentReview}), and an earlier
     * saved version as it was saved (answered, not stored).
     */
    @PostMapping
    @Operation(summary = "Run the review of the current version, or of ?version=n", description = """
            Without `version`, or with the current version: every rule over the contract; stored as the contract's \
            last review, which the panel shows and submission is gated by. With an uploaded counterparty document \
            (EXTERNAL, 1000000001 = E1, …): the text rules over its extracted text, checked against the contract's \
            current record; findings have path and span.clauseId `/versions/{n}/paragraphs/{i}` (paragraph i = line i, \
            0-based, of GET /versions/{n}/text) and span start/end in UTF-16 code units within that line. Stored per \
            document beside the contract's own review; advice for the negotiation that never blocks submission \
            (`blocking` is 0). An earlier saved version: that version as it was saved, reviewed with the current rules \
            and returned without being stored (the contract's last review, its acceptances and the gate concern the \
            current version); 409 only if the contract was saved again while its current version was being \
            reviewed. Another number, or a version of another contract: 404; \
            a `version` that is not a number: 400.""")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(
            oneOf = {StoredReview.class, DocumentReview.class})))
    Object review(@PathVariable String id, @RequestParam(required = false) Integer version) {
        var locale = LocaleContextHolder.getLocale();
        if (version == null) {
            return reviews.review(id, locale);
        }
        return VersionReviews.uploaded(version) ? versions.reviewDocument(id, version, locale)
                : versions.reviewSaved(id, version, locale);
    }

    /** The last review; with {@code version}, the stored review of that version (404 when there is none). */
    @GetMapping
    @Operation(summary = "The last review, or the stored review of ?version=n (404 when there is none)")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(
            oneOf = {StoredReview.class, DocumentReview.class})))
    Object last(@PathVariable String id, @RequestParam(required = false) Integer version) {
        var locale = LocaleContextHolder.getLocale();
        if (version == null) {
            return reviews.last(id, locale);
        }
        return VersionReviews.uploaded(version) ? versions.lastDocument(id, version, locale)
                : versions.lastSaved(id, version, locale);
    }

    /** Which finding: the rule's finding at this JSON pointer (and, inside text, at this span start). */
    record ApplyRequest(String path, Integer start) {
    }

    /**
     * What applying a finding's suggestion would change, without changing anything: the text at the path before
     * and after, and the contract version it was computed on (send it as If-Match to apply exactly this).
     */
    @GetMapping("/findings/{ruleId}/preview")
    io.qiyue.review.FixPreview preview(@PathVariable String id, @PathVariable String ruleId,
                                       @org.springframework.web.bind.annotation.RequestParam String path,
                                       @org.springframework.web.bind.annotation.RequestParam(required = false) Integer start) {
        return reviews.previewFix(id, ruleId, path, start);
    }

    /** Applies a finding's suggestion (where {@code fixable}) as an ordinary save of the draft, with If-Match. */
    @PostMapping("/findings/{ruleId}/apply")
    ResponseEntity<Contract> apply(@PathVariable String id, @PathVariable String ruleId,
                                   @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                   @RequestBody ApplyRequest body) {
        var contract = reviews.applyFix(id, Versions.expected(ifMatch), ruleId, body.path(), body.start());
        return ResponseEntity.ok().eTag(Versions.etag(contract.version())).body(contract);
    }

    /**
     * Which finding (its JSON pointer and, inside text, the start of its words; without {@code start}, every
     * finding of the rule at the path) and why it is accepted (1–1000 characters).
     */
    record AcceptRequest(String path, Integer start, String reason) {
    }

    /** Accepts a WARNING with a reason; answers the fresh review with the acceptance shown. */
    @PostMapping("/findings/{ruleId}/accept")
    StoredReview accept(@PathVariable String id, @PathVariable String ruleId, @RequestBody AcceptRequest body) {
        return reviews.accept(id, ruleId, body.path(), body.start(), body.reason(), LocaleContextHolder.getLocale());
    }
}
