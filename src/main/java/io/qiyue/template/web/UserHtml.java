package io.qiyue.template.web;

import org.springframework.http.ResponseEntity;

/**
 * Headers for HTML made from what users typed (rendered contracts, template previews, redlines): even if
 * markup slipped past the template check and the escaping, the browser runs no script, loads nothing
 * and treats the page as a sandboxed, unique origin that cannot reach the session's pages.
 */
final class UserHtml {
    static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

    private UserHtml() {
    }

    static ResponseEntity.BodyBuilder headers(ResponseEntity.BodyBuilder response) {
        return response.header("Content-Security-Policy", POLICY).header("X-Content-Type-Options", "nosniff");
    }
}
