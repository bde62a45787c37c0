package io.qiyue.signing;

import io.qiyue.shared.Ids;
import io.qiyue.shared.persistence.DbTime;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The signing tables. Documents are only ever inserted: nothing here updates or deletes one. */
@Component
class SigningStore {
    record Session(String id, String contractId, int contractVersion, SessionStatus status, SigningMethod method,
                   SigningOrder order, int oursRequired, int theirsRequired, boolean allowForward,
                   String approvedSha256, String frozenSha256, String currentSha256, Instant expiresAt,
                   Instant remindedAt, LocalDate signedOn, Instant closedAt, String closeReason, Instant createdAt,
                   String createdBy, int version) {
        int required(SignerSide side) {
            return side == SignerSide.OURS ? oursRequired : theirsRequired;
        }
    }

    record Signer(String id, String sessionId, String contractId, SignerSide side, int position, String username,
                  String contactId, String name, String organisation, String email, String mobileMasked,
                  SignerStatus status, String tokenHash, Instant invitedAt, String codeHash, Instant codeExpiresAt,
                  int codeAttempts, IdentityMethod identityMethod, Instant identityAt, Instant signedAt,
                  String typedName, String sealId, String sealName, String ip, String userAgent,
                  String declineReason, String forwardedTo, String forwardedFrom, int version) {
    }

    record Document(String id, String contractId, String sessionId, int seq, DocumentKind kind, String mediaType,
                    String fileName, long size, String sha256, String signerId, Instant createdAt, String createdBy) {
    }

    record Event(String id, String sessionId, String contractId, String signerId, Instant at, SigningEventKind kind,
                 String actor, String ip, String userAgent, String detail) {
    }

    record ApprovedDocument(String contractId, int contractVersion, byte[] content, String sha256, Instant approvedAt,
                            String approvedBy) {
    }

    private static final TypeReference<List<SigningPlan.OurSigner>> OURS = new TypeReference<>() {
    };
    private static final TypeReference<List<SigningPlan.TheirSigner>> THEIRS = new TypeReference<>() {
    };
    private static final String SIGNER_COLUMNS = "id, session_id, contract_id, side, position, username, contact_id,"
            + " name, organisation, email, mobile_masked, status, token_hash, invited_at, code_hash, code_expires_at,"
            + " code_attempts, identity_method, identity_at, signed_at, typed_name, seal_id, seal_name, ip, user_agent,"
            + " decline_reason, forwarded_to, forwarded_from, version";
    private static final String DOCUMENT_COLUMNS = "id, contract_id, session_id, seq, kind, media_type, file_name,"
            + " byte_size, sha256, signer_id, created_at, created_by";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SigningStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    // --- plans

    Optional<SigningPlan> plan(String contractId) {
        return jdbc.sql("SELECT * FROM signing_plan WHERE contract_id = ?").param(contractId)
                .query((rs, n) -> new SigningPlan(SigningOrder.valueOf(rs.getString("signing_order")),
                        json.readValue(rs.getString("ours"), OURS), json.readValue(rs.getString("theirs"), THEIRS),
                        (Integer) rs.getObject("ours_required", Integer.class),
                        (Integer) rs.getObject("theirs_required", Integer.class), rs.getBoolean("allow_forward"),
                        rs.getInt("expires_in_days"), rs.getInt("version"), true))
                .optional();
    }

    void insertPlan(String contractId, SigningPlan plan, Instant at, String by) {
        jdbc.sql("INSERT INTO signing_plan (contract_id, signing_order, ours, theirs, ours_required, theirs_required,"
                        + " allow_forward, expires_in_days, version, updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,1,?,?)")
                .params(contractId, plan.order().name(), json.writeValueAsString(plan.ours()),
                        json.writeValueAsString(plan.theirs()), plan.oursRequired(), plan.theirsRequired(),
                        plan.allowForward(), plan.expiresInDays(), DbTime.toDb(at), by)
                .update();
    }

    boolean updatePlan(String contractId, int expectedVersion, SigningPlan plan, Instant at, String by) {
        return jdbc.sql("UPDATE signing_plan SET signing_order = ?, ours = ?, theirs = ?, ours_required = ?,"
                        + " theirs_required = ?, allow_forward = ?, expires_in_days = ?, version = version + 1,"
                        + " updated_at = ?, updated_by = ? WHERE contract_id = ? AND version = ?")
                .params(plan.order().name(), json.writeValueAsString(plan.ours()), json.writeValueAsString(plan.theirs()),
                        plan.oursRequired(), plan.theirsRequired(), plan.allowForward(), plan.expiresInDays(),
                        DbTime.toDb(at), by, contractId, expectedVersion)
                .update() == 1;
    }

    // --- sessions

    private final RowMapper<Session> sessionMapper = (rs, n) -> {
        Date signedOn = rs.getDate("signed_on");
        return new Session(rs.getString("id"), rs.getString("contract_id"), rs.getInt("contract_version"),
                SessionStatus.valueOf(rs.getString("status")), SigningMethod.valueOf(rs.getString("method")),
                SigningOrder.valueOf(rs.getString("signing_order")), rs.getInt("ours_required"),
                rs.getInt("theirs_required"), rs.getBoolean("allow_forward"), rs.getString("approved_sha256"),
                rs.getString("frozen_sha256"), rs.getString("current_sha256"), DbTime.read(rs, "expires_at"),
                DbTime.read(rs, "reminded_at"), signedOn == null ? null : signedOn.toLocalDate(),
                DbTime.read(rs, "closed_at"), rs.getString("close_reason"), DbTime.read(rs, "created_at"),
                rs.getString("created_by"), rs.getInt("version"));
    };

    void insertSession(Session s) {
        jdbc.sql("INSERT INTO signing_session (id, contract_id, contract_version, status, method, signing_order,"
                        + " ours_required, theirs_required, allow_forward, approved_sha256, frozen_sha256, current_sha256,"
                        + " expires_at, created_at, created_by, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)")
                .params(s.id(), s.contractId(), s.contractVersion(), s.status().name(), s.method().name(),
                        s.order().name(), s.oursRequired(), s.theirsRequired(), s.allowForward(), s.approvedSha256(),
                        s.frozenSha256(), s.currentSha256(), DbTime.toDb(s.expiresAt()), DbTime.toDb(s.createdAt()),
                        s.createdBy())
                .update();
    }

    Optional<Session> session(String id) {
        return jdbc.sql("SELECT * FROM signing_session WHERE id = ?").param(id).query(sessionMapper).optional();
    }

    /** The contract's latest round, open or not. */
    Optional<Session> latestSession(String contractId) {
        return jdbc.sql("SELECT * FROM signing_session WHERE contract_id = ? ORDER BY created_at DESC, id DESC")
                .param(contractId).query(sessionMapper).list().stream().findFirst();
    }

    /** The earliest day a completed round of the contract was signed on (a paper round may be dated before it closed). */
    Optional<LocalDate> signedOn(String contractId) {
        return jdbc.sql("SELECT MIN(signed_on) FROM signing_session WHERE contract_id = ? AND status = 'COMPLETED'")
                .param(contractId)
                .query((rs, n) -> Optional.ofNullable(rs.getDate(1)).map(Date::toLocalDate)).optional()
                .flatMap(found -> found);
    }

    Optional<Session> openSession(String contractId) {
        return jdbc.sql("SELECT * FROM signing_session WHERE contract_id = ? AND status = 'OPEN'")
                .param(contractId).query(sessionMapper).optional();
    }

    /** The round's new current file, against the version read before signing: false when another step won. */
    boolean advanceDocument(String sessionId, int expectedVersion, String sha256) {
        return jdbc.sql("UPDATE signing_session SET current_sha256 = ?, version = version + 1 WHERE id = ?"
                        + " AND version = ? AND status = 'OPEN'")
                .params(sha256, sessionId, expectedVersion).update() == 1;
    }

    boolean touch(String sessionId, int expectedVersion) {
        return jdbc.sql("UPDATE signing_session SET version = version + 1 WHERE id = ? AND version = ? AND status = 'OPEN'")
                .params(sessionId, expectedVersion).update() == 1;
    }

    boolean updateTerms(String sessionId, int expectedVersion, SigningPlan plan, int oursRequired, int theirsRequired) {
        return jdbc.sql("UPDATE signing_session SET signing_order = ?, ours_required = ?, theirs_required = ?,"
                        + " allow_forward = ?, version = version + 1 WHERE id = ? AND version = ? AND status = 'OPEN'")
                .params(plan.order().name(), oursRequired, theirsRequired, plan.allowForward(), sessionId,
                        expectedVersion).update() == 1;
    }

    boolean close(String sessionId, SessionStatus status, SigningMethod method, LocalDate signedOn, Instant at,
                  String reason) {
        return jdbc.sql("UPDATE signing_session SET status = ?, method = ?, signed_on = ?, closed_at = ?,"
                        + " close_reason = ?, version = version + 1 WHERE id = ? AND status = 'OPEN'")
                .params(status.name(), method.name(), signedOn == null ? null : Date.valueOf(signedOn),
                        DbTime.toDb(at), reason, sessionId).update() == 1;
    }

    void reminded(String sessionId, Instant at) {
        jdbc.sql("UPDATE signing_session SET reminded_at = ? WHERE id = ?").params(DbTime.toDb(at), sessionId).update();
    }

    List<Session> expiredBy(Instant now, int limit) {
        return jdbc.sql("SELECT * FROM signing_session WHERE status = 'OPEN' AND expires_at <= ? ORDER BY expires_at"
                        + " LIMIT " + limit).param(DbTime.toDb(now)).query(sessionMapper).list();
    }

    List<Session> toRemind(Instant expiringBefore, int limit) {
        return jdbc.sql("SELECT * FROM signing_session WHERE status = 'OPEN' AND reminded_at IS NULL"
                        + " AND expires_at <= ? ORDER BY expires_at LIMIT " + limit)
                .param(DbTime.toDb(expiringBefore)).query(sessionMapper).list();
    }

    // --- signers

    private final RowMapper<Signer> signerMapper = (rs, n) -> new Signer(rs.getString("id"), rs.getString("session_id"),
            rs.getString("contract_id"), SignerSide.valueOf(rs.getString("side")), rs.getInt("position"),
            rs.getString("username"), rs.getString("contact_id"), rs.getString("name"), rs.getString("organisation"),
            rs.getString("email"), rs.getString("mobile_masked"), SignerStatus.valueOf(rs.getString("status")),
            rs.getString("token_hash"), DbTime.read(rs, "invited_at"), rs.getString("code_hash"),
            DbTime.read(rs, "code_expires_at"), rs.getInt("code_attempts"),
            rs.getString("identity_method") == null ? null : IdentityMethod.valueOf(rs.getString("identity_method")),
            DbTime.read(rs, "identity_at"), DbTime.read(rs, "signed_at"), rs.getString("typed_name"),
            rs.getString("seal_id"), rs.getString("seal_name"), rs.getString("ip"), rs.getString("user_agent"),
            rs.getString("decline_reason"), rs.getString("forwarded_to"), rs.getString("forwarded_from"),
            rs.getInt("version"));

    void insertSigner(Signer s) {
        jdbc.sql("INSERT INTO signing_signer (" + SIGNER_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
                        + "?,?,?,?,?,1)")
                .params(s.id(), s.sessionId(), s.contractId(), s.side().name(), s.position(), s.username(),
                        s.contactId(), s.name(), s.organisation(), s.email(), s.mobileMasked(), s.status().name(),
                        s.tokenHash(), DbTime.toDb(s.invitedAt()), s.codeHash(), DbTime.toDb(s.codeExpiresAt()),
                        s.codeAttempts(), s.identityMethod() == null ? null : s.identityMethod().name(),
                        DbTime.toDb(s.identityAt()), DbTime.toDb(s.signedAt()), s.typedName(), s.sealId(),
                        s.sealName(), s.ip(), s.userAgent(), s.declineReason(), s.forwardedTo(), s.forwardedFrom())
                .update();
    }

    List<Signer> signers(String sessionId) {
        return jdbc.sql("SELECT " + SIGNER_COLUMNS + " FROM signing_signer WHERE session_id = ? ORDER BY side,"
                + " position, id").param(sessionId).query(signerMapper).list();
    }

    Optional<Signer> signer(String id) {
        return jdbc.sql("SELECT " + SIGNER_COLUMNS + " FROM signing_signer WHERE id = ?").param(id).query(signerMapper)
                .optional();
    }

    Optional<Signer> signerByToken(String tokenHash) {
        return jdbc.sql("SELECT " + SIGNER_COLUMNS + " FROM signing_signer WHERE token_hash = ?").param(tokenHash)
                .query(signerMapper).optional();
    }

    /** Writes a signer's new state if nobody changed it since it was read (its version). */
    boolean updateSigner(Signer s) {
        return jdbc.sql("UPDATE signing_signer SET status = ?, token_hash = ?, invited_at = ?, code_hash = ?,"
                        + " code_expires_at = ?, code_attempts = ?, identity_method = ?, identity_at = ?, signed_at = ?,"
                        + " typed_name = ?, seal_id = ?, seal_name = ?, ip = ?, user_agent = ?, decline_reason = ?,"
                        + " forwarded_to = ?, version = version + 1 WHERE id = ? AND version = ?")
                .params(s.status().name(), s.tokenHash(), DbTime.toDb(s.invitedAt()), s.codeHash(),
                        DbTime.toDb(s.codeExpiresAt()), s.codeAttempts(),
                        s.identityMethod() == null ? null : s.identityMethod().name(), DbTime.toDb(s.identityAt()),
                        DbTime.toDb(s.signedAt()), s.typedName(), s.sealId(), s.sealName(), s.ip(), s.userAgent(),
                        s.declineReason(), s.forwardedTo(), s.id(), s.version())
                .update() == 1;
    }

    // --- documents

    private final RowMapper<Document> documentMapper = (rs, n) -> new Document(rs.getString("id"),
            rs.getString("contract_id"), rs.getString("session_id"), rs.getInt("seq"),
            DocumentKind.valueOf(rs.getString("kind")), rs.getString("media_type"), rs.getString("file_name"),
            rs.getLong("byte_size"), rs.getString("sha256"), rs.getString("signer_id"), DbTime.read(rs, "created_at"),
            rs.getString("created_by"));

    Document insertDocument(String contractId, String sessionId, int seq, DocumentKind kind, String mediaType,
                            String fileName, byte[] content, String sha256, String signerId, Instant at, String by) {
        var doc = new Document(Ids.newId(), contractId, sessionId, seq, kind, mediaType, fileName, content.length,
                sha256, signerId, at, by);
        jdbc.sql("INSERT INTO signing_document (id, contract_id, session_id, seq, kind, media_type, file_name, content,"
                        + " byte_size, sha256, signer_id, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(doc.id(), contractId, sessionId, seq, kind.name(), mediaType, fileName, content, content.length,
                        sha256, signerId, DbTime.toDb(at), by)
                .update();
        return doc;
    }

    List<Document> documents(String sessionId) {
        return jdbc.sql("SELECT " + DOCUMENT_COLUMNS + " FROM signing_document WHERE session_id = ? ORDER BY seq")
                .param(sessionId).query(documentMapper).list();
    }

    /** The contract another than {@code contractId} whose signed scan has these bytes, if any. */
    Optional<String> scanOfAnotherContract(String sha256, String contractId) {
        return jdbc.sql("SELECT contract_id FROM signing_document WHERE sha256 = ? AND kind = 'PAPER_SCAN'"
                        + " AND contract_id <> ? ORDER BY created_at")
                .params(sha256, contractId).query(String.class).list().stream().findFirst();
    }

    Optional<Document> documentBySha(String sha256) {
        return jdbc.sql("SELECT " + DOCUMENT_COLUMNS + " FROM signing_document WHERE sha256 = ? ORDER BY created_at")
                .param(sha256).query(documentMapper).list().stream().findFirst();
    }

    byte[] content(String documentId) {
        return jdbc.sql("SELECT content FROM signing_document WHERE id = ?").param(documentId)
                .query((rs, n) -> rs.getBytes(1)).single();
    }

    // --- approved documents

    void insertApproved(ApprovedDocument d) {
        jdbc.sql("INSERT INTO signing_approved_document (contract_id, contract_version, content, sha256, approved_at,"
                        + " approved_by) VALUES (?,?,?,?,?,?)")
                .params(d.contractId(), d.contractVersion(), d.content(), d.sha256(), DbTime.toDb(d.approvedAt()),
                        d.approvedBy())
                .update();
    }

    Optional<ApprovedDocument> latestApproved(String contractId) {
        return jdbc.sql("SELECT * FROM signing_approved_document WHERE contract_id = ? ORDER BY contract_version DESC")
                .param(contractId)
                .query((rs, n) -> new ApprovedDocument(rs.getString("contract_id"), rs.getInt("contract_version"),
                        rs.getBytes("content"), rs.getString("sha256"), DbTime.read(rs, "approved_at"),
                        rs.getString("approved_by")))
                .list().stream().findFirst();
    }

    // --- evidence

    void insertEvent(Event e) {
        jdbc.sql("INSERT INTO signing_event (id, session_id, contract_id, signer_id, occurred_at, kind, actor, ip,"
                        + " user_agent, detail) VALUES (?,?,?,?,?,?,?,?,?,?)")
                .params(e.id(), e.sessionId(), e.contractId(), e.signerId(), DbTime.toDb(e.at()), e.kind().name(),
                        e.actor(), e.ip(), e.userAgent(), e.detail())
                .update();
    }

    List<Event> events(String sessionId) {
        return jdbc.sql("SELECT * FROM signing_event WHERE session_id = ? ORDER BY occurred_at, id").param(sessionId)
                .query((rs, n) -> new Event(rs.getString("id"), rs.getString("session_id"), rs.getString("contract_id"),
                        rs.getString("signer_id"), DbTime.read(rs, "occurred_at"),
                        SigningEventKind.valueOf(rs.getString("kind")), rs.getString("actor"), rs.getString("ip"),
                        rs.getString("user_agent"), rs.getString("detail")))
                .list();
    }

    /** Whether the user is a signer of any round of the contract (they may then read it). */
    boolean isSigner(String username, String contractId) {
        return jdbc.sql("SELECT COUNT(*) FROM signing_signer WHERE contract_id = ? AND username = ?")
                .params(contractId, username).query(Long.class).single() > 0;
    }

    /** The contracts waiting for this user's signature now (status only; the turn is checked by the caller). */
    List<Signer> pendingFor(String username) {
        return jdbc.sql("SELECT " + SIGNER_COLUMNS + " FROM signing_signer WHERE username = ? AND status = 'PENDING'"
                + " AND invited_at IS NOT NULL").param(username).query(signerMapper).list();
    }
}
