/**
 * The PDF signature engine of the signing module (internal to it): {@link io.qiyue.signing.pdf.PdfSignatures} adds
 * PAdES baseline signatures (B-B, B-T with a configured RFC 3161 time-stamp authority) as incremental updates, with
 * the party's seal over its name on the signature page and 骑缝章 strips at the pages' right edges, and verifies every
 * signature of a file. {@link io.qiyue.signing.pdf.SignerKeys} is the part a licensed CA or an e-signature platform
 * would replace; this installation's implementation issues certificates from its own CA and keeps the keys encrypted.
 */
package io.qiyue.signing.pdf;
