package io.qiyue.customer;

/**
 * A contact person of a customer, reached by mobile, by fixed line ({@link LandlinePhone}, e.g. {@code 0755-12345678-123})
 * or by e-mail. {@code mobile} and {@code landline} are masked unless the reader may see personal information.
 */
public record Contact(String id, String name, String title, String mobile, String landline, String email,
                      boolean primary) {
}
