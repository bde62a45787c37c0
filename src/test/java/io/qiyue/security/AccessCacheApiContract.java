package io.qiyue.security;

import io.qiyue.testing.ApiClient;
import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens, users and team members are cached for the API's authentication (AccessCache): every change of who may do
 * what counts from the very next request, also while other requests of the same user keep the cache busy.
 */
abstract class AccessCacheApiContract extends ApiTestSupport {

    @Test
    void aRevokedTokenFailsOnTheNextRequest() {
        var user = createUser("SALES", null);
        var basic = anonymous().basic(user.username(), USER_PASSWORD);
        var created = basic.post("/api/v1/api-tokens", "{\"name\": \"cached\"}");
        String id = created.json().path("id").asString();
        var bearer = anonymous().bearer(created.json().path("token").asString());
        for (int i = 0; i < 3; i++) {
            assertThat(bearer.get("/api/v1/users/me").status()).isEqualTo(200);
        }
        assertThat(basic.delete("/api/v1/api-tokens/" + id, null).status()).isEqualTo(204);
        assertProblem(bearer.get("/api/v1/users/me"), 401);
        // the user's other token is not affected
        assertThat(user.client().get("/api/v1/users/me").status()).isEqualTo(200);
    }

    @Test
    void aRoleChangeCountsFromTheNextRequest() {
        var user = createUser("VIEWER", null);
        assertProblem(user.client().get("/api/v1/users"), 403);
        patchUser(user.id(), "{\"roles\": [\"ADMIN\"]}");
        assertThat(user.client().get("/api/v1/users").status()).isEqualTo(200);
        assertThat(user.client().get("/api/v1/users/me").json().path("roles").toString()).contains("ADMIN");
        patchUser(user.id(), "{\"roles\": [\"VIEWER\"]}");
        assertProblem(user.client().get("/api/v1/users"), 403);
    }

    @Test
    void aDisabledUsersTokenFailsOnTheNextRequestAndWorksAgainWhenEnabled() {
        var user = createUser("SALES", null);
        assertThat(user.client().get("/api/v1/contracts").status()).isEqualTo(200);
        patchUser(user.id(), "{\"enabled\": false}");
        assertProblem(user.client().get("/api/v1/contracts"), 401);
        patchUser(user.id(), "{\"enabled\": true}");
        assertThat(user.client().get("/api/v1/contracts").status()).isEqualTo(200);
    }

    @Test
    void aTeamChangeMovesTheManagersScopeOnTheNextRequest() {
        String team = createTeam();
        String otherTeam = createTeam();
        var manager = createUser("SALES_MANAGER", team);
        var seller = createUser("SALES", team);
        String contract = createContract(seller.client(), "SERVICE").path("id").asString();
        assertThat(manager.client().get("/api/v1/contracts/" + contract).status()).isEqualTo(200);

        patchUser(seller.id(), "{\"teamId\": \"%s\"}".formatted(otherTeam));
        assertProblem(manager.client().get("/api/v1/contracts/" + contract), 404);
        patchUser(seller.id(), "{\"teamId\": \"%s\"}".formatted(team));
        assertThat(manager.client().get("/api/v1/contracts/" + contract).status()).isEqualTo(200);

        // the manager's own team changes too: they no longer manage the team they left (its approvals would go to
        // someone who cannot see its contracts), and the team says so
        var teamPath = "/api/v1/teams/" + team;
        var managed = admin().put(teamPath, "{\"name\": \"%s\", \"managerId\": \"%s\"}".formatted(
                admin().get(teamPath).json().path("name").asString(), manager.id()), admin().get(teamPath).header("ETag"));
        assertThat(managed.status()).as("%s", managed).isEqualTo(200);
        patchUser(manager.id(), "{\"teamId\": \"%s\"}".formatted(otherTeam));
        assertProblem(manager.client().get("/api/v1/contracts/" + contract), 404);
        assertThat(admin().get(teamPath).json().path("managerId").isNull()).isTrue();
        assertThat(admin().get("/api/v1/audit?entity=TEAM&id=" + team).body()).contains(manager.id());
    }

    @Test
    void anOwnershipTransferCountsFromTheNextRequest() {
        var first = createUser("SALES", null);
        var second = createUser("SALES", null);
        String contract = createContract(first.client(), "SERVICE").path("id").asString();
        assertThat(first.client().get("/api/v1/contracts/" + contract).status()).isEqualTo(200);
        assertProblem(second.client().get("/api/v1/contracts/" + contract), 404);

        var current = admin().get("/api/v1/contracts/" + contract);
        var moved = admin().patch("/api/v1/contracts/" + contract,
                "{\"owner\": \"%s\"}".formatted(second.username()), current.header("ETag"));
        assertThat(moved.status()).as("%s", moved).isEqualTo(200);
        assertProblem(first.client().get("/api/v1/contracts/" + contract), 404);
        assertThat(second.client().get("/api/v1/contracts/" + contract).status()).isEqualTo(200);
    }

    /**
     * Readers keep loading the user into the cache while an admin flips the role; after each flip has been
     * answered, the next request must see it: a load that raced with the change must not leave the old role behind.
     */
    @Test
    void changesCountFromTheNextRequestWhileOtherRequestsRace() throws Exception {
        var user = createUser("VIEWER", null);
        var stop = new AtomicBoolean();
        try (ExecutorService readers = Executors.newFixedThreadPool(4)) {
            List<Future<?>> running = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                running.add(readers.submit(() -> {
                    while (!stop.get()) {
                        user.client().get("/api/v1/users/me");
                    }
                    return null;
                }));
            }
            try {
                for (int round = 0; round < 6; round++) {
                    boolean admin = round % 2 == 0;
                    patchUser(user.id(), admin ? "{\"roles\": [\"ADMIN\"]}" : "{\"roles\": [\"VIEWER\"]}");
                    HttpResponse next = user.client().get("/api/v1/users");
                    assertThat(next.status()).as("round %d", round).isEqualTo(admin ? 200 : 403);
                }
            } finally {
                stop.set(true);
            }
            for (var f : running) {
                f.get();
            }
        }
    }

    private void patchUser(String id, String patch) {
        ApiClient admin = admin();
        var current = admin.get("/api/v1/users/" + id);
        var patched = admin.request("PATCH", "/api/v1/users/" + id).header("If-Match", current.header("ETag"))
                .body("application/merge-patch+json", patch).send();
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
    }
}
