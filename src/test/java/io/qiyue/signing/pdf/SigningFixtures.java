package io.qiyue.signing.pdf;

import io.qiyue.security.FieldCipher;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

/** An in-memory H2 database with the V27 tables, a data key, the signing services on them, and seal pictures. */
final class SigningFixtures {
    private SigningFixtures() {
    }

    record Database(JdbcClient jdbc, PlatformTransactionManager transactions) {
    }

    /** A fresh database with only the signing tables, made by the migration itself (H2's placeholder values). */
    static Database database() {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:signing-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        var jdbc = JdbcClient.create(dataSource);
        try (InputStream in = SigningFixtures.class.getResourceAsStream("/db/migration/common/V27__signing_keys.sql")) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${text}", "CLOB").replace("${timestamp}", "TIMESTAMP(6)").replace("${blob}", "BLOB");
            for (String statement : script.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    jdbc.sql(statement).update();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Database(jdbc, new DataSourceTransactionManager(dataSource));
    }

    static FieldCipher cipher() {
        try {
            var constructor = FieldCipher.class.getDeclaredConstructor(String.class, Path.class);
            constructor.setAccessible(true);
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            return constructor.newInstance(Base64.getEncoder().encodeToString(key), Files.createTempDirectory("qiyue"));
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Services(Database database, FieldCipher cipher, SigningAuthority authority, InstallationSignerKeys keys,
                    PdfSignatures signatures) {
        /** Another instance on the same database and data key. */
        Services another(TimeStampClient timeStamps) {
            return on(database, cipher, "", "", timeStamps);
        }

        JdbcClient jdbc() {
            return database.jdbc();
        }
    }

    static Services services() {
        return on(database(), cipher(), "", "", null);
    }

    static Services on(Database database, FieldCipher cipher, String keystore, String password,
                       TimeStampClient timeStamps) {
        var authority = new SigningAuthority(database.jdbc(), database.transactions(), cipher, keystore, password,
                Clock.systemUTC());
        var keys = new InstallationSignerKeys(database.jdbc(), database.transactions(), cipher, authority);
        var signatures = new PdfSignatures(keys, new SignatureVerifier(authority::trustedCertificates), timeStamps);
        return new Services(database, cipher, authority, keys, signatures);
    }

    /** A red round company seal: a ring, the name along the upper arc, a star, on a transparent background. */
    static byte[] companySeal(String name) {
        int size = 480;
        var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        var red = new Color(220, 20, 30, 230);
        g.setColor(red);
        float ring = size * 0.035f;
        g.setStroke(new BasicStroke(ring));
        g.draw(new Ellipse2D.Float(ring, ring, size - 2 * ring, size - 2 * ring));
        double c = size / 2.0;
        var star = new Path2D.Double();
        for (int i = 0; i < 10; i++) {
            double r = i % 2 == 0 ? size * 0.15 : size * 0.06;
            double a = -Math.PI / 2 + i * Math.PI / 5;
            if (i == 0) {
                star.moveTo(c + r * Math.cos(a), c + r * Math.sin(a));
            } else {
                star.lineTo(c + r * Math.cos(a), c + r * Math.sin(a));
            }
        }
        star.closePath();
        g.fill(star);
        Font font = cjkFont().deriveFont(Font.PLAIN, size * 0.1f);
        g.setFont(font);
        int n = name.codePointCount(0, name.length());
        double radius = size * 0.36;
        int k = 0;
        for (int at = 0; at < name.length(); at += Character.charCount(name.codePointAt(at)), k++) {
            String ch = new String(Character.toChars(name.codePointAt(at)));
            // from lower left over the top to lower right, each character upright to the centre
            double phi = Math.toRadians(n == 1 ? 0 : -120 + k * 240.0 / (n - 1));
            AffineTransform saved = g.getTransform();
            g.translate(c + radius * Math.sin(phi), c - radius * Math.cos(phi));
            g.rotate(phi);
            int w = g.getFontMetrics().stringWidth(ch);
            g.drawString(ch, -w / 2f, g.getFontMetrics().getAscent() / 2.5f);
            g.setTransform(saved);
        }
        g.setFont(cjkFont().deriveFont(Font.PLAIN, size * 0.07f));
        String label = "合同专用章";
        int w = g.getFontMetrics().stringWidth(label);
        g.drawString(label, (float) (c - w / 2.0), (float) (c + size * 0.3));
        g.dispose();
        return png(image);
    }

    /** A square red name stamp (私章) of a person: two columns of characters in a frame, read right to left. */
    static byte[] nameStamp(String name) {
        int size = 300;
        var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(220, 20, 30, 230));
        g.setStroke(new BasicStroke(size * 0.05f));
        g.drawRect(size / 20, size / 20, size - size / 10, size - size / 10);
        String text = name.length() == 2 ? name + "之印" : name.length() == 3 ? name + "印" : name;
        g.setFont(cjkFont().deriveFont(Font.BOLD, size * 0.36f));
        var metrics = g.getFontMetrics();
        for (int i = 0; i < Math.min(4, text.length()); i++) {
            String ch = text.substring(i, i + 1);
            float x = (i < 2 ? size * 0.53f : size * 0.1f) + (size * 0.37f - metrics.stringWidth(ch)) / 2;
            float y = (i % 2 == 0 ? size * 0.46f : size * 0.86f);
            g.drawString(ch, x, y);
        }
        g.dispose();
        return png(image);
    }

    private static Font cjkFont() {
        try (InputStream in = SigningFixtures.class.getResourceAsStream("/fonts/NotoSansSC-Regular.ttf")) {
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] png(BufferedImage image) {
        try (var out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
