package io.qiyue.shared;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PagingTest {
    private static final Map<String, String> SORTABLE = Map.of("title", "title", "updatedAt", "updated_at");

    @Test
    void defaultsToFirstPageOfTwentyAndTheDefaultSort() {
        var paging = Paging.of(null, null, null, SORTABLE, "updatedAt,desc");

        assertThat(paging.page()).isZero();
        assertThat(paging.size()).isEqualTo(20);
        assertThat(paging.orderBy()).isEqualTo("updated_at DESC");
        assertThat(paging.offset()).isZero();
    }

    @Test
    void mapsWhitelistedFieldsToColumns() {
        assertThat(Paging.of(2, 50, "title,asc", SORTABLE, "updatedAt,desc").orderBy()).isEqualTo("title ASC");
        assertThat(Paging.of(0, 10, "updatedAt", SORTABLE, "title").orderBy()).isEqualTo("updated_at ASC");
        assertThat(Paging.of(0, 10, "title,DESC", SORTABLE, "title").orderBy()).isEqualTo("title DESC");
        assertThat(Paging.of(3, 50, null, SORTABLE, "title").offset()).isEqualTo(150);
        assertThat(Paging.of(0, 10, "", SORTABLE, "title").orderBy()).isEqualTo("title ASC");
        assertThat(Paging.of(0, 10, "title,", SORTABLE, "updatedAt").orderBy()).isEqualTo("title ASC");
    }

    @Test
    void refusesSortFieldsOutsideTheWhitelist() {
        for (String sort : new String[] {"updated_at", "password", "title;DROP TABLE contract", "title,sideways",
                "title,asc,desc", "Title", ",", ",,asc", ",asc", " , ", "title,,asc"}) {
            assertThatExceptionOfType(InvalidInputException.class)
                    .as(sort)
                    .isThrownBy(() -> Paging.of(0, 20, sort, SORTABLE, "title"))
                    .satisfies(e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("sort"));
        }
    }

    @Test
    void refusesNegativePagesAndSizesOutsideOneTo200() {
        assertThatExceptionOfType(InvalidInputException.class)
                .isThrownBy(() -> Paging.of(-1, 0, "nope", SORTABLE, "title"))
                .satisfies(e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactlyInAnyOrder("page", "size", "sort"));
        assertThatExceptionOfType(InvalidInputException.class)
                .isThrownBy(() -> Paging.of(0, 201, null, SORTABLE, "title"));
        assertThat(Paging.of(0, 200, null, SORTABLE, "title").size()).isEqualTo(200);
        assertThat(Paging.of(0, 1, null, SORTABLE, "title").size()).isEqualTo(1);
    }

    @Test
    void pageResultCountsPages() {
        assertThat(new PageResult<>(java.util.List.of(), 0, 20, 41).totalPages()).isEqualTo(3);
        assertThat(new PageResult<>(java.util.List.of(), 0, 20, 40).totalPages()).isEqualTo(2);
        assertThat(new PageResult<>(java.util.List.of(1, 2), 0, 20, 2).map(i -> i * 10).items()).containsExactly(10, 20);
    }
}
