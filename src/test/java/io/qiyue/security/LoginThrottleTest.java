package io.qiyue.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {
    private final TestClock clock = new TestClock();
    private final LoginThrottle throttle = new LoginThrottle(clock, new LoginThrottle.Policy(5, Duration.ofMinutes(1), 5,
            10, Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofHours(1), 1000));

    @Test
    void anAddressWaitsAfterFiveFailuresAndTwiceAsLongAfterEachFurtherOne() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.check("10.0.0.1", "admin")).isEmpty();
            assertThat(throttle.failed("10.0.0.1", "admin")).isEmpty();
        }
        assertThat(throttle.failed("10.0.0.1", "admin")).contains(Duration.ofMinutes(1));
        assertThat(throttle.check("10.0.0.1", "admin")).contains(Duration.ofMinutes(1));
        // the address waits for every account, the account does not wait for other addresses
        assertThat(throttle.check("10.0.0.1", "someone")).contains(Duration.ofMinutes(1));
        assertThat(throttle.check("10.0.0.2", "admin")).isEmpty();

        clock.advance(Duration.ofSeconds(59));
        assertThat(throttle.check("10.0.0.1", "admin")).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.check("10.0.0.1", "admin")).isEmpty();
        assertThat(throttle.failed("10.0.0.1", "admin")).contains(Duration.ofMinutes(2));
        clock.advance(Duration.ofMinutes(2));
        assertThat(throttle.failed("10.0.0.1", "admin")).contains(Duration.ofMinutes(4));
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofHours(1));
            throttle.failed("10.0.0.1", "admin");
        }
        assertThat(throttle.check("10.0.0.1", "admin")).contains(Duration.ofHours(1));
    }

    @Test
    void aQuietHourAfterTheWaitForgetsTheFailures() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("10.0.0.1", "admin");
        }
        clock.advance(Duration.ofMinutes(1).plus(Duration.ofHours(1)));
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.failed("10.0.0.1", "admin")).isEmpty();
        }
    }

    @Test
    void aRightPasswordForgivesTheAddressOnlyItsFailuresOnThatAccount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.1", "alice");
        }
        throttle.succeeded("10.0.0.1", "alice");
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.failed("10.0.0.1", "alice")).isEmpty();
        }
        // a guesser signing in to their own account between guesses keeps their count
        throttle.succeeded("10.0.0.1", "mallory");
        assertThat(throttle.failed("10.0.0.1", "alice")).isPresent();
    }

    @Test
    void sprayingManyUserNamesFromOneAddressWaitsSixteenTimesAsLong() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.failed("10.0.0.1", "user" + i)).isEmpty();
        }
        assertThat(throttle.failed("10.0.0.1", "user4")).contains(Duration.ofMinutes(16));
        assertThat(throttle.check("10.0.0.1", "user5")).contains(Duration.ofMinutes(16));
    }

    @Test
    void anAccountAttackedFromManyAddressesSpacesNewAddressesButNotWhereItsOwnerSignedIn() {
        throttle.succeeded("192.0.2.7", "alice");
        for (int i = 0; i < 9; i++) {
            assertThat(throttle.failed("10.0.1." + i, "alice")).isEmpty();
        }
        assertThat(throttle.failed("10.0.1.9", "alice")).contains(Duration.ofSeconds(10));
        assertThat(throttle.check("10.0.1.10", "alice")).contains(Duration.ofSeconds(10));
        assertThat(throttle.check("192.0.2.7", "alice")).isEmpty();
        assertThat(throttle.check("10.0.1.10", "bob")).isEmpty();

        clock.advance(Duration.ofSeconds(10));
        assertThat(throttle.check("10.0.1.10", "alice")).isEmpty();
        assertThat(throttle.failed("10.0.1.10", "alice")).contains(Duration.ofSeconds(20));
        clock.advance(Duration.ofSeconds(20));
        assertThat(throttle.failed("10.0.1.11", "alice")).contains(Duration.ofSeconds(40));
        // the owner signs in from where they did before, however long the attack goes on
        assertThat(throttle.check("192.0.2.7", "alice")).isEmpty();
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() {
        for (int i = 1; i <= 5; i++) {
            throttle.failed("2001:db8:1:2::" + Integer.toHexString(i), "admin");
        }
        assertThat(throttle.check("2001:db8:1:2:ffff::1", "admin")).isPresent();
        assertThat(throttle.check("2001:db8:1:3::1", "admin")).isEmpty();
        assertThat(LoginThrottle.source("::ffff:10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(LoginThrottle.source("not:an:address:at:all")).isEqualTo("not:an:address:at:all");
        assertThat(LoginThrottle.source(null)).isEqualTo("unknown");
    }

    @Test
    void memoryIsBoundedByDroppingTheLeastRecentlyUsedRecords() {
        var small = new LoginThrottle(clock, new LoginThrottle.Policy(5, Duration.ofMinutes(1), 5, 10,
                Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofHours(1), 100));
        for (int i = 0; i < 5; i++) {
            small.failed("10.0.0.1", "admin");
        }
        for (int i = 0; i < 99; i++) {
            small.failed("10.1.0." + i, "user" + i);
        }
        assertThat(small.check("10.0.0.1", "admin")).isPresent();
        for (int i = 0; i < 1000; i++) {
            small.failed("10.2." + (i / 250) + "." + (i % 250), "name" + i);
        }
        assertThat(small.check("10.0.0.1", "admin")).isEmpty();
    }

    @Test
    void waitsAreWholeSecondsRoundedUp() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("10.0.0.1", "admin");
        }
        clock.advance(Duration.ofMillis(59_001));
        assertThat(throttle.check("10.0.0.1", "admin")).isEqualTo(Optional.of(Duration.ofSeconds(1)));
    }

    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
