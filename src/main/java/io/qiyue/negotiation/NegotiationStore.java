package io.qiyue.negotiation;

import io.qiyue.negotiation.Negotiation.AuthorKind;
import io.qiyue.negotiation.Negotiation.ClauseStatus;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Paging;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The negotiation module's tables (V24__negotiation.sql); nothing else reads them. */
@Component
class NegotiationStore {
    private static final String LINK_COLUMNS = "id, contract_id, contact_id, contact_name, created_at, created_by, "
            + "expires_at, revoked_at, revoked_by";
    private static final String COMMENT_COLUMNS = "id, clause_key, body, author_kind, author_name, reply_to, created_at";

    /** A link as stored, before its status is judged against the clock. */
    record LinkRow(String id, String contractId, String contactId, String contactName, Instant createdAt,
                   String createdBy, Instant expiresAt, Instant revokedAt, String revokedBy) {
    }

    record ProposalRow(String id, String contractId, String linkId, int docVersion, int baseVersion, String note,
                       String authorName, Instant createdAt) {
    }

    record ClauseRow(String key, String beforeText, String proposedText, ClauseStatus status, Instant decidedAt,
                     String decidedBy, String reason, Integer appliedVersion) {
    }

    private final JdbcClient jdbc;

    NegotiationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- links

    void insertLink(LinkRow link, String customerId, String tokenSha256) {
        jdbc.sql("INSERT INTO share_link (id, contract_id, customer_id, token_sha256, contact_id, contact_name,"
                        + " created_at, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(link.id(), link.contractId(), customerId, tokenSha256, link.contactId(), link.contactName(),
                        DbTime.toDb(link.createdAt()), link.createdBy(), DbTime.toDb(link.expiresAt()))
                .update();
    }

    /** The ids of the contract's links in force made for a customer other than this one. */
    List<String> liveLinksForOtherCustomers(String contractId, String customerId) {
        return jdbc.sql("SELECT id FROM share_link WHERE contract_id = ? AND revoked_at IS NULL"
                        + " AND (customer_id IS NULL OR customer_id <> ?)")
                .params(contractId, customerId).query(String.class).list();
    }

    Optional<LinkRow> linkByToken(String tokenSha256) {
        return jdbc.sql("SELECT " + LINK_COLUMNS + " FROM share_link WHERE token_sha256 = ?").param(tokenSha256)
                .query(linkMapper).optional();
    }

    Optional<LinkRow> link(String id) {
        return jdbc.sql("SELECT " + LINK_COLUMNS + " FROM share_link WHERE id = ?").param(id).query(linkMapper)
                .optional();
    }

    List<LinkRow> links(String contractId) {
        return jdbc.sql("SELECT " + LINK_COLUMNS + " FROM share_link WHERE contract_id = ? ORDER BY created_at DESC, id")
                .param(contractId).query(linkMapper).list();
    }

    /** One page of a contract's links ({@code paging}'s column one of this table's). */
    PageResult<LinkRow> links(String contractId, Paging paging) {
        long total = jdbc.sql("SELECT COUNT(*) FROM share_link WHERE contract_id = ?").param(contractId)
                .query(Long.class).single();
        var rows = jdbc.sql("SELECT " + LINK_COLUMNS + " FROM share_link WHERE contract_id = ? ORDER BY "
                        + paging.orderBy() + ", id LIMIT " + paging.size() + " OFFSET " + paging.offset())
                .param(contractId).query(linkMapper).list();
        return new PageResult<>(rows, paging.page(), paging.size(), total);
    }

    /** Revokes a link not yet revoked; false when it already was. */
    boolean revoke(String id, Instant at, String by) {
        return jdbc.sql("UPDATE share_link SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
                .params(DbTime.toDb(at), by, id).update() == 1;
    }

    void insertUse(String id, String linkId, Instant at, ShareLink.UseAction action, String ip, String userAgent) {
        jdbc.sql("INSERT INTO share_link_use (id, link_id, used_at, action, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, linkId, DbTime.toDb(at), action.name(), ip, userAgent).update();
    }

    List<ShareLink.Use> uses(String linkId, int limit) {
        return jdbc.sql("SELECT used_at, action, ip FROM share_link_use WHERE link_id = ? ORDER BY used_at DESC, id "
                        + "LIMIT " + limit)
                .param(linkId).query((rs, n) -> new ShareLink.Use(DbTime.read(rs, "used_at"),
                        ShareLink.UseAction.valueOf(rs.getString("action")), rs.getString("ip"))).list();
    }

    private final RowMapper<LinkRow> linkMapper = (rs, n) -> new LinkRow(rs.getString("id"), rs.getString("contract_id"), rs.getString("contact_id"),
                rs.getString("contact_name"), DbTime.read(rs, "created_at"), rs.getString("created_by"),
                DbTime.read(rs, "expires_at"), DbTime.read(rs, "revoked_at"), rs.getString("revoked_by"));

    // ---- comments

    void insertComment(String id, String contractId, String linkId, String clauseKey, String body, AuthorKind kind,
                       String authorName, String replyTo, Instant at) {
        jdbc.sql("INSERT INTO negotiation_comment (id, contract_id, link_id, clause_key, body, author_kind, "
                        + "author_name, reply_to, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, contractId, linkId, clauseKey, body, kind.name(), authorName, replyTo, DbTime.toDb(at))
                .update();
    }

    /** The comments of a contract, oldest first; only those made through one link (and answers to them) when given. */
    List<Negotiation.Comment> comments(String contractId, String linkId) {
        String sql = "SELECT " + COMMENT_COLUMNS + " FROM negotiation_comment WHERE contract_id = ?"
                + (linkId == null ? "" : " AND (link_id = ? OR reply_to IN (SELECT id FROM negotiation_comment "
                + "WHERE link_id = ?))") + " ORDER BY created_at, id";
        var statement = jdbc.sql(sql).param(contractId);
        if (linkId != null) {
            statement = statement.param(linkId).param(linkId);
        }
        return statement.query((rs, n) -> new Negotiation.Comment(rs.getString("id"), rs.getString("clause_key"),
                null, rs.getString("body"), AuthorKind.valueOf(rs.getString("author_kind")),
                rs.getString("author_name"), rs.getString("reply_to"), DbTime.read(rs, "created_at"))).list();
    }

    /** The contract of a customer's comment (not an answer), if there is one with this id. */
    Optional<String> commentContract(String commentId) {
        return jdbc.sql("SELECT contract_id FROM negotiation_comment WHERE id = ? AND author_kind = ?")
                .param(commentId).param(AuthorKind.COUNTERPARTY.name()).query(String.class).optional();
    }

    // ---- proposals

    void insertProposal(ProposalRow p) {
        jdbc.sql("INSERT INTO negotiation_proposal (id, contract_id, link_id, doc_version, base_version, note, "
                        + "author_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(p.id(), p.contractId(), p.linkId(), p.docVersion(), p.baseVersion(), p.note(), p.authorName(),
                        DbTime.toDb(p.createdAt())).update();
    }

    void insertClause(String proposalId, int ordinal, String key, String beforeText, String proposedText) {
        jdbc.sql("INSERT INTO negotiation_clause (proposal_id, clause_key, ordinal, before_text, proposed_text, status)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(proposalId, key, ordinal, beforeText, proposedText, ClauseStatus.PENDING.name()).update();
    }

    List<ProposalRow> proposals(String contractId, String linkId) {
        String sql = "SELECT id, contract_id, link_id, doc_version, base_version, note, author_name, created_at "
                + "FROM negotiation_proposal WHERE contract_id = ?" + (linkId == null ? "" : " AND link_id = ?")
                + " ORDER BY created_at DESC, id";
        var statement = jdbc.sql(sql).param(contractId);
        if (linkId != null) {
            statement = statement.param(linkId);
        }
        return statement.query(proposalMapper).list();
    }

    Optional<ProposalRow> proposal(String id) {
        return jdbc.sql("SELECT id, contract_id, link_id, doc_version, base_version, note, author_name, created_at "
                + "FROM negotiation_proposal WHERE id = ?").param(id).query(proposalMapper).optional();
    }

    private final RowMapper<ProposalRow> proposalMapper = (rs, n) -> new ProposalRow(rs.getString("id"), rs.getString("contract_id"), rs.getString("link_id"),
                rs.getInt("doc_version"), rs.getInt("base_version"), rs.getString("note"), rs.getString("author_name"),
                DbTime.read(rs, "created_at"));

    List<ClauseRow> clauses(String proposalId) {
        return jdbc.sql("SELECT clause_key, before_text, proposed_text, status, decided_at, decided_by, "
                        + "decision_reason, applied_version FROM negotiation_clause WHERE proposal_id = ? ORDER BY ordinal")
                .param(proposalId).query((rs, n) -> new ClauseRow(rs.getString("clause_key"),
                        rs.getString("before_text"), rs.getString("proposed_text"),
                        ClauseStatus.valueOf(rs.getString("status")), DbTime.read(rs, "decided_at"),
                        rs.getString("decided_by"), rs.getString("decision_reason"),
                        (Integer) rs.getObject("applied_version", Integer.class))).list();
    }

    /** Decides a clause still pending; false when it was decided already (by a concurrent request too). */
    boolean decide(String proposalId, String key, ClauseStatus status, Instant at, String by, String reason,
                   Integer appliedVersion) {
        return jdbc.sql("UPDATE negotiation_clause SET status = ?, decided_at = ?, decided_by = ?, decision_reason = ?, "
                        + "applied_version = ? WHERE proposal_id = ? AND clause_key = ? AND status = ?")
                .params(status.name(), DbTime.toDb(at), by, reason, appliedVersion, proposalId, key,
                        ClauseStatus.PENDING.name()).update() == 1;
    }
}
