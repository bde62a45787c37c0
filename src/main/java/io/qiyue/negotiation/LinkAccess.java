package io.qiyue.negotiation;

/** A share link found valid for a request: the only contract it opens, and who it was given to. */
public record LinkAccess(String linkId, String contractId, String contactName) {
}
