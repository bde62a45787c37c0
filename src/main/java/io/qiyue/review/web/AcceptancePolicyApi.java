package io.qiyue.review.web;

import io.qiyue.review.AcceptanceAuthority;
import io.qiyue.review.AcceptancePolicies;
import io.qiyue.review.AcceptancePolicy;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Versions;
import io.qiyue.shared.web.JsonInput;
import jakarta.validation.Validator;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may accept the warnings of each rule: everyone signed in reads it, admins change one rule's choice
 * with If-Match ({@code OWNER}, {@code MANAGER_OR_LEGAL}, {@code LEGAL}).
 */
@RestController
@RequestMapping("/api/v1/reviews/acceptance-policies")
class AcceptancePolicyApi {
    private final AcceptancePolicies policies;
    private final JsonMapper json;
    private final Validator validator;

    AcceptancePolicyApi(AcceptancePolicies policies, JsonMapper json, Validator validator) {
        this.policies = policies;
        this.json = json;
        this.validator = validator;
    }

    record PolicyChange(AcceptanceAuthority acceptedBy) {
    }

    @GetMapping
    PageResult<AcceptancePolicy> list(@RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size) {
        return PageResult.of(policies.all(), page, size);
    }

    @GetMapping("/{ruleId}")
    ResponseEntity<AcceptancePolicy> get(@PathVariable String ruleId) {
        return withETag(policies.get(ruleId));
    }

    /** The policy as GET answered it may come back with a new {@code acceptedBy}: see {@link JsonInput#readUpdate}. */
    @PutMapping("/{ruleId}")
    ResponseEntity<AcceptancePolicy> change(@PathVariable String ruleId,
                                            @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = PolicyChange.class))) @RequestBody JsonNode body) {
        int expected = Versions.expected(ifMatch);
        var input = JsonInput.readUpdate(json, validator, body, policies.get(ruleId), PolicyChange.class);
        return withETag(policies.change(ruleId, expected, input.acceptedBy()));
    }

    private static ResponseEntity<AcceptancePolicy> withETag(AcceptancePolicy policy) {
        return ResponseEntity.ok().eTag(Versions.etag(policy.version())).body(policy);
    }
}
