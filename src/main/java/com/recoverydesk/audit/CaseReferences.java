package com.recoverydesk.audit;

import java.util.Optional;

/**
 * How the explorer turns a ticket reference into the case id the trail is keyed by. Implemented
 * by the package that owns the cases (cases/CaseTicketLookup), so that audit does not depend on it.
 */
public interface CaseReferences {

    Optional<String> caseIdOfTicket(String ticketRef);
}
