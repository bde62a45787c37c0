package io.qiyue.contract;

import io.qiyue.shared.Text;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which form a contract's stored terms JSON is in, so that GET by id can send the stored text as it is instead of
 * reading it into {@link ContractTerms} and writing it out again (half of that request's CPU in a profile).
 * Sending it as stored is only right when it is exactly what reading and writing would give. A row stores the
 * {@link #current} form when its JSON was written by this code and is a fixed point of read-then-write; every
 * other row (written before, or by a build whose terms classes or JSON settings differ) is read and written
 * as before.
 * <p>
 * The form is a digest of what decides that output: the class files of every record and enum the terms are made
 * of (components, annotations, the normalising compact constructors), {@link Text} (every stored string is read
 * through {@link Text#input}), the Jackson version and how this mapper writes decimals, dates and text. A build
 * that changes any of these therefore never passes on JSON of an older form; a change elsewhere that alters the
 * output (a module of the mapper that writes these types differently) must raise {@link #REVISION}.
 */
final class TermsForm {
    /** Raise when the terms' JSON output changes for a reason the digest cannot see. */
    private static final int REVISION = 1;

    private final JsonMapper json;
    private final String current;

    TermsForm(JsonMapper json) {
        this.json = json;
        this.current = digest(json);
    }

    /** The form of this build, as stored in {@code contract.terms_form}. */
    String current() {
        return current;
    }

    /**
     * The form to store beside {@code stored}, the JSON just written for {@code terms}: the current one when reading
     * it back and writing it again gives the same text (it always should; checked because a row marked wrongly would
     * answer GET with a different text than a read would), otherwise none.
     */
    String of(String stored) {
        try {
            return stored.equals(json.writeValueAsString(json.readValue(stored, ContractTerms.class))) ? current : null;
        } catch (RuntimeException e) {
            return null; // not read back as it was written: stored without a form, read and written again on GET
        }
    }

    /** The terms as GET answers them: as stored when in the current form, otherwise read and written again. */
    String answer(String stored, String form) {
        return current.equals(form) ? stored : json.writeValueAsString(json.readValue(stored, ContractTerms.class));
    }

    private static String digest(JsonMapper json) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            sha.update(("revision " + REVISION + "\njackson " + json.version() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(json.writeValueAsString(List.of(new BigDecimal("1.50"), new BigDecimal("1E+3"),
                    LocalDate.of(2026, 1, 2), "中文 \u2028<&>'\"\\", 7, true)).getBytes(StandardCharsets.UTF_8));
            var classes = new LinkedHashSet<Class<?>>();
            collect(ContractTerms.class, classes);
            classes.add(Text.class);
            for (Class<?> c : classes) {
                sha.update(c.getName().getBytes(StandardCharsets.UTF_8));
                try (InputStream in = c.getResourceAsStream(c.getName().substring(c.getName().lastIndexOf('.') + 1)
                        + ".class")) {
                    if (in == null) {
                        throw new IllegalStateException("class file of " + c.getName() + " not found");
                    }
                    sha.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records and enums of the terms, depth first (the order is stable: record components are declared). */
    private static void collect(Class<?> type, Set<Class<?>> found) {
        if (!(type.isRecord() || type.isEnum()) || !found.add(type)) {
            return;
        }
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                collect(c.getAnnotatedType(), found);
            }
        }
    }

    private static void collect(AnnotatedType type, Set<Class<?>> found) {
        if (type instanceof AnnotatedParameterizedType p) {
            for (AnnotatedType argument : p.getAnnotatedActualTypeArguments()) {
                collect(argument, found);
            }
        } else if (type.getType() instanceof Class<?> c) {
            collect(c, found);
        }
    }
}
