package com.recoverydesk.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Known vectors for the canonical encoding of docs/adr/0003. The expected hashes were computed
 * independently (Python hashlib over the encoding as the ADR describes it), so a change in the
 * Java encoding that the ADR does not describe fails here.
 */
class AuditHashTest {

    private static final String FIRST = "dff16a798223920d33001a438a380476ce94265d4f702f5b7432252bc3d6639b";

    @Test
    void shouldHashTheFirstEntryAsTheAdrDescribes() {
        String hash = AuditHash.of(1, Instant.parse("2025-03-01T09:30:00.000120Z"), "agent1", "agent",
                "case.claimed", "RCV-7K3M-Q9XD", "{\"queue\":\"review\",\"note\":\"Zoë\"}", AuditHash.GENESIS);
        assertEquals(FIRST, hash);
    }

    @Test
    void shouldChainTheNextEntryAndEncodeAnAbsentCaseId() {
        String hash = AuditHash.of(2, Instant.parse("2025-03-01T09:30:01.5Z"), "system", "system",
                "audit.started", null, "{}", FIRST);
        assertEquals("fc5d6be0a1ca8a4a5625f5ff221c33b1ebf6c84df0d409c97a742a4251a1519f", hash);
    }

    @Test
    void shouldTellAnAbsentCaseIdFromAnEmptyOne() {
        Instant time = Instant.parse("2025-03-01T09:30:01.5Z");
        String empty = AuditHash.of(2, time, "system", "system", "audit.started", "", "{}", FIRST);
        assertEquals("6dbda5b7253c5669ae932ce68216a018ad779c414c49f12f3e86c25e879e74ad", empty);
        assertNotEquals(AuditHash.of(2, time, "system", "system", "audit.started", null, "{}", FIRST), empty);
    }

    /** One instance hashes a whole walk in a reused buffer: a long entry in any script, then a short one. */
    @Test
    void shouldHashALongNonAsciiEntryAndTheNextShortOneWithOneInstance() {
        AuditHash hasher = new AuditHash();
        Instant time = Instant.parse("2025-03-01T09:30:00.000120Z");
        String details = "{\"note\":\"" + "日本語".repeat(400) + "\"}"; // 3,611 bytes of UTF-8
        assertEquals("dd753c3981c7765728ffd316f80d3efe724fd58b604c3846a5d010c578bdf72c",
                hasher.hash(1234567890123L, time, "agent1", "agent", "case.note", "RCV-7K3M-Q9XD", details, FIRST));
        assertEquals(FIRST, hasher.hash(1, time, "agent1", "agent", "case.claimed", "RCV-7K3M-Q9XD",
                "{\"queue\":\"review\",\"note\":\"Zoë\"}", AuditHash.GENESIS));
    }

    @Test
    void shouldWriteTimeWithSixFractionDigitsInUtc() {
        assertEquals("2025-03-01T09:30:01.500000Z", AuditHash.formatTime(Instant.parse("2025-03-01T11:30:01.5+02:00")));
        assertEquals("0999-12-31T23:59:59.000000Z", AuditHash.formatTime(Instant.parse("0999-12-31T23:59:59Z")));
    }

    @Test
    void shouldRefuseTimesFinerThanMicroseconds() {
        assertThrows(IllegalArgumentException.class,
                () -> AuditHash.formatTime(Instant.parse("2025-03-01T09:30:01.123456789Z")));
    }
}
