package com.recoverydesk.notify;

/** A rendered mail, ready for the transport: plain text always, HTML when the template has it. */
public record OutgoingMail(String to, String subject, String text, String html) {

    public OutgoingMail {
        if (to == null || to.isBlank() || subject == null || text == null) {
            throw new IllegalArgumentException("A mail needs a recipient, a subject and a text body");
        }
    }
}
