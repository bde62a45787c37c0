package io.qiyue.security.web;

import io.qiyue.security.AccountSession;
import io.qiyue.security.AccountSessions;
import io.qiyue.security.CurrentUser;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.Role;
import io.qiyue.security.Team;
import io.qiyue.security.TeamInput;
import io.qiyue.security.User;
import io.qiyue.security.UserAdministration;
import io.qiyue.security.UserInput;
import io.qiyue.shared.JsonTrees;
import io.qiyue.shared.PageResult;
import io.qiyue.shared.Versions;
import io.qiyue.shared.web.JsonInput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;

/** Users and teams (admin only, enforced by the security filter chain), and {@code /users/me} for everyone. */
@RestController
@RequestMapping("/api/v1")
class UserApi {
    private final UserAdministration admin;
    private final JsonMapper json;
    private final Validator validator;
    private final AccountSessions sessions;

    private final io.qiyue.security.ApiTokens tokens;

    UserApi(UserAdministration admin, JsonMapper json, Validator validator, AccountSessions sessions,
            io.qiyue.security.ApiTokens tokens) {
        this.tokens = tokens;
        this.admin = admin;
        this.json = json;
        this.validator = validator;
        this.sessions = sessions;
    }

    @GetMapping("/users/me")
    CurrentUser me() {
        return CurrentUsers.require();
    }

    /** The caller's own new password; {@code currentPassword} proves it is the owner asking. */
    record PasswordChange(String currentPassword, String newPassword) {
    }

    /** Changes the caller's password; their UI sessions end (the API keeps no sessions; tokens stay valid). */
    @PostMapping("/users/me/password")
    ResponseEntity<Void> changePassword(@RequestBody PasswordChange change, HttpServletRequest request) {
        admin.changeOwnPassword(request.getRemoteAddr(), change.currentPassword(), change.newPassword());
        return ResponseEntity.noContent().build();
    }

    /** The caller's open UI sessions (the API keeps none, so none is marked current). */
    @GetMapping("/users/me/sessions")
    PageResult<AccountSession> sessions(HttpServletRequest request,
                                        @RequestParam(required = false) Integer page,
                                        @RequestParam(required = false) Integer size) {
        return PageResult.of(sessions.mine(request), page, size);
    }

    /** Ends one of the caller's UI sessions: it is signed out on its next request. */
    @DeleteMapping("/users/me/sessions/{id}")
    ResponseEntity<Void> endSession(@PathVariable String id) {
        sessions.end(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/users")
    PageResult<User> list(@RequestParam(required = false) String q, @RequestParam(required = false) Role role,
                          @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                          @RequestParam(required = false) String sort) {
        return admin.list(io.qiyue.shared.web.ListQueries.q(q), role, page, size, sort);
    }

    /** A user's API tokens, for an admin, who may revoke any of them (DELETE /api-tokens/{id}). */
    @GetMapping("/users/{id}/api-tokens")
    PageResult<io.qiyue.security.ApiToken> tokensOf(@PathVariable String id,
                                                   @RequestParam(required = false) Integer page,
                                                   @RequestParam(required = false) Integer size) {
        admin.get(id);
        return PageResult.of(tokens.listOf(id), page, size);
    }

    @GetMapping("/users/{id}")
    ResponseEntity<User> get(@PathVariable String id) {
        var user = admin.get(id);
        return ResponseEntity.ok().eTag(Versions.etag(user.version())).body(user);
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<User> create(@Valid @RequestBody UserInput input) {
        var user = admin.create(input);
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).eTag(Versions.etag(user.version()))
                .body(user);
    }

    /** What GET answered may come back as it is: see {@link JsonInput#readUpdate}. */
    @PutMapping("/users/{id}")
    ResponseEntity<User> put(@PathVariable String id, @RequestHeader(value = "If-Match", required = false) String ifMatch,
                             @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = UserInput.class))) @RequestBody JsonNode body) {
        int expected = Versions.expected(ifMatch);
        var input = JsonInput.readUpdate(json, validator, body, admin.get(id), UserInput.class);
        var user = admin.update(id, expected, input);
        return ResponseEntity.ok().eTag(Versions.etag(user.version())).body(user);
    }

    @PatchMapping(path = "/users/{id}", consumes = {"application/merge-patch+json", "application/json"})
    ResponseEntity<User> patch(@PathVariable String id,
                               @RequestHeader(value = "If-Match", required = false) String ifMatch,
                               @RequestBody JsonNode patch) {
        int expected = Versions.expected(ifMatch);
        var current = admin.get(id);
        JsonNode base = json.valueToTree(new UserInput(current.username(), current.displayName(), current.email(),
                current.roles(), current.teamId(), current.enabled(), null));
        var input = JsonInput.readUpdate(json, validator, JsonTrees.mergePatch(base, patch), current, UserInput.class);
        var user = admin.update(id, expected, input);
        return ResponseEntity.ok().eTag(Versions.etag(user.version())).body(user);
    }

    @GetMapping("/teams")
    PageResult<Team> teams(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return PageResult.of(admin.teams(), page, size);
    }

    @GetMapping("/teams/{id}")
    ResponseEntity<Team> team(@PathVariable String id) {
        var team = admin.team(id);
        return ResponseEntity.ok().eTag(Versions.etag(team.version())).body(team);
    }

    @PostMapping("/teams")
    @ResponseStatus(HttpStatus.CREATED) // documents the 201 (the answer sets it itself)
    ResponseEntity<Team> createTeam(@Valid @RequestBody TeamInput input) {
        var team = admin.createTeam(input);
        return ResponseEntity.created(URI.create("/api/v1/teams/" + team.id())).eTag(Versions.etag(team.version()))
                .body(team);
    }

    @PutMapping("/teams/{id}")
    ResponseEntity<Team> updateTeam(@PathVariable String id,
                                    @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = TeamInput.class))) @RequestBody JsonNode body) {
        int expected = Versions.expected(ifMatch);
        var input = JsonInput.readUpdate(json, validator, body, admin.team(id), TeamInput.class);
        var team = admin.updateTeam(id, expected, input);
        return ResponseEntity.ok().eTag(Versions.etag(team.version())).body(team);
    }
}
