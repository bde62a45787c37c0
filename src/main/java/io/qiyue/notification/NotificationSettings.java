package io.qiyue.notification;

/**
 * The SMTP server and the public address that links in messages start with. The password is never shown:
 * {@code passwordSet} says whether one is stored. {@code version} 0 means the environment's defaults apply.
 * {@code publicBaseUrl} is the address set here (or in QIYUE_PUBLIC_BASE_URL while nothing is saved), null when none
 * is; {@code publicBaseUrlDefault} is what e-mails use then (QIYUE_PUBLIC_BASE_URL, else this machine's own address),
 * while a link handed out on a page or in the API starts with the address it was asked on.
 */
public record NotificationSettings(String smtpHost, int smtpPort, String smtpUsername, boolean passwordSet,
                                   boolean smtpTls, String fromAddress, String publicBaseUrl,
                                   String publicBaseUrlDefault, int version) {

    /** What an admin sends; a null password keeps the stored one, an empty one removes it. */
    public record SettingsInput(String smtpHost, Integer smtpPort, String smtpUsername, String smtpPassword, Boolean smtpTls,
                        String fromAddress, String publicBaseUrl) {
    }
}
