package io.qiyue.customer.web;

import io.qiyue.customer.ContactInput;
import io.qiyue.customer.CustomerInput;
import io.qiyue.customer.CustomerKind;
import io.qiyue.customer.CustomerLevel;
import io.qiyue.customer.CustomerStatus;

import io.qiyue.shared.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * The customer form. Field names equal the paths of {@link CustomerInput} ({@code contacts[0].mobile}),
 * so service violations land beside their fields; {@code version} is the one the user started from.
 */
class CustomerForm {
    public CustomerKind kind = CustomerKind.ORGANIZATION;
    public String name;
    public String creditCode;
    public String idNumber;
    public String address;
    public String legalRepresentative;
    public String industry;
    public CustomerLevel level;
    public CustomerStatus status = CustomerStatus.ACTIVE;
    public String owner;
    public Integer version;
    public List<ContactForm> contacts = new ArrayList<>();

    static class ContactForm {
        public String id;
        public String name;
        public String title;
        public String mobile;
        public String landline;
        public String email;
        public boolean primary;

        boolean isBlank() {
            return Text.isBlank(name) && Text.isBlank(title) && Text.isBlank(mobile) && Text.isBlank(landline)
                    && Text.isBlank(email);
        }
    }

    static CustomerForm of(CustomerInput in, int version) {
        var form = new CustomerForm();
        form.kind = in.kind();
        form.name = in.name();
        form.creditCode = in.creditCode();
        form.idNumber = in.idNumber();
        form.address = in.address();
        form.legalRepresentative = in.legalRepresentative();
        form.industry = in.industry();
        form.level = in.level();
        form.status = in.status();
        form.owner = in.owner();
        form.version = version;
        for (var c : in.contacts()) {
            var row = new ContactForm();
            row.id = c.id();
            row.name = c.name();
            row.title = c.title();
            row.mobile = c.mobile();
            row.landline = c.landline();
            row.email = c.email();
            row.primary = Boolean.TRUE.equals(c.primary());
            form.contacts.add(row);
        }
        return form;
    }

    /**
     * Drops contact rows left empty (the form offers a spare row), so that the indices of the input's
     * contacts, and of its violations, are those of the rows shown again.
     */
    void dropEmptyContacts() {
        contacts.removeIf(c -> c == null || c.isBlank());
    }

    /** The input; only the identifier of the chosen kind is sent, the other field may hold a leftover. */
    CustomerInput toInput() {
        boolean organization = kind != CustomerKind.PERSON;
        return new CustomerInput(kind, Text.blankToNull(name), organization ? Text.blankToNull(creditCode) : null,
                organization ? null : Text.blankToNull(idNumber), Text.blankToNull(address), organization ? Text.blankToNull(legalRepresentative) : null,
                Text.blankToNull(industry), level, status, Text.blankToNull(owner),
                contacts.stream().map(c -> new ContactInput(Text.blankToNull(c.id), Text.blankToNull(c.name), Text.blankToNull(c.title), Text.blankToNull(c.mobile),
                        Text.blankToNull(c.landline), Text.blankToNull(c.email), c.primary)).toList());
    }
}
