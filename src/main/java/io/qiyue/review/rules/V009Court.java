package io.qiyue.review.rules;

import io.qiyue.review.Clause;
import io.qiyue.review.ReviewSubject;
import io.qiyue.review.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * QY-V009: a court chosen by agreement has an actual connection: a party's domicile, place of signing or
 * performance, the subject's location (民事诉讼法第35条). The places in the court's name (杭州 and 西湖 in
 * 杭州西湖区人民法院) must all appear in one party address or clause.
 */
final class V009Court implements Rule {
    @Override
    public String id() {
        return "QY-V009";
    }

    private static final String SUFFIXES = "特别行政区|自治区|自治州|自治县|新区|省|市|地区|盟|区|县|旗";
    private static final Pattern PLACE = Pattern.compile("(\\p{IsHan}{2,}?)(?:" + SUFFIXES + ")");
    /** Addresses compared without their suffixes: 杭州西湖区 names the places of 杭州市西湖区. */
    private static final Pattern SUFFIX = Pattern.compile(SUFFIXES);
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
        // the place is what remains without the court and its level: 乌鲁木齐市中级人民法院 sits in 乌鲁木齐市
        String court = d.court().replace("人民法院", "").replace("法院", "").replaceFirst("(?:高级|中级|基层)$", "");
        List<String> places = new ArrayList<>();
        List<String> provinces = new ArrayList<>();
        Matcher m = PLACE.matcher(court);
        while (m.find()) {
            String suffix = court.substring(m.end(1), m.end());
            (suffix.equals("省") || suffix.equals("自治区") ? provinces : places).add(m.group(1));
        }
        if (places.isEmpty()) {
            places.addAll(provinces);
        }
        // an address rarely repeats its province: 杭州市西湖区 is in 浙江省杭州市西湖区人民法院's place
        if (places.isEmpty()) {
            return; // a court named without a place (e.g. 互联网法院) cannot be checked
        }
        var texts = new ArrayList<String>();
        if (s.customer() != null && s.customer().address() != null) {
            texts.add(s.customer().address());
        }
        if (s.ourEntity() != null && s.ourEntity().address() != null) {
            texts.add(s.ourEntity().address());
        }
        var signing = s.terms().signing();
        if (signing != null && !Texts.blank(signing.place())) {
            texts.add(signing.place());
        }
        for (Clause c : s.clauses()) {
            texts.add(c.text());
        }
        // every place of the court's name in one address or clause: 南昌市西湖区 is not 杭州市西湖区
        if (texts.stream().map(t -> SUFFIX.matcher(t).replaceAll(""))
                .noneMatch(t -> places.stream().allMatch(t::contains))) {
            f.report(Severity.WARNING, "/terms/dispute/court", "noConnection", d.court(), court);
        }
    }
}
