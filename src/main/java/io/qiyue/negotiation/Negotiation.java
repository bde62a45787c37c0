package io.qiyue.negotiation;

import java.time.Instant;
import java.util.List;

/**
 * Where the negotiation of a contract stands, for its owner: the customer's comments with the answers, and
 * the proposals with each clause's decision. {@code contractVersion} is what an accepting decision must name
 * (If-Match); {@code open}: the contract is a draft, so proposals can still be accepted.
 */
public record Negotiation(String contractId, int contractVersion, boolean open, List<CommentThread> comments,
                          List<Proposal> proposals) {

    public enum AuthorKind { COUNTERPARTY, OWNER }

    public enum ClauseStatus { PENDING, ACCEPTED, REJECTED }

    public enum Decision { ACCEPT, REJECT }

    /** A comment on a clause ({@code clauseKey} null: on the document as a whole). */
    public record Comment(String id, String clauseKey, String clauseLabel, String body, AuthorKind authorKind,
                          String authorName, String replyTo, Instant createdAt) {
    }

    /** The customer's comment and the owner's answers to it, oldest first. */
    public record CommentThread(Comment comment, List<Comment> replies) {
    }

    /**
     * One proposal: the {@code COUNTERPARTY} version of the contract's history that holds the document with
     * the proposed wording ({@code version}), the saved version the contact read ({@code baseVersion}).
     */
    public record Proposal(String id, int version, int baseVersion, String note, String authorName,
                           Instant createdAt, List<ProposedClause> clauses) {
    }

    /**
     * One clause of a proposal: its wording when proposed ({@code beforeText}), now in the draft
     * ({@code currentText}, null when the clause is no longer there) and as proposed; the decision on it and,
     * when accepted, the saved contract version that took the wording. {@code stale}: still pending, but the
     * draft no longer holds {@code beforeText} there (the clause was edited, or its list reordered, since the
     * proposal), so the proposal cannot be accepted without comparing again.
     */
    public record ProposedClause(String key, String label, String beforeText, String currentText,
                                 String proposedText, ClauseStatus status, Instant decidedAt, String decidedBy,
                                 String reason, Integer appliedVersion, boolean stale) {

        static boolean stale(ClauseStatus status, String beforeText, String currentText) {
            return status == ClauseStatus.PENDING && !java.util.Objects.equals(beforeText, currentText);
        }
    }
}
