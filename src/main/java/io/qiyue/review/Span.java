package io.qiyue.review;

/** Characters {@code [start, end)} of the clause {@code clauseId} that a finding is about. */
public record Span(String clauseId, int start, int end) {
}
