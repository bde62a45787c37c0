package io.qiyue.contract;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reflective access to the parts of {@link ContractTerms} by their JSON names. */
final class ContractTermsParts {
    static final List<String> ORDER = Arrays.stream(ContractTerms.class.getRecordComponents())
            .map(RecordComponent::getName).toList();

    private ContractTermsParts() {
    }

    /** The parts that are set, by name, in record order. */
    static Map<String, Object> present(ContractTerms terms) {
        var present = new LinkedHashMap<String, Object>();
        for (RecordComponent c : ContractTerms.class.getRecordComponents()) {
            try {
                Object value = c.getAccessor().invoke(terms);
                if (value != null) {
                    present.put(c.getName(), value);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return present;
    }
}
