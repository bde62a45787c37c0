package io.qiyue.security.web;

import io.qiyue.security.UserAdministration;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * People as pages name them: a user's display name (周经理) for the username a record keeps (manager.east), 系统 for
 * the application's own moves, and the username itself when no such user exists any more. For templates,
 * {@code ${@people.name(o.responsible)}}; each name is looked up once per request. An outside tester found
 * usernames on the obligation and approval pages where the rest of the UI shows names.
 */
@Component("people")
public class PeopleNames {
    private static final String CACHE = PeopleNames.class.getName() + ".names";

    private final UserAdministration users;

    PeopleNames(UserAdministration users) {
        this.users = users;
    }

    public String name(String username) {
        if (username == null || username.isBlank()) {
            return username;
        }
        Map<String, String> known = cache();
        return known.computeIfAbsent(username,
                u -> users.displayNames(List.of(u)).getOrDefault(u, u));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> cache() {
        var attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return new HashMap<>();
        }
        var cached = (Map<String, String>) attributes.getAttribute(CACHE, RequestAttributes.SCOPE_REQUEST);
        if (cached == null) {
            cached = new HashMap<>();
            attributes.setAttribute(CACHE, cached, RequestAttributes.SCOPE_REQUEST);
        }
        return cached;
    }
}
