/**
 * Performance monitoring (履约): the obligations a signed contract puts on either side, generated once from its
 * terms (payment instalments, service items, maintenance visits, consulting deliverables, confidentiality and
 * data-sharing duties that outlive the contract, the return of shared data), their status and evidence; the
 * receivables against the payment instalments; the customer's supervision and evaluation; the reminders.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Obligations")
package io.qiyue.obligation;
