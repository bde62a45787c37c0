/**
 * Contract documents: templates and the clause library as data, rendering of a contract to HTML, PDF
 * and DOCX, the rendered text of every saved version (and of the counterparty's uploaded paper) with
 * its SHA-256, and redlines between any two of them. Other modules use {@link io.qiyue.template.ContractDocuments},
 * {@link io.qiyue.template.Templates} and {@link io.qiyue.template.Clauses}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contract documents")
package io.qiyue.template;
