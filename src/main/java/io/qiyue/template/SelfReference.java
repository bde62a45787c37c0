package io.qiyue.template;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The word a document calls itself by, one throughout: the one its title ends with. A confidentiality agreement
 * titled 《技术保密合同》 says 本合同, not its type's 本协议 under a title of 合同 (a lawyer asks which document each
 * clause means); a service contract titled …服务协议 says 本协议, in its template's words, its clauses' and the words
 * its users typed alike. A title that ends in neither (a trailing （2027年度） aside) leaves the words as written.
 */
final class SelfReference {
    private static final String CONTRACT = "本合同";
    private static final String AGREEMENT = "本协议";
    /** A title's trailing remark in brackets: 运维服务合同（2027年度）, 保密协议(续签), 服务合同【草案】. */
    private static final Pattern TRAILING_REMARK = Pattern.compile("\\s*[（(【\\[][^（）()【】\\[\\]]*[）)】\\]]\\s*$");

    private SelfReference() {
    }

    /** 本合同 or 本协议 as the title ends, if it ends in either. */
    static Optional<String> of(String title) {
        if (title == null) {
            return Optional.empty();
        }
        String name = TRAILING_REMARK.matcher(title.strip()).replaceFirst("");
        if (name.endsWith("书")) {
            name = name.substring(0, name.length() - 1);
        }
        return name.endsWith("合同") ? Optional.of(CONTRACT)
                : name.endsWith("协议") ? Optional.of(AGREEMENT) : Optional.empty();
    }

    /** The rendered document with every 本合同 or 本协议 in the title's word (see the class comment). */
    static String align(String xhtml, String title) {
        return of(title).map(word -> {
            String other = word.equals(CONTRACT) ? AGREEMENT : CONTRACT;
            return xhtml.contains(other) ? xhtml.replace(other, word) : xhtml;
        }).orElse(xhtml);
    }
}
