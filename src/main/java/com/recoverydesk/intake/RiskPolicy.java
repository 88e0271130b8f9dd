package com.recoverydesk.intake;

import com.recoverydesk.accounts.CustomerAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The risk of resetting an account's 2FA (DESIGN.md §3 step 3), from what the desk knows about the
 * account and the request. Documented in docs/process.md ("Risk assessment"); every rule adds
 * points and says why, so that the agent sees the reasons next to the level.
 *
 * <ul>
 *   <li>a large balance makes the case HIGH whatever else;</li>
 *   <li>account younger than 90 days: 2 points; younger than a year: 1 point;</li>
 *   <li>a standard balance: 1 point;</li>
 *   <li>a security change (password, e-mail, 2FA) in the last 30 days: 2 points;</li>
 *   <li>earlier recovery cases in the last 180 days: 1 point each (at most 2), and 2 more if one
 *       of them was rejected or frozen;</li>
 *   <li>a request from a country the account is not usually used from: 2 points.</li>
 * </ul>
 * 4 points or more is HIGH, 2 or 3 is MEDIUM, less is LOW.
 */
public final class RiskPolicy {

    public enum RiskLevel { LOW, MEDIUM, HIGH }

    /** What is known about the account's earlier recovery cases. */
    public record History(int recentCases, boolean anyRejectedOrFrozen) {}

    public record Assessment(RiskLevel level, int points, List<String> reasons) {}

    private RiskPolicy() {
    }

    public static Assessment assess(CustomerAccount account, History history, Optional<String> requestCountry, Instant now) {
        List<String> reasons = new ArrayList<>();
        int points = 0;
        Duration age = Duration.between(account.openedAt(), now);
        if (age.compareTo(Duration.ofDays(90)) < 0) {
            points += 2;
            reasons.add("account opened less than 90 days ago");
        } else if (age.compareTo(Duration.ofDays(365)) < 0) {
            points += 1;
            reasons.add("account opened less than a year ago");
        }
        if (account.balanceTier() == CustomerAccount.BalanceTier.STANDARD) {
            points += 1;
            reasons.add("standard balance");
        }
        if (account.lastSecurityChangeAt().filter(changed -> changed.isAfter(now.minus(Duration.ofDays(30)))).isPresent()) {
            points += 2;
            reasons.add("security settings changed in the last 30 days");
        }
        if (history.recentCases() > 0) {
            points += Math.min(history.recentCases(), 2);
            reasons.add(history.recentCases() + " earlier recovery case(s) in the last 180 days");
        }
        if (history.anyRejectedOrFrozen()) {
            points += 2;
            reasons.add("an earlier recovery case was rejected or frozen");
        }
        Set<String> usual = account.usualCountries();
        if (requestCountry.isPresent() && !usual.isEmpty() && !usual.contains(requestCountry.get())) {
            points += 2;
            reasons.add("request from " + requestCountry.get() + ", usually " + String.join(", ", usual));
        }
        RiskLevel level;
        if (account.balanceTier() == CustomerAccount.BalanceTier.LARGE) {
            reasons.add(0, "large balance");
            level = RiskLevel.HIGH;
        } else {
            level = points >= 4 ? RiskLevel.HIGH : points >= 2 ? RiskLevel.MEDIUM : RiskLevel.LOW;
        }
        return new Assessment(level, points, List.copyOf(reasons));
    }
}
