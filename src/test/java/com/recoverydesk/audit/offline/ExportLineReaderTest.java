package com.recoverydesk.audit.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offline verifier's own JSON reader, on the strings an export line can hold. */
class ExportLineReaderTest {

    private static Object value(String json) {
        Map<String, Object> line = new VerifyAuditExport.Json("{\"v\":" + json + "}").object();
        return line.get("v");
    }

    @Test
    void shouldReadPlainAndEscapedStrings() {
        assertEquals("case.opened", value("\"case.opened\""));
        assertEquals("", value("\"\""));
        assertEquals("{\"queue\":\"review\"}", value("\"{\\\"queue\\\":\\\"review\\\"}\""));
        assertEquals("\\/\b\f\n\r\t", value("\"\\\\\\/\\b\\f\\n\\r\\t\""));
        assertEquals("Zoë 日本", value("\"Zo\\u00eb \\u65e5本\""));
        assertEquals("\"a\"", value("\"\\\"a\\\"\""), "escapes at both ends");
    }

    @Test
    void shouldRefuseBrokenStrings() {
        assertThrows(IllegalArgumentException.class, () -> value("\"unterminated"));
        assertThrows(IllegalArgumentException.class, () -> value("\"tab\there\""));
        assertThrows(IllegalArgumentException.class, () -> value("\"\\x\""));
        assertThrows(IllegalArgumentException.class, () -> value("\"\\u12\""));
    }
}
