package io.qiyue.shared.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * A JSON answer with its ETag, written by the handler itself: for the reads clients make most (GET of one
 * resource), where Spring MVC's general path for a {@code ResponseEntity} (choosing a return value handler, content
 * negotiation, copying the headers, its conditional request check) cost more CPU than the database query behind
 * it in bench/speed.sh's profile. The mapping declares {@code produces = application/json}, so that a client asking
 * for something else is still told 406 before the handler runs.
 *
 * <p>Written with the application's {@link JsonMapper}, so the body is the one the message converter would write,
 * with a {@code Content-Length}. Never 304: see {@link NoConditionalReads}.
 */
public final class JsonAnswer {
    private JsonAnswer() {
    }

    public static void write(JsonMapper json, HttpServletResponse response, String etag, Object body)
            throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
