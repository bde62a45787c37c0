package io.qiyue.signing;

import io.qiyue.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seal image checks and the generated seals, without the application. */
class SealImagesTest {

    @Test
    void generatedNameStampsAreTransparentAroundRedInk() throws IOException {
        for (String name : new String[]{"张三", "王小明", "欧阳娜娜", "Anna Li"}) {
            byte[] png = SealImages.nameStamp(name);
            keep("name-stamp-" + name.length() + ".png", png);
            assertTransparentCornersAndRedInk(png);
        }
    }

    @Test
    void generatedCompanySealIsTransparentAroundRedInk() throws IOException {
        byte[] png = SealImages.companySeal("契约科技（上海）有限公司", "合同专用章");
        keep("company-seal.png", png);
        assertTransparentCornersAndRedInk(png);
        keep("company-seal-long.png", SealImages.companySeal("杭州示例网络信息技术股份有限公司", "合同专用章"));
    }

    @Test
    void keepsATransparentPng() throws IOException {
        byte[] upload = SealImages.companySeal("契约科技（上海）有限公司", "合同专用章");
        var stored = read(SealImages.normalise(upload, "seal.png"));
        assertThat(stored.getRGB(0, 0) >>> 24).isZero();
        assertThat(stored.getColorModel().hasAlpha()).isTrue();
    }

    @Test
    void liftsAWhiteBackgroundOffAJpeg() throws IOException {
        byte[] jpeg = SampleImages.sealOnWhite("jpeg", 300);
        var stored = read(SealImages.normalise(jpeg, "seal.jpg"));
        assertThat(stored.getRGB(0, 0) >>> 24).isZero();
        int centre = stored.getRGB(150, 150 - 120); // on the ring
        assertThat(centre >>> 24).isGreaterThan(200);
        assertThat(SealImages.reddish(centre)).isTrue();
    }

    @Test
    void liftsAWhiteBackgroundOffAnOpaquePng() throws IOException {
        var stored = read(SealImages.normalise(SampleImages.sealOnWhite("png", 200), "seal.png"));
        assertThat(stored.getRGB(2, 2) >>> 24).isZero();
    }

    @Test
    void refusesWhatIsNoSealImage() throws IOException {
        assertRefused(SampleImages.gif(), "GIF");
        assertRefused("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8), "SVG");
        assertRefused("%PDF-1.7\n".getBytes(StandardCharsets.UTF_8), "PDF");
        assertRefused("just text, named seal.png".getBytes(StandardCharsets.UTF_8), "qiyue.seal.file.not-image");
        assertRefused(new byte[0], "qiyue.seal.file.empty");
        assertRefused(new byte[SealImages.MAX_BYTES + 1], "qiyue.seal.file.too-large");
        byte[] png = SampleImages.sealOnWhite("png", 200);
        assertRefused(Arrays.copyOf(png, png.length / 2), "qiyue.seal.file.damaged");
        byte[] jpeg = SampleImages.sealOnWhite("jpeg", 200);
        assertRefused(Arrays.copyOf(jpeg, jpeg.length / 2), "qiyue.seal.file.damaged");
        assertRefused(SampleImages.pngHeaderOnly(10_000, 10_000), "qiyue.seal.file.dimensions-large");
        assertRefused(SampleImages.sealOnWhite("png", 40), "qiyue.seal.file.dimensions-small");
        assertRefused(SampleImages.photo(), "qiyue.seal.file.background");
    }

    private static void assertRefused(byte[] upload, String codeOrArgument) {
        assertThatThrownBy(() -> SealImages.normalise(upload, "seal.png"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.violations()).hasSize(1);
                    var v = e.violations().getFirst();
                    assertThat(v.field()).isEqualTo("file");
                    assertThat(v.code() + " " + v.args()).contains(codeOrArgument);
                });
    }

    private static void assertTransparentCornersAndRedInk(byte[] png) throws IOException {
        assertThat(SealImages.format(png)).isEqualTo("png");
        var image = read(png);
        int w = image.getWidth();
        int h = image.getHeight();
        for (int[] corner : new int[][]{{0, 0}, {w - 1, 0}, {0, h - 1}, {w - 1, h - 1}}) {
            assertThat(image.getRGB(corner[0], corner[1]) >>> 24).as("corner %s", Arrays.toString(corner)).isZero();
        }
        long red = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                if ((argb >>> 24) == 255 && SealImages.reddish(argb)) {
                    red++;
                }
            }
        }
        assertThat(red).as("opaque red pixels").isGreaterThan((long) w * h / 20);
    }

    private static BufferedImage read(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    /** Keeps the generated images under target/ for a look. */
    private static void keep(String name, byte[] png) throws IOException {
        var dir = Path.of("target", "seal-images");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), png);
    }

    /** Test images drawn on the fly: nothing binary in the repository. */
    static final class SampleImages {
        private SampleImages() {
        }

        /** A red ring with a bar in it on white paper, as a scan of a seal would be. */
        static byte[] sealOnWhite(String format, int size) throws IOException {
            var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(252, 251, 248));
            g.fillRect(0, 0, size, size);
            g.setColor(new Color(205, 25, 35));
            g.setStroke(new java.awt.BasicStroke(size / 25f));
            int m = size / 10;
            g.drawOval(m, m, size - 2 * m, size - 2 * m);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, size / 6)));
            g.fillRect(size / 3, size / 2 - size / 20, size / 3, size / 10);
            g.dispose();
            return encode(image, format);
        }

        /** Smooth colour gradients all over, as a photograph has. */
        static byte[] photo() throws IOException {
            int size = 256;
            var image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    image.setRGB(x, y, new Color(40 + x / 2, 90 + y / 3, 60 + (x + y) / 5).getRGB());
                }
            }
            return encode(image, "jpeg");
        }

        static byte[] gif() throws IOException {
            var image = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
            return encode(image, "gif");
        }

        /** The signature and an IHDR chunk declaring width × height, and nothing else: a decompression bomb's header. */
        static byte[] pngHeaderOnly(int width, int height) {
            var out = new ByteArrayOutputStream();
            out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            var ihdr = java.nio.ByteBuffer.allocate(17);
            ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                    .put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
            var crc = new CRC32();
            crc.update(ihdr.array());
            out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(13).array());
            out.writeBytes(ihdr.array());
            out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
            return out.toByteArray();
        }

        static byte[] encode(BufferedImage image, String format) throws IOException {
            var out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        }
    }
}
