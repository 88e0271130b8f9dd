package com.recoverydesk.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Puts commands for the engine into the outbox, in the caller's transaction: the command exists
 * exactly when the state change it follows from was committed (DESIGN.md §6).
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transactions;
    /** Looked up lazily: the dispatcher needs the engine client, which starts after the outbox can be written. */
    private final Instance<OutboxDispatcher> dispatcher;

    public Outbox(ObjectMapper json, TransactionSynchronizationRegistry transactions, Instance<OutboxDispatcher> dispatcher) {
        this.json = json;
        this.transactions = transactions;
        this.dispatcher = dispatcher;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void startProcess(String caseId, Map<String, ?> variables) {
        add(caseId, OutboxCommand.Kind.START_PROCESS, null, "start:" + caseId, variables);
    }

    /**
     * @param messageId unique for this business event, e.g. {@code evidence-submitted:<case>:<round>}:
     *                  the engine refuses a second message with the same id, so a retry is harmless
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishMessage(String caseId, String messageName, String messageId, Map<String, ?> variables) {
        add(caseId, OutboxCommand.Kind.PUBLISH_MESSAGE, messageName, messageId, variables);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelProcess(String caseId) {
        add(caseId, OutboxCommand.Kind.CANCEL_PROCESS, null, "cancel:" + caseId, Map.of());
    }

    private void add(String caseId, OutboxCommand.Kind kind, String messageName, String messageId, Map<String, ?> variables) {
        OutboxCommand command = new OutboxCommand();
        command.caseId = caseId;
        command.kind = kind;
        command.messageName = messageName;
        command.correlationKey = messageName == null ? null : caseId;
        command.messageId = messageId;
        command.variables = toJson(variables);
        command.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        command.nextAttemptAt = command.createdAt;
        command.persist();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    dispatcher.get().nudge();
                }
            }
        });
    }

    private String toJson(Map<String, ?> variables) {
        try {
            return json.writeValueAsString(variables);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Process variables must be plain JSON values", e);
        }
    }
}
