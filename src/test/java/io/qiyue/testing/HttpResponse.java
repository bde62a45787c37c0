package io.qiyue.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/** A response as the tests look at it: status, headers, body text and the body as JSON. */
public record HttpResponse(int status, HttpHeaders headers, String body) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public String contentType() {
        return header("Content-Type");
    }

    public JsonNode json() {
        return JSON.readTree(body);
    }

    /** {@code errors[].field} of a problem+json answer. */
    public List<String> errorFields() {
        var fields = new ArrayList<String>();
        json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    /** {@code errors[].message} of a problem+json answer. */
    public List<String> errorMessages() {
        var messages = new ArrayList<String>();
        json().path("errors").forEach(e -> messages.add(e.path("message").asString()));
        return messages;
    }

    @Override
    public String toString() {
        return status + " " + (body.length() > 2000 ? body.substring(0, 2000) + "…" : body);
    }
}
