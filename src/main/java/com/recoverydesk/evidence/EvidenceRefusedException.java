package com.recoverydesk.evidence;

import com.recoverydesk.web.ProblemException;

/**
 * An upload the service will not keep, with a message the requester can act on. It is a
 * {@link ProblemException}, so the one exception mapper answers it as problem details with the
 * status of its {@link Reason}. Messages never quote the file's content or name.
 */
public class EvidenceRefusedException extends ProblemException {

    public enum Reason {
        EMPTY(400, "Empty file"),
        DAMAGED(400, "Damaged file"),
        UNSUPPORTED_FORMAT(415, "Unsupported file"),
        FORMAT_NOT_ACCEPTED_FOR_KIND(415, "Unsupported file"),
        IMAGE_TOO_LARGE(413, "Image too large"),
        FILE_TOO_LARGE(413, "File too large"),
        /** A PDF with JavaScript, a launch action or an XFA form (see {@link PdfInspector}). */
        ACTIVE_CONTENT(415, "Active content"),
        /** Many uploads are being parsed at once; the requester may try again shortly. */
        BUSY(503, "Busy");

        private final int status;
        private final String title;

        Reason(int status, String title) {
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;

    public EvidenceRefusedException(Reason reason, String detail) {
        super(reason.status, reason.title, detail);
        withCode(reason == Reason.BUSY ? "evidence.busy" : "evidence.refused");
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
