package io.qiyue.security.web;

import io.qiyue.security.ApiToken;
import io.qiyue.security.ApiTokens;
import io.qiyue.security.CurrentUsers;
import io.qiyue.shared.PageResult;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** The caller's own API tokens. */
@RestController
@RequestMapping("/api/v1/api-tokens")
class ApiTokenApi {
    private final ApiTokens tokens;

    ApiTokenApi(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record CreateToken(@Size(max = 100) String name, Integer expiresInDays) {
    }

    /** The created token with its secret: the only time the secret is ever shown. */
    record CreatedToken(String id, String name, String prefix, java.time.Instant createdAt,
                        java.time.Instant expiresAt, String token) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<CreatedToken> create(@RequestBody CreateToken input) {
        var created = tokens.create(CurrentUsers.require(), input.name(), input.expiresInDays());
        var t = created.token();
        return ResponseEntity.created(URI.create("/api/v1/api-tokens/" + t.id()))
                .body(new CreatedToken(t.id(), t.name(), t.prefix(), t.createdAt(), t.expiresAt(), created.secret()));
    }

    @GetMapping
    PageResult<ApiToken> list(@RequestParam(required = false) Integer page,
                              @RequestParam(required = false) Integer size) {
        return PageResult.of(tokens.list(CurrentUsers.require()), page, size);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String id) {
        tokens.revokeAny(CurrentUsers.require(), id);
    }
}
