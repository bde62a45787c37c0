package io.qiyue.approval;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Who approves a step: exactly one of a role, a user (by id) or the contract owner's team manager. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Approver(String role, String userId, Boolean ownerManager) {
}
