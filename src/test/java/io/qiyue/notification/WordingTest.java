package io.qiyue.notification;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class WordingTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aLongDetailOfCharactersJsonEscapesStillFitsItsColumnAndReadsBack() {
        String detail = "\"\n".repeat(3_000);
        var wording = new Wording(List.of("HT-2026-1", "合".repeat(200), "admin", detail), true, null);
        String stored = wording.toJson(JSON);
        assertThat(stored.length()).isLessThanOrEqualTo(Wording.STORED_LENGTH);
        assertThat(Wording.fromJson(JSON, stored)).isEqualTo(wording);
    }

    @Test
    void theNoteIsTheDetailBelowTheBodyInTheReadersLanguage() {
        var messages = new StaticMessageSource();
        messages.setAlwaysUseMessageFormat(true);
        messages.addMessage("notification.kind.REJECTED.body", Locale.ENGLISH, "{0} was rejected by {2}.");
        messages.addMessage("notification.detail", Locale.ENGLISH, "\nNote: {0}");
        var wording = new Wording(List.of("HT-1", "合同", "li", "价格过高"), true, null);
        assertThat(wording.body(EventKind.REJECTED, messages, Locale.ENGLISH))
                .isEqualTo("HT-1 was rejected by li.\nNote: 价格过高");
        assertThat(new Wording(List.of("HT-1", "合同", "li", "价格过高"), false, null)
                .body(EventKind.REJECTED, messages, Locale.ENGLISH)).isEqualTo("HT-1 was rejected by li.");
        assertThat(Wording.fromJson(JSON, "{\"noted\": true}")).as("no arguments: the stored text is read").isNull();
        assertThat(Wording.fromJson(JSON, "not json")).isNull();
    }
}
