package io.qiyue.review.rules;

import java.util.List;
import java.util.function.Function;

/** Every rule of spec/review-rules.md, each configured from its entry of the ruleset. */
public final class Catalogue {
    private final List<Rule> rules;
    private final TextScanner scanner;

    private Catalogue(List<Rule> rules, TextScanner scanner) {
        this.rules = rules;
        this.scanner = scanner;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The scanner every text rule registered its patterns with: one pass per clause for all of them. */
    public TextScanner scanner() {
        return scanner;
    }

    public static List<Rule> create(Function<String, RuleConfig> config) {
        return of(config).rules();
    }

    public static Catalogue of(Function<String, RuleConfig> config) {
        var scan = new TextScanner();
        var rules = List.of(
                new C001Parties(), new C002Subject(), new C003Quality(), new C004Price(), new C005Term(),
                new C006Breach(), new C007Dispute(), new C008Schedule(), new C009Termination(), new C010Ip(),
                new C011Confidentiality(), new C012Nda(config.apply("QY-C012")), new C013Maintenance(),
                new C014Sharing(config.apply("QY-C014"), scan),
                new L001VagueTime(config.apply("QY-L001"), scan), new L002OpenScope(config.apply("QY-L002"), scan),
                new L003Amounts(scan), new L004Dates(config.apply("QY-L004"), scan), new L005PartyNames(config.apply("QY-L005")),
                new L006Glyphs(), new L007DamagesTwice(),
                new V001Damages(config.apply("QY-V001")), new V002Deposit(config.apply("QY-V002")),
                new V003DepositAndDamages(config.apply("QY-V003"), scan), new V004Exemption(config.apply("QY-V004"), scan),
                new V005StandardTerms(config.apply("QY-V005"), scan), new V006ArbitrationCommission(config.apply("QY-V006")),
                new V007ArbitrationOrLitigation(config.apply("QY-V007"), scan),
                new V008SeveralCommissions(config.apply("QY-V008")), new V009Court(config.apply("QY-V009")),
                new V010Renewal(), new V011CapWithoutAmount(config.apply("QY-V011"), scan),
                new P001LegalBasis(config.apply("QY-P001"), scan), new P002Recipient(config.apply("QY-P002")), new P003Sensitive(config.apply("QY-P003"), scan),
                new P004CrossBorder(config.apply("QY-P004"), scan), new P005Pipia(), new P006Entrusted(config.apply("QY-P006"), scan),
                new P007Security(config.apply("QY-P007")),
                new I001CreditCode(), new I002IdNumber(), new I003Customer());
        return new Catalogue(rules, scan.freeze());
    }
}
