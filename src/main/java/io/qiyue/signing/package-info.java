/**
 * Signing (签署): who signs for each side and in which order, our signatory's signature after confirming intent,
 * the customer's signature through a one-time link, PAdES signatures of our own CA with seals and 骑缝章, paper
 * signing, the evidence report and verification. Moves contracts from {@code SIGNING} to {@code SIGNED} through
 * the contract module's transition table.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Signing")
package io.qiyue.signing;
