package io.qiyue.importing;

import io.qiyue.customer.ContactInput;
import io.qiyue.customer.CreditCode;
import io.qiyue.customer.CustomerInput;
import io.qiyue.customer.CustomerKind;
import io.qiyue.customer.CustomerLevel;
import io.qiyue.customer.Customers;
import io.qiyue.customer.IdNumber;
import io.qiyue.customer.MobilePhone;
import io.qiyue.security.UserAdministration;
import io.qiyue.shared.FieldViolation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Checks the rows of a customer file and plans their writes through {@link Customers}; natural key: the credit code. */
final class CustomerRows {
    private final Customers customers;
    private final UserAdministration users;
    private final java.util.Map<String, java.util.List<String>> named = new java.util.HashMap<>();
    private final ImportMode mode;
    private final Columns columns;
    private final Problems problems;
    private final Map<String, Integer> codesSeen = new HashMap<>();
    private final Map<String, Integer> idNumbersSeen = new HashMap<>();

    private final jakarta.validation.Validator validator;

    CustomerRows(Customers customers, UserAdministration users, ImportMode mode, Columns columns, Problems problems,
                 jakarta.validation.Validator validator) {
        this.validator = validator;
        this.customers = customers;
        this.users = users;
        this.mode = mode;
        this.columns = columns;
        this.problems = problems;
    }

    /** The row's plan, or null when it has problems (recorded in {@link Problems}). */
    RowPlan plan(Table.Row row) {
        int n = row.number();
        String name = value(row, Column.CUSTOMER_NAME);
        if (name.isEmpty()) {
            problems.add(n, Column.CUSTOMER_NAME, "qiyue.validation.required");
        }
        problems.checkCells(row);
        // a code typed in full-width characters (an IME's full-width mode) is the same code
        String code = CreditCode.normalise(ImportValues.halfWidth(value(row, Column.CREDIT_CODE)));
        String idNumber = value(row, Column.ID_NUMBER);
        CustomerKind kind = kind(value(row, Column.CUSTOMER_KIND), code, idNumber, n);
        if (code != null && !code.isEmpty()) {
            var problem = CreditCode.check(code);
            if (problem != null) {
                problems.add(n, Column.CREDIT_CODE, "qiyue.customer.credit-code." + problem);
            }
            Integer first = codesSeen.putIfAbsent(code, n);
            if (first != null) {
                problems.add(n, Column.CREDIT_CODE, "qiyue.import.duplicate-in-file", first);
            }
        }
        String idKey = IdNumber.normalise(blank(idNumber));
        if (idKey != null && kind == CustomerKind.PERSON) {
            Integer first = idNumbersSeen.putIfAbsent(idKey, n);
            if (first != null) {
                problems.add(n, Column.ID_NUMBER, "qiyue.import.duplicate-in-file", first);
            }
        }
        CustomerLevel level = level(value(row, Column.LEVEL), n);
        io.qiyue.customer.CustomerStatus status = status(value(row, Column.CUSTOMER_STATUS), n);
        String owner = owner(value(row, Column.CUSTOMER_OWNER), n);
        String contact = value(row, Column.CONTACT);
        String mobile = value(row, Column.MOBILE);
        String email = value(row, Column.EMAIL);
        List<ContactInput> contacts = contact.isEmpty() && mobile.isEmpty() && email.isEmpty() ? List.of()
                : List.of(new ContactInput(null, contact.isEmpty() ? null : contact, null, blank(mobile), null,
                blank(email), true));
        if (contacts.size() == 1 && contact.isEmpty()) {
            problems.add(n, Column.CONTACT, "qiyue.validation.required");
        }
        var input = new CustomerInput(kind, name, blank(code), blank(idNumber), blank(value(row, Column.ADDRESS)),
                blank(value(row, Column.LEGAL_REPRESENTATIVE)), blank(value(row, Column.INDUSTRY)), level, null, owner,
                contacts);
        // natural keys: an organisation's credit code, a person's ID number
        var existing = code != null && !code.isEmpty() ? customers.existingByCreditCode(code)
                : idKey != null && kind == CustomerKind.PERSON ? customers.existingByIdNumber(idKey)
                : java.util.Optional.<Customers.Existing>empty();
        if (problems.has(n)) {
            // as a contract's row: a new customer's own checks are made too, so that the row's problems come at once
            if (existing.isEmpty() && kind != null) {
                var reasons = ConstraintReasons.of(validator, input);
                customers.problems(null, input).forEach(v -> problems.addBesideReasoned(n, v, reasons.of(v)));
            }
            return null;
        }
        if (existing.isPresent()) {
            var found = existing.get();
            if (!found.readable()) {
                // the key is unique, so the row cannot be made; but it is not skipped as if the caller's customer were
                // there (their contract rows then found no such customer), as a contract number outside the scope
                problems.add(n, code != null && !code.isEmpty() ? Column.CREDIT_CODE : Column.ID_NUMBER,
                        "qiyue.import.customer-out-of-scope");
                return null;
            }
            if (!mode.updates()) {
                return new RowPlan(n, RowPlan.Outcome.SKIP, null);
            }
            if (!found.writable()) {
                problems.add(n, code != null && !code.isEmpty() ? Column.CREDIT_CODE : Column.ID_NUMBER,
                        "qiyue.import.not-yours");
                return null;
            }
            var before = customers.editable(found.id());
            if (status != null && status != before.status()) {
                problems.add(n, Column.CUSTOMER_STATUS, "qiyue.import.customer-status-unchanged",
                        Reason.label("enum.CustomerStatus." + before.status().name()));
                return null;
            }
            var merged = merge(before, input);
            // values masked on export (138****8000) come back masked: they mean the stored ones, not a change
            if (customers.asItWouldBeStored(found.id(), merged).equals(customers.asItWouldBeStored(found.id(), before))) {
                // the row repeats what is stored: no new version, no audit entry
                return new RowPlan(n, RowPlan.Outcome.SKIP, null);
            }
            report(n, customers.problems(found.id(), merged), merged);
            return problems.has(n) ? null : new RowPlan(n, RowPlan.Outcome.UPDATE,
                    () -> customers.update(found.id(), found.version(), merged));
        }
        if (status != null && status != io.qiyue.customer.CustomerStatus.ACTIVE) {
            problems.add(n, Column.CUSTOMER_STATUS, "qiyue.import.customer-status-new",
                    Reason.label("enum.CustomerStatus.ACTIVE"));
        }
        report(n, customers.problems(null, input), input);
        return problems.has(n) ? null : new RowPlan(n, RowPlan.Outcome.CREATE, () -> customers.create(input));
    }

    /**
     * Update mode changes what the file gives; a blank cell keeps what is on record, and so does everything the file
     * has no column for (a contact's title and landline, the other contacts). Values are compared as the customer
     * module stores them, so that a row repeating what is stored merges into exactly what is stored.
     */
    private static CustomerInput merge(CustomerInput before, CustomerInput file) {
        String code = file.creditCode() == null ? null : CreditCode.normalise(file.creditCode());
        String idNumber = file.idNumber() == null ? null : IdNumber.normalise(file.idNumber());
        return new CustomerInput(file.kind(), file.name(), or(code, before.creditCode()),
                or(idNumber, before.idNumber()), or(file.address(), before.address()),
                or(file.legalRepresentative(), before.legalRepresentative()), or(file.industry(), before.industry()),
                file.level() != null ? file.level() : before.level(), before.status(),
                or(file.owner(), before.owner()), file.contacts().isEmpty() ? before.contacts()
                : mergeContacts(before.contacts(), file.contacts().getFirst()));
    }

    /**
     * The row's one contact among those stored: the stored contact of that name, else of that mobile, is updated in
     * place (keeping its id, title, landline and whether it is the primary one); one not stored is added beside the
     * others. The file never replaces the list: it has one contact a row, a customer may have many.
     */
    static List<ContactInput> mergeContacts(List<ContactInput> stored, ContactInput file) {
        String name = file.name() == null ? null : file.name().strip();
        String mobile = file.mobile() == null ? null : or(MobilePhone.normalise(file.mobile()), file.mobile());
        String email = file.email() == null ? null : file.email().strip();
        int match = -1;
        for (int i = 0; i < stored.size() && match < 0; i++) {
            if (name != null && name.equals(stored.get(i).name())) {
                match = i;
            }
        }
        for (int i = 0; i < stored.size() && match < 0; i++) {
            if (mobile != null && mobile.equals(stored.get(i).mobile())) {
                match = i;
            }
        }
        var contacts = new ArrayList<>(stored);
        if (match < 0) {
            contacts.add(new ContactInput(null, name, null, mobile, null, email, stored.isEmpty()));
        } else {
            var s = stored.get(match);
            contacts.set(match, new ContactInput(s.id(), or(name, s.name()), s.title(), or(mobile, s.mobile()),
                    s.landline(), or(email, s.email()), s.primary()));
        }
        return contacts;
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }

    /** The module's refusals of the row's input, a constraint's by its message code (worded when read). */
    private void report(int n, List<FieldViolation> violations, CustomerInput input) {
        if (violations.isEmpty()) {
            return;
        }
        var reasons = ConstraintReasons.of(validator, input);
        violations.forEach(v -> problems.addReasoned(n, v, reasons.of(v)));
    }

    private CustomerKind kind(String text, String code, String idNumber, int n) {
        if (text.isEmpty()) {
            return (code == null || code.isEmpty()) && !idNumber.isEmpty() ? CustomerKind.PERSON : CustomerKind.ORGANIZATION;
        }
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "企业", "组织", "单位", "公司", "机构", "ORGANIZATION", "ORGANISATION", "COMPANY" -> CustomerKind.ORGANIZATION;
            case "个人", "自然人", "PERSON", "INDIVIDUAL" -> CustomerKind.PERSON;
            default -> {
                problems.add(n, Column.CUSTOMER_KIND, "qiyue.import.unknown-value", text,
                        new Reason.Listing(List.of("企业", "个人")));
                yield null;
            }
        };
    }

    /** 状态 as the export writes it (its label in Chinese or English, or the code); blank: not said. */
    private io.qiyue.customer.CustomerStatus status(String text, int n) {
        if (text.isEmpty()) {
            return null;
        }
        for (var value : io.qiyue.customer.CustomerStatus.values()) {
            String code = "enum.CustomerStatus." + value.name();
            if (text.equalsIgnoreCase(value.name()) || text.equals(problems.label(code, Locale.SIMPLIFIED_CHINESE))
                    || text.equalsIgnoreCase(problems.label(code, Locale.ENGLISH))) {
                return value;
            }
        }
        problems.add(n, Column.CUSTOMER_STATUS, "qiyue.import.unknown-value", text, new Reason.Listing(
                java.util.Arrays.stream(io.qiyue.customer.CustomerStatus.values())
                        .<Object>map(v -> Reason.label("enum.CustomerStatus." + v.name())).toList()));
        return null;
    }

    private CustomerLevel level(String text, int n) {
        if (text.isEmpty()) {
            return null;
        }
        // Ｂ typed in an IME's full-width mode is B
        String t = ImportValues.halfWidth(text).toUpperCase(Locale.ROOT).replace("级", "").replace("类", "").strip();
        try {
            return CustomerLevel.valueOf(t);
        } catch (IllegalArgumentException e) {
            problems.add(n, Column.LEVEL, "qiyue.import.unknown-value", text, new Reason.Listing(List.of("A", "B", "C")));
            return null;
        }
    }

    /** As a contract's ({@link NamedUsers}): blank for the importer; a name that is no one user here is refused. */
    private String owner(String cell, int n) {
        return NamedUsers.username(cell, named, users, problems, n, Column.CUSTOMER_OWNER);
    }

    private String value(Table.Row row, Column column) {
        return columns.value(row, column);
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
