/**
 * Who may do what: users, teams and roles, API tokens, the data scope that limits every read and
 * write to the records a user owns or oversees, and the cipher that keeps personal information
 * encrypted at rest. Other modules use {@link io.qiyue.security.CurrentUser}, {@link io.qiyue.security.DataScopes}
 * and {@link io.qiyue.security.FieldCipher}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package io.qiyue.security;
