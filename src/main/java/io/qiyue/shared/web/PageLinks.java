package io.qiyue.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;

/**
 * Links of a list page that keep its current filters: the next page, another sort order. Plain links,
 * so paging and sorting work without JavaScript; htmx only makes them faster.
 */
public final class PageLinks {
    private final String path;
    private final MultiValueMap<String, String> params;

    private PageLinks(String path, MultiValueMap<String, String> params) {
        this.path = path;
        this.params = params;
    }

    /** The links of the page at {@code path} with the filters of this request (blank ones left out). */
    public static PageLinks of(String path, HttpServletRequest request) {
        var params = new LinkedMultiValueMap<String, String>();
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals("lang") && !name.equals("_csrf")) {
                for (String v : values) {
                    if (v != null && !v.isBlank()) {
                        params.add(name, v);
                    }
                }
            }
        });
        return new PageLinks(path, params);
    }

    /** This page with one parameter replaced (and back to the first page when a filter or sort changes). */
    public String with(String name, Object value) {
        var copy = new LinkedMultiValueMap<>(params);
        if (!name.equals("page")) {
            copy.remove("page");
        }
        if (value == null || value.toString().isBlank()) {
            copy.remove(name);
        } else {
            copy.put(name, List.of(value.toString()));
        }
        return UriComponentsBuilder.fromPath(path).queryParams(copy).build().encode().toUriString();
    }

    /** Sort by {@code field}; ascending first, descending when it is already sorted ascending by it. */
    public String sort(String field) {
        return with("sort", field + ("asc".equals(direction(field)) ? ",desc" : ",asc"));
    }

    /** "asc", "desc" or null: how the list is sorted by {@code field} now, for the arrow in the header. */
    public String direction(String field) {
        String current = params.getFirst("sort");
        if (current == null || !current.startsWith(field + ",") && !current.equals(field)) {
            return null;
        }
        return current.endsWith(",desc") ? "desc" : "asc";
    }

    public String value(String name) {
        return params.getFirst(name);
    }
}
