package io.qiyue.negotiation.web;

import io.qiyue.negotiation.Negotiation;
import io.qiyue.negotiation.Negotiations;
import io.qiyue.negotiation.ShareLink;
import io.qiyue.negotiation.ShareLinks;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.PublicBaseUrl;
import io.qiyue.shared.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;

/** The owner's side of the negotiation over the REST API: share links, the customer's comments and proposals, decisions. */
@RestController
@RequestMapping("/api/v1")
class NegotiationApi {
    private final ShareLinks links;
    private final Negotiations negotiations;
    private final PublicBaseUrl publicBaseUrl;

    NegotiationApi(ShareLinks links, Negotiations negotiations, PublicBaseUrl publicBaseUrl) {
        this.links = links;
        this.negotiations = negotiations;
        this.publicBaseUrl = publicBaseUrl;
    }

    record ShareLinkRequest(@Size(max = 36) String contactId, Integer expiresInDays) {
    }

    /** A new link: {@code url} holds the token, shown this once. */
    record CreatedShareLink(String id, String url, Instant expiresAt, String contactId, String contactName) {
    }

    @PostMapping("/contracts/{id}/share-links")
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<CreatedShareLink> create(@PathVariable String id,
                                            @Valid @RequestBody(required = false) ShareLinkRequest body) {
        var created = links.create(id, body == null ? null
                : new ShareLinks.ShareLinkInput(body.contactId(), body.expiresInDays()));
        var link = created.link();
        return ResponseEntity.created(URI.create("/api/v1/share-links/" + link.id()))
                .body(new CreatedShareLink(link.id(), publicUrl(publicBaseUrl, created.token()), link.expiresAt(),
                        link.contactId(), link.contactName()));
    }

    /** Where the customer opens a link: the installation's public address ({@link PublicBaseUrl}), then {@code /p/<token>}. */
    static String publicUrl(PublicBaseUrl base, String token) {
        return base.of("/p/" + token);
    }

    /** One link with its uses (never its token, which was shown once). */
    @GetMapping("/share-links/{linkId}")
    ShareLink link(@PathVariable String linkId) {
        return links.get(linkId);
    }

    /** The contract's links, newest first, in the usual list envelope. */
    @GetMapping("/contracts/{id}/share-links")
    PageResult<ShareLink> list(@PathVariable String id, @RequestParam(required = false) Integer page,
                               @RequestParam(required = false) Integer size,
                               @RequestParam(required = false) String sort) {
        return links.page(id, page, size, sort);
    }

    @DeleteMapping("/share-links/{linkId}")
    ResponseEntity<Void> revoke(@PathVariable String linkId) {
        links.revoke(linkId);
        return ResponseEntity.noContent().build();
    }

    /** ETag: the contract's version, which an accepting decision names in If-Match. */
    @GetMapping("/contracts/{id}/negotiation")
    ResponseEntity<Negotiation> negotiation(@PathVariable String id) {
        var negotiation = negotiations.of(id);
        return ResponseEntity.ok().eTag(Versions.etag(negotiation.contractVersion())).body(negotiation);
    }

    /** One clause decided: {@code clauseKey} as the proposal lists it; {@code reason} optional. */
    record DecisionRequest(@Size(max = 200) String clauseKey, Negotiation.Decision decision,
                           @Size(max = 1000) String reason) {
    }

    /**
     * Accepts (If-Match: the contract's ETag; the answer's ETag is the new version) or rejects one clause of a
     * proposal.
     */
    @PostMapping("/contracts/{id}/proposals/{proposalId}/decisions")
    ResponseEntity<Negotiation.ProposedClause> decide(@PathVariable String id, @PathVariable String proposalId,
                                                      @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                      @Valid @RequestBody DecisionRequest body) {
        Integer expected = ifMatch == null || ifMatch.isBlank() ? null : Versions.expected(ifMatch);
        var decided = negotiations.decide(id, proposalId, body.clauseKey(), body.decision(), expected, body.reason());
        var response = ResponseEntity.ok();
        if (decided.appliedVersion() != null) {
            response.eTag(Versions.etag(decided.appliedVersion()));
        }
        return response.body(decided);
    }

    record ReplyRequest(@Size(max = 4000) String body) {
    }

    @PostMapping("/contracts/{id}/comments/{commentId}/replies")
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<Negotiation.Comment> reply(@PathVariable String id, @PathVariable String commentId,
                                              @Valid @RequestBody ReplyRequest body) {
        var reply = negotiations.reply(id, commentId, body.body());
        return ResponseEntity.created(URI.create("/api/v1/contracts/" + id + "/negotiation")).body(reply);
    }
}
