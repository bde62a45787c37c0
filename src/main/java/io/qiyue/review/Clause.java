package io.qiyue.review;

/**
 * A piece of contract text that text rules read: for a structured contract, one free-text field of the
 * terms with its JSON pointer as id ({@code /terms/breach/description}); for an uploaded document, a
 * paragraph of the extracted text with any stable id.
 */
public record Clause(String id, String text) {
}
