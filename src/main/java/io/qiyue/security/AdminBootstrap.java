package io.qiyue.security;

import io.qiyue.shared.Ids;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;

/**
 * On the first start (no users at all) creates {@code admin} with QIYUE_ADMIN_PASSWORD, or with a
 * random password printed once to the console (never to the log files).
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private final Users users;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final String configuredPassword;

    AdminBootstrap(Users users, PasswordEncoder encoder, Clock clock,
                   @Value("${qiyue.admin-password:}") String configuredPassword) {
        this.users = users;
        this.encoder = encoder;
        this.clock = clock;
        this.configuredPassword = configuredPassword;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        String password = configuredPassword.isBlank() ? randomPassword() : configuredPassword;
        users.insert(new User(Ids.newId(), "admin", "系统管理员", null, Set.of(Role.ADMIN), null, true, 1,
                clock.instant()), encoder.encode(password));
        if (configuredPassword.isBlank()) {
            System.out.println();
            System.out.println("==============================================================");
            System.out.println(" Qiyue first start: log in as  admin  with password  " + password);
            System.out.println(" (shown once; set QIYUE_ADMIN_PASSWORD to choose it yourself)");
            System.out.println("==============================================================");
            System.out.println();
        }
    }

    private static String randomPassword() {
        var random = new SecureRandom();
        var sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
