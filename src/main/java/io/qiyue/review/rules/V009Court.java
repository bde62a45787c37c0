package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** QY-V009: a court chosen by agreement has an actual connection: a party's domicile, place of signing or performance, the subject's location (民事诉讼法第35条). */
final class V009Court implements Rule {
    @Override
    public String id() {
        return "QY-V009";
    }

    private static final Pattern PLACE = Pattern.compile("(\\p{IsHan}{2,}?)(?:特别行政区|自治区|自治州|自治县|省|市|地区|盟|区|县|旗)");
    private final Pattern relational;

    V009Court(RuleConfig config) {
        this.relational = config.wordPattern("relationalWords");
    }

    @Override
    public void check(ReviewSubject s, Findings f) {
        var d = s.terms().dispute();
        if (d == null || Texts.blank(d.court()) || relational.matcher(d.court()).find()) {
            return;
        }
        String court = d.court().replace("人民法院", "").replace("法院", "");
        List<String> places = new ArrayList<>();
        Matcher m = PLACE.matcher(court);
        while (m.find()) {
            places.add(m.group(1));
        }
        if (places.isEmpty()) {
            return; // a court named without a place (e.g. 互联网法院) cannot be checked
        }
        String place = places.getLast();
        var texts = new ArrayList<String>();
        if (s.customer() != null && s.customer().address() != null) {
            texts.add(s.customer().address());
        }
        if (s.ourEntity() != null && s.ourEntity().address() != null) {
            texts.add(s.ourEntity().address());
        }
        for (Clause c : s.clauses()) {
            texts.add(c.text());
        }
        if (texts.stream().noneMatch(t -> t.contains(place))) {
            f.report(Severity.WARNING, "/terms/dispute/court", "noConnection", d.court(), place);
        }
    }
}
