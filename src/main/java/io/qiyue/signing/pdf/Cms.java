package io.qiyue.signing.pdf;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/** Detached CMS SignedData for PAdES baseline signatures, and the signature time-stamp added to one (B-T). */
final class Cms {
    private Cms() {
    }

    /**
     * SHA-256, the ESS signing-certificate-v2 attribute binding the signer certificate, content-type and
     * message-digest, and no signing-time: PAdES takes the claimed time from the signature dictionary's /M.
     */
    static byte[] signDetached(byte[] content, PrivateKey key, List<X509Certificate> chain) {
        X509Certificate signer = chain.getFirst();
        try {
            var essId = new ESSCertIDv2(MessageDigest.getInstance("SHA-256").digest(signer.getEncoded()),
                    new IssuerSerial(new GeneralNames(new GeneralName(
                            X500Name.getInstance(signer.getIssuerX500Principal().getEncoded()))),
                            signer.getSerialNumber()));
            var attributes = new AttributeTable(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2[]{essId}))));
            var signedAttributes = new DefaultSignedAttributeTableGenerator(attributes) {
                @Override
                public AttributeTable getAttributes(@SuppressWarnings("rawtypes") Map parameters) {
                    return super.getAttributes(parameters).remove(CMSAttributes.signingTime);
                }
            };
            var generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(signedAttributes)
                    .build(new JcaContentSignerBuilder(Certificates.signatureAlgorithm(key)).build(key), signer));
            generator.addCertificates(new JcaCertStore(chain));
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded("DER");
        } catch (GeneralSecurityException | OperatorCreationException | CMSException | IOException e) {
            throw new IllegalStateException("cannot create the CMS signature", e);
        }
    }

    /** The single signer's signature value, which a signature time-stamp covers. */
    static byte[] signatureValue(byte[] cms) {
        return onlySigner(parse(cms)).getSignature();
    }

    static boolean hasSignatureTimeStamp(byte[] cms) {
        AttributeTable unsigned = onlySigner(parse(cms)).getUnsignedAttributes();
        return unsigned != null && unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken) != null;
    }

    /** Adds the token as the unsigned attribute id-aa-signatureTimeStampToken of the (single) signer. */
    static byte[] withSignatureTimeStamp(byte[] cms, TimeStampToken token) {
        CMSSignedData signed = parse(cms);
        SignerInformation signer = onlySigner(signed);
        try {
            ASN1Primitive encodedToken = ASN1Primitive.fromByteArray(token.getEncoded());
            AttributeTable unsigned = signer.getUnsignedAttributes();
            var vector = unsigned == null ? new ASN1EncodableVector() : unsigned.toASN1EncodableVector();
            vector.add(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken, new DERSet(encodedToken)));
            var stamped = SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(vector));
            return CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped)).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException("cannot add the time-stamp to the signature", e);
        }
    }

    static CMSSignedData parse(byte[] cms) {
        try {
            return new CMSSignedData(cms);
        } catch (CMSException e) {
            throw new IllegalArgumentException("not a CMS SignedData", e);
        }
    }

    static SignerInformation onlySigner(CMSSignedData signed) {
        var signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new IllegalArgumentException("a PAdES signature has exactly one signer, found " + signers.size());
        }
        return signers.iterator().next();
    }
}
