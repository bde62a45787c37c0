package io.qiyue.shared.web;

import io.qiyue.testing.ApiTestSupport;
import io.qiyue.testing.TestDatabase;
import io.qiyue.testing.UsingDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.converter.xml.Jaxb2RootElementHttpMessageConverter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON API answers through Jackson alone; a client asking only for XML is told 406, not given a 500. */
@UsingDatabase(TestDatabase.H2)
class MessageConvertersH2IT extends ApiTestSupport {
    @Autowired
    RequestMappingHandlerAdapter handlerAdapter;

    @Test
    void noJaxbConverterAndXmlOnlyClientsGetNotAcceptable() {
        assertThat(handlerAdapter.getMessageConverters())
                .noneMatch(Jaxb2RootElementHttpMessageConverter.class::isInstance)
                .anyMatch(c -> c.getSupportedMediaTypes().stream().anyMatch(t -> "json".equals(t.getSubtype())));

        String id = createContract(admin(), "SERVICE").path("id").asString();
        var json = admin().get("/api/v1/contracts/" + id);
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().path("id").asString()).isEqualTo(id);

        var xml = admin().request("GET", "/api/v1/contracts/" + id).header("Accept", "application/xml").send();
        assertThat(xml.status()).as("%s", xml).isEqualTo(406);
    }
}
