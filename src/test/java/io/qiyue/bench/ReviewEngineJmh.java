package io.qiyue.bench;

import io.qiyue.review.Evaluation;
import io.qiyue.review.ReviewEngine;
import io.qiyue.review.ReviewSubject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reviews per second on one core (issue #5: at least 2,000 for a typical 10-page contract). One thread,
 * so the score is per core; {@link ReviewEngine#evaluate} is what a review and each contract of a
 * portfolio re-review run (the localisation of the findings is left out).
 * <ul>
 *   <li>{@code tenPages}: a typical service contract, 49 clauses, 9,329 characters;</li>
 *   <li>{@code hundredPages}: the same with 409 clauses, 91,841 characters;</li>
 *   <li>{@code tenPagesNoFreeText}: the typical contract without its clause texts, so only the rules on
 *       structured terms and parties find anything: the cost of the text rules is the difference.</li>
 * </ul>
 * Not a test (Surefire never runs it): {@code bench/review-jmh.sh [benchmark regexp] [JMH options]}. The
 * defaults below (2 forks of 5 warm-up iterations of 3 seconds, which C2 needs on a busy 2-core machine,
 * and 5 measured ones of 2 seconds: about 3 minutes for all three) can be overridden there, e.g.
 * {@code -f 1 -wi 3 -w 2s -i 5 -r 2s}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ReviewEngineJmh {
    private ReviewEngine engine;
    private ReviewSubject tenPages;
    private ReviewSubject hundredPages;
    private ReviewSubject tenPagesNoFreeText;

    @Setup(Level.Trial)
    public void setUp() {
        engine = ReviewEngine.standard();
        tenPages = ReviewSubjects.serviceContract(40);
        hundredPages = ReviewSubjects.serviceContract(400);
        tenPagesNoFreeText = tenPages.withClauses(List.of());
        describe("10 pages", tenPages);
        describe("100 pages", hundredPages);
        describe("10 pages, no free text", tenPagesNoFreeText);
    }

    /** One line per subject in the run's output, and no measuring of a rule that throws. */
    private void describe(String name, ReviewSubject subject) {
        var evaluation = engine.evaluate(subject);
        if (!evaluation.errors().isEmpty()) {
            throw new IllegalStateException(name + ": rules failed: " + evaluation.errors());
        }
        System.out.printf("%s: %d clauses, %d characters, %d findings%n", name, subject.clauses().size(),
                ReviewSubjects.characters(subject), evaluation.findings().size());
    }

    @Benchmark
    public Evaluation tenPages() {
        return engine.evaluate(tenPages);
    }

    @Benchmark
    public Evaluation hundredPages() {
        return engine.evaluate(hundredPages);
    }

    @Benchmark
    public Evaluation tenPagesNoFreeText() {
        return engine.evaluate(tenPagesNoFreeText);
    }
}
