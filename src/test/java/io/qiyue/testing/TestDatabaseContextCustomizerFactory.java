package io.qiyue.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Before the Spring context of a {@link UsingDatabase} test class is refreshed, creates a fresh
 * database and a temporary data directory and points the application at them; when the context is
 * closed (at the latest when the JVM ends), drops the database and deletes the directory. The
 * customizer's identity is the database kind only, so every test class of one kind shares one
 * cached context.
 */
public class TestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        var using = TestContextAnnotationUtils.findMergedAnnotation(testClass, UsingDatabase.class);
        return using == null ? null : new Customizer(using.value());
    }

    record Customizer(TestDatabase kind) implements ContextCustomizer {
        private static final Logger log = LoggerFactory.getLogger(Customizer.class);

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            String reason = kind.unreachableReason();
            if (reason != null) {
                throw new IllegalStateException(reason);
            }
            var database = kind.create();
            Path dataDir;
            try {
                dataDir = Files.createTempDirectory("qiyue-test-" + kind.name().toLowerCase() + "-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            log.info("{} test database {} created; data directory {}", kind.displayName(), database.name(), dataDir);
            TestPropertyValues.of(
                    "spring.datasource.url=" + database.url(),
                    "spring.datasource.username=" + database.username(),
                    "spring.datasource.password=" + database.password(),
                    "qiyue.data-dir=" + dataDir,
                    "qiyue.test.database=" + kind.name(),
                    "qiyue.test.database-name=" + database.name()
            ).applyTo(context);
            var cleanup = new Cleanup(database, dataDir);
            var beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
            // registered before any other bean, so destroyed after all of them (the DataSource included)
            beanFactory.registerSingleton("qiyueTestDatabaseCleanup", cleanup);
            beanFactory.registerDisposableBean("qiyueTestDatabaseCleanup", cleanup);
        }
    }

    /** Drops the database and deletes the data directory, once. */
    static final class Cleanup implements DisposableBean {
        private static final Logger log = LoggerFactory.getLogger(Cleanup.class);
        private final TestDatabase.Created database;
        private final Path dataDir;
        private boolean done;

        Cleanup(TestDatabase.Created database, Path dataDir) {
            this.database = database;
            this.dataDir = dataDir;
        }

        @Override
        public synchronized void destroy() {
            if (done) {
                return;
            }
            done = true;
            try {
                database.drop();
                log.info("{} test database {} dropped", database.kind().displayName(), database.name());
            } catch (RuntimeException e) {
                log.warn("could not drop test database {}: {}", database.name(), e.getMessage());
            }
            try {
                FileSystemUtils.deleteRecursively(dataDir);
            } catch (IOException e) {
                log.warn("could not delete {}: {}", dataDir, e.getMessage());
            }
        }
    }
}
