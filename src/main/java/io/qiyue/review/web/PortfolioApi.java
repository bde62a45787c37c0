package io.qiyue.review.web;

import io.qiyue.review.PortfolioJob;
import io.qiyue.review.ReviewPortfolio;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;

/** Portfolio re-review (admins): start one in the background (202 with the job id), follow its progress. */
@RestController
@RequestMapping("/api/v1/reviews/portfolio")
class PortfolioApi {
    private final ReviewPortfolio portfolio;

    PortfolioApi(ReviewPortfolio portfolio) {
        this.portfolio = portfolio;
    }

    @PostMapping
    ResponseEntity<Map<String, String>> start() {
        String id = portfolio.start();
        return ResponseEntity.accepted().location(URI.create("/api/v1/reviews/portfolio/" + id))
                .body(Map.of("jobId", id));
    }

    @GetMapping("/{jobId}")
    PortfolioJob job(@PathVariable String jobId) {
        return portfolio.job(jobId);
    }
}
