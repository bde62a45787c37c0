package io.qiyue.template;

import io.qiyue.contract.ContractType;
import io.qiyue.customer.Customer;
import io.qiyue.customer.CustomerKind;
import io.qiyue.customer.CustomerLevel;
import io.qiyue.customer.CustomerStatus;
import io.qiyue.customer.OurEntity;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a kept document records of the parties it names, and what signing then finds changed. */
class PrintedParticularsTest {
    private static final Renderer RENDERER = new Renderer();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aRenamedCustomerAndAnotherLegalRepresentativeOfOursAreFound() {
        String kept = kept(DefaultTemplates.body(ContractType.SERVICE), SampleContracts.customer(),
                SampleContracts.ourEntity());
        assertThat(PrintedParticulars.read(kept, JSON)).containsOnlyKeys("customer.name", "customer.creditCode",
                "customer.address", "customer.legalRepresentative", "ourEntity.name", "ourEntity.creditCode",
                "ourEntity.address", "ourEntity.legalRepresentative", "ourEntity.bankName", "ourEntity.bankAccount");
        assertThat(changed(kept, SampleContracts.customer(), SampleContracts.ourEntity())).isEmpty();

        var renamed = customer("杭州示例数字科技有限公司", "91330100716105852F");
        var entity = SampleContracts.ourEntity();
        var moved = new OurEntity(entity.id(), entity.name(), entity.creditCode(), entity.address(), "赵六",
                entity.bankName(), entity.bankAccount(), 2, Instant.EPOCH, Instant.EPOCH);
        assertThat(changed(kept, renamed, moved)).containsExactly(
                new ChangedParticular("customer.name", "杭州示例科技有限公司", "杭州示例数字科技有限公司"),
                new ChangedParticular("ourEntity.legalRepresentative", "王五", "赵六"));
    }

    @Test
    void whitespaceAndTheWidthOfBracketsMakeNoOtherName() {
        var customer = customer("杭州示例科技（集团）有限公司", "91330100716105852F");
        String kept = kept(DefaultTemplates.body(ContractType.SERVICE), customer, SampleContracts.ourEntity());
        assertThat(changed(kept, customer("杭州示例科技(集团) 有限公司", "91330100716105852F"),
                SampleContracts.ourEntity())).isEmpty();
    }

    @Test
    void whatTheTemplateDoesNotPrintIsNotHeldAgainstTheDocument() {
        // an administrator's template that leaves the addresses out
        String body = DefaultTemplates.body(ContractType.SERVICE)
                .replace("<tr><td>住所</td><td>{{partyA.address}}</td><td>{{partyB.address}}</td></tr>", "");
        assertThat(body).isNotEqualTo(DefaultTemplates.body(ContractType.SERVICE));
        var sample = SampleContracts.customer();
        // not the sample's notice address either, which the document prints as such
        var customer = new Customer(sample.id(), sample.kind(), sample.name(), sample.creditCode(), null,
                "浙江省杭州市滨江区网商路699号", sample.legalRepresentative(), sample.industry(), sample.level(),
                sample.status(), sample.owner(), sample.contacts(), false, 1, Instant.EPOCH, Instant.EPOCH);
        String kept = kept(body, customer, SampleContracts.ourEntity());
        assertThat(PrintedParticulars.read(kept, JSON)).doesNotContainKey("customer.address")
                .containsKey("customer.name");
        var elsewhere = new Customer(customer.id(), customer.kind(), customer.name(), customer.creditCode(), null,
                "浙江省杭州市西湖区文三路90号", customer.legalRepresentative(), customer.industry(), customer.level(),
                customer.status(), customer.owner(), customer.contacts(), false, 2, Instant.EPOCH, Instant.EPOCH);
        assertThat(changed(kept, elsewhere, SampleContracts.ourEntity())).isEmpty();
    }

    @Test
    void aPersonsIdNumberIsKeptAsItsHashAndShownMasked() {
        var person = new Customer("p1", CustomerKind.PERSON, "赵六", null, "110101199001011234",
                "北京市海淀区中关村大街1号", null, null, CustomerLevel.A, CustomerStatus.ACTIVE, "admin", List.of(), false,
                1, Instant.EPOCH, Instant.EPOCH);
        String kept = kept(DefaultTemplates.body(ContractType.SERVICE), person, SampleContracts.ourEntity());
        assertThat(kept).doesNotContain("110101199001011234");
        var corrected = new Customer("p1", CustomerKind.PERSON, "赵六", null, "11010119900101123X",
                "北京市海淀区中关村大街1号", null, null, CustomerLevel.A, CustomerStatus.ACTIVE, "admin", List.of(), false,
                2, Instant.EPOCH, Instant.EPOCH);
        var changed = changed(kept, corrected, SampleContracts.ourEntity());
        assertThat(changed).hasSize(1);
        assertThat(changed.getFirst().field()).isEqualTo("customer.idNumber");
        assertThat(changed.getFirst().printed()).doesNotContain("19900101").endsWith("1234");
        assertThat(changed.getFirst().current()).doesNotContain("19900101").endsWith("123X");
    }

    @Test
    void aDocumentKeptBeforeItsParticularsIsCheckedForTheCurrentNames() {
        String text = RENDERER.render(DefaultTemplates.body(ContractType.SERVICE), model(SampleContracts.customer(),
                SampleContracts.ourEntity()), "t", 1, Instant.EPOCH).text();
        var current = current(customer("杭州示例数字科技有限公司", "91330100716105852F"), SampleContracts.ourEntity());
        assertThat(PrintedParticulars.namesNotPrinted(current, text)).containsExactly(
                new ChangedParticular("customer.name", null, "杭州示例数字科技有限公司"));
        assertThat(PrintedParticulars.namesNotPrinted(current(SampleContracts.customer(), SampleContracts.ourEntity()),
                text)).isEmpty();
    }

    private static Customer customer(String name, String creditCode) {
        var sample = SampleContracts.customer();
        return new Customer(sample.id(), sample.kind(), name, creditCode, null, sample.address(),
                sample.legalRepresentative(), sample.industry(), sample.level(), sample.status(), sample.owner(),
                sample.contacts(), false, 2, Instant.EPOCH, Instant.EPOCH);
    }

    private static DocumentModel model(Customer customer, OurEntity ourEntity) {
        return DocumentModels.of(SampleContracts.contract(ContractType.SERVICE), customer, ourEntity);
    }

    private static String kept(String body, Customer customer, OurEntity ourEntity) {
        var model = model(customer, ourEntity);
        String text = RENDERER.render(body, model, "t", 1, Instant.EPOCH).text();
        return PrintedParticulars.printed(PrintedParticulars.of(model.partyA(), model.partyB()), text, JSON);
    }

    private static java.util.Map<String, String> current(Customer customer, OurEntity ourEntity) {
        var model = model(customer, ourEntity);
        return PrintedParticulars.of(model.partyA(), model.partyB());
    }

    private static List<ChangedParticular> changed(String kept, Customer customer, OurEntity ourEntity) {
        return PrintedParticulars.changed(PrintedParticulars.read(kept, JSON), current(customer, ourEntity));
    }
}
