package io.qiyue.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A small HTTP client for the REST API over a real port (java.net.http): one instance per identity
 * (Bearer token, Basic credentials or anonymous). Never throws on 4xx/5xx: tests assert on the status.
 */
public final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private static final Map<String, HttpClient> BY_SOURCE = new ConcurrentHashMap<>();

    private final HttpClient http;
    private final String baseUrl;
    private final String authorization;
    private final Map<String, String> defaultHeaders;

    private ApiClient(HttpClient http, String baseUrl, String authorization, Map<String, String> defaultHeaders) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.authorization = authorization;
        this.defaultHeaders = Map.copyOf(defaultHeaders);
    }

    public static ApiClient anonymous(int port) {
        return new ApiClient(HTTP, "http://127.0.0.1:" + port, null, Map.of());
    }

    public ApiClient bearer(String token) {
        return new ApiClient(http, baseUrl, "Bearer " + token, defaultHeaders);
    }

    public ApiClient basic(String username, String password) {
        return new ApiClient(http, baseUrl, "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)), defaultHeaders);
    }

    /** The same identity with a header on every request, e.g. {@code Accept-Language}. */
    public ApiClient withHeader(String name, String value) {
        var headers = new LinkedHashMap<>(defaultHeaders);
        headers.put(name, value);
        return new ApiClient(http, baseUrl, authorization, headers);
    }

    /**
     * The same identity connecting from another loopback address ({@code 127.0.0.2} …, all of
     * 127.0.0.0/8 is the loopback interface on Linux), so that the server sees a different client
     * address, as it would for another machine.
     */
    public ApiClient from(String loopbackAddress) {
        var client = BY_SOURCE.computeIfAbsent(loopbackAddress, address -> {
            try {
                return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).localAddress(InetAddress.getByName(address)).build();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(address, e);
            }
        });
        return new ApiClient(client, baseUrl, authorization, defaultHeaders);
    }

    public HttpResponse get(String path) {
        return request("GET", path).send();
    }

    public HttpResponse post(String path, String json) {
        return request("POST", path).json(json).send();
    }

    public HttpResponse put(String path, String json, String ifMatch) {
        var request = request("PUT", path).json(json);
        return (ifMatch == null ? request : request.header("If-Match", ifMatch)).send();
    }

    public HttpResponse patch(String path, String mergePatch, String ifMatch) {
        var request = request("PATCH", path).body("application/merge-patch+json", mergePatch);
        return (ifMatch == null ? request : request.header("If-Match", ifMatch)).send();
    }

    public HttpResponse delete(String path, String ifMatch) {
        var request = request("DELETE", path);
        return (ifMatch == null ? request : request.header("If-Match", ifMatch)).send();
    }

    public Request request(String method, String path) {
        return new Request(method, path);
    }

    /** One request being built. */
    public final class Request {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>(defaultHeaders);
        private Supplier<HttpRequest.BodyPublisher> body = HttpRequest.BodyPublishers::noBody;

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Request json(String json) {
            return body("application/json", json);
        }

        public Request body(String contentType, String content) {
            headers.put("Content-Type", contentType);
            body = () -> HttpRequest.BodyPublishers.ofString(content, StandardCharsets.UTF_8);
            return this;
        }

        /** A binary body, e.g. multipart/form-data. */
        public Request bytes(String contentType, byte[] content) {
            headers.put("Content-Type", contentType);
            body = () -> HttpRequest.BodyPublishers.ofByteArray(content);
            return this;
        }

        /** A body of unknown length, sent chunked. */
        public Request chunked(String contentType, Supplier<InputStream> content) {
            headers.put("Content-Type", contentType);
            body = () -> HttpRequest.BodyPublishers.ofInputStream(content);
            return this;
        }

        public HttpResponse send() {
            var response = exchange(java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new HttpResponse(response.statusCode(), response.headers(), response.body());
        }

        /** Sends the request and keeps the answer as bytes (PDF, DOCX). */
        public java.net.http.HttpResponse<byte[]> sendForBytes() {
            return exchange(java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        }

        private <T> java.net.http.HttpResponse<T> exchange(java.net.http.HttpResponse.BodyHandler<T> handler) {
            var builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, body.get());
            if (authorization != null && !headers.containsKey("Authorization")) {
                builder.header("Authorization", authorization);
            }
            headers.forEach(builder::header);
            try {
                return http.send(builder.build(), handler);
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + path + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
