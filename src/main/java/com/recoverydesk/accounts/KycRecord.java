package com.recoverydesk.accounts;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The KYC data on file for an account, as much as a reviewer needs to compare it with the
 * evidence (issue 7): the name, the date of birth, the last digits of the identity document's
 * number and its country. Never the full document number.
 */
public record KycRecord(String name, Optional<LocalDate> dateOfBirth, Optional<String> documentLastDigits, Optional<String> country) {}
