package io.qiyue.audit;

/**
 * Where a change came from, when it happened in a request thread: the peer address as the servlet container
 * reports it and the User-Agent header. The address is {@code getRemoteAddr()}, never X-Forwarded-For read by
 * hand: a client can send any header it likes, and only the proxy set-up that Spring's forwarded-header
 * handling is configured for ({@code server.forward-headers-strategy}) may replace the peer address.
 */
record RequestOrigin(String ip, String userAgent) {
    static final int MAX_USER_AGENT = 512;
    /** The longest textual IPv6 address with an embedded IPv4 part; a longer value (a zone id) is cut. */
    static final int MAX_IP = 45;
    private static final RequestOrigin NONE = new RequestOrigin(null, null);

    /**
     * The current request's origin, or the one carried from the request that handed the work over
     * ({@link io.qiyue.shared.CarriedOrigin}), else nulls (scheduled jobs, async listeners).
     */
    static RequestOrigin current() {
        return io.qiyue.shared.CarriedOrigin.current()
                .map(o -> new RequestOrigin(cut(o.ip(), MAX_IP), userAgent(o.userAgent()))).orElse(NONE);
    }

    /** Without control characters (they would garble logs, CSV and terminals), at most 512 characters. */
    static String userAgent(String header) {
        if (header == null) {
            return null;
        }
        // the container bounds header sizes (8 KiB by default), so cleaning the whole header first is cheap
        var clean = new StringBuilder(header.length());
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (!Character.isISOControl(c)) {
                clean.append(c);
            }
        }
        String result = cut(clean.toString(), MAX_USER_AGENT);
        return result.isBlank() ? null : result;
    }

    private static String cut(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        // never leave half a surrogate pair at the end
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }
}
