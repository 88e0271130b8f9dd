package com.recoverydesk.cases;

import com.recoverydesk.audit.CaseReferences;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** Lets the audit explorer search by ticket reference (audit/CaseReferences). */
@ApplicationScoped
public class CaseTicketLookup implements CaseReferences {

    @Override
    @Transactional
    public Optional<String> caseIdOfTicket(String ticketRef) {
        return RecoveryCase.<RecoveryCase>find("ticketRef", ticketRef).firstResultOptional().map(c -> c.id);
    }
}
