/**
 * Contract review: runs the rule catalogue of spec/review-rules.md over a contract and reports
 * findings with path, span, citation and localised message. Exposes {@link io.qiyue.review.ReviewEngine}
 * (pure, no Spring) and {@link io.qiyue.review.Reviews} (review a stored contract and keep the last result);
 * 大写 amounts are checked with {@link io.qiyue.template.ChineseAmounts}. Citations, thresholds and word lists are
 * data: {@code review/ruleset.json}; the thresholds it declares as settings are changed by admins at run time
 * ({@link io.qiyue.review.ReviewSettings}) and every review records the settings revision it ran with.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Review")
package io.qiyue.review;
