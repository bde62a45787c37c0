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

    CustomerInput toInput() {
        return new CustomerInput(kind, name, creditCode, idNumber, address, legalRepresentative, industry, level,
                status, owner, contacts.stream().map(c -> new ContactInput(c.id(), c.name(), c.title(), c.mobile(),
                c.email(), c.primary())).toList());
    }
}
