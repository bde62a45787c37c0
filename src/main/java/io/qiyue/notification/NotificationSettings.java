package io.qiyue.notification;

/**
 * The SMTP server and the public address that links in messages start with. The password is never shown:
 * {@code passwordSet} says whether one is stored. {@code version} 0 means the environment's defaults apply.
 */
public record NotificationSettings(String smtpHost, int smtpPort, String smtpUsername, boolean passwordSet,
                                   boolean smtpTls, String fromAddress, String publicBaseUrl, int version) {

    /** What an admin sends; a null password keeps the stored one, an empty one removes it. */
    public record SettingsInput(String smtpHost, Integer smtpPort, String smtpUsername, String smtpPassword, Boolean smtpTls,
                        String fromAddress, String publicBaseUrl) {
    }
}
