package com.recoverydesk.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "recovery.mail")
public interface MailConfig {

    /** {@code demo} keeps mails in the demo mailbox; {@code smtp} sends them through Quarkus Mailer. */
    Transport transport();

    /** The From line of every mail. */
    String from();

    /** Threads that deliver the mail outbox; a slow SMTP server holds one each. */
    @WithDefault("4")
    int senderThreads();

    /** How often the mail dispatcher looks for mails due again; new mails wake it at once. */
    @WithDefault("PT5S")
    Duration pollInterval();

    enum Transport { demo, smtp }
}
