package io.qiyue.shared;

import java.util.Optional;

/**
 * The address customers reach this installation at, when an admin set it (the notification settings, or
 * {@code QIYUE_PUBLIC_BASE_URL}): a link handed out for a customer (to review a draft, to evaluate the service)
 * starts with it rather than with the address the request came in on, which behind a reverse proxy is an internal
 * one and which the {@code Host} header decides. Answered by the notification module.
 */
public interface PublicBaseUrl {
    /** Without a trailing slash; empty when nobody set one. */
    Optional<String> configuredBaseUrl();

    /**
     * {@code path} (starting with a slash) under the configured address, else under the address of the current
     * request.
     */
    default String of(String path) {
        return configuredBaseUrl().orElseGet(() -> org.springframework.web.servlet.support.ServletUriComponentsBuilder
                .fromCurrentContextPath().build().toUriString()) + path;
    }
}
