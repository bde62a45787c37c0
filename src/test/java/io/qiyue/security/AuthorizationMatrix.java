package io.qiyue.security;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The vocabulary of the authorization matrix ({@link AuthorizationMatrixContract}): who calls, whose record
 * the call is about, which rule an endpoint follows, and which outcome the rule gives. The rules are those of
 * the README ("Roles and data scope") and of {@link DataScopes}; nothing here asks the application.
 */
final class AuthorizationMatrix {
    private AuthorizationMatrix() {
    }

    /** Every role, each as a user of one team (team 1), and nobody at all. */
    enum Caller { ANONYMOUS, ADMIN, SALES, SALES_MANAGER, LEGAL, FINANCE, VIEWER }

    /**
     * Whose record a request is about, seen from the caller: their own, a salesperson's of their team, a
     * salesperson's of another team. NONE: the endpoint is not about one owner's record.
     */
    enum Scope { OWN, TEAM, OTHER, NONE }

    /** The outcome classes the matrix tells apart. */
    enum Outcome {
        /** Done: 2xx (or a status the endpoint lists as a normal answer); a page: 2xx or a redirect, no form errors. */
        ALLOWED,
        /** 400 naming the field; a page: the form again with its errors (e.g. another team's customer as reference). */
        REFUSED_INPUT,
        /** 403: readable but not writable, or not for the caller's role. */
        FORBIDDEN,
        /** 404: outside the read scope the record does not exist for the caller. */
        NOT_FOUND,
        /** 401; a page: a redirect to the login page. */
        UNAUTHENTICATED
    }

    /** What an endpoint needs of its caller. */
    enum Rule {
        /** Anyone, signed in or not. */
        PUBLIC,
        /** Any signed-in user; what they get is their own or filtered to their read scope. */
        AUTHENTICATED,
        /** Administrators only: users, teams, audit, review settings, portfolio re-review, our entities. */
        ADMIN,
        READ_CUSTOMER, WRITE_CUSTOMER,
        /** Creating a customer owned by the scope's owner. */
        CREATE_CUSTOMER,
        READ_CONTRACT, WRITE_CONTRACT,
        /** Creating a contract owned by the scope's owner, for that owner's customer. */
        CREATE_CONTRACT,
        /** The caller's own API token; anyone else's does not exist for them. */
        OWN_TOKEN,
        /** {@link #OWN_TOKEN}, and an admin's over anyone's (revoking a token that leaked). */
        OWN_TOKEN_OR_ADMIN,
        /**
         * An approval task's assignee only. The matrix calls it on a task of none of its callers on a contract of
         * another team's owner: 403 for a caller who reads that contract, 404 for one who does not; the assignee's
         * own decisions are ApprovalApiContract's.
         */
        ASSIGNEE,
        /** Receipts, invoices and plan changes of a contract the caller reads: FINANCE and ADMIN only. */
        WRITE_RECEIVABLE,
        /** Templates and the clause library: ADMIN and LEGAL (the permission MANAGE_TEMPLATES). */
        MANAGE_TEMPLATES,
        /**
         * A contract's files kept as they were signed or received, which print a person's ID number in full: the
         * readers who see personal information in clear; 403 to the other readers of the contract.
         */
        READ_KEPT_FILES;

        /** Whether the rule is about one owner's record, so that it is checked for each {@link Scope}. */
        boolean ownerScoped() {
            return this != PUBLIC && this != AUTHENTICATED && this != ADMIN && this != ASSIGNEE
                    && this != MANAGE_TEMPLATES;
        }

        Outcome expected(Caller caller, Scope scope) {
            if (this == PUBLIC) {
                return Outcome.ALLOWED;
            }
            if (caller == Caller.ANONYMOUS) {
                return Outcome.UNAUTHENTICATED;
            }
            Scope s = scope == Scope.NONE ? Scope.OWN : scope;
            return switch (this) {
                case AUTHENTICATED -> Outcome.ALLOWED;
                case ADMIN -> caller == Caller.ADMIN ? Outcome.ALLOWED : Outcome.FORBIDDEN;
                case MANAGE_TEMPLATES -> caller == Caller.ADMIN || caller == Caller.LEGAL ? Outcome.ALLOWED
                        : Outcome.FORBIDDEN;
                case READ_CUSTOMER, READ_CONTRACT -> reads(caller, s) ? Outcome.ALLOWED : Outcome.NOT_FOUND;
                case READ_KEPT_FILES -> !reads(caller, s) ? Outcome.NOT_FOUND
                        : seesPersonalInformation(caller, s) ? Outcome.ALLOWED : Outcome.FORBIDDEN;
                case WRITE_CUSTOMER -> !reads(caller, s) ? Outcome.NOT_FOUND
                        : writesCustomers(caller, s) ? Outcome.ALLOWED : Outcome.FORBIDDEN;
                case WRITE_CONTRACT -> !reads(caller, s) ? Outcome.NOT_FOUND
                        : writesContracts(caller, s) ? Outcome.ALLOWED : Outcome.FORBIDDEN;
                case CREATE_CUSTOMER -> !writesCustomers(caller, Scope.OWN) ? Outcome.FORBIDDEN
                        : writesCustomers(caller, s) ? Outcome.ALLOWED : Outcome.REFUSED_INPUT;
                case CREATE_CONTRACT -> !writesContracts(caller, Scope.OWN) ? Outcome.FORBIDDEN
                        : writesContracts(caller, s) ? Outcome.ALLOWED : Outcome.REFUSED_INPUT;
                case OWN_TOKEN -> s == Scope.OWN ? Outcome.ALLOWED : Outcome.NOT_FOUND;
                case OWN_TOKEN_OR_ADMIN -> s == Scope.OWN || caller == Caller.ADMIN ? Outcome.ALLOWED : Outcome.NOT_FOUND;
                case ASSIGNEE -> reads(caller, Scope.OTHER) ? Outcome.FORBIDDEN : Outcome.NOT_FOUND;
                case WRITE_RECEIVABLE -> !reads(caller, s) ? Outcome.NOT_FOUND
                        : caller == Caller.ADMIN || caller == Caller.FINANCE ? Outcome.ALLOWED : Outcome.FORBIDDEN;
                case PUBLIC -> throw new IllegalStateException();
            };
        }

        /** ADMIN, LEGAL, FINANCE and VIEWER read everything; SALES their own; SALES_MANAGER their team's. */
        static boolean reads(Caller caller, Scope scope) {
            return switch (caller) {
                case ADMIN, LEGAL, FINANCE, VIEWER -> true;
                case SALES -> scope == Scope.OWN;
                case SALES_MANAGER -> scope == Scope.OWN || scope == Scope.TEAM;
                case ANONYMOUS -> false;
            };
        }

        /** ADMIN everything; SALES their own; SALES_MANAGER their team's; nobody else (owning one is not enough). */
        static boolean writesCustomers(Caller caller, Scope scope) {
            return caller == Caller.ADMIN || (caller == Caller.SALES && scope == Scope.OWN)
                    || (caller == Caller.SALES_MANAGER && scope != Scope.OTHER);
        }

        /** As customers, and LEGAL edits every contract. */
        static boolean writesContracts(Caller caller, Scope scope) {
            return writesCustomers(caller, scope) || caller == Caller.LEGAL;
        }

        /**
         * ID numbers and mobiles in clear: admins, legal and whoever may edit the customer; masked to the
         * others who may read it.
         */
        static boolean seesPersonalInformation(Caller caller, Scope scope) {
            return caller == Caller.ADMIN || caller == Caller.LEGAL || writesCustomers(caller, scope);
        }
    }

    /** What a write changes, so that a refused one can be shown to have changed nothing. */
    enum Subject { NONE, CUSTOMER, CONTRACT, TOKEN }

    /** Which fixture an allowed write gets of its own, so that it cannot spoil the shared ones for later rows. */
    enum Fresh {
        NONE,
        /** A customer (person, one contact) of the scope's owner. */
        CUSTOMER,
        /** A draft contract of the scope's owner with a fixable warning, reviewed. */
        CONTRACT,
        /** Such a contract with its warnings accepted, so that it can be submitted. */
        READY,
        /** Such a contract submitted for approval, so that it can be withdrawn. */
        SUBMITTED,
        /** Such a contract approved, so that signing can start. */
        APPROVED,
        /** Such a contract with signing started, so that it can be cancelled. */
        SIGNING,
        /** Such a contract signed, so that it can be terminated or renewed. */
        SIGNED,
        /** A spare API token of the caller. */
        TOKEN
    }

    /** The records a request is about. */
    record Target(String owner, String customerId, String contactId, String mobile, String idNumber,
                  String contractId, String tokenId) {

        Target withCustomer(String customerId, String contactId, String mobile, String idNumber) {
            return new Target(owner, customerId, contactId, mobile, idNumber, contractId, tokenId);
        }

        Target withContract(String contractId) {
            return new Target(owner, customerId, contactId, mobile, idNumber, contractId, tokenId);
        }

        Target withToken(String tokenId) {
            return new Target(owner, customerId, contactId, mobile, idNumber, contractId, tokenId);
        }
    }

    /** One row's request, built for a caller, a scope and its target. */
    record Ctx(Caller caller, Scope scope, Target target) {
        String customer() {
            return "/api/v1/customers/" + target.customerId();
        }

        String contract() {
            return "/api/v1/contracts/" + target.contractId();
        }
    }

    /** One HTTP request: JSON, a form (the session UI), multipart or none. */
    record Call(String method, String path, String contentType, byte[] body, Map<String, String> headers) {

        static Call get(String path) {
            return new Call("GET", path, null, null, Map.of());
        }

        static Call delete(String path) {
            return new Call("DELETE", path, null, null, Map.of());
        }

        static Call json(String method, String path, String json) {
            return new Call(method, path, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Call mergePatch(String path, String json) {
            return new Call("PATCH", path, "application/merge-patch+json", json.getBytes(StandardCharsets.UTF_8),
                    Map.of());
        }

        /** A form POST of the session UI: names and values, alternating. */
        static Call form(String path, String... namesAndValues) {
            var sb = new StringBuilder();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                if (namesAndValues[i + 1] == null) {
                    continue;
                }
                sb.append(sb.isEmpty() ? "" : "&").append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
            }
            return new Call("POST", path, "application/x-www-form-urlencoded",
                    sb.toString().getBytes(StandardCharsets.UTF_8), Map.of());
        }

        /** A multipart POST with one part {@code file}. */
        static Call upload(String path, String fileName, String type, byte[] content) {
            var out = new ByteArrayOutputStream();
            out.writeBytes(("--matrix\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n--matrix--\r\n".getBytes(StandardCharsets.UTF_8));
            return new Call("POST", path, "multipart/form-data; boundary=matrix", out.toByteArray(),
                    Map.of("X-Requested-With", "matrix")); // as integrations must (cross-site upload check)
        }

        Call header(String name, String value) {
            var headers = new LinkedHashMap<>(this.headers);
            headers.put(name, value);
            return new Call(method, path, contentType, body, headers);
        }

        Call ifMatch(String etag) {
            return header("If-Match", etag);
        }
    }

    /**
     * One endpoint's expectation: the handler mapping it stands for ({@code "GET /api/v1/contracts/{id}"}), its
     * rule, whether it is checked per scope, which fixture an allowed write gets of its own, statuses that are
     * also a normal answer when allowed (409 of a portfolio run already going), whether it starts work in the
     * background (checked last, and waited for), and how to call it.
     */
    record Row(String endpoint, Rule rule, boolean scoped, Fresh fresh, Set<Integer> alsoAllowed,
               boolean background, Function<Ctx, Call> call) {

        static Row of(String endpoint, Rule rule, Function<Ctx, Call> call) {
            return new Row(endpoint, rule, rule.ownerScoped(), Fresh.NONE, Set.of(), false, call);
        }

        String method() {
            return endpoint.substring(0, endpoint.indexOf(' '));
        }

        boolean api() {
            return endpoint.contains(" /api/");
        }

        boolean write() {
            return !method().equals("GET");
        }

        Subject subject() {
            return switch (rule) {
                case WRITE_CUSTOMER -> Subject.CUSTOMER;
                case WRITE_CONTRACT -> Subject.CONTRACT;
                case OWN_TOKEN, OWN_TOKEN_OR_ADMIN -> Subject.TOKEN;
                default -> Subject.NONE;
            };
        }

        Row fresh(Fresh fresh) {
            return new Row(endpoint, rule, scoped, fresh, alsoAllowed, background, call);
        }

        /** Checked once per caller: the rule does not depend on whose record it is (e.g. a blank form). */
        Row unscoped() {
            return new Row(endpoint, rule, false, fresh, alsoAllowed, background, call);
        }

        Row alsoAllowed(Integer... statuses) {
            return new Row(endpoint, rule, scoped, fresh, Set.of(statuses), background, call);
        }

        /** Starts work in the background (a portfolio re-review) that changes records the other rows look at. */
        Row startsBackgroundWork() {
            return new Row(endpoint, rule, scoped, fresh, alsoAllowed, true, call);
        }
    }
}
