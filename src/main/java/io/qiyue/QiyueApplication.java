package io.qiyue;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class QiyueApplication {
    public static void main(String[] args) {
        io.qiyue.shared.HeapSizing.applyDefaults();
        SpringApplication.run(QiyueApplication.class, args);
    }
}
