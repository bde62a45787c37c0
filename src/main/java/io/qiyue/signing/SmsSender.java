package io.qiyue.signing;

/**
 * Sends the one-time code to a mobile phone. Qiyue ships {@link LoggingSmsSender}, which only records that a
 * message would go out; an installation with an SMS provider (阿里云短信, 腾讯云短信, …) supplies its own bean.
 */
public interface SmsSender {
    /** Whether codes really reach phones (shown to the signer as an available channel). */
    boolean delivers();

    void sendCode(String mobile, String contractNumber, String code);
}
