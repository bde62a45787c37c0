package io.qiyue.template;

import io.qiyue.shared.Hashes;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The PDF and Word files of contract versions already written, kept in memory and bounded in bytes: a version's files
 * are the same bytes at every download ({@link RenderedDocument#issued} and a content-made file identifier), and
 * writing a ten-page PDF costs some 100 ms of CPU — legal, the customer and signing each download the same version
 * again and again. A file is found by a SHA-256 digest of everything it is made from (the XHTML, which holds every
 * party detail as this reader may see it, the number, title, author and time it carries), so a masked and a full
 * rendering never meet, a new version never meets an old one's file, and nothing needs to be invalidated. Files
 * are kept in memory only, never on disk, since they print personal details in full; the least recently used go
 * first once the budget is spent. Two downloads of a version not yet written wait for one writing.
 */
final class RenderedFiles {
    enum Kind { PDF, DOCX }

    private record Key(Kind kind, String digest) {
    }

    private final long budgetBytes;
    private final Map<Key, byte[]> kept = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<Key, CompletableFuture<byte[]>> writing = new HashMap<>();
    private long keptBytes;

    RenderedFiles(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** A budget of a thirty-second of the heap, at most 64 MB: 16 MB at {@code -Xmx512m}. */
    static RenderedFiles sizedForHeap() {
        return new RenderedFiles(Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 32));
    }

    byte[] pdf(RenderedDocument doc) {
        return get(Kind.PDF, doc, doc::pdf);
    }

    byte[] docx(RenderedDocument doc) {
        return get(Kind.DOCX, doc, doc::docx);
    }

    /** The file of this kind kept for the document, or the one {@code write} makes, then kept. */
    byte[] get(Kind kind, RenderedDocument doc, Supplier<byte[]> write) {
        var key = new Key(kind, digest(doc));
        CompletableFuture<byte[]> pending;
        boolean mine = false;
        synchronized (this) {
            byte[] file = kept.get(key);
            if (file != null) {
                return file;
            }
            pending = writing.get(key);
            if (pending == null) {
                pending = new CompletableFuture<>();
                writing.put(key, pending);
                mine = true;
            }
        }
        if (!mine) {
            try {
                return pending.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            byte[] file = write.get();
            keep(key, file);
            pending.complete(file);
            return file;
        } catch (RuntimeException | Error e) {
            pending.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (this) {
                writing.remove(key);
            }
        }
    }

    private synchronized void keep(Key key, byte[] file) {
        if (file.length > budgetBytes / 4) {
            return; // one huge file would push out everything else
        }
        byte[] before = kept.put(key, file);
        keptBytes += file.length - (before == null ? 0 : before.length);
        var eldest = kept.entrySet().iterator();
        while (keptBytes > budgetBytes && eldest.hasNext()) {
            keptBytes -= eldest.next().getValue().length;
            eldest.remove();
        }
    }

    synchronized long keptBytes() {
        return keptBytes;
    }

    synchronized int keptFiles() {
        return kept.size();
    }

    private static String digest(RenderedDocument doc) {
        var made = new StringBuilder(doc.xhtml().length() + 256);
        for (String part : new String[]{doc.xhtml(), doc.number(), doc.title(), doc.author(),
                String.valueOf(doc.issued())}) {
            // each part's length first, so that no two splits of the same characters digest alike
            made.append(part == null ? -1 : part.length()).append(':').append(part == null ? "" : part);
        }
        return Hashes.sha256Hex(made.toString());
    }
}
