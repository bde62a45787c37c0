package io.qiyue.security;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Slows password guessing without letting a stranger lock anybody out. Password checks (sign-in, HTTP
 * Basic, the current password of a password change) ask {@link #check} first and report the outcome.
 * <ul>
 *   <li><b>Per address.</b> After {@code address-failures} failed attempts from one client address, that
 *       address waits {@code address-wait} before its next attempt, twice as long after each further
 *       failure (up to {@code max-wait}), whatever the account and whether the password is right. A right
 *       password forgives that address's failures for that account only, so a guesser cannot reset
 *       their count by signing in to an account of their own.</li>
 *   <li><b>Password spraying</b> (failures on {@code spraying-user-names} different user names from one
 *       address): that address's wait is 16 times as long.</li>
 *   <li><b>Per account</b>, against guessing from many addresses: once an account has
 *       {@code account-failures} failures from all addresses together, attempts at it from an address it
 *       has not signed in from lately are spaced by {@code account-wait}, doubling with every further
 *       failure. Where its owner has signed in before, the right password still works at once.</li>
 * </ul>
 * A record is forgotten after {@code forget-after} without failures once its wait is over. IPv6 clients
 * count by their /64 network, since one machine commonly holds a whole /64. The client address is
 * the connection's ({@code request.getRemoteAddr()}); behind a reverse proxy, configure
 * {@code server.forward-headers-strategy} so that it is the client's rather than the proxy's (Tomcat then
 * trusts {@code X-Forwarded-For} only from the proxies it is told to, private addresses by default).
 * <p>
 * Memory is bounded: at most {@code max-entries} addresses, accounts and sets of trusted addresses each,
 * the least recently used going first. The records live in this instance: with several instances a
 * guesser gets each instance's allowance (a table shared through the database would close that gap).
 * Sign-in costs a bcrypt round of about 0.1 s, so one lock around these microsecond updates costs nothing.
 */
@Component
class LoginThrottle {
    /** Names tracked one by one per address: enough to see spraying, bounded against memory. */
    private static final int NAMES_PER_ADDRESS = 8;
    private static final int SPRAYING_FACTOR_SHIFT = 4;
    private static final int TRUSTED_PER_ACCOUNT = 8;
    private static final Duration TRUST_FOR = Duration.ofDays(30);
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:][0-9a-zA-Z:.%_-]*");

    /** The limits; see the class comment for what each means. */
    record Policy(int addressFailures, Duration addressWait, int sprayingUserNames, int accountFailures,
                  Duration accountWait, Duration maxWait, Duration forgetAfter, int maxEntries) {
    }

    private final Clock clock;
    private final Policy policy;
    private final Map<String, AddressRecord> addresses;
    private final Map<String, AccountRecord> accounts;
    private final Map<String, Map<String, Instant>> trusted;

    @Autowired
    LoginThrottle(Clock clock,
                  @Value("${qiyue.security.login.address-failures:5}") int addressFailures,
                  @Value("${qiyue.security.login.address-wait:PT1M}") Duration addressWait,
                  @Value("${qiyue.security.login.spraying-user-names:5}") int sprayingUserNames,
                  @Value("${qiyue.security.login.account-failures:10}") int accountFailures,
                  @Value("${qiyue.security.login.account-wait:PT10S}") Duration accountWait,
                  @Value("${qiyue.security.login.max-wait:PT1H}") Duration maxWait,
                  @Value("${qiyue.security.login.forget-after:PT1H}") Duration forgetAfter,
                  @Value("${qiyue.security.login.max-entries:10000}") int maxEntries) {
        this(clock, new Policy(addressFailures, addressWait, sprayingUserNames, accountFailures, accountWait, maxWait,
                forgetAfter, maxEntries));
    }

    LoginThrottle(Clock clock, Policy policy) {
        this.clock = clock;
        this.policy = policy;
        this.addresses = lru(policy.maxEntries());
        this.accounts = lru(policy.maxEntries());
        this.trusted = lru(policy.maxEntries());
    }

    /** How long the address must wait before it may try a password for this account, if it must. */
    synchronized Optional<Duration> check(String address, String username) {
        return waitFor(source(address), name(username), clock.instant());
    }

    /**
     * Records a wrong password (or an unknown user name) and answers how long the address must now wait
     * before trying this account again, if it must.
     */
    synchronized Optional<Duration> failed(String address, String username) {
        Instant now = clock.instant();
        String source = source(address);
        String name = name(username);

        var a = current(addresses.get(source), now);
        if (a == null) {
            a = new AddressRecord();
        }
        addresses.put(source, a);
        a.failures++;
        a.lastFailure = now;
        if (a.byName.containsKey(name) || a.byName.size() < NAMES_PER_ADDRESS) {
            a.byName.merge(name, 1, Integer::sum);
        } else {
            a.untrackedNames++;
        }
        if (a.failures >= policy.addressFailures()) {
            int shift = a.failures - policy.addressFailures()
                    + (a.byName.size() + a.untrackedNames >= policy.sprayingUserNames() ? SPRAYING_FACTOR_SHIFT : 0);
            a.waitUntil = now.plus(doubled(policy.addressWait(), shift));
        }

        var account = current(accounts.get(name), now);
        if (account == null) {
            account = new AccountRecord();
        }
        accounts.put(name, account);
        account.failures++;
        account.lastFailure = now;
        if (account.failures >= policy.accountFailures()) {
            account.waitUntil = now.plus(doubled(policy.accountWait(), account.failures - policy.accountFailures()));
        }
        return waitFor(source, name, now);
    }

    /**
     * Records a right password: the address is trusted for the account from now on, and its failures on
     * this account (typing mistakes, as it turns out) are forgiven.
     */
    synchronized void succeeded(String address, String username) {
        Instant now = clock.instant();
        String source = source(address);
        String name = name(username);
        var a = addresses.get(source);
        Integer forgiven = a == null ? null : a.byName.remove(name);
        if (forgiven != null) {
            a.failures -= forgiven;
            if (a.failures < policy.addressFailures()) {
                a.waitUntil = null;
            }
            if (a.failures <= 0) {
                addresses.remove(source);
            }
            var account = accounts.get(name);
            if (account != null) {
                account.failures = Math.max(0, account.failures - forgiven);
                if (account.failures < policy.accountFailures()) {
                    account.waitUntil = null;
                }
            }
        }
        trusted.computeIfAbsent(name, k -> lru(TRUSTED_PER_ACCOUNT)).put(source, now);
    }

    private Optional<Duration> waitFor(String source, String name, Instant now) {
        Instant until = null;
        var a = current(addresses.get(source), now);
        if (a != null && a.waitUntil != null && a.waitUntil.isAfter(now)) {
            until = a.waitUntil;
        }
        var account = current(accounts.get(name), now);
        if (account != null && account.waitUntil != null && account.waitUntil.isAfter(now)
                && !isTrusted(name, source, now) && (until == null || account.waitUntil.isAfter(until))) {
            until = account.waitUntil;
        }
        if (until == null) {
            return Optional.empty();
        }
        // whole seconds, as Retry-After has them, rounded up so that a client waiting that long is let in
        long millis = Duration.between(now, until).toMillis();
        return Optional.of(Duration.ofSeconds(Math.max(1, (millis + 999) / 1000)));
    }

    private boolean isTrusted(String name, String source, Instant now) {
        var sources = trusted.get(name);
        Instant since = sources == null ? null : sources.get(source);
        return since != null && since.plus(TRUST_FOR).isAfter(now);
    }

    /** The record, or null when it is forgotten: its wait is over and it has been quiet since. */
    private <R extends FailureRecord> R current(R record, Instant now) {
        if (record == null) {
            return null;
        }
        Instant quietSince = record.waitUntil != null && record.waitUntil.isAfter(record.lastFailure)
                ? record.waitUntil : record.lastFailure;
        return quietSince.plus(policy.forgetAfter()).isAfter(now) ? record : null;
    }

    private Duration doubled(Duration base, int times) {
        // past 2^20 any base is beyond a sensible maximum wait; the cap also keeps the shift in range
        Duration wait = base.multipliedBy(1L << Math.min(Math.max(times, 0), 20));
        return wait.compareTo(policy.maxWait()) > 0 ? policy.maxWait() : wait;
    }

    private static String name(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    /** The key of a client address: the address itself, or for IPv6 its /64 network. */
    static String source(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        // only what can be an IPv6 literal is parsed: InetAddress parses a string that starts with a hex digit
        // or ':' and contains ':' without asking DNS, and would look anything else up
        if (address.indexOf(':') < 0 || !IPV6_LITERAL.matcher(address).matches()) {
            return address;
        }
        try {
            var parsed = InetAddress.getByName(address);
            if (parsed instanceof Inet6Address) {
                return HexFormat.of().formatHex(parsed.getAddress(), 0, 8) + "::/64";
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static <K, V> Map<K, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    private abstract static class FailureRecord {
        int failures;
        Instant lastFailure;
        Instant waitUntil;
    }

    private static final class AddressRecord extends FailureRecord {
        final Map<String, Integer> byName = new LinkedHashMap<>();
        int untrackedNames;
    }

    private static final class AccountRecord extends FailureRecord {
    }
}
