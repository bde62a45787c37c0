package io.qiyue.operations;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

import java.nio.file.Path;
import java.util.Map;

/** The round trip through {@code bin/backup} (pg_dump) and {@code bin/restore} (pg_restore), as an operator runs them. */
@UsingDatabase(TestDatabase.POSTGRES)
class BackupRoundTripPostgresIT extends BackupRoundTripContract {

    @Override
    protected Restored backUpAndRestore(Path backup, Path restoredDataDir) throws Exception {
        run(Map.of("QIYUE_DB_URL", url, "QIYUE_DB_USER", username, "QIYUE_DB_PASSWORD", password,
                "QIYUE_DATA_DIR", dataDir.toString()), "bin/backup", backup.toString());
        var target = TestDatabase.POSTGRES.create();
        run(Map.of("QIYUE_DB_URL", target.url(), "QIYUE_DB_USER", target.username(), "QIYUE_DB_PASSWORD",
                target.password(), "QIYUE_DATA_DIR", restoredDataDir.toString()), "bin/restore", backup.toString());
        return new Restored(target);
    }

    private static void run(Map<String, String> env, String... command) throws Exception {
        var process = new ProcessBuilder(command).redirectErrorStream(true);
        process.environment().remove("QIYUE_DATA_KEY");
        process.environment().putAll(env);
        var started = process.start();
        String output = new String(started.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (started.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
