package io.qiyue.signing.pdf;

import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The signer's certificate and the signing itself. This installation's implementation keeps every signer's
 * private key, encrypted, in its own database and certifies it with its own CA ({@link InstallationSignerKeys});
 * a licensed CA (电子认证服务提供者) or an e-signature platform would replace exactly this interface, holding the
 * key for the signer after verifying their identity (实名认证), so that the creation data is controlled by the
 * signatory rather than by this installation.
 */
public interface SignerKeys {

    /** The signer's certificate first, then its issuers; issues a certificate on first use. */
    List<X509Certificate> certificateChain(SignerIdentity who);

    /**
     * A detached CMS SignedData (DER) over the content, with SHA-256, the ESS signing-certificate-v2 attribute and
     * no signing-time attribute (PAdES baseline B-B), carrying the certificate chain. Called only after the signer
     * confirmed the intent to sign.
     */
    byte[] signDetached(SignerIdentity who, InputStream content);
}
