import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the class-data archive that the README's run command starts with (docs/performance.md,
 * "Start-up"). The demo jar is started once the way that command starts it, with the same JVM
 * options, from the repository root and with the same class path string (the JVM takes an archive
 * only for the class path it was written with), but with its data in a scratch directory; once
 * {@code /q/health/ready} answers and the first pages were opened, it is stopped, and the JVM writes
 * every class it loaded into {@code target/recovery-desk-demo.jsa} as it exits.
 *
 * <p>The demo build is one jar ({@code application.properties}), so every class comes through the JVM's
 * application class loader, whose classes the JVM links as it writes the archive. Classes that Quarkus'
 * fast-jar loader defines are archived only if the run happened to link them; 3,800 of the 19,000 loaded
 * were not, and were read from the jars at every start.
 *
 * <p>Run by Maven at package time in the demo build ({@code -Dquarkus.profile=demo}), from the
 * repository root: {@code java src/build/java/StartUpArchive.java}. JDK only, no dependencies.
 */
public class StartUpArchive {

    static final String JAR = "target/recovery-desk-demo.jar";
    static final String ARCHIVE = "target/recovery-desk-demo.jsa";
    /** The README's JVM options besides the archive: the archive is written under the same ones. */
    static final List<String> README_OPTIONS = List.of("-XX:TieredStopAtLevel=1");
    static final Path SCRATCH = Path.of("target/start-up-archive");
    static final Duration READY_WITHIN = Duration.ofMinutes(3);
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

    public static void main(String[] args) throws Exception {
        Path data = SCRATCH.resolve("data");
        deleteRecursively(SCRATCH);
        Files.createDirectories(data);
        Files.deleteIfExists(Path.of(ARCHIVE));
        boolean userDataExisted = Files.exists(Path.of("data"));

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ArchiveClassesAtExit=" + ARCHIVE));
        command.addAll(README_OPTIONS);
        // every place the demo profile keeps data under ./data, moved to the scratch directory
        command.addAll(List.of("-Dquarkus.http.port=0", "-Drecovery.engine.port=0",
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:./" + data + "/recovery-desk;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE;WRITE_DELAY=0",
                "-Drecovery.identity.key-dir=" + data.resolve("keys"),
                "-Drecovery.evidence.dir=" + data.resolve("evidence"),
                "-Drecovery.evidence.generated-key-file=" + data.resolve("keys/evidence-master.key"),
                "-Drecovery.audit.generated-key-file=" + data.resolve("keys/audit-checkpoint-key.pem"),
                "-Dquarkus.http.body.uploads-directory=" + data.resolve("uploads"),
                "-jar", JAR));
        Path log = SCRATCH.resolve("training-run.log");
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int port = awaitPort(app, log);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            awaitReady(http, port, app);
            // the first pages a user opens, so that their classes are in the archive too
            for (String page : List.of("/", "/recover", "/login", "/recover?lang=ja")) {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + page)).header("Accept", "text/html").build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } finally {
            app.destroy(); // SIGTERM: a normal exit, at which the JVM writes the archive
            if (!app.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
                app.destroyForcibly();
                throw new IllegalStateException("the training run did not stop; see " + log);
            }
        }
        if (!userDataExisted && Files.exists(Path.of("data"))) {
            throw new IllegalStateException("the training run wrote into ./data: a demo data location was not moved to " + SCRATCH);
        }
        if (!Files.isRegularFile(Path.of(ARCHIVE))) {
            throw new IllegalStateException("no archive was written; see " + log);
        }
        System.out.printf("Start-up archive %s: %d MB%n", ARCHIVE, Files.size(Path.of(ARCHIVE)) / (1024 * 1024));
        deleteRecursively(data);
    }

    private static int awaitPort(Process app, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            if (!app.isAlive()) {
                throw new IllegalStateException("the demo jar exited during the training run; see " + log);
            }
            Matcher listening = LISTENING.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (listening.find()) {
                return Integer.parseInt(listening.group(1));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the demo jar did not start within " + READY_WITHIN + "; see " + log);
    }

    private static void awaitReady(HttpClient http, int port, Process app) throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build();
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline) && app.isAlive()) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the demo jar did not become ready within " + READY_WITHIN);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
