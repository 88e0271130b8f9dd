package com.recoverydesk.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the demo acknowledges survives {@code kill -9}: a child JVM commits rows on the demo profile's H2
 * URL (from application.properties, only the directory moved under target/) and reports each commit; it
 * is killed with SIGKILL right after, and every row it reported must be there when the database reopens.
 * H2 writes its log with a delay by default, which loses the last half second of acknowledged commits.
 */
class DemoDurabilityTest {

    private static final int ACKNOWLEDGED_BEFORE_KILL = 300;

    @Test
    void shouldKeepEveryAcknowledgedCommitOfTheDemoDatabaseWhenTheJvmIsKilled() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "crash-h2", Long.toString(System.nanoTime())));
        String url = demoUrl().replace("./data/", dir.toAbsolutePath() + "/");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Writer.class.getName(), url)
                .redirectErrorStream(true).start();
        long lastAcknowledged = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    lastAcknowledged = Long.parseLong(line.substring("committed ".length()));
                    if (lastAcknowledged >= ACKNOWLEDGED_BEFORE_KILL) {
                        writer.destroyForcibly(); // SIGKILL: no shutdown hook, no close of the database
                        break;
                    }
                }
            }
        } finally {
            writer.destroyForcibly();
            writer.waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(lastAcknowledged >= ACKNOWLEDGED_BEFORE_KILL, "the writer ran");

        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            // the table itself may be lost with the rows
            statement.execute("create table if not exists acknowledged (n bigint primary key)");
            ResultSet rs = statement.executeQuery("select coalesce(max(n), -1) from acknowledged");
            rs.next();
            long kept = rs.getLong(1);
            assertTrue(kept >= lastAcknowledged, "commit " + lastAcknowledged + " was acknowledged before the kill, but only " + kept + " survived");
        }
    }

    private static String demoUrl() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = DemoDurabilityTest.class.getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        String url = properties.getProperty("%demo.quarkus.datasource.jdbc.url");
        assertTrue(url != null && url.contains("./data/"), "the demo database lives under ./data");
        return url;
    }

    /** The child JVM: commits one row at a time and reports each commit only once it returned. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            try (Connection connection = DriverManager.getConnection(args[0], "sa", "")) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("create table if not exists acknowledged (n bigint primary key)");
                }
                try (PreparedStatement insert = connection.prepareStatement("insert into acknowledged (n) values (?)")) {
                    for (long n = 0; ; n++) {
                        insert.setLong(1, n);
                        insert.executeUpdate(); // autocommit: returned means committed
                        System.out.println("committed " + n);
                        System.out.flush();
                    }
                }
            }
        }
    }
}
