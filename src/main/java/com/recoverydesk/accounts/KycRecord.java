package com.recoverydesk.accounts;

import java.time.LocalDate;
import java.util.Optional;

/** The identity data the service verified when the account was opened (its KYC file). */
public record KycRecord(String fullName, Optional<LocalDate> dateOfBirth, Optional<String> nationality,
                        Optional<String> documentKind, Optional<String> documentNumber) {
}
