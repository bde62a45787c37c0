package io.qiyue.signing.pdf;

import java.util.Objects;

/**
 * Who signs: the person named in the certificate and the organisation they sign for.
 *
 * @param key          a stable identifier of the signer's key and certificate, e.g. {@code user:zhang} or
 *                     {@code contact:<id>}; one key pair per key, re-issued when the name or organisation changes
 * @param personName   the certificate's CN and the signature's /Name
 * @param organisation the certificate's O; null or blank for a natural person
 * @param email        the certificate's emailAddress and SAN rfc822Name; nullable
 */
public record SignerIdentity(String key, String personName, String organisation, String email) {
    public SignerIdentity {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(personName, "personName");
        if (key.isBlank() || key.length() > 200) {
            throw new IllegalArgumentException("a signer key is 1 to 200 characters");
        }
        if (personName.isBlank()) {
            throw new IllegalArgumentException("a signer has a name");
        }
        organisation = organisation == null || organisation.isBlank() ? null : organisation.strip();
        email = email == null || email.isBlank() ? null : email.strip();
        personName = personName.strip();
    }
}
