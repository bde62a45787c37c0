package io.qiyue.customer;

/** A contact person of a customer. {@code mobile} is masked unless the reader may see personal information. */
public record Contact(String id, String name, String title, String mobile, String email, boolean primary) {
}
