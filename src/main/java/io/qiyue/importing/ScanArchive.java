package io.qiyue.importing;

import io.qiyue.contract.Contracts;
import io.qiyue.signing.Signings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A ZIP of signed scans whose entry names are contract numbers ({@code HT-2024-001.pdf}): each entry is checked
 * against the contracts (known, changeable by the importer, not yet with a signing record) and planned as one
 * attachment through {@link Signings#attachLegacyScan}; a problem names the entry as its "column".
 */
final class ScanArchive {
    private ScanArchive() {
    }

    /** {@code names}: the charset the archive's names were read with, to find the entry again by its name. */
    record Entry(int index, String name, String number, Charset names) {
    }

    /** The archive's files (directories and the clutter of archivers left out), with the contract number each names. */
    static List<Entry> entries(Path file) {
        Charset names = namesCharset(file);
        TableReader.checkZip(file, "qiyue.import.file.not-zip", names);
        var out = new ArrayList<Entry>();
        try (var zip = new ZipFile(file.toFile(), names)) {
            var all = zip.entries();
            int index = 0;
            while (all.hasMoreElements()) {
                var entry = all.nextElement();
                String name = entry.getName();
                String base = name.substring(name.lastIndexOf('/') + 1);
                // Windows' own files too: a folder zipped in Explorer brings its Thumbs.db (an outside tester)
                if (entry.isDirectory() || name.startsWith("__MACOSX/") || base.startsWith(".") || base.isEmpty()
                        || base.equalsIgnoreCase("Thumbs.db") || base.equalsIgnoreCase("desktop.ini")) {
                    continue;
                }
                int dot = base.lastIndexOf('.');
                out.add(new Entry(++index, name, (dot > 0 ? base.substring(0, dot) : base).strip(), names));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableFileException("qiyue.import.file.not-zip");
        }
        return out;
    }

    /**
     * The charset of the entry names an archiver wrote without the UTF-8 flag: UTF-8 when they all read as UTF-8 (Info-ZIP
     * on Linux, most tools now), else GB18030 — what Windows' 压缩文件夹, WinRAR and 360压缩 write on a Chinese
     * system, which made a ZIP of scans "not a ZIP" (an outside tester). Names flagged as UTF-8 read as UTF-8 either way.
     */
    private static Charset namesCharset(Path file) {
        try (var zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            zip.stream().forEach(ZipEntry::getName);
            return StandardCharsets.UTF_8;
        } catch (IOException | IllegalArgumentException notUtf8) {
            return Charset.forName("GB18030");
        }
    }

    static byte[] content(Path file, Entry scan) {
        try (var zip = new ZipFile(file.toFile(), scan.names())) {
            var entry = zip.getEntry(scan.name());
            try (var in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the bytes are by their signature: pdf, png or jpg; null for anything else. */
    static String kind(byte[] scan) {
        if (startsWith(scan, "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return "pdf";
        }
        if (startsWith(scan, new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
            return "png";
        }
        return startsWith(scan, new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}) ? "jpg" : null;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && java.util.Arrays.equals(bytes, 0, prefix.length, prefix, 0,
                prefix.length);
    }

    /** The kind the entry's name says (pdf, png, jpg), or null when it says none of them. */
    private static String extension(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".pdf") ? "pdf" : lower.endsWith(".png") ? "png"
                : lower.endsWith(".jpg") || lower.endsWith(".jpeg") ? "jpg" : null;
    }

    /** Whether an image's header reads as one, with a size: its pixels are not decoded. */
    private static boolean readableImage(byte[] scan) {
        try (var in = javax.imageio.ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(scan))) {
            var readers = javax.imageio.ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return false;
            }
            var reader = readers.next();
            try {
                reader.setInput(in);
                return reader.getWidth(0) > 0 && reader.getHeight(0) > 0;
            } finally {
                reader.dispose();
            }
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The plan of one entry, or null with its problem recorded.
     *
     * @param seen the archive's entries planned so far, by the id of their contract: a second scan of a contract
     *             ({@code HT-1.pdf} beside {@code HT-1.PDF}) is a problem, never a silent choice of one; and by
     *             {@code sha256:} and the hash of their bytes: one file under two contracts' names is one too
     */
    static RowPlan plan(Entry entry, Path file, Contracts contracts, Signings signings, Problems problems,
                        java.util.Map<String, String> seen) {
        // a file name typed in lower case (qy-svc-2024-000001.pdf) names the same contract as its number in upper case
        var contract = contracts.internalByNumber(entry.number())
                .or(() -> contracts.internalByNumber(entry.number().toUpperCase(java.util.Locale.ROOT))).orElse(null);
        if (contract == null || !contracts.mayChange(contract)) {
            problems.add(entry.index(), entry.name(),
                    Reason.of("qiyue.import.scan.unknown-contract", entry.number()));
            return null;
        }
        String other = seen.putIfAbsent(contract.id(), entry.name());
        if (other != null) {
            problems.add(entry.index(), entry.name(), Reason.of("qiyue.import.scan.twice", contract.number(), other));
            return null;
        }
        byte[] scan = content(file, entry);
        String kind = kind(scan);
        if (kind == null) {
            problems.add(entry.index(), entry.name(), Reason.of("qiyue.signing.scan-type"));
            return null;
        }
        // a name that says one kind over the bytes of another, or an image that does not read, is not the scan the
        // name promises (outside tester: 15 bytes of a "JPEG" named .PDF were attached as the signed copy)
        String extension = extension(entry.name());
        if (extension != null && !extension.equals(kind) || !"pdf".equals(kind) && !readableImage(scan)) {
            problems.add(entry.index(), entry.name(), Reason.of("qiyue.import.scan.not-what-its-name-says"));
            return null;
        }
        if (!contract.status().inForce() && contract.status() != io.qiyue.contract.ContractStatus.EXPIRED
                && contract.status() != io.qiyue.contract.ContractStatus.TERMINATED
                && contract.status() != io.qiyue.contract.ContractStatus.RENEWED) {
            problems.add(entry.index(), entry.name(),
                    Reason.of("qiyue.signing.legacy-scan-unsigned", contract.number()));
            return null;
        }
        if (signings.hasSigningRecord(contract.id())) {
            return new RowPlan(entry.index(), RowPlan.Outcome.SKIP, null);
        }
        // one sheet of paper is the signed copy of one contract: not twice in one archive either
        String sameBytes = seen.putIfAbsent("sha256:" + io.qiyue.shared.Hashes.sha256Hex(scan), entry.name());
        if (sameBytes != null) {
            problems.add(entry.index(), entry.name(), Reason.of("qiyue.import.scan.same-file", sameBytes));
            return null;
        }
        // a PDF this system wrote for another contract is that contract's document, as 线下签署 says
        var madeFor = scan[0] == '%' ? io.qiyue.template.ContractDocuments.madeForContract(scan)
                .filter(n -> !n.equals(contract.number())) : java.util.Optional.<String>empty();
        if (madeFor.isPresent()) {
            problems.add(entry.index(), entry.name(), Reason.of("qiyue.signing.scan-of-other-contract",
                    madeFor.get(), contract.number()));
            return null;
        }
        var kept = signings.scanOfAnotherContract(scan, contract.id());
        if (kept.isPresent()) {
            problems.add(entry.index(), entry.name(), Reason.of("qiyue.signing.scan-kept-for-other-contract",
                    kept.get(), contract.number()));
            return null;
        }
        return new RowPlan(entry.index(), RowPlan.Outcome.CREATE, () -> signings.attachLegacyScan(contract.id(),
                content(file, entry), entry.name(), contracts.legacySignedOn(contract).orElse(null)));
    }
}
