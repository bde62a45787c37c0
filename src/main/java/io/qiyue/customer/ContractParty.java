package io.qiyue.customer;

/**
 * One party of a contract as other modules need it to check the contract (review): identity, name,
 * address and status. {@code idNumber} is in clear because identity checks need the digits; it is
 * personal information, so callers must never log, show or store it ({@link #toString()} masks it).
 */
public record ContractParty(String id, CustomerKind kind, String name, String creditCode, String idNumber,
                            String address, CustomerStatus status) {

    @Override
    public String toString() {
        return "ContractParty[id=" + id + ", kind=" + kind + ", name=" + name + ", creditCode=" + creditCode
                + ", idNumber=" + IdNumber.mask(idNumber) + ", address=" + address + ", status=" + status + "]";
    }
}
