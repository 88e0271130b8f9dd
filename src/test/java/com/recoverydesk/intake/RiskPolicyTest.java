package com.recoverydesk.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.recoverydesk.accounts.CustomerAccount;
import com.recoverydesk.accounts.CustomerAccount.BalanceTier;
import com.recoverydesk.intake.RiskPolicy.History;
import com.recoverydesk.intake.RiskPolicy.RiskLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RiskPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final History NO_HISTORY = new History(0, false);

    @Test
    void shouldRateAnOldOrdinaryAccountLow() {
        assertEquals(RiskLevel.LOW, RiskPolicy.assess(account(BalanceTier.STANDARD, 3 * 365, null), NO_HISTORY, Optional.of("DE"), NOW).level());
    }

    @Test
    void shouldRateALargeBalanceHighWhateverElse() {
        RiskPolicy.Assessment assessment = RiskPolicy.assess(account(BalanceTier.LARGE, 4 * 365, null), NO_HISTORY, Optional.empty(), NOW);
        assertEquals(RiskLevel.HIGH, assessment.level());
        assertEquals("large balance", assessment.reasons().get(0));
    }

    @Test
    void shouldAddUpRecentChangesYouthAndForeignRequests() {
        CustomerAccount young = account(BalanceTier.LOW, 200, NOW.minus(Duration.ofDays(3)));
        assertEquals(RiskLevel.MEDIUM, RiskPolicy.assess(young, NO_HISTORY, Optional.of("DE"), NOW).level());
        RiskPolicy.Assessment foreign = RiskPolicy.assess(young, NO_HISTORY, Optional.of("BR"), NOW);
        assertEquals(RiskLevel.HIGH, foreign.level());
        assertEquals(5, foreign.points());
        assertTrue(foreign.reasons().contains("request from BR, usually DE"));
    }

    @Test
    void shouldWeighEarlierCasesAndTheirOutcome() {
        CustomerAccount ordinary = account(BalanceTier.LOW, 1000, null);
        assertEquals(RiskLevel.MEDIUM, RiskPolicy.assess(ordinary, new History(2, false), Optional.empty(), NOW).level());
        assertEquals(RiskLevel.HIGH, RiskPolicy.assess(ordinary, new History(2, true), Optional.empty(), NOW).level());
    }

    private static CustomerAccount account(BalanceTier tier, int ageDays, Instant securityChange) {
        return new CustomerAccount("ACC-1", "someone@example.org", "Someone", NOW.minus(Duration.ofDays(ageDays)), tier, false,
                Optional.ofNullable(securityChange), Set.of("DE"));
    }
}
