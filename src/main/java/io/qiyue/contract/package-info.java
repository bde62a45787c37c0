/**
 * The contract aggregate: the five contract types with their typed terms, numbering, data-scoped
 * reads and writes with optimistic versions, and an immutable version row for every saved change.
 * Other modules use {@link io.qiyue.contract.Contracts} and the term records.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contracts")
package io.qiyue.contract;
