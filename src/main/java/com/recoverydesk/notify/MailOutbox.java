package com.recoverydesk.notify;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The mail outbox's bookkeeping for the dispatcher, each step in its own short transaction. */
@ApplicationScoped
public class MailOutbox {

    /**
     * How long a claimed mail is left to the dispatcher (of any replica) that claimed it. A mail whose
     * JVM died while delivering it is tried again once this has passed, so it goes out up to this late.
     */
    public static final Duration CLAIM_LEASE = Duration.ofMinutes(2);
    /** About a day of tries with the back-off below; then the mail is given up and an error logged. */
    static final int MAX_ATTEMPTS = 300;

    @Transactional
    public List<Long> dueIds(int limit) {
        return Panache.getEntityManager()
                .createQuery("select m.id from MailOutboxEntry m where m.givenUpAt is null and m.nextAttemptAt <= :now order by m.id", Long.class)
                .setParameter("now", now()).setMaxResults(limit).getResultList();
    }

    /** Claims a due mail by moving its next attempt past the lease; null if another dispatcher has it. */
    @Transactional
    public MailOutboxEntry claim(long id) {
        OffsetDateTime now = now();
        int claimed = Panache.getEntityManager()
                .createQuery("update MailOutboxEntry m set m.nextAttemptAt = :lease, m.attempts = m.attempts + 1 "
                        + "where m.id = :id and m.givenUpAt is null and m.nextAttemptAt <= :now")
                .setParameter("lease", now.plus(CLAIM_LEASE)).setParameter("id", id).setParameter("now", now)
                .executeUpdate();
        if (claimed == 0) {
            return null;
        }
        MailOutboxEntry entry = MailOutboxEntry.findById(id);
        Panache.getEntityManager().detach(entry);
        return entry;
    }

    /**
     * The demo transport: the mail moves from the outbox into the demo mailbox in one transaction, so it
     * is delivered exactly once however often the dispatcher is interrupted.
     */
    @Transactional
    public void moveToDemoMailbox(long id) {
        MailOutboxEntry entry = MailOutboxEntry.findById(id);
        if (entry == null) {
            return;
        }
        DemoMail kept = new DemoMail();
        kept.recipient = entry.recipient;
        kept.subject = entry.subject;
        kept.textBody = entry.textBody;
        kept.htmlBody = entry.htmlBody;
        kept.createdAt = now();
        kept.persist();
        entry.delete();
    }

    @Transactional
    public void delivered(long id) {
        MailOutboxEntry.deleteById(id);
    }

    /** @return true if the mail was given up after too many attempts */
    @Transactional
    public boolean failed(long id, String fault) {
        MailOutboxEntry entry = MailOutboxEntry.findById(id);
        if (entry == null) {
            return false;
        }
        entry.lastError = fault.length() > 500 ? fault.substring(0, 500) : fault;
        if (entry.attempts >= MAX_ATTEMPTS) {
            entry.givenUpAt = now();
            return true;
        }
        entry.nextAttemptAt = now().plus(backoff(entry.attempts));
        return false;
    }

    @Transactional
    public long pendingCount() {
        return MailOutboxEntry.count("givenUpAt is null");
    }

    /** 1 s, 2 s, 4 s … up to 5 minutes between tries while the transport fails. */
    static Duration backoff(int attempts) {
        long seconds = 1L << Math.min(Math.max(attempts - 1, 0), 9);
        return Duration.ofSeconds(Math.min(seconds, 300));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
