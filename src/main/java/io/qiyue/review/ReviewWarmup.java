package io.qiyue.review;

import io.qiyue.contract.ContractType;
import io.qiyue.customer.ContractParty;
import io.qiyue.customer.CustomerKind;
import io.qiyue.customer.CustomerStatus;
import io.qiyue.shared.Warmup;
import io.qiyue.template.SampleContracts;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * The first review builds the engine of the current settings and compiles its patterns: a sample contract of each
 * type is reviewed, with its findings and their messages in both languages, and nothing is stored.
 */
@Component
class ReviewWarmup implements Warmup {
    private static final ContractParty CUSTOMER = new ContractParty("warmup-customer", CustomerKind.ORGANIZATION,
            "杭州示例科技有限公司", "91330100716105852F", null, "浙江省杭州市余杭区文一西路969号", CustomerStatus.ACTIVE);
    private static final ContractParty OUR_ENTITY = new ContractParty("warmup-entity", CustomerKind.ORGANIZATION,
            "上海契约信息技术有限公司", "91310000MA1FL8XQ37", null, "上海市浦东新区张江路88号", CustomerStatus.ACTIVE);

    private final ReviewEngines engines;
    private final java.time.Clock clock;

    ReviewWarmup(ReviewEngines engines, java.time.Clock clock) {
        this.engines = engines;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "review";
    }

    @Override
    public void warm() {
        var engine = engines.current();
        for (ContractType type : ContractType.values()) {
            var evaluation = engine.evaluate(ReviewSubject.of(SampleContracts.contract(type), CUSTOMER, OUR_ENTITY,
                    LocalDate.now(clock)));
            engines.localise(evaluation, java.util.Locale.SIMPLIFIED_CHINESE);
            engines.localise(evaluation, java.util.Locale.ENGLISH);
        }
    }
}
