package io.qiyue.customer;

import java.time.Instant;

/** One of our own signing entities (我方签约主体); the bank account is masked except for admins and finance. */
public record OurEntity(String id, String name, String creditCode, String address, String legalRepresentative,
                        String bankName, String bankAccount, int version, Instant createdAt, Instant updatedAt) {
}
