package io.qiyue.importing;

import io.qiyue.security.UserAdministration;

import java.util.List;
import java.util.Map;

/**
 * A file's 负责人 or 创建人 cell read as a user: by username in any case (full-width letters too), or by 姓名 when it
 * is one user's.
 */
final class NamedUsers {
    private NamedUsers() {
    }

    /**
     * The username the cell names; null for a blank cell (the importer) and for a refused one, with its problem
     * added: no such user, or a 姓名 several users have (the problem lists their usernames to choose from).
     *
     * @param known the names already looked up in this file, with what they were found to name
     */
    static String username(String cell, Map<String, List<String>> known, UserAdministration users, Problems problems,
                           int row, Column column) {
        if (cell.isEmpty()) {
            return null;
        }
        // as typed first (a 姓名 may hold full-width brackets), then with an IME's full-width letters as ASCII
        var found = known.computeIfAbsent(cell, name -> {
            var named = users.usernamesNamed(name);
            String ascii = ImportValues.halfWidth(name);
            return named.isEmpty() && !ascii.equals(name) ? users.usernamesNamed(ascii) : named;
        });
        if (found.size() == 1) {
            return found.getFirst();
        }
        if (found.isEmpty()) {
            problems.add(row, column, "qiyue.import.unknown-user", cell);
        } else {
            problems.add(row, column, "qiyue.import.ambiguous-user", cell, String.join("、", found));
        }
        return null;
    }
}
