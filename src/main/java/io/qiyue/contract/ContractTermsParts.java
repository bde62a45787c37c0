package io.qiyue.contract;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reflective access to the parts of {@link ContractTerms} by their JSON names. */
final class ContractTermsParts {
    /** Read once: {@code getRecordComponents()} builds its answer anew on every call, and every save asks. */
    private static final RecordComponent[] COMPONENTS = ContractTerms.class.getRecordComponents();
    private static final java.lang.reflect.Method[] ACCESSORS = Arrays.stream(COMPONENTS)
            .map(RecordComponent::getAccessor).toArray(java.lang.reflect.Method[]::new);
    static final List<String> ORDER = Arrays.stream(COMPONENTS).map(RecordComponent::getName).toList();

    private ContractTermsParts() {
    }

    /** The parts that are set, by name, in record order. */
    static Map<String, Object> present(ContractTerms terms) {
        var present = new LinkedHashMap<String, Object>();
        for (int i = 0; i < COMPONENTS.length; i++) {
            try {
                Object value = ACCESSORS[i].invoke(terms);
                if (value != null) {
                    present.put(ORDER.get(i), value);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return present;
    }
}
