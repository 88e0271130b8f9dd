import com.recoverydesk.audit.AuditExport;
import com.recoverydesk.audit.AuditHash;
import com.recoverydesk.audit.AuditVerification;
import com.recoverydesk.audit.AuditVerifier;
import com.recoverydesk.audit.CheckpointKeys;
import com.recoverydesk.audit.CheckpointPayload;
import com.recoverydesk.audit.offline.VerifyAuditExport;
import java.io.BufferedInputStream;
import java.io.OutputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
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
 * migrations), with a signed checkpoint every 10,000 entries, and times in each run: the real
 * AuditVerifier over the database, the real export writing the trail to a file, the offline
 * verifier over that file, and the references: a bare JDBC scan of the same rows and sha256sum
 * over the same export bytes. Then keyset pages of the explorer's queries, first and deep.
 * The schema is dropped afterwards unless -Dkeep=true. How to run it: bench/audit/README.md.
 */
public class AuditVerificationBenchmark {

    static final String SCHEMA = "audit_bench";
    static final int CHECKPOINT_EVERY = 10_000;

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/audit_dev";
        int entries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        String user = System.getProperty("user", "postgres");
        String jdbcUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;

        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        CheckpointKeys keys = new CheckpointKeys(pair.getPrivate(), pair.getPublic(), List.of());
        try (Connection admin = DriverManager.getConnection(url, user, "")) {
            fill(admin, entries, keys);
        }

        // the verifier streams only without autocommit, as inside the app's transactions
        DataSource dataSource = transactionalDataSource(jdbcUrl, user);
        AuditVerifier verifier = new AuditVerifier(dataSource, keys);
        AuditExport exporter = new AuditExport(dataSource, null, keys);
        Path exportFile = Path.of("target", "bench-audit-export.jsonl");
        Files.createDirectories(exportFile.getParent());
        int runs = Integer.getInteger("runs", 5);
        for (int run = 1; run <= runs; run++) {
            long scanNanos = time(() -> bareScan(dataSource));
            AuditVerification[] result = new AuditVerification[1];
            // what verification costs the service's other work: an explorer page (what a staff
            // screen asks of the database) timed on its own connection, quiet and during the walk
            Probe quiet = Probe.start(jdbcUrl, user, entries);
            Thread.sleep(3000);
            quiet.stop();
            Probe during = Probe.start(jdbcUrl, user, entries);
            long verifyNanos = time(() -> result[0] = verifier.verify());
            during.stop();
            System.out.printf("run %d: explorer page quiet p50 %.1f ms p99 %.1f ms (%d); during verification p50 %.1f ms p99 %.1f ms (%d)%n",
                    run, quiet.percentile(50), quiet.percentile(99), quiet.count(), during.percentile(50), during.percentile(99), during.count());
            long exportNanos = time(() -> {
                try (OutputStream out = Files.newOutputStream(exportFile)) {
                    exporter.write(new AuditExport.Plan(null, null, 1, entries), out);
                }
            });
            long sha256sumNanos = time(() -> sha256sum(exportFile));
            VerifyAuditExport.Result[] offline = new VerifyAuditExport.Result[1];
            long offlineNanos = time(() -> {
                try (var in = new BufferedInputStream(Files.newInputStream(exportFile), 1 << 16)) {
                    offline[0] = VerifyAuditExport.verify(in, List.of(pair.getPublic()));
                }
            });
            System.out.printf("run %d: verify %d entries, %d checkpoints in %d ms (%s); bare JDBC scan %d ms (ratio %.2f);"
                            + " export %d MB in %d ms; sha256sum of it %d ms; offline verifier %d ms (%s);"
                            + " verify/sha256sum %.2f, offline/sha256sum %.2f%n",
                    run, result[0].checked(), result[0].checkpointsChecked(), verifyNanos / 1_000_000,
                    result[0].valid() ? "valid" : "BROKEN: " + result[0].message(), scanNanos / 1_000_000, (double) verifyNanos / scanNanos,
                    Files.size(exportFile) / 1_000_000, exportNanos / 1_000_000, sha256sumNanos / 1_000_000, offlineNanos / 1_000_000,
                    offline[0].valid() ? "valid" : offline[0].summary(),
                    (double) verifyNanos / sha256sumNanos, (double) offlineNanos / sha256sumNanos);
        }
        // the command line an auditor runs, once: includes compiling the source file
        long cliNanos = time(() -> {
            Path keyFile = Files.writeString(Path.of("target", "bench-audit-key.pem"), keys.publicKeys().get(0).publicKeyPem());
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "src/main/java/com/recoverydesk/audit/offline/VerifyAuditExport.java", exportFile.toString(), keyFile.toString())
                    .inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("the offline verifier refused the export");
            }
        });
        System.out.printf("java VerifyAuditExport.java (compile + verify): %d ms%n", cliNanos / 1_000_000);
        paging(dataSource, entries);
        Files.deleteIfExists(exportFile);
        if (!Boolean.getBoolean("keep")) {
            try (Connection admin = DriverManager.getConnection(url, user, ""); Statement s = admin.createStatement()) {
                s.execute("DROP SCHEMA " + SCHEMA + " CASCADE"); // a million rows are not worth keeping around
            }
        }
    }

    static void fill(Connection admin, int entries, CheckpointKeys keys) throws Exception {
        try (Statement s = admin.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
            s.execute("SET search_path = " + SCHEMA);
            s.execute(Files.readString(Path.of("src/main/resources/db/migration/V1__audit_trail.sql")));
            s.execute(Files.readString(Path.of("src/main/resources/db/migration/V70__audit_checkpoints.sql")));
        }
        List<String> checkpoints = new ArrayList<>();
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
            if (seq % CHECKPOINT_EVERY == 0) {
                // one checkpoint per "hour" of a busy desk, signed as the service signs them
                long number = seq / CHECKPOINT_EVERY;
                Instant signedAt = time.plusMillis(1);
                String signature = Base64.getEncoder().encodeToString(
                        keys.sign(CheckpointPayload.stored(number, seq, hash, signedAt, keys.currentKeyId())));
                checkpoints.add(number + "\t" + seq + "\t" + hash + "\t" + AuditHash.formatTime(signedAt) + "\t"
                        + keys.currentKeyId() + "\t" + signature + "\tscheduled\t\\N\n");
            }
            if (seq % batch == 0 || seq == entries) {
                copy.copyIn("COPY " + SCHEMA + ".audit_event FROM STDIN", new StringReader(rows.toString()));
                rows.setLength(0);
            }
        }
        copy.copyIn("COPY " + SCHEMA + ".audit_checkpoint FROM STDIN", new StringReader(String.join("", checkpoints)));
        try (Statement s = admin.createStatement()) {
            s.execute("UPDATE " + SCHEMA + ".audit_chain_head SET last_seq = " + entries + ", last_hash = '" + prev + "'");
            s.execute("VACUUM ANALYZE " + SCHEMA + ".audit_event");
        }
        System.out.printf("filled %d entries in %d ms%n", entries, (System.nanoTime() - started) / 1_000_000);
    }

    /** Reads the same columns the verifier reads, without checking anything. */
    /** The same rows, read as the verifier reads them (fetch size, binary transfer), with no checking. */
    static void bareScan(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT seq, occurred_at, actor, actor_role, action, case_id, details, prev_hash, hash FROM audit_event ORDER BY seq")) {
            s.setFetchSize(20_000);
            s.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
            long n = 0;
            try (ResultSet rs = s.executeQuery()) {
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

    static void sha256sum(Path file) throws Exception {
        Process p = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0 || out.length < 64) {
            throw new IllegalStateException("sha256sum failed");
        }
    }

    /**
     * The explorer's queries as Hibernate sends them (seq > after, filters, ORDER BY seq, one row
     * more than the page): the first page and a page deep in the trail, median of 21 runs each.
     */
    static void paging(DataSource dataSource, int entries) throws Exception {
        long deep = entries * 9L / 10;
        String cols = "SELECT seq, occurred_at, actor, actor_role, action, case_id, details, prev_hash, hash FROM audit_event";
        String someCase = "c0ffee00-0000-4000-8000-" + String.format("%012d", deep / 10);
        Object[][] queries = {
                {"no filter", cols + " WHERE seq > ? ORDER BY seq LIMIT 101", null},
                {"actor", cols + " WHERE seq > ? AND actor = ? ORDER BY seq LIMIT 101", "agent3"},
                {"action", cols + " WHERE seq > ? AND action = ? ORDER BY seq LIMIT 101", "case.review-decided"},
                {"case (timeline)", cols + " WHERE seq > ? AND case_id = ? ORDER BY seq LIMIT 501", someCase},
                // entries are 1.234 ms apart: 5 minutes hold 243,000 of them, 10 seconds 8,100; the
                // window's first and last seq come from the time index, as AuditQueryService does it
                {"time window (5 min)", cols + " WHERE seq > ? AND occurred_at >= TIMESTAMPTZ '2025-01-01T00:10:00Z'"
                        + " AND occurred_at < TIMESTAMPTZ '2025-01-01T00:15:00Z'" + window("2025-01-01T00:10:00Z", "2025-01-01T00:15:00Z")
                        + " ORDER BY seq LIMIT 101", null, 600_000L},
                {"time window (10 s)", cols + " WHERE seq > ? AND occurred_at >= TIMESTAMPTZ '2025-01-01T00:10:00Z'"
                        + " AND occurred_at < TIMESTAMPTZ '2025-01-01T00:10:10Z'" + window("2025-01-01T00:10:00Z", "2025-01-01T00:10:10Z")
                        + " ORDER BY seq LIMIT 101", null, 490_000L},
        };
        try (Connection c = dataSource.getConnection()) {
            for (Object[] q : queries) {
                long[] firstAndDeep = new long[2];
                for (int which = 0; which < 2; which++) {
                    long after = which == 0 ? 0 : q.length > 3 ? (Long) q[3] : deep;
                    long[] samples = new long[21];
                    for (int i = 0; i < samples.length; i++) {
                        try (PreparedStatement ps = c.prepareStatement((String) q[1])) {
                            ps.setLong(1, after);
                            if (q[2] != null) {
                                ps.setString(2, (String) q[2]);
                            }
                            long started = System.nanoTime();
                            int rows = 0;
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    rows++;
                                }
                            }
                            samples[i] = System.nanoTime() - started;
                            if (rows == 0) {
                                throw new IllegalStateException("no rows for " + q[0]);
                            }
                        }
                    }
                    Arrays.sort(samples);
                    firstAndDeep[which] = samples[samples.length / 2];
                }
                System.out.printf("page, %s: first %.2f ms, after seq %d %.2f ms%n", q[0], firstAndDeep[0] / 1e6,
                        q.length > 3 ? (Long) q[3] : deep, firstAndDeep[1] / 1e6);
            }
            c.commit();
        }
    }

    static String window(String from, String to) {
        return " AND seq >= (SELECT seq FROM audit_event WHERE occurred_at >= TIMESTAMPTZ '" + from + "' ORDER BY occurred_at, seq LIMIT 1)"
                + " AND seq <= (SELECT seq FROM audit_event WHERE occurred_at < TIMESTAMPTZ '" + to + "' ORDER BY occurred_at DESC, seq DESC LIMIT 1)";
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

    /** Runs the explorer's first-page query in a loop on its own connection, one at a time, recording each latency. */
    static final class Probe implements Runnable {
        private final String url;
        private final String user;
        private final int entries;
        private final List<Long> nanos = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile boolean running = true;
        private Thread thread;

        private Probe(String url, String user, int entries) {
            this.url = url;
            this.user = user;
            this.entries = entries;
        }

        static Probe start(String url, String user, int entries) {
            Probe probe = new Probe(url, user, entries);
            probe.thread = new Thread(probe, "probe");
            probe.thread.start();
            return probe;
        }

        @Override
        public void run() {
            java.util.Random random = new java.util.Random(7);
            try (Connection c = DriverManager.getConnection(url, user, "");
                 PreparedStatement page = c.prepareStatement("SELECT seq, occurred_at, actor, actor_role, action, case_id, details, prev_hash, hash"
                         + " FROM audit_event WHERE seq > ? ORDER BY seq LIMIT 101")) {
                while (running) {
                    long started = System.nanoTime();
                    page.setLong(1, random.nextInt(entries));
                    try (ResultSet rs = page.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(9);
                        }
                    }
                    nanos.add(System.nanoTime() - started);
                    Thread.sleep(20); // a request every 20 ms or so, not a flood
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        int count() {
            return nanos.size();
        }

        double percentile(int p) {
            List<Long> sorted = new ArrayList<>(nanos);
            java.util.Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int i = (int) Math.min(sorted.size() - 1, Math.ceil(p / 100.0 * sorted.size()) - 1);
            return sorted.get(Math.max(i, 0)) / 1e6;
        }
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
