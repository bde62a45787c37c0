package io.qiyue.signing.pdf;

import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * RFC 3161 over plain HTTP: POST {@code application/timestamp-query}, SHA-256 imprint, a nonce, and the TSA's
 * certificate requested in the token. Any failure is a {@link TimeStampException}, never a signature without its
 * time-stamp.
 */
final class TimeStampClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI tsa;
    private final HttpClient http;

    TimeStampClient(String url) {
        this.tsa = URI.create(url);
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A time-stamp token over the SHA-256 of the data (for B-T: the CMS signature value). */
    TimeStampToken stamp(byte[] data) {
        try {
            byte[] imprint = MessageDigest.getInstance("SHA-256").digest(data);
            var generator = new TimeStampRequestGenerator();
            generator.setCertReq(true);
            var request = generator.generate(TSPAlgorithms.SHA256, imprint, new BigInteger(64, RANDOM));
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(tsa).timeout(TIMEOUT)
                            .header("Content-Type", "application/timestamp-query")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new TimeStampException("the time-stamp authority " + tsa + " answered HTTP "
                        + response.statusCode(), null);
            }
            var reply = new TimeStampResponse(response.body());
            // checks status, nonce, imprint and algorithm against our request
            reply.validate(request);
            TimeStampToken token = reply.getTimeStampToken();
            if (token == null) {
                throw new TimeStampException("the time-stamp authority " + tsa + " refused: "
                        + reply.getStatusString(), null);
            }
            return token;
        } catch (IOException e) {
            throw new TimeStampException("the time-stamp authority " + tsa + " is unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeStampException("interrupted while waiting for the time-stamp authority", e);
        } catch (TSPException | GeneralSecurityException e) {
            throw new TimeStampException("the time-stamp authority " + tsa + " answered with an unusable time-stamp", e);
        }
    }
}
