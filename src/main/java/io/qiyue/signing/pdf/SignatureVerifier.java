package io.qiyue.signing.pdf;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks every signature with PDFBox (the dictionaries) and BouncyCastle (the CMS) only. Each check is made on its
 * own, so that a report can say what failed: the bytes (intact), the signer's signature (signatureValid), the
 * issuer (issuedByThisInstallation), the time-stamp.
 */
final class SignatureVerifier {
    private static final Map<ASN1ObjectIdentifier, String> DIGESTS = Map.of(
            NISTObjectIdentifiers.id_sha256, "SHA-256",
            NISTObjectIdentifiers.id_sha384, "SHA-384",
            NISTObjectIdentifiers.id_sha512, "SHA-512");

    private final Supplier<List<X509Certificate>> authorities;

    SignatureVerifier(Supplier<List<X509Certificate>> authorities) {
        this.authorities = authorities;
    }

    List<SignatureCheck> verify(PDDocument document, byte[] pdf) throws java.io.IOException {
        List<PDSignature> signatures = new ArrayList<>(document.getSignatureDictionaries());
        // in the order they were added: each later signature's /Contents lies further into the file
        signatures.sort(Comparator.comparingInt(s -> s.getByteRange().length > 1 ? s.getByteRange()[1] : 0));
        List<X509Certificate> cas = signatures.isEmpty() ? List.of() : authorities.get();
        var checks = new ArrayList<SignatureCheck>(signatures.size());
        for (int i = 0; i < signatures.size(); i++) {
            checks.add(check(i, signatures.get(i), pdf, cas));
        }
        return checks;
    }

    private static SignatureCheck check(int index, PDSignature signature, byte[] pdf, List<X509Certificate> cas) {
        Instant claimed = signature.getSignDate() == null ? null : signature.getSignDate().toInstant();
        String subFilter = signature.getSubFilter();
        int[] range = signature.getByteRange();
        byte[] cmsBytes = range.length == 4 ? contentsInGap(pdf, range) : null;
        if (cmsBytes == null) {
            return broken(index, signature, claimed, subFilter);
        }
        boolean covers = (long) range[2] + range[3] == pdf.length;
        try {
            byte[] signed = new byte[range[1] + range[3]];
            System.arraycopy(pdf, 0, signed, 0, range[1]);
            System.arraycopy(pdf, range[2], signed, range[1], range[3]);
            var cms = new CMSSignedData(new CMSProcessableByteArray(signed), withoutPadding(cmsBytes));
            SignerInformation signer = Cms.onlySigner(cms);
            @SuppressWarnings("unchecked")
            var matches = cms.getCertificates().getMatches((Selector<X509CertificateHolder>) signer.getSID());
            if (matches.isEmpty()) {
                return broken(index, signature, claimed, subFilter);
            }
            X509CertificateHolder holder = matches.iterator().next();
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);

            boolean intact = digestMatches(signer, signed);
            boolean signatureValid = signatureVerifies(signer, certificate) && bindsCertificate(signer, certificate);
            TimeStampToken token = timeStamp(signer);
            boolean timestamped = token != null && timeStampValid(token, signer.getSignature());
            Instant stampTime = timestamped ? token.getTimeStampInfo().getGenTime().toInstant() : null;
            Instant at = stampTime != null ? stampTime : claimed != null ? claimed : Instant.now();
            boolean ours = cas.stream().anyMatch(ca -> issuedBy(certificate, ca, at));

            X500Name subject = holder.getSubject();
            String name = signature.getName() != null ? signature.getName() : rdn(subject, BCStyle.CN);
            return new SignatureCheck(index, name, rdn(subject, BCStyle.O), signature.getReason(), claimed, intact,
                    signatureValid, ours, covers, timestamped, stampTime,
                    subject.toString(), certificate.getSerialNumber().toString(16),
                    Certificates.sha256Hex(certificate), subFilter);
        } catch (Exception unreadable) {
            // a damaged CMS is an invalid signature, not a reason to stop reporting the others
            return broken(index, signature, claimed, subFilter);
        }
    }

    private static SignatureCheck broken(int index, PDSignature signature, Instant claimed, String subFilter) {
        return new SignatureCheck(index, signature.getName(), null, signature.getReason(), claimed, false, false,
                false, false, false, null, null, null, null, subFilter);
    }

    /**
     * The CMS, decoded from the hex string that the byte range leaves out; null unless the range starts at 0,
     * stays in the file and leaves out exactly one hex string (nothing else may escape the signature).
     */
    private static byte[] contentsInGap(byte[] pdf, int[] range) {
        if (range[0] != 0 || range[1] <= 0 || range[2] <= range[1] + 1 || range[3] < 0
                || (long) range[2] + range[3] > pdf.length) {
            return null;
        }
        int open = range[1];
        int close = range[2] - 1;
        if (pdf[open] != '<' || pdf[close] != '>' || (close - open - 1) % 2 != 0) {
            return null;
        }
        var out = new ByteArrayOutputStream((close - open) / 2);
        for (int i = open + 1; i < close; i += 2) {
            int high = Character.digit(pdf[i], 16);
            int low = Character.digit(pdf[i + 1], 16);
            if (high < 0 || low < 0) {
                return null;
            }
            out.write(high << 4 | low);
        }
        return out.toByteArray();
    }

    /** The CMS's own DER length: /Contents is padded with zeros to the size reserved, which BouncyCastle refuses. */
    private static byte[] withoutPadding(byte[] contents) throws java.io.IOException {
        var in = new java.io.ByteArrayInputStream(contents);
        try (var asn1 = new ASN1InputStream(in)) {
            asn1.readObject();
        }
        return Arrays.copyOf(contents, contents.length - in.available());
    }

    private static boolean digestMatches(SignerInformation signer, byte[] signed) throws Exception {
        String algorithm = DIGESTS.get(signer.getDigestAlgorithmID().getAlgorithm());
        AttributeTable attributes = signer.getSignedAttributes();
        Attribute digest = attributes == null ? null : attributes.get(CMSAttributes.messageDigest);
        if (algorithm == null || digest == null) {
            return false;
        }
        byte[] expected = ASN1OctetString.getInstance(digest.getAttrValues().getObjectAt(0)).getOctets();
        return MessageDigest.isEqual(expected, MessageDigest.getInstance(algorithm).digest(signed));
    }

    /** The signature over the DER of the signed attributes, with the certificate's public key. */
    private static boolean signatureVerifies(SignerInformation signer, X509Certificate certificate) throws Exception {
        byte[] signedAttributes = signer.getEncodedSignedAttributes();
        if (signedAttributes == null) {
            return false;
        }
        String name = new DefaultCMSSignatureAlgorithmNameGenerator().getSignatureName(
                signer.getDigestAlgorithmID(), new AlgorithmIdentifier(new ASN1ObjectIdentifier(signer.getEncryptionAlgOID())));
        var verifier = Signature.getInstance(name);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(signedAttributes);
        return verifier.verify(signer.getSignature());
    }

    /** The ESS signing-certificate-v2 attribute (PAdES requires it) names this very certificate. */
    private static boolean bindsCertificate(SignerInformation signer, X509Certificate certificate) throws Exception {
        Attribute attribute = signer.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (attribute == null) {
            return false;
        }
        var ids = SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0)).getCerts();
        if (ids.length == 0) {
            return false;
        }
        String algorithm = DIGESTS.get(ids[0].getHashAlgorithm().getAlgorithm());
        return algorithm != null && MessageDigest.isEqual(ids[0].getCertHash(),
                MessageDigest.getInstance(algorithm).digest(certificate.getEncoded()));
    }

    private static TimeStampToken timeStamp(SignerInformation signer) throws Exception {
        AttributeTable unsigned = signer.getUnsignedAttributes();
        Attribute attribute = unsigned == null ? null : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        if (attribute == null) {
            return null;
        }
        return new TimeStampToken(new CMSSignedData(attribute.getAttrValues().getObjectAt(0).toASN1Primitive()
                .getEncoded()));
    }

    /** The token covers this signature value and is signed by the certificate it carries. */
    private static boolean timeStampValid(TimeStampToken token, byte[] signatureValue) {
        try {
            var info = token.getTimeStampInfo();
            String algorithm = DIGESTS.get(info.getMessageImprintAlgOID());
            if (algorithm == null || !Arrays.equals(info.getMessageImprintDigest(),
                    MessageDigest.getInstance(algorithm).digest(signatureValue))) {
                return false;
            }
            @SuppressWarnings("unchecked")
            var matches = token.getCertificates().getMatches((Selector<X509CertificateHolder>) token.getSID());
            if (matches.isEmpty()) {
                return false;
            }
            // checks the token's signature, the TSA certificate's timeStamping usage and its validity at genTime
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(matches.iterator().next()));
            return true;
        } catch (Exception invalid) {
            return false;
        }
    }

    private static boolean issuedBy(X509Certificate certificate, X509Certificate ca, Instant at) {
        try {
            if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
                return false;
            }
            certificate.verify(ca.getPublicKey());
            certificate.checkValidity(java.util.Date.from(at));
            return true;
        } catch (Exception notOurs) {
            return false;
        }
    }

    private static String rdn(X500Name name, ASN1ObjectIdentifier type) {
        RDN[] rdns = name.getRDNs(type);
        return rdns.length == 0 ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }
}
