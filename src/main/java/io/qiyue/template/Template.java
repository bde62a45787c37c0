package io.qiyue.template;

import io.qiyue.contract.ContractType;

import java.time.Instant;

/** A document template of one contract type; the active one of a type renders its contracts. */
public record Template(String id, ContractType type, String name, String body, boolean active, int version,
                       Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
}
