package io.qiyue.audit.web;

import io.qiyue.audit.AuditEntry;
import io.qiyue.audit.AuditTrail;
import io.qiyue.shared.PageResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuditApi {
    private final AuditTrail trail;

    AuditApi(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/api/v1/audit")
    PageResult<AuditEntry> audit(@RequestParam(required = false) String entity,
                                 @RequestParam(required = false) String id,
                                 @RequestParam(required = false) Integer page,
                                 @RequestParam(required = false) Integer size) {
        return trail.find(entity, id, page, size);
    }
}
