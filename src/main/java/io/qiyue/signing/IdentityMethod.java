package io.qiyue.signing;

/** How a signer confirmed who they are and that they mean to sign (意愿认证). */
public enum IdentityMethod {
    PASSWORD, EMAIL_CODE
}
