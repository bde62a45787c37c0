package io.qiyue.review.web;

import io.qiyue.contract.Contract;
import io.qiyue.review.Reviews;
import io.qiyue.shared.InvalidInputException;
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
import org.springframework.web.bind.annotation.RestController;

/** Review of a contract: run it (POST) or read the last one (GET); messages follow the request's locale. */
@RestController
@RequestMapping("/api/v1/contracts/{id}/review")
class ReviewApi {
    private final Reviews reviews;

    ReviewApi(Reviews reviews) {
        this.reviews = reviews;
    }

    @PostMapping
    StoredReview review(@PathVariable String id) {
        return reviews.review(id, LocaleContextHolder.getLocale());
    }

    @GetMapping
    StoredReview last(@PathVariable String id) {
        return reviews.last(id, LocaleContextHolder.getLocale());
    }

    /** Which finding: the rule's finding at this JSON pointer (and, inside text, at this span start). */
    record ApplyRequest(String path, Integer start) {
    }

    /** Applies a finding's suggestion (where {@code fixable}) as an ordinary save of the draft, with If-Match. */
    @PostMapping("/findings/{ruleId}/apply")
    ResponseEntity<Contract> apply(@PathVariable String id, @PathVariable String ruleId,
                                   @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                   @RequestBody ApplyRequest body) {
        if (body.path() == null || body.path().isBlank()) {
            throw new InvalidInputException("path", "qiyue.validation.required");
        }
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
