package io.qiyue.shared;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageResultTest {
    private static final List<String> FIVE = List.of("a", "b", "c", "d", "e");

    @Test
    void aShortListComesWholeUnlessAPageIsAskedFor() {
        var whole = PageResult.of(FIVE, null, null);
        assertThat(whole.items()).isEqualTo(FIVE);
        assertThat(whole.total()).isEqualTo(5);
        assertThat(whole.page()).isZero();

        var second = PageResult.of(FIVE, 1, 2);
        assertThat(second.items()).containsExactly("c", "d");
        assertThat(second.size()).isEqualTo(2);
        assertThat(second.total()).isEqualTo(5);
        assertThat(PageResult.of(FIVE, 2, 2).items()).containsExactly("e");
        assertThat(PageResult.of(FIVE, 9, 2).items()).as("past the end").isEmpty();
        assertThat(PageResult.of(FIVE, null, 3).items()).as("page 0 by default").containsExactly("a", "b", "c");
        assertThat(PageResult.of(FIVE, 0, null).items()).as("20 to a page by default").isEqualTo(FIVE);
    }

    @Test
    void pageAndSizeAreCheckedAsEveryListChecksThem() {
        assertThatThrownBy(() -> PageResult.of(FIVE, -1, 2)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations()).extracting(FieldViolation::field)
                        .containsExactly("page"));
        assertThatThrownBy(() -> PageResult.of(FIVE, 0, 201)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations()).extracting(FieldViolation::field)
                        .containsExactly("size"));
    }
}
