package io.qiyue.obligation.web;

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
            new Generated(Pattern.compile("合同终止后按约定返还或删除共享信息"), "returnAfterTermination"));

    private final MessageSource messages;

    ObligationTitles(MessageSource messages) {
        this.messages = messages;
    }

    /** The title in the request's language: a generated one translated, any other as stored. */
    public String of(String title) {
        var locale = LocaleContextHolder.getLocale();
        if (title == null || "zh".equals(locale.getLanguage())) {
            return title;
        }
        for (var generated : GENERATED) {
            Matcher m = generated.pattern().matcher(title);
            if (m.matches()) {
                Object[] args = m.groupCount() == 0 ? new Object[0] : new Object[]{Integer.parseInt(m.group(1))};
                return messages.getMessage("obligation.generatedTitle." + generated.key(), args, title, locale);
            }
        }
        return title;
    }
}
