package io.qiyue.search;

import io.qiyue.contract.ContractStatus;
import io.qiyue.contract.ContractType;
import io.qiyue.customer.CustomerKind;
import io.qiyue.customer.CustomerStatus;
import io.qiyue.security.CurrentUsers;
import io.qiyue.security.DataScopes;
import io.qiyue.security.Role;
import io.qiyue.shared.FieldViolation;
import io.qiyue.shared.ForbiddenException;
import io.qiyue.shared.InvalidInputException;
import io.qiyue.shared.Text;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Searching contracts and customers within the caller's data scope (the scope of the contract and customer lists,
 * narrowed by the owner and team filters), and rebuilding the index (admins).
 */
@Service
public class Search {
    public static final int MAX_QUERY_LENGTH = 200;
    public static final int MAX_SIZE = io.qiyue.shared.Paging.MAX_SIZE;
    private static final int DEEPEST = 10_000;
    private static final int SUGGESTIONS = 8;

    private final SearchIndex index;
    private final SearchFeeder feeder;
    private final DataScopes scopes;

    Search(SearchIndex index, SearchFeeder feeder, DataScopes scopes) {
        this.index = index;
        this.feeder = feeder;
        this.scopes = scopes;
    }

    /** The filters as a client sends them, every one optional but {@code q}. */
    public record Request(String q, String kind, String type, String status, String owner, String team, String from,
                          String to, String amountMin, String amountMax, String sort, Integer page, Integer size) {

        public static Request of(String q) {
            return new Request(q, null, null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    public SearchResult search(Request request) {
        var user = CurrentUsers.require();
        var violations = new ArrayList<FieldViolation>();
        String q = request.q() == null ? "" : request.q().strip();
        if (q.isEmpty()) {
            violations.add(new FieldViolation("q", "qiyue.search.q-required"));
        } else if (q.length() > MAX_QUERY_LENGTH) {
            violations.add(new FieldViolation("q", "qiyue.search.q-too-long", MAX_QUERY_LENGTH));
        }
        SearchKind kind = oneOf("kind", request.kind(), List.of(SearchKind.class), violations) == null ? null
                : SearchKind.valueOf(upper(request.kind()));
        // a type or status of the kind searched for: of contracts, of customers, or of either when both are
        String type = oneOf("type", request.type(), kind == SearchKind.CONTRACT ? List.of(ContractType.class)
                : kind == SearchKind.CUSTOMER ? List.of(CustomerKind.class)
                : List.of(ContractType.class, CustomerKind.class), violations);
        String status = oneOf("status", request.status(), kind == SearchKind.CONTRACT ? List.of(ContractStatus.class)
                : kind == SearchKind.CUSTOMER ? List.of(CustomerStatus.class)
                : List.of(ContractStatus.class, CustomerStatus.class), violations);
        LocalDate from = date("from", request.from(), violations);
        LocalDate to = date("to", request.to(), violations);
        if (from != null && to != null && from.isAfter(to)) {
            violations.add(new FieldViolation("to", "qiyue.search.to-before-from"));
        }
        BigDecimal amountMin = amount("amountMin", request.amountMin(), violations);
        BigDecimal amountMax = amount("amountMax", request.amountMax(), violations);
        if (amountMin != null && amountMax != null && amountMin.compareTo(amountMax) > 0) {
            violations.add(new FieldViolation("amountMax", "qiyue.search.max-below-min"));
        }
        String sortName = oneOf("sort", request.sort(), List.of(SearchSort.class), violations);
        SearchSort sort = sortName == null ? SearchSort.RELEVANCE : SearchSort.valueOf(sortName);
        int page = request.page() == null ? 0 : request.page();
        int size = request.size() == null ? 20 : request.size();
        if (page < 0) {
            violations.add(new FieldViolation("page", "qiyue.paging.page"));
        }
        if (size < 1 || size > MAX_SIZE) {
            violations.add(new FieldViolation("size", "qiyue.paging.size", MAX_SIZE));
        } else if (page >= 0 && ((long) page + 1) * size > DEEPEST) {
            violations.add(new FieldViolation("page", "qiyue.search.too-deep", DEEPEST));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var owners = scopes.readNarrowed(user, request.owner(), request.team());
        var result = index.search(new SearchCriteria(q, kind, type, status, owners, from, to, amountMin, amountMax, sort,
                page, size));
        // an index rebuilt from scratch (by an admin, or because it was missing or damaged) answers from what it has
        // taken so far: say so, rather than let "nothing found" pass for an answer
        var rebuild = feeder.progress();
        return rebuild.status() == RebuildProgress.Status.RUNNING ? result.duringRebuild(rebuild.percent()) : result;
    }

    /** The best few hits for what is being typed (nothing for a blank or overlong text, never an error). */
    public List<SearchHit> suggest(String q) {
        if (Text.isBlank(q) || q.strip().length() > MAX_QUERY_LENGTH) {
            return List.of();
        }
        var owners = scopes.read(CurrentUsers.require());
        // what is typed is looked for as part of titles too: 保 is the start of 保密协议, not a word of its own
        // (outside tester: only a contract with 维保 was suggested)
        return index.search(new SearchCriteria(q.strip(), null, null, null, owners, null, null, null, null,
                SearchSort.RELEVANCE, 0, SUGGESTIONS, true)).items();
    }

    /** Rebuilds the index from the database in the background (admins); the progress so far. */
    public RebuildProgress rebuild() {
        requireAdmin();
        return feeder.startRebuild();
    }

    public RebuildProgress rebuildProgress() {
        requireAdmin();
        return feeder.progress();
    }

    /** Whether the caller may rebuild the index (for the admin page's button). */
    public boolean mayRebuild() {
        return CurrentUsers.current().map(u -> u.has(Role.ADMIN)).orElse(false);
    }

    private static void requireAdmin() {
        if (!CurrentUsers.require().has(Role.ADMIN)) {
            throw new ForbiddenException("qiyue.problem.forbidden");
        }
    }

    private static String upper(String value) {
        return value.strip().toUpperCase(Locale.ROOT);
    }

    /**
     * The value as the constant of one of {@code kinds} it names, or null with a violation that lists each kind's
     * values with their labels, as every other enumerated field does (outside tester: bare codes, with customer
     * kinds among the contract types).
     */
    private static String oneOf(String field, String value, List<Class<? extends Enum<?>>> kinds,
                                List<FieldViolation> violations) {
        if (Text.isBlank(value)) {
            return null;
        }
        String upper = upper(value);
        boolean known = kinds.stream().flatMap(k -> Arrays.stream(k.getEnumConstants())).map(Enum::name)
                .anyMatch(upper::equals);
        if (!known) {
            violations.add(kinds.size() == 1 ? new FieldViolation(field, "qiyue.json.enum-values", kinds.getFirst())
                    : new FieldViolation(field, "qiyue.search.one-of-either", kinds.get(0), kinds.get(1)));
            return null;
        }
        return upper;
    }

    private static LocalDate date(String field, String value, List<FieldViolation> violations) {
        if (Text.isBlank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(field, "qiyue.search.date"));
            return null;
        }
    }

    private static BigDecimal amount(String field, String value, List<FieldViolation> violations) {
        if (Text.isBlank(value)) {
            return null;
        }
        try {
            var amount = new BigDecimal(value.strip());
            if (amount.signum() < 0 || amount.scale() > 2 || amount.precision() - amount.scale() > 15) {
                violations.add(new FieldViolation(field, "qiyue.search.amount"));
                return null;
            }
            return amount;
        } catch (NumberFormatException e) {
            violations.add(new FieldViolation(field, "qiyue.search.amount"));
            return null;
        }
    }
}
