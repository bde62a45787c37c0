package io.qiyue.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Skips the tests of a class whose database server is unreachable, with the reason (reported as
 * skipped tests and printed to stderr), except when {@code CI=true}: then the class fails, because CI
 * must test every database. Runs before the Spring context is loaded, so an unreachable server costs
 * one connection attempt per run.
 */
public class DatabaseAvailability implements ExecutionCondition, BeforeAllCallback {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        var testClass = context.getTestClass().orElse(null);
        if (testClass == null) {
            return ConditionEvaluationResult.enabled("no test class");
        }
        String reason = database(testClass).unreachableReason();
        if (reason == null || TestDatabase.isCi()) {
            return ConditionEvaluationResult.enabled(reason == null ? "database reachable" : "CI=true");
        }
        String message = reason + " — skipping " + testClass.getSimpleName() + " (with CI=true this fails)";
        System.err.println("[qiyue-tests] SKIPPED: " + message);
        return ConditionEvaluationResult.disabled(message);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String reason = database(context.getRequiredTestClass()).unreachableReason();
        if (reason != null && TestDatabase.isCi()) {
            throw new IllegalStateException(reason + " (CI=true: every database must be tested)");
        }
    }

    private static TestDatabase database(Class<?> testClass) {
        var using = TestContextAnnotationUtils.findMergedAnnotation(testClass, UsingDatabase.class);
        if (using == null) {
            throw new IllegalStateException(testClass.getName() + " extends ApiTestSupport but has no @UsingDatabase");
        }
        return using.value();
    }
}
