package com.recoverydesk.evidence;

import com.recoverydesk.keys.MasterKeyring;
import com.recoverydesk.support.EvidenceSamples;
import com.recoverydesk.support.S3TestServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Stores a 10 MB file through the evidence pipeline (inspection, size limit, SHA-256, AES-256-GCM
 * segments, fsync, atomic move), reads it back, and compares with {@code sha256sum} and a bare
 * {@code MessageDigest} over the same bytes. Run by {@code bench/evidence/run}; not a test.
 *
 * <p>Arguments: work directory, rounds (default 20), storage ({@code filesystem}, the default, or
 * {@code s3}: the S3 storage into s3proxy, which {@link S3TestServer} starts as a process of its own, so
 * that its memory is not counted here).
 */
public final class EvidenceUploadBenchmark {

    private static final int SIZE = 10 * 1024 * 1024;
    private static final int WARM_UP = 5;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/bench-evidence");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        boolean s3 = args.length > 2 && args[2].equals("s3");
        Files.createDirectories(work);
        Path upload = writeUploadFile(work.resolve("upload-10mb.mp4"));

        byte[] key = new byte[32];
        new Random(1).nextBytes(key);
        EvidenceEncryption encryption = new EvidenceEncryption(new MasterKeyring(Map.of("bench", key), "bench"));
        EvidenceStorage storage = s3
                ? new S3EvidenceStorage(S3TestServer.client(), S3TestServer.bucket("evidence-bench"), "bench/", encryption, 8 * 1024 * 1024, work.resolve("spool"))
                : new FileSystemEvidenceStorage(work.resolve("store"), encryption);
        EvidenceFileService service = new EvidenceFileService(storage, new ContentInspector(10_000, 40_000_000L), SIZE);

        List<Long> storeNanos = new ArrayList<>();
        List<Long> readNanos = new ArrayList<>();
        List<Long> digestNanos = new ArrayList<>();
        List<Long> sha256sumNanos = new ArrayList<>();
        long peakHeapDelta = 0;
        long allocatedPerStore = 0;
        String sha256 = null;
        for (int round = 0; round < WARM_UP + rounds; round++) {
            boolean measured = round >= WARM_UP;

            System.gc();
            HeapSampler sampler = new HeapSampler();
            long allocatedBefore = allocatedBytes();
            long start = System.nanoTime();
            StoredEvidence stored;
            try (InputStream in = Files.newInputStream(upload)) {
                stored = service.storeUpload(EvidenceKind.VIDEO, in);
            }
            long stored_at = System.nanoTime();
            long allocated = allocatedBytes() - allocatedBefore;
            long delta = sampler.stop();
            sha256 = stored.sha256();

            long readStart = System.nanoTime();
            try (InputStream content = service.openContent(stored.objectKey())) {
                content.transferTo(OutputStream.nullOutputStream());
            }
            long readEnd = System.nanoTime();
            service.deleteContent(stored.objectKey());

            long digestStart = System.nanoTime();
            String javaDigest = javaSha256(upload);
            long digestEnd = System.nanoTime();
            long sha256sum = timeSha256sum(upload, sha256);
            if (!javaDigest.equals(sha256)) {
                throw new IllegalStateException("SHA-256 mismatch: " + javaDigest + " vs " + sha256);
            }

            if (measured) {
                storeNanos.add(stored_at - start);
                readNanos.add(readEnd - readStart);
                digestNanos.add(digestEnd - digestStart);
                sha256sumNanos.add(sha256sum);
                peakHeapDelta = Math.max(peakHeapDelta, delta);
                allocatedPerStore = Math.max(allocatedPerStore, allocated);
            }
        }

        Runtime runtime = Runtime.getRuntime();
        System.out.printf("Evidence upload benchmark (%s): %d MiB file, %d rounds after %d warm-up, %s, max heap %d MiB, %d cores%n",
                s3 ? "S3 storage, s3proxy beside the JVM" : "filesystem storage", SIZE >> 20, rounds, WARM_UP, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                runtime.maxMemory() >> 20, runtime.availableProcessors());
        System.out.printf("  SHA-256 %s%n", sha256);
        report(s3 ? "store (inspect + limit + SHA-256 + encrypt + spool + 2 parts)" : "store (inspect + limit + SHA-256 + encrypt + fsync + move)", storeNanos);
        report("read back (decrypt + verify)", readNanos);
        report("MessageDigest SHA-256 of the file (in-JVM reference)", digestNanos);
        report("sha256sum of the file (reference, includes process start)", sha256sumNanos);
        System.out.printf("  store / sha256sum (median): %.2f%n", (double) median(storeNanos) / median(sha256sumNanos));
        System.out.printf("  peak heap above the idle baseline during a store (sampled every ms, garbage included): %.1f MiB%n",
                peakHeapDelta / 1048576.0);
        System.out.printf("  bytes allocated by one store (all garbage, none retained): %.1f MiB%n", allocatedPerStore / 1048576.0);
    }

    private static Path writeUploadFile(Path file) throws IOException {
        byte[] header = EvidenceSamples.mp4Header(SIZE - EvidenceSamples.mp4Header(0).length);
        Random random = new Random(42); // random bytes, so neither compression nor caching flatters anything
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header);
            for (long left = SIZE - header.length; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
        return file;
    }

    private static String javaSha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 64 * 1024), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    private static long timeSha256sum(Path file, String expected) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(1, TimeUnit.MINUTES);
        long elapsed = System.nanoTime() - start;
        if (!output.startsWith(expected)) {
            throw new IllegalStateException("sha256sum disagrees: " + output);
        }
        return elapsed;
    }

    private static void report(String what, List<Long> nanos) {
        System.out.printf("  %-60s median %7.1f ms  best %7.1f ms  → %6.0f MiB/s (median)%n", what,
                median(nanos) / 1e6, Collections.min(nanos) / 1e6, (SIZE / 1048576.0) / (median(nanos) / 1e9));
    }

    private static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean hotspot) {
            return hotspot.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return 0;
    }

    /** Polls the used heap every millisecond on its own thread; {@link #stop} gives the peak above the start. */
    private static final class HeapSampler {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final LongSupplier used = () -> memory.getHeapMemoryUsage().getUsed();
        private final long baseline = used.getAsLong();
        private volatile boolean running = true;
        private volatile long peak = baseline;
        private final Thread thread = new Thread(() -> {
            while (running) {
                peak = Math.max(peak, used.getAsLong());
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        HeapSampler() {
            thread.setDaemon(true);
            thread.start();
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return Math.max(0, Math.max(peak, used.getAsLong()) - baseline);
        }
    }
}
