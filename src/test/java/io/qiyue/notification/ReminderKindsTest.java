package io.qiyue.notification;

import io.qiyue.obligation.ReminderKind;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;

class ReminderKindsTest {

    @Test
    void everyReminderKindIsToldAsAKindWithWordsInBothLanguages() {
        for (ReminderKind kind : ReminderKind.values()) {
            EventKind told = ReminderEventListener.kindOf(kind);
            for (Locale locale : new Locale[]{Locale.ROOT, Locale.ENGLISH}) {
                var bundle = ResourceBundle.getBundle("messages", locale);
                assertThat(bundle.containsKey("notification.kind." + told.name() + ".title")).as("%s %s", told, locale)
                        .isTrue();
                assertThat(bundle.containsKey("notification.kind." + told.name() + ".body")).isTrue();
                assertThat(bundle.containsKey("notification.label." + told.name())).isTrue();
            }
        }
        assertThat(EventKind.OBLIGATION_DUE.reminder()).isTrue();
        assertThat(EventKind.EXPIRING.reminder()).as("the renewal notice keeps its kind and channels").isFalse();
    }
}
