package io.qiyue.notification;

import io.qiyue.security.Role;
import io.qiyue.security.User;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.NotFoundException;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Who besides a contract's owner is told of something: the owner's team manager, the people of a role. */
@Component
class Recipients {
    private final UserAdministration users;

    Recipients(UserAdministration users) {
        this.users = users;
    }

    /** The user and their team's manager (when there is one, enabled, and not the user). */
    List<String> withManager(String username) {
        var out = new LinkedHashSet<String>();
        out.add(username);
        managerOf(username).ifPresent(out::add);
        return List.copyOf(out);
    }

    /** {@link #withManager} and every enabled user of these roles, each once. */
    List<String> withManagerAnd(String username, Role... roles) {
        var out = new LinkedHashSet<>(withManager(username));
        for (Role role : roles) {
            out.addAll(users.enabledUsernames(role));
        }
        return List.copyOf(out);
    }

    private Optional<String> managerOf(String username) {
        return users.findByUsername(username).map(User::teamId).filter(Objects::nonNull).flatMap(teamId -> {
            try {
                return Optional.ofNullable(users.team(teamId).managerId());
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        }).flatMap(id -> {
            try {
                return Optional.of(users.get(id)).filter(User::enabled);
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        }).map(User::username).filter(m -> !m.equals(username));
    }
}
