package io.qiyue.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.Logger;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

import java.io.IOException;
import java.util.Locale;

/**
 * A client that went away while its answer was being written (closed tab, cancelled download): nothing is
 * wrong with the server and nobody is left to answer, so it is one line at DEBUG, and no error body is
 * written to the closed connection.
 */
final class Disconnects {
    private Disconnects() {
    }

    static boolean isDisconnect(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClientAbortException || t instanceof AsyncRequestNotUsableException) {
                return true;
            }
            if (t instanceof IOException && t.getMessage() != null) {
                String message = t.getMessage().toLowerCase(Locale.ROOT);
                if (message.contains("broken pipe") || message.contains("connection reset")
                        || message.contains("connection was aborted")) {
                    return true;
                }
            }
        }
        return false;
    }

    static void log(Logger log, HttpServletRequest request, Throwable e) {
        log.debug("client disconnected during {} {}: {}", request.getMethod(), LoggedPaths.of(request.getRequestURI()),
                e.toString());
    }
}
