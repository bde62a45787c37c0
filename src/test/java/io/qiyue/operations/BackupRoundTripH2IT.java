package io.qiyue.operations;

import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;

/**
 * The round trip through H2's own commands, which {@code bin/backup} and {@code bin/restore} run through H2's Script
 * and RunScript tools on the file database: {@code SCRIPT TO … COMPRESSION ZIP} and {@code RUNSCRIPT FROM} into a
 * fresh database. (The scripts need the file database closed; this test's database lives in memory.)
 */
@UsingDatabase(TestDatabase.H2)
class BackupRoundTripH2IT extends BackupRoundTripContract {

    @Override
    protected Restored backUpAndRestore(Path backup, Path restoredDataDir) throws Exception {
        Files.createDirectories(backup);
        Path script = backup.resolve("qiyue-h2.zip");
        try (var source = DriverManager.getConnection(url, username, password);
             var statement = source.prepareStatement("SCRIPT TO ? COMPRESSION ZIP")) {
            statement.setString(1, script.toString());
            statement.execute();
        }
        copyDataKey(backup);
        var target = TestDatabase.H2.create();
        try (var restore = DriverManager.getConnection(target.url(), target.username(), target.password());
             var statement = restore.prepareStatement("RUNSCRIPT FROM ? COMPRESSION ZIP")) {
            statement.setString(1, script.toString());
            statement.execute();
            // the script creates views before the tables they read; bin/restore compiles them again the same way
            var views = new java.util.ArrayList<String>();
            try (var rs = restore.createStatement().executeQuery(
                    "SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.VIEWS WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                while (rs.next()) {
                    views.add('"' + rs.getString(1) + "\".\"" + rs.getString(2) + '"');
                }
            }
            for (String view : views) {
                restore.createStatement().execute("ALTER VIEW " + view + " RECOMPILE");
            }
        }
        Files.copy(backup.resolve("qiyue-data.key"), restoredDataDir.resolve("qiyue-data.key"));
        return new Restored(target);
    }
}
