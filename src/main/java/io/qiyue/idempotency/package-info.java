/**
 * Idempotency-Key for every POST of the API: a retry with the same key and the same request answers
 * what the first one answered, byte for byte, instead of doing it again. Depends on security (whose
 * key it is) and shared only; no module calls it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Idempotency")
package io.qiyue.idempotency;
