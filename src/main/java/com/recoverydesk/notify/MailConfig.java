package com.recoverydesk.notify;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "recovery.mail")
public interface MailConfig {

    /** {@code demo} keeps mails in the demo mailbox; {@code smtp} sends them through Quarkus Mailer. */
    Transport transport();

    /** The From line of every mail. */
    String from();

    enum Transport { demo, smtp }
}
