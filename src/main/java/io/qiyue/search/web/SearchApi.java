package io.qiyue.search.web;

import io.qiyue.search.RebuildProgress;
import io.qiyue.search.Search;
import io.qiyue.search.SearchResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/search} and the index's rebuild (admins). */
@RestController
class SearchApi {
    private final Search search;

    SearchApi(Search search) {
        this.search = search;
    }

    @GetMapping("/api/v1/search")
    SearchResult search(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
                        @RequestParam(required = false) String type, @RequestParam(required = false) String status,
                        @RequestParam(required = false) String owner, @RequestParam(required = false) String team,
                        @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                        @RequestParam(required = false) String amountMin,
                        @RequestParam(required = false) String amountMax,
                        @RequestParam(required = false) String sort, @RequestParam(required = false) String page,
                        @RequestParam(required = false) String size) {
        return search.search(new Search.Request(q, kind, type, status, owner, team, from, to, amountMin, amountMax,
                sort, SearchPages.number("page", page), SearchPages.number("size", size)));
    }

    @PostMapping("/api/v1/search/rebuild")
    ResponseEntity<RebuildProgress> rebuild() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(search.rebuild());
    }

    @GetMapping("/api/v1/search/rebuild")
    RebuildProgress progress() {
        return search.rebuildProgress();
    }
}
