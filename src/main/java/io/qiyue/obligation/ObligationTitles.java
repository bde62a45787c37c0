package io.qiyue.obligation;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An obligation's title for the reader. The titles Qiyue itself gives (io.qiyue.obligation.ObligationPlanner: 第1期款项,
 * 第3次定期回访与维护, 保密义务 …) are stored in Chinese as the contract's document words them; a reader of another
 * language gets them in theirs (obligation.generatedTitle.*), while a title taken from the contract (a service item's
 * name) stays as written. An English reader saw the Chinese titles on every obligation page (outside tester).
 */
@Component("obligationTitles")
public class ObligationTitles {
    private record Generated(Pattern pattern, String key) {
    }

    private static final List<Generated> GENERATED = List.of(
            new Generated(Pattern.compile("第(\\d{1,4})期款项"), "instalment"),
            new Generated(Pattern.compile("合同价款"), "price"),
            new Generated(Pattern.compile("第(\\d{1,4})次定期回访与维护"), "visit"),
            new Generated(Pattern.compile("约定范围内的服务"), "service"),
            new Generated(Pattern.compile("约定范围内的咨询服务"), "consulting"),
            new Generated(Pattern.compile("保密义务"), "confidentiality"),
            new Generated(Pattern.compile("仅按约定范围和目的使用共享信息"), "sharing"),
            new Generated(Pattern.compile("共享期限届满时返还或删除共享信息"), "returnAtEnd"),
            new Generated(Pattern.compile("合同终止后按约定返还或删除共享信息"), "returnAfterTermination"),
            new Generated(Pattern.compile("共享期限届满后按约定返还或删除共享信息"), "returnAfterSharing"));

    /** Lines of a description that Qiyue writes (the planner's), each translated on its own; other lines stay. */
    private static final List<Generated> GENERATED_LINES = List.of(
            new Generated(Pattern.compile("维护内容：(.+)"), "maintenanceItems"),
            new Generated(Pattern.compile("保密期限：合同终止后继续有效"), "confidentialSurvives"),
            new Generated(Pattern.compile("保密期限：合同期限内及终止后(\\d{1,3})年"), "confidentialYears"),
            new Generated(Pattern.compile("共享期限：合同期限内及终止后(\\d{1,3})年"), "sharingYears"),
            new Generated(Pattern.compile("使用目的：(.+)"), "purpose"),
            new Generated(Pattern.compile("不得向任何第三方披露、泄露对方的保密信息；不得将对方的保密信息用于本合同约定之外的用途"),
                    "defaultConfidentiality"));

    /** Why a termination waived an obligation (ObligationHooks): "合同已终止", with the termination's reason. */
    private static final Pattern TERMINATED = Pattern.compile("合同已终止(?:：(.*))?", Pattern.DOTALL);

    private final MessageSource messages;

    ObligationTitles(MessageSource messages) {
        this.messages = messages;
    }

    /** The title in the request's language: a generated one translated, any other as stored. */
    public String of(String title) {
        return of(title, LocaleContextHolder.getLocale());
    }

    /** The title in {@code locale}'s language (a document's, such as the monthly service report's). */
    public String of(String title, java.util.Locale locale) {
        if (title == null || "zh".equals(locale.getLanguage())) {
            return title;
        }
        return translated(GENERATED, "obligation.generatedTitle.", Integer::parseInt, title, locale);
    }

    /**
     * The text in {@code locale} when one of {@code table}'s patterns matches all of it (its group, if any, read by
     * {@code argument} as the message's argument), else the text as it is.
     */
    private String translated(List<Generated> table, String keyPrefix,
                              java.util.function.Function<String, Object> argument, String text,
                              java.util.Locale locale) {
        for (var generated : table) {
            Matcher m = generated.pattern().matcher(text);
            if (m.matches()) {
                Object[] args = m.groupCount() == 0 ? new Object[0] : new Object[]{argument.apply(m.group(1))};
                return messages.getMessage(keyPrefix + generated.key(), args, text, locale);
            }
        }
        return text;
    }

    /** The description in the request's language: each line Qiyue wrote translated, the contract's own words kept. */
    public String description(String description) {
        var locale = LocaleContextHolder.getLocale();
        if (description == null || "zh".equals(locale.getLanguage())) {
            return description;
        }
        var lines = description.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = translated(GENERATED_LINES, "obligation.generatedLine.", group -> group, lines[i], locale);
        }
        return String.join("\n", lines);
    }

    /** A reason Qiyue wrote (a termination's) in the request's language, with the reason the person gave as given. */
    public String reason(String reason) {
        var locale = LocaleContextHolder.getLocale();
        if (reason == null) {
            return null;
        }
        // the system's own reasons are codes (PERIOD_ENDED, BEFORE_SIGNING …): told in words in either language
        String told = messages.getMessage("obligation.statusReason." + reason, null, null, locale);
        if (told != null) {
            return told;
        }
        if ("zh".equals(locale.getLanguage())) {
            return reason;
        }
        Matcher m = TERMINATED.matcher(reason);
        if (!m.matches()) {
            return reason;
        }
        return m.group(1) == null ? messages.getMessage("obligation.generatedReason.terminated", null, reason, locale)
                : messages.getMessage("obligation.generatedReason.terminatedBecause", new Object[]{m.group(1)}, reason,
                locale);
    }
}
