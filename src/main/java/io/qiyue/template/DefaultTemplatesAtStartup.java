package io.qiyue.template;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Stores the shipped default templates once the schema exists: a few small inserts, only on the first start. */
@Component
class DefaultTemplatesAtStartup implements ApplicationRunner {
    private final Templates templates;

    DefaultTemplatesAtStartup(Templates templates) {
        this.templates = templates;
    }

    @Override
    public void run(ApplicationArguments args) {
        templates.storeDefaults();
    }
}
