package io.qiyue.approval.web;

import io.qiyue.approval.ApprovalFlow;
import io.qiyue.approval.ApprovalFlows;
import io.qiyue.approval.ApprovalHistory;
import io.qiyue.approval.ApprovalTask;
import io.qiyue.approval.Approvals;
import io.qiyue.approval.Decision;
import io.qiyue.approval.FlowInput;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Versions;
import io.qiyue.shared.web.JsonInput;
import jakarta.validation.Validator;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;

/** Approval flows (admins), the inbox, decisions and a contract's approval history. */
@RestController
@RequestMapping("/api/v1")
class ApprovalApi {
    private final ApprovalFlows flows;
    private final Approvals approvals;

    private final JsonMapper json;
    private final Validator validator;

    ApprovalApi(ApprovalFlows flows, Approvals approvals, JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
        this.flows = flows;
        this.approvals = approvals;
    }

    /** Every flow (a handful): one page holding all of them, in the envelope of every list. */
    @GetMapping("/approval-flows")
    PageResult<ApprovalFlow> flows() {
        var all = flows.list();
        return new PageResult<>(all, 0, all.size(), all.size());
    }

    @GetMapping("/approval-flows/{id}")
    ResponseEntity<ApprovalFlow> flow(@PathVariable String id) {
        var flow = flows.get(id);
        return ResponseEntity.ok().eTag(Versions.etag(flow.version())).body(flow);
    }

    @PostMapping("/approval-flows")
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<ApprovalFlow> create(@RequestBody FlowInput input) {
        var flow = flows.create(input);
        return ResponseEntity.created(URI.create("/api/v1/approval-flows/" + flow.id()))
                .eTag(Versions.etag(flow.version())).body(flow);
    }

    @PutMapping("/approval-flows/{id}")
    ResponseEntity<ApprovalFlow> update(@PathVariable String id,
                                        @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                        @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = FlowInput.class))) @RequestBody JsonNode body) {
        int expected = Versions.expected(ifMatch);
        var stored = flows.get(id);
        // a stale If-Match is a 412 before the body is compared with what is stored now
        Versions.check(ifMatch, stored.version());
        // what GET answered may come back as it is: its read-only fields are checked and dropped
        var input = JsonInput.readUpdate(json, validator, body, stored, FlowInput.class);
        var flow = flows.update(id, expected, input);
        return ResponseEntity.ok().eTag(Versions.etag(flow.version())).body(flow);
    }

    @GetMapping("/approvals")
    PageResult<ApprovalTask> inbox(@RequestParam(required = false) String assignee,
                                   @RequestParam(required = false) Integer page,
                                   @RequestParam(required = false) Integer size,
                                   @RequestParam(required = false) String sort) {
        return approvals.inbox(assignee, page, size, sort);
    }

    @PostMapping("/approvals/{taskId}/decision")
    ApprovalHistory.Entry decide(@PathVariable String taskId,
                                 @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Decision.class))) @RequestBody JsonNode body) {
        // a step is named, not numbered: say so rather than that a number is no string
        var toStep = body == null ? null : body.get("toStep");
        if (toStep != null && !toStep.isNull() && !toStep.isString()) {
            throw new InvalidInputException("toStep", "qiyue.approval.to-step-text");
        }
        return approvals.decide(taskId, JsonInput.read(json, validator, body, Decision.class));
    }

    @GetMapping("/contracts/{id}/approval")
    ApprovalHistory history(@PathVariable String id) {
        return approvals.history(id);
    }
}
