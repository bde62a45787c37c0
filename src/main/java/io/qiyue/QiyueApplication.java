package io.qiyue;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.net.URL;

@SpringBootApplication
public class QiyueApplication {
    private static final String AOT_ENABLED = "spring.aot.enabled";

    public static void main(String[] args) {
        io.qiyue.shared.HeapSizing.applyDefaults();
        useBuildTimeBeanDefinitions();
        SpringApplication.run(QiyueApplication.class, args);
    }

    /**
     * The packaged jar carries the bean definitions Spring AOT worked out when it was built (the spring-aot-* steps
     * of the pom): starting from them skips parsing a few hundred configuration classes and evaluating their
     * conditions, about a seventh of a start on two cores. Spring only uses them when {@code spring.aot.enabled} is
     * true, which would otherwise take a JVM flag on every start, so it is set here: only when this class comes out
     * of a jar that holds the generated initializer (the same build made both), and never against an explicit
     * {@code -Dspring.aot.enabled} or {@code SPRING_AOT_ENABLED}. From the class path (tests, mvn spring-boot:run)
     * nothing changes, since the classes there may be newer than the last generated definitions.
     */
    static void useBuildTimeBeanDefinitions() {
        if (System.getProperty(AOT_ENABLED) != null) {
            return;
        }
        String fromEnvironment = System.getenv("SPRING_AOT_ENABLED");
        if (fromEnvironment != null) {
            System.setProperty(AOT_ENABLED, fromEnvironment.trim());
            return;
        }
        URL self = QiyueApplication.class.getResource(QiyueApplication.class.getSimpleName() + ".class");
        URL initializer = QiyueApplication.class.getResource(
                QiyueApplication.class.getSimpleName() + "__ApplicationContextInitializer.class");
        if (self != null && "jar".equals(self.getProtocol()) && initializer != null) {
            System.setProperty(AOT_ENABLED, "true");
        }
    }
}
