import com.recoverydesk.audit.AuditHash;
import com.recoverydesk.audit.AuditVerification;
import com.recoverydesk.audit.AuditVerifier;
import java.io.PrintWriter;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * Fills an audit trail of N entries into PostgreSQL (schema audit_bench, created from the real
 * migrations) and times AuditVerifier over it, next to a reference: a bare JDBC scan of the same
 * rows in the same run. The schema is dropped afterwards unless -Dkeep=true. How to run it:
 * bench/audit/README.md.
 */
public class AuditVerificationBenchmark {

    static final String SCHEMA = "audit_bench";

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/audit_dev";
        int entries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        String user = System.getProperty("user", "postgres");
        String jdbcUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;

        try (Connection admin = DriverManager.getConnection(url, user, "")) {
            fill(admin, entries);
        }

        // the verifier streams only without autocommit, as inside the app's transactions
        DataSource dataSource = transactionalDataSource(jdbcUrl, user);
        AuditVerifier verifier = new AuditVerifier(dataSource);
        for (int run = 1; run <= 5; run++) {
            long scanNanos = time(() -> bareScan(dataSource));
            long[] verifyNanos = new long[1];
            AuditVerification[] result = new AuditVerification[1];
            verifyNanos[0] = time(() -> result[0] = verifier.verify());
            System.out.printf("run %d: verify %d entries in %d ms (%s); bare JDBC scan %d ms; ratio %.2f%n",
                    run, result[0].checked(), verifyNanos[0] / 1_000_000, result[0].valid() ? "valid" : "BROKEN at " + result[0].firstBrokenSeq(),
                    scanNanos / 1_000_000, (double) verifyNanos[0] / scanNanos);
        }
        if (!Boolean.getBoolean("keep")) {
            try (Connection admin = DriverManager.getConnection(url, user, ""); Statement s = admin.createStatement()) {
                s.execute("DROP SCHEMA " + SCHEMA + " CASCADE"); // a million rows are not worth keeping around
            }
        }
    }

    static void fill(Connection admin, int entries) throws Exception {
        try (Statement s = admin.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
            s.execute("SET search_path = " + SCHEMA);
            s.execute(Files.readString(Path.of("src/main/resources/db/migration/V1__audit_trail.sql")));
        }
        long started = System.nanoTime();
        var copy = admin.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
        AuditHash hasher = new AuditHash();
        String prev = AuditHash.GENESIS;
        Instant time = Instant.parse("2025-01-01T00:00:00Z");
        int batch = 50_000;
        StringBuilder rows = new StringBuilder(batch * 300);
        for (long seq = 1; seq <= entries; seq++) {
            time = time.plus(1234, ChronoUnit.MICROS);
            String actor = seq % 3 == 0 ? "system" : "agent" + (seq % 7);
            String role = seq % 3 == 0 ? "system" : "agent";
            String action = seq % 2 == 0 ? "case.evidence-viewed" : "case.review-decided";
            String caseId = seq % 5 == 0 ? null : "c0ffee00-0000-4000-8000-" + String.format("%012d", seq / 10);
            String details = "{\"evidenceId\":\"ev-" + seq + "\",\"sha256\":\"" + prev.substring(0, 64) + "\"}";
            String hash = hasher.hash(seq, time, actor, role, action, caseId, details, prev);
            rows.append(seq).append('\t').append(AuditHash.formatTime(time)).append('\t').append(actor).append('\t')
                    .append(role).append('\t').append(action).append('\t').append(caseId == null ? "\\N" : caseId).append('\t')
                    .append(details).append('\t').append(prev).append('\t').append(hash).append('\n');
            prev = hash;
            if (seq % batch == 0 || seq == entries) {
                copy.copyIn("COPY " + SCHEMA + ".audit_event FROM STDIN", new StringReader(rows.toString()));
                rows.setLength(0);
            }
        }
        try (Statement s = admin.createStatement()) {
            s.execute("UPDATE " + SCHEMA + ".audit_chain_head SET last_seq = " + entries + ", last_hash = '" + prev + "'");
            s.execute("VACUUM ANALYZE " + SCHEMA + ".audit_event");
        }
        System.out.printf("filled %d entries in %d ms%n", entries, (System.nanoTime() - started) / 1_000_000);
    }

    /** Reads the same columns the verifier reads, without checking anything. */
    static void bareScan(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setFetchSize(5_000);
            long n = 0;
            try (ResultSet rs = s.executeQuery("SELECT seq, occurred_at, actor, actor_role, action, case_id, details, prev_hash, hash FROM audit_event ORDER BY seq")) {
                while (rs.next()) {
                    n += rs.getLong(1) + rs.getString(3).length() + rs.getString(9).length()
                            + rs.getObject(2, java.time.OffsetDateTime.class).getNano()
                            + rs.getString(7).length() + rs.getString(8).length();
                }
            }
            c.commit();
            if (n == 0) {
                throw new IllegalStateException("empty trail");
            }
        }
    }

    static DataSource transactionalDataSource(String jdbcUrl, String user) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, margs) -> {
                    if (!method.getName().equals("getConnection")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Connection c = DriverManager.getConnection(jdbcUrl, user, "");
                    c.setAutoCommit(false);
                    return c;
                });
    }

    interface Timed {
        void run() throws Exception;
    }

    static long time(Timed work) throws Exception {
        long started = System.nanoTime();
        work.run();
        return System.nanoTime() - started;
    }
}
