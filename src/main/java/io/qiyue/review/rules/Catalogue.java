package io.qiyue.review.rules;

import java.util.List;
import java.util.function.Function;

/** Every rule of spec/review-rules.md, each configured from its entry of the ruleset. */
public final class Catalogue {
    private Catalogue() {
    }

    public static List<Rule> create(Function<String, RuleConfig> config) {
        return List.of(
                new C001Parties(), new C002Subject(), new C003Quality(), new C004Price(), new C005Term(),
                new C006Breach(), new C007Dispute(), new C008Schedule(), new C009Termination(), new C010Ip(),
                new C011Confidentiality(), new C012Nda(config.apply("QY-C012")), new C013Maintenance(),
                new C014Sharing(config.apply("QY-C014")),
                new L001VagueTime(config.apply("QY-L001")), new L002OpenScope(config.apply("QY-L002")),
                new L003Amounts(), new L004Dates(config.apply("QY-L004")), new L005PartyNames(config.apply("QY-L005")),
                new V001Damages(config.apply("QY-V001")), new V002Deposit(config.apply("QY-V002")),
                new V003DepositAndDamages(config.apply("QY-V003")), new V004Exemption(config.apply("QY-V004")),
                new V005StandardTerms(config.apply("QY-V005")), new V006ArbitrationCommission(config.apply("QY-V006")),
                new V007ArbitrationOrLitigation(config.apply("QY-V007")),
                new V008SeveralCommissions(config.apply("QY-V008")), new V009Court(config.apply("QY-V009")),
                new V010Renewal(),
                new P001LegalBasis(), new P002Recipient(), new P003Sensitive(config.apply("QY-P003")),
                new P004CrossBorder(), new P005Pipia(), new P006Entrusted(config.apply("QY-P006")),
                new P007Security(config.apply("QY-P007")),
                new I001CreditCode(), new I002IdNumber(), new I003Customer());
    }
}
