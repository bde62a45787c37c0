package io.qiyue.review;

/** The law a finding rests on, e.g. {"民法典", "第586条", "定金不得超过主合同标的额的20%"}. */
public record Citation(String source, String article, String summary) {
}
