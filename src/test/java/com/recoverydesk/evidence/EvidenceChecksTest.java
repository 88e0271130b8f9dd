package com.recoverydesk.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of the capture-time and editing checks, on facts made up here. */
class EvidenceChecksTest {

    private static final Instant OPENED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant UPLOADED = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void shouldFlagACaptureBeforeTheOpeningOnlyWhenItIsBeforeInEveryTimeZone() {
        // camera time 2026-11-30 20:00 without a zone: at UTC+14 06:00 UTC, at UTC-12 08:00 UTC on Dec 1: before either way
        assertEquals("FLAG", outcome(local("2026-11-30T20:00"), null));
        // camera time 09:30 without a zone: before at UTC, after at UTC-12: cannot tell
        assertEquals("INFO", outcome(local("2026-12-01T09:30"), null));
        // with its zone it can tell
        assertEquals("FLAG", outcome(local("2026-12-01T09:30"), ZoneOffset.UTC));
        assertEquals("PASS", outcome(local("2026-12-01T19:30"), ZoneOffset.ofHours(9)));
        // within the clock tolerance is no sign of anything
        assertEquals("PASS", outcome(local("2026-12-01T09:55"), ZoneOffset.UTC));
    }

    @Test
    void shouldFlagACaptureAfterTheUpload() {
        assertEquals("FLAG", outcome(local("2026-12-02T12:00"), ZoneOffset.UTC));
        assertEquals("FLAG", outcome(local("2026-12-03T12:00"), null));
    }

    @Test
    void shouldTellEditorsFromCameraFirmware() {
        assertEquals("FLAG", EvidenceChecks.editingSoftware(facts(Optional.empty(), null, List.of("GIMP 2.10.36"))).outcome());
        assertEquals("FLAG", EvidenceChecks.editingSoftware(facts(Optional.empty(), null, List.of("Snapseed 2.0"))).outcome());
        assertEquals("PASS", EvidenceChecks.editingSoftware(facts(Optional.empty(), null, List.of("iOS 17.1.2"))).outcome());
        assertEquals("PASS", EvidenceChecks.editingSoftware(facts(Optional.empty(), null, List.of("G998BXXU5CWD1"))).outcome());
    }

    @Test
    void shouldNotComparePlainImagesByAppearance() {
        assertEquals(false, EvidenceChecks.hasStructure(0L));
        assertEquals(false, EvidenceChecks.hasStructure(-1L));
        assertEquals(true, EvidenceChecks.hasStructure(0x0F0F_0F0F_0F0F_0F0FL));
    }

    private static String outcome(LocalDateTime captured, ZoneOffset offset) {
        return EvidenceChecks.captureTime(facts(Optional.of(captured), offset, List.of()), OPENED, UPLOADED).outcome();
    }

    private static ImageFacts facts(Optional<LocalDateTime> captured, ZoneOffset offset, List<String> software) {
        return new ImageFacts(captured, Optional.ofNullable(offset), software, 0x1234_5678_9ABC_DEF0L, 0, true);
    }

    private static LocalDateTime local(String text) {
        return LocalDateTime.parse(text);
    }
}
