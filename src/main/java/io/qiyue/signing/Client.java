package io.qiyue.signing;

import io.qiyue.shared.Text;

/** Where a request came from, for the evidence: the address and the browser as the request named them. */
public record Client(String ip, String userAgent) {
    private static final int MAX_AGENT = 512;

    public Client {
        ip = ip == null ? null : ip.length() > 64 ? ip.substring(0, 64) : ip;
        if (userAgent != null) {
            String clean = userAgent.codePoints().filter(c -> !Character.isISOControl(c))
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            userAgent = Text.isBlank(clean) ? null : clean.length() > MAX_AGENT ? clean.substring(0, MAX_AGENT) : clean;
        }
    }

    public static final Client SYSTEM = new Client(null, null);
}
