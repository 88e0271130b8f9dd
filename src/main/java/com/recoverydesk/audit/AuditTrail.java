package com.recoverydesk.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * Appends events to the audit trail, in the caller's transaction, so that an event exists
 * exactly when the state change it describes does.
 *
 * <p>Each append locks the chain head row until the transaction ends: appends from all threads
 * and replicas take turns, which keeps the sequence gap-free and the chain single. Call
 * {@code record} late in a transaction to hold that lock briefly.
 */
@ApplicationScoped
public class AuditTrail {

    /**
     * Fixed settings rather than the application's mapper: the details text is hashed, so its
     * form must not change when someone reconfigures JSON for the API.
     */
    private static final ObjectMapper DETAILS_JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /**
     * Records one event.
     *
     * @param action  what happened, e.g. {@code staff.login}, {@code case.opened}
     * @param caseId  the case concerned, or null
     * @param details facts compliance needs, as JSON-serialisable values; hashes and ids rather
     *                than raw personal data (no emails, names, documents). Null means none.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public AuditEventView record(Actor actor, String action, String caseId, Map<String, ?> details) {
        Objects.requireNonNull(actor, "actor is required");
        Actor.requireText(action, "action", 100);
        if (caseId != null) {
            Actor.requireText(caseId, "caseId", 100);
        }
        String detailsJson = toJson(details);

        AuditChainHead head = AuditChainHead.lockForAppend();
        AuditEvent event = new AuditEvent();
        event.seq = head.lastSeq + 1;
        // PostgreSQL keeps microseconds; truncating first makes the hashed time the stored time
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // never earlier than the entry before, whose replica's clock may run ahead of ours
        event.time = head.lastTime != null && now.isBefore(head.lastTime) ? head.lastTime : now;
        event.actor = actor.subject();
        event.role = actor.role();
        event.action = action;
        event.caseId = caseId;
        event.details = detailsJson;
        event.prevHash = head.lastHash;
        event.hash = AuditHash.of(event.seq, event.time, event.actor, event.role, event.action,
                event.caseId, event.details, event.prevHash);
        event.persist();

        head.lastSeq = event.seq;
        head.lastHash = event.hash;
        head.lastTime = event.time;
        // written now: a second event in the same transaction would otherwise fold both advances of
        // the head into one UPDATE, which the append-only trigger refuses (it advances by one)
        AuditChainHead.flush();
        return event.toView();
    }

    private static String toJson(Map<String, ?> details) {
        if (details == null) {
            return "{}";
        }
        try {
            return DETAILS_JSON.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            // the message would quote the offending value, which may be personal data
            throw new IllegalArgumentException("audit details are not serialisable as JSON");
        }
    }
}
