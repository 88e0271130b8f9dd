package com.recoverydesk.evidence;

import java.io.IOException;

/**
 * A stored evidence object that cannot be decrypted: it was altered, cut short, is not in the
 * evidence format, or its master key is not configured. Never shown to a requester; the message
 * names no person and no content.
 */
public class EvidenceUnreadableException extends IOException {

    public EvidenceUnreadableException(String message) {
        super(message);
    }

    public EvidenceUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
