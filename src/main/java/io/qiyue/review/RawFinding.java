package io.qiyue.review;

import java.util.List;

/**
 * A finding before localisation: what is stored, so that a stored review can be shown in any language.
 * {@code messageCode} and {@code args} resolve against {@code review/messages*.properties}; the
 * suggestion, where there is one, is {@code messageCode + ".suggestion"} with the same arguments.
 */
public record RawFinding(String ruleId, Severity severity, String path, Span span, String messageCode,
                         List<String> args, CitationData citation) {
}
