package io.qiyue.shared.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The title and conventions of {@code /v3/api-docs}, for the clients generated from it. The spreadsheet exports of
 * the lists are left out of the operations (they share the lists' paths and would show the links' {@code format}
 * as a required parameter of every list) and are described here instead.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    @Bean
    OpenAPI qiyueApi() {
        return new OpenAPI().info(new Info()
                .title("Qiyue (契约) API")
                .version("v1")
                .description("""
                        Customer contracts: customers, contracts and their documents, review, approval, signing and \
                        performance. Authentication: HTTP Basic or `Authorization: Bearer <API token>`. \
                        Errors are `application/problem+json` (RFC 9457) with `errors[].field` and `errors[].message`. \
                        Creates answer 201 with `Location` and `ETag`; updates need `If-Match` with the ETag \
                        (missing: 428, stale: 412). A POST may carry `Idempotency-Key`. The contract, customer, \
                        audit, obligation, case, receipt and invoice lists and the receivables ageing answer \
                        `Accept: text/csv` or \
                        `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` (or `?format=csv|xlsx`) \
                        with the whole filtered list as a file."""));
    }
}
