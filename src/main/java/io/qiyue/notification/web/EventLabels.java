package io.qiyue.notification.web;

import io.qiyue.notification.EventKind;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The events webhooks and robots subscribe to, as the settings page names them: the kind's label with the name a
 * receiver switches on ({@code 提交审批（contract.submitted）}), not the name alone (an outside tester found codes
 * on both the Chinese and the English page). For templates: {@code ${@eventLabels.of(e)}}, {@code all(list)}.
 */
@Component("eventLabels")
class EventLabels {
    private final MessageSource messages;

    EventLabels(MessageSource messages) {
        this.messages = messages;
    }

    public String of(String event) {
        return EventKind.byEventName(event).map(kind -> messages.getMessage("notification.ui.eventLabel",
                        new Object[]{messages.getMessage("enum.EventKind." + kind.name(), null, kind.name(),
                                LocaleContextHolder.getLocale()), event}, event, LocaleContextHolder.getLocale()))
                .orElse(event);
    }

    public String all(List<String> events) {
        return events == null ? "" : events.stream().map(this::of).collect(Collectors.joining(
                messages.getMessage("common.listSeparator", null, ", ", LocaleContextHolder.getLocale())));
    }
}
