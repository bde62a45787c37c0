package io.qiyue.review.web;

import io.qiyue.review.Reviews;
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

    /** Which finding (its JSON pointer) and why it is accepted (1–1000 characters). */
    record AcceptRequest(String path, String reason) {
    }

    /** Accepts the WARNING of a rule at a path with a reason; answers the fresh review with the acceptance shown. */
    @PostMapping("/findings/{ruleId}/accept")
    StoredReview accept(@PathVariable String id, @PathVariable String ruleId, @RequestBody AcceptRequest body) {
        return reviews.accept(id, ruleId, body.path(), body.reason(), LocaleContextHolder.getLocale());
    }
}
