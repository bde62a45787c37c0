package io.qiyue.shared;

/**
 * Whether this installation can send e-mail at all (an SMTP server is set): pages that promise a customer a link or
 * a code by e-mail say so when it cannot, instead of "sent". Answered by the notification module.
 */
public interface OutgoingMail {
    boolean configured();
}
