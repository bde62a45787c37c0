package io.qiyue;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/** The module boundaries of ARCHITECTURE.md: no cycles, no access to another module's internals. */
class ModularityTest {
    private static final ApplicationModules MODULES = ApplicationModules.of(QiyueApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    private static java.util.List<String> dependencies(org.springframework.modulith.core.ApplicationModule module) {
        return module.getDirectDependencies(MODULES).uniqueModules()
                .map(m -> m.getIdentifier().toString()).toList();
    }

    @Test
    void theExpectedModulesExist() {
        assertThat(MODULES.stream().map(m -> m.getIdentifier().toString()))
                .contains("shared", "security", "customer", "contract", "audit");
    }

    @Test
    void theCoreDoesNotDependOnOuterModules() {
        var customer = MODULES.getModuleByName("customer").orElseThrow();
        var security = MODULES.getModuleByName("security").orElseThrow();
        var contract = MODULES.getModuleByName("contract").orElseThrow();
        var audit = MODULES.getModuleByName("audit").orElseThrow();

        assertThat(dependencies(security)).doesNotContain("customer", "contract", "audit");
        assertThat(dependencies(customer)).contains("security").doesNotContain("contract", "audit");
        assertThat(dependencies(contract)).contains("customer", "security").doesNotContain("audit");
        assertThat(MODULES.stream().filter(m -> !m.equals(audit)).flatMap(m -> dependencies(m).stream()))
                .as("nobody calls the audit module").doesNotContain("audit");
    }
}
