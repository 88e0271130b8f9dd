package com.recoverydesk.workers;

import io.camunda.client.api.command.ClientStatusException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * What went wrong in a job, in the words an incident may carry: a fixed fault code and a reference
 * that finds the log line with the detail. Exception texts never reach the engine (an SMTP error quotes
 * the recipient, a constraint violation the value); the log gets them with e-mail addresses removed.
 */
record JobFault(Code code, String reference, boolean retryable, String detail, String ownText) {

    enum Code {
        /** The database was unreachable, busy or in a conflict that a retry resolves. */
        DATABASE_UNAVAILABLE,
        /** The database refused the step's data: retrying the same step gives the same answer. */
        DATABASE_REJECTED,
        /** The engine did not take the step's answer. */
        ENGINE_UNAVAILABLE,
        /** The account directory's identity system (Keycloak) did not answer; the retry completes the step (ADR 0008). */
        DIRECTORY_UNAVAILABLE,
        /**
         * The step itself refused: our own code found its data missing (an unknown case, an account the
         * directory no longer knows, a job without its variable). Its text is ours, written to name ids
         * only, so the incident may carry it: the operator sees what to fix.
         */
        STEP_REFUSED,
        /** Anything else: a defect to look up in the log. */
        UNEXPECTED
    }

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+");

    static JobFault of(Throwable failure) {
        String reference = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFFFFFL);
        SQLException sql = find(failure, SQLException.class);
        Code code;
        boolean retryable = true;
        if (sql != null) {
            if (isPermanent(sql.getSQLState())) {
                code = Code.DATABASE_REJECTED;
                retryable = false;
            } else {
                code = Code.DATABASE_UNAVAILABLE;
            }
        } else if (find(failure, ClientStatusException.class) != null) {
            code = Code.ENGINE_UNAVAILABLE;
        } else if (find(failure, com.recoverydesk.accounts.DirectoryUnavailableException.class) != null) {
            code = Code.DIRECTORY_UNAVAILABLE;
        } else if (isOurOwnRefusal(failure)) {
            code = Code.STEP_REFUSED;
        } else {
            code = Code.UNEXPECTED;
        }
        String ownText = code == Code.STEP_REFUSED ? scrub(failure.getMessage(), 200) : null;
        return new JobFault(code, reference, retryable, describe(failure), ownText);
    }

    /** What the incident says: the code and the reference, and only for our own refusals their text. */
    String incidentText() {
        return ownText == null
                ? code + " (ref " + reference + "; the log has the detail)"
                : code + ": " + ownText + " (ref " + reference + ")";
    }

    /** An IllegalStateException or IllegalArgumentException thrown by our own code, not wrapping a library's failure. */
    private static boolean isOurOwnRefusal(Throwable failure) {
        if (!(failure instanceof IllegalStateException || failure instanceof IllegalArgumentException)
                || failure.getCause() != null || failure.getMessage() == null) {
            return false;
        }
        StackTraceElement[] trace = failure.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("com.recoverydesk.");
    }

    private static String scrub(String message, int max) {
        String text = EMAIL.matcher(message).replaceAll("<address>").replaceAll("[\\r\\n\\t]+", " ");
        return text.length() > max ? text.substring(0, max) + "…" : text;
    }

    /**
     * Data exceptions (22), syntax or access errors (42) and feature-not-supported (0A) come back on every
     * try. Integrity violations (23) are left to the retries: a step that raced with another one finds
     * the work done on its next try.
     */
    static boolean isPermanent(String sqlState) {
        if (sqlState == null || sqlState.length() < 2) {
            return false;
        }
        String sqlClass = sqlState.substring(0, 2).toUpperCase(Locale.ROOT);
        return sqlClass.equals("22") || sqlClass.equals("42") || sqlClass.equals("0A");
    }

    /** The cause chain as class names, SQL states and texts with e-mail addresses removed. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 8; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                text.append('[').append(sql.getSQLState()).append(']');
            }
            if (t.getMessage() != null) {
                text.append(": ").append(scrub(t.getMessage(), 300));
            }
        }
        return text.toString();
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
