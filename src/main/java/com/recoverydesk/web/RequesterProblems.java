package com.recoverydesk.web;

import java.util.Locale;

/**
 * A refusal as the requester's page says it: the service's own English text on an English page,
 * the same refusal in the page's language otherwise. A refusal without a known code keeps its text.
 */
public final class RequesterProblems {

    private RequesterProblems() {
    }

    public static String text(ProblemException refused, Locale locale) {
        if (locale.getLanguage().equals(RequesterLanguage.ENGLISH.getLanguage()) || refused.code() == null) {
            return refused.getMessage();
        }
        RequesterWords w = RequesterLanguage.words(locale);
        return switch (refused.code()) {
            case "intake.too-many-requests" -> w.problemTooManyRequests();
            case "intake.too-many-attempts" -> w.problemTooManyAttempts();
            case "intake.wrong-code" -> w.problemWrongCode();
            case "intake.link-invalid" -> w.problemLinkInvalid();
            case "intake.opened-moment-ago" -> w.problemOpenedMomentAgo();
            case "intake.enter-code" -> w.enterCode();
            case "case.upload-throttled" -> w.problemUploadThrottled();
            case "case.not-withdrawable" -> w.problemNotWithdrawable();
            case "case.read-only" -> w.problemReadOnly();
            case "case.token-invalid" -> w.problemTokenInvalid();
            case "case.choose-file" -> w.chooseFile();
            case "evidence.refused" -> w.problemFileRefused();
            case "evidence.busy" -> w.problemBusy();
            case "evidence.too-many-files" -> w.problemTooManyFiles();
            case "evidence.still-preparing" -> w.problemStillPreparing();
            case "evidence.still-missing" -> w.problemStillMissing();
            case "evidence.nothing-new" -> w.problemNothingNew();
            case "evidence.already-submitted" -> w.problemAlreadySubmitted();
            case "evidence.not-awaiting" -> w.problemNotAwaiting();
            case "enrol.wrong-code" -> w.problemEnrolCode();
            case "enrol.used" -> w.problemEnrolUsed();
            case "enrol.expired" -> w.problemEnrolExpired();
            case "enrol.replaced" -> w.problemEnrolReplaced();
            case "demo.missing" -> w.problemDemoMissing();
            case "demo.no-authenticator" -> w.problemDemoNoAuthenticator();
            case "demo.closed" -> w.problemDemoClosed();
            case "demo.refused" -> w.problemDemoRefused();
            default -> refused.getMessage();
        };
    }

    /** The title of an error page on a requester's path, by status. */
    public static String title(int status, String title, Locale locale) {
        if (locale.getLanguage().equals(RequesterLanguage.ENGLISH.getLanguage())) {
            return title;
        }
        RequesterWords w = RequesterLanguage.words(locale);
        return switch (status) {
            case 400 -> w.errorTitle400();
            case 401 -> w.errorTitle401();
            case 403 -> w.errorTitle403();
            case 404 -> w.errorTitle404();
            case 410 -> w.errorTitle410();
            case 413 -> w.errorTitle413();
            case 429 -> w.errorTitle429();
            default -> status >= 500 ? w.errorTitle500() : w.errorTitle400();
        };
    }
}
