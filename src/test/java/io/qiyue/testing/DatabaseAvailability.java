package io.qiyue.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Skips the tests of a class whose database server is unreachable (a JUnit assumption with the
 * reason), except when {@code CI=true}: then the class fails, because CI must test every database.
 * Runs before the Spring context is loaded, so an unreachable server costs one connection attempt.
 */
public class DatabaseAvailability implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        var using = TestContextAnnotationUtils.findMergedAnnotation(context.getRequiredTestClass(), UsingDatabase.class);
        if (using == null) {
            throw new IllegalStateException(context.getRequiredTestClass().getName()
                    + " extends ApiTestSupport but has no @UsingDatabase");
        }
        String reason = using.value().unreachableReason();
        if (reason == null) {
            return;
        }
        if (TestDatabase.isCi()) {
            throw new IllegalStateException(reason + " (CI=true: every database must be tested)");
        }
        Assumptions.abort(reason + " — skipping " + context.getRequiredTestClass().getSimpleName()
                + " (set CI=true to make this a failure)");
    }
}
