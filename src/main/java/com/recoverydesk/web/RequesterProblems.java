package com.recoverydesk.web;

import java.util.Locale;

/**
 * A refusal as the requester's page says it: the service's own English text on an English page,
 * the same refusal in the page's language otherwise. A refusal without a known code keeps its text.
 */
public final class RequesterProblems {

    // codes of the common answers (ProblemMapper, CsrfFilter, BodyLimit), which no single step throws
    static final String REQUEST_INVALID_FIELDS = "request.invalid-fields";
    static final String REQUEST_WRONG_TYPE = "request.wrong-type";
    static final String REQUEST_UPLOAD_CUT_OFF = "request.upload-cut-off";
    static final String REQUEST_FORM_EXPIRED = "request.form-expired";
    static final String REQUEST_UNSUPPORTED_TYPE = "request.unsupported-type";
    static final String REQUEST_NOT_HANDLED = "request.not-handled";
    static final String REQUEST_NOTHING_HERE = "request.nothing-here";
    static final String FORM_EXPIRED_TITLE = "This form has expired";

    private RequesterProblems() {
    }

    /** The answer to an unexpected failure, with the id that the log holds it under. */
    public static String internal(String errorId, Locale locale) {
        return RequesterLanguage.words(locale).problemInternal(errorId);
    }

    public static String text(ProblemException refused, Locale locale) {
        return text(refused.code(), refused.getMessage(), locale);
    }

    /** A refusal by its code and English text (the service's common answers have codes too). */
    public static String text(String code, String english, Locale locale) {
        if (locale.getLanguage().equals(RequesterLanguage.ENGLISH.getLanguage()) || code == null) {
            return english;
        }
        RequesterWords w = RequesterLanguage.words(locale);
        return switch (code) {
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
            case "evidence.gone" -> w.problemFileGone();
            case "evidence.no-such-file" -> w.problemNoSuchFile();
            case "case.not-found" -> w.problemNoSuchCase();
            case REQUEST_INVALID_FIELDS -> w.problemInvalidFields();
            case REQUEST_WRONG_TYPE -> w.problemWrongType();
            case REQUEST_UPLOAD_CUT_OFF -> w.problemUploadCutOff();
            case REQUEST_FORM_EXPIRED -> w.problemFormExpired();
            case REQUEST_UNSUPPORTED_TYPE -> w.problemUnsupportedType();
            case REQUEST_NOT_HANDLED -> w.problemNotHandled();
            case REQUEST_NOTHING_HERE -> w.errorNothingHere();
            default -> english;
        };
    }

    /** The title of an error page on a requester's path, by status. */
    public static String title(int status, String title, Locale locale) {
        if (locale.getLanguage().equals(RequesterLanguage.ENGLISH.getLanguage())) {
            return title;
        }
        RequesterWords w = RequesterLanguage.words(locale);
        return switch (status) {
            case 400 -> title.equals(FORM_EXPIRED_TITLE) ? w.problemFormExpiredTitle() : w.errorTitle400();
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
