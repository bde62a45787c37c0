package io.qiyue.shared;

/**
 * A path users hit first that is slow the first time only (class loading, regex and template compilation, font
 * parsing, the JIT): each module warms its own after start-up, in the background, so that the first request is as
 * fast as the hundredth without making start-up wait ({@code shared.web.WarmupAtStartup} runs them).
 */
public interface Warmup {
    /** What is warmed, for the log. */
    String name();

    /** Does the first-time work; must leave no trace (no rows, no files) and be safe while requests are served. */
    void warm() throws Exception;
}
