package com.recoverydesk.accounts;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A customer account as the directory describes it: what the desk needs to find the account,
 * write to its registered address and assess the risk of resetting its 2FA.
 *
 * @param accountRef     the directory's stable reference (never the e-mail address)
 * @param email          the registered address: the only one mails about the account go to
 * @param usualCountries ISO 3166 alpha-2 codes the account is usually used from
 */
public record CustomerAccount(String accountRef, String email, String displayName, Instant openedAt,
                              BalanceTier balanceTier, boolean closed, Optional<Instant> lastSecurityChangeAt,
                              Set<String> usualCountries) {

    public enum BalanceTier { LOW, STANDARD, LARGE }
}
