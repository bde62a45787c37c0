package io.qiyue.customer;

import java.time.Instant;
import java.util.List;

/**
 * A customer as a reader sees it. {@code idNumber} and the contacts' mobiles are masked when
 * {@code personalInformationMasked} is true.
 */
public record Customer(String id, CustomerKind kind, String name, String creditCode, String idNumber, String address,
                       String legalRepresentative, String industry, CustomerLevel level, CustomerStatus status,
                       String owner, List<Contact> contacts, boolean personalInformationMasked, int version,
                       Instant createdAt, Instant updatedAt) {

    public Contact primaryContact() {
        return contacts.stream().filter(Contact::primary).findFirst().orElse(null);
    }

    /**
     * What identifies or reaches a person behind the customer, as a contract prints it: the address, the
     * ID number and the contacts' names, mobiles and e-mail addresses (not the name or credit code, which
     * lists show to everyone).
     */
    public List<String> personalDetails() {
        var details = new java.util.ArrayList<String>();
        details.add(address);
        details.add(idNumber);
        for (var c : contacts) {
            details.add(c.name());
            details.add(c.mobile());
            details.add(c.landline());
            details.add(c.email());
        }
        details.removeIf(java.util.Objects::isNull);
        return details;
    }

    CustomerInput toInput() {
        return new CustomerInput(kind, name, creditCode, idNumber, address, legalRepresentative, industry, level,
                status, owner, contacts.stream().map(c -> new ContactInput(c.id(), c.name(), c.title(), c.mobile(),
                c.landline(), c.email(), c.primary())).toList());
    }
}
