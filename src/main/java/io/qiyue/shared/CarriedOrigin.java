package io.qiyue.shared;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Optional;

/**
 * The request's peer address and User-Agent, carried to work the request hands to another thread (an import's
 * worker), so that the audit entries written there say where the change came from, as a request's own do. The
 * values are taken when the work is handed over: the container recycles the request once it is answered.
 */
public final class CarriedOrigin {
    /** As the servlet container reported them; the audit trail cleans and cuts them as it does a request's. */
    public record Origin(String ip, String userAgent) {
    }

    private static final ThreadLocal<Origin> CARRIED = new ThreadLocal<>();

    private CarriedOrigin() {
    }

    /** {@code work} with the current request's origin, or {@code work} itself outside a request thread. */
    public static Runnable carrying(Runnable work) {
        var request = ofRequest();
        if (request.isEmpty()) {
            return work;
        }
        var origin = request.get();
        return () -> {
            CARRIED.set(origin);
            try {
                work.run();
            } finally {
                CARRIED.remove();
            }
        };
    }

    /** The origin of the request this thread serves, else the one carried to it, if its work came from a request. */
    public static Optional<Origin> current() {
        var request = ofRequest();
        return request.isPresent() ? request : Optional.ofNullable(CARRIED.get());
    }

    private static Optional<Origin> ofRequest() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return Optional.empty();
        }
        var request = attributes.getRequest();
        return Optional.of(new Origin(request.getRemoteAddr(), request.getHeader("User-Agent")));
    }
}
