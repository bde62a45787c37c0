package io.qiyue.template;

import io.qiyue.contract.ContractType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped templates (src/main/resources/templates-default), one per contract type. Shared
 * sections are written once as partials and inlined here, so that a stored template is one
 * self-contained body an administrator can edit.
 */
final class DefaultTemplates {
    private static final Pattern PARTIAL = Pattern.compile("\\{\\{>\\s*([a-z]+)\\s*}}\\n?");
    private static final Map<ContractType, String> BODIES = new EnumMap<>(ContractType.class);

    private DefaultTemplates() {
    }

    static synchronized String body(ContractType type) {
        return BODIES.computeIfAbsent(type, t -> {
            String body = expand(read(t.name() + ".mustache"));
            // the shared sections say 本合同; an agreement (协议) calls itself 本协议 throughout, not a mix of the two
            String self = t.selfReference();
            return self.equals("本合同") ? body : body.replace("本合同", self);
        });
    }

    /** The shipped template's name in the reader's language: it is no record anyone named, so it has no fixed words. */
    static String name(ContractType type) {
        return name(type, "en".equals(org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage()));
    }

    private static String name(ContractType type, boolean english) {
        return english ? type.nameEn() + " (default template)" : type.nameZh() + "（默认模板）";
    }

    /** The name a shipped default is stored under: the Chinese one, whatever the language at start-up. */
    static String storedName(ContractType type) {
        return name(type, false);
    }

    /**
     * The name a stored template is shown under: a shipped default's as its reader reads it, whatever language it
     * was stored in (at start-up there is no reader: an outside tester saw the English names under zh-CN); any other
     * name as it was saved.
     */
    static String shownName(ContractType type, String stored) {
        return name(type, false).equals(stored) || name(type, true).equals(stored) ? name(type) : stored;
    }

    private static String expand(String body) {
        Matcher m = PARTIAL.matcher(body);
        var out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(read("partials/" + m.group(1) + ".mustache")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String read(String name) {
        try (InputStream in = DefaultTemplates.class.getResourceAsStream("/templates-default/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing default template " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
