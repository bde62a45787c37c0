package io.qiyue.template;

import io.qiyue.contract.ContractInput;
import io.qiyue.contract.ContractTerms;
import io.qiyue.contract.ContractType;
import io.qiyue.shared.Warmup;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;


/**
 * The first PDF loads and parses the CJK font, the first DOCX the POI classes, the first rendering compiles the
 * active template, the first save builds the JSON readers and validators of the contract's terms: a sample contract
 * of each type goes through JSON and validation as a save's body would, is rendered in every format, and dropped.
 */
@Component
class DocumentWarmup implements Warmup {
    private final ContractDocuments documents;
    private final JsonMapper json;
    private final Validator validator;

    DocumentWarmup(ContractDocuments documents, JsonMapper json, Validator validator) {
        this.documents = documents;
        this.json = json;
        this.validator = validator;
    }

    @Override
    public String name() {
        return "documents";
    }

    @Override
    public void warm() {
        for (ContractType type : ContractType.values()) {
            var sample = SampleContracts.contract(type);
            var terms = json.readValue(json.writeValueAsString(sample.terms()), ContractTerms.class);
            validator.validate(new ContractInput(type, sample.title(), sample.customerId(), sample.ourEntityId(),
                    sample.owner(), sample.amount(), sample.startDate(), sample.endDate(), sample.autoRenew(),
                    sample.renewalNoticeDays(), terms));
            var doc = documents.renderSample(type);
            doc.text();
            doc.pdf();
            doc.docx();
        }
    }
}
