package io.qiyue.notification;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where webhooks and group robots may be sent: the server posts to an address an admin typed, so without this an
 * admin account (or a stolen session of one) could make it reach what only the server can, such as the cloud's
 * metadata service at 169.254.169.254 or an internal admin port on 127.0.0.1 (server-side request forgery).
 *
 * <p>Never: link-local, unspecified ({@code 0.0.0.0/8}, {@code ::}), multicast and broadcast addresses. Private
 * networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) and the loopback only with
 * {@code qiyue.notification.allow-private-networks=true}, for receivers inside the own network or on the same host
 * (and the tests' local receivers). Saving checks addresses written as such and the name localhost; delivery
 * resolves the host and checks every address it has, so a name that points inside is refused there.
 */
@Component
class OutboundAddresses {
    /** IPv4 in any form the resolver reads as a literal: dotted, fewer parts ({@code 127.1}), decimal or hex. */
    private static final Pattern NUMERIC_HOST = Pattern.compile(
            "(0x[0-9a-f]+|[0-9]+)(\\.(0x[0-9a-f]+|[0-9]+)){0,3}\\.?", Pattern.CASE_INSENSITIVE);

    enum Kind { PUBLIC, PRIVATE, LOOPBACK, LINK_LOCAL, UNSPECIFIED, NOT_UNICAST }

    private final boolean allowPrivateNetworks;

    OutboundAddresses(@Value("${qiyue.notification.allow-private-networks:false}") boolean allowPrivateNetworks) {
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    /**
     * Why the URL may not be saved (the refused address), checking the address it names without asking DNS: a
     * name that does not resolve now may later, and one that resolves now may change, so delivery checks again.
     */
    Optional<String> refusedOnSave(String url) {
        String host = host(url);
        if (host == null) {
            return Optional.empty(); // not an http URL at all: the caller's own check says so
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost") || name.equals("localhost.")) {
            return allowed(Kind.LOOPBACK) ? Optional.empty() : Optional.of(host);
        }
        if (!literal(host)) {
            return Optional.empty();
        }
        try {
            var address = InetAddress.getByName(host);
            return allowed(classify(address)) ? Optional.empty() : Optional.of(address.getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.of(host);
        }
    }

    /**
     * Why a delivery to the URL is refused now: an address of the host that is not allowed, or a host that does not
     * resolve. The JDK keeps what it resolved for 30 seconds, so the HTTP client that connects right afterwards gets
     * the addresses checked here, not what a name server answering differently the second time would say.
     */
    Optional<Refusal> refusedOnDelivery(String url) {
        String host = host(url);
        if (host == null) {
            return Optional.of(new Refusal("not an http address", false));
        }
        try {
            for (var address : InetAddress.getAllByName(host)) {
                if (!allowed(classify(address))) {
                    return Optional.of(new Refusal("address not allowed: " + host + " is "
                            + address.getHostAddress(), false));
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            // perhaps the name server is down: tried again later like a receiver that does not answer
            return Optional.of(new Refusal("unknown host " + host, true));
        }
    }

    /** Why a delivery is not made, and whether a later attempt may succeed. */
    record Refusal(String reason, boolean retry) {
    }

    boolean allowed(Kind kind) {
        return kind == Kind.PUBLIC || (allowPrivateNetworks && (kind == Kind.PRIVATE || kind == Kind.LOOPBACK));
    }

    static Kind classify(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            if (embedsIpv4(b)) {
                // ::a.b.c.d and 64:ff9b::a.b.c.d reach the IPv4 address they carry (::ffff:a.b.c.d is read as IPv4)
                try {
                    return classify(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException impossible) {
                    return Kind.NOT_UNICAST;
                }
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return Kind.PRIVATE; // unique local fc00::/7, which isSiteLocalAddress (fec0::/10) does not cover
            }
        }
        if (address.isAnyLocalAddress()) {
            return Kind.UNSPECIFIED;
        }
        if (address.isLoopbackAddress()) {
            return Kind.LOOPBACK;
        }
        if (address.isLinkLocalAddress()) {
            return Kind.LINK_LOCAL;
        }
        if (address.isMulticastAddress()) {
            return Kind.NOT_UNICAST;
        }
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return Kind.UNSPECIFIED; // "this network": Linux connects 0.x.x.x to the host itself
            }
            if (first == 255 && second == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255) {
                return Kind.NOT_UNICAST;
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return Kind.PRIVATE; // shared address space of carrier-grade NAT (RFC 6598)
            }
        }
        return address.isSiteLocalAddress() ? Kind.PRIVATE : Kind.PUBLIC;
    }

    private static boolean embedsIpv4(byte[] b) {
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= b[i] == 0;
        }
        // :: and ::1 are themselves (unspecified, loopback), not IPv4 0.0.0.0 and 0.0.0.1
        boolean small = compatible && b[12] == 0 && b[13] == 0 && b[14] == 0;
        boolean nat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        return (compatible && !small) || nat64;
    }

    private static boolean literal(String host) {
        return host.indexOf(':') >= 0 || NUMERIC_HOST.matcher(host).matches();
    }

    /** The host of an http(s) URL, an IPv6 address without its brackets, or null. */
    private static String host(String url) {
        try {
            var uri = new URI(url);
            String host = uri.getHost();
            if (host == null || uri.getScheme() == null) {
                return null;
            }
            return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
