import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Timing comparison of the intake answer for a registered and an unregistered address
 * (issue 4, DESIGN.md §3 step 1). Single-file program on the JDK alone, run by bench/intake/run:
 *
 * <pre>java bench/intake/IntakeTiming.java http://127.0.0.1:18181 [rounds] [warm-up] [seed] [gap-ms]</pre>
 *
 * <p>Known addresses are {@code bench-N@example.org} (the harness inserts them into
 * {@code customer_account}); unknown ones are {@code bench-N@example.net}, the same length. Every
 * request uses an address and a description of its own, so no rate-limit window is hit twice.
 * After a warm-up, {@code rounds} requests of each kind are sent one after another over one
 * keep-alive connection, in a shuffled order. Only 127.0.0.1 is ever addressed.
 */
public class IntakeTiming {

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:18181");
        if (!"127.0.0.1".equals(base.getHost())) {
            throw new IllegalArgumentException("loopback only: " + base);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 20261126L;
        long gapMillis = args.length > 4 ? Long.parseLong(args[4]) : 0;
        URI intake = base.resolve("/api/v1/recovery-requests");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Random random = new Random(seed);

        // warm-up: addresses rounds .. rounds+warmUp-1, alternating
        for (int i = 0; i < 2 * warmUp; i++) {
            int n = rounds + i / 2;
            send(client, intake, address(i % 2 == 0, n), "warm-up " + i);
        }

        // the measured sequence: rounds of each kind, shuffled; each address index used once per kind
        List<Boolean> kinds = new ArrayList<>(2 * rounds);
        for (int i = 0; i < rounds; i++) {
            kinds.add(true);
            kinds.add(false);
        }
        Collections.shuffle(kinds, random);
        List<Integer> knownIds = shuffled(rounds, random);
        List<Integer> unknownIds = shuffled(rounds, random);
        int nextKnown = 0;
        int nextUnknown = 0;
        double[] known = new double[rounds];
        double[] unknown = new double[rounds];
        List<Double> afterKnown = new ArrayList<>();
        List<Double> afterUnknown = new ArrayList<>();
        Map<String, Integer> answers = new TreeMap<>();
        Boolean previous = null;
        long started = System.nanoTime();
        for (int i = 0; i < kinds.size(); i++) {
            boolean isKnown = kinds.get(i);
            int n = isKnown ? knownIds.get(nextKnown) : unknownIds.get(nextUnknown);
            long t0 = System.nanoTime();
            HttpResponse<String> response = send(client, intake, address(isKnown, n), "timing " + i + (isKnown ? " a" : " b"));
            double millis = (System.nanoTime() - t0) / 1e6;
            answers.merge(fingerprint(response), 1, Integer::sum);
            if (isKnown) {
                known[nextKnown++] = millis;
            } else {
                unknown[nextUnknown++] = millis;
            }
            if (previous != null) {
                (previous ? afterKnown : afterUnknown).add(millis);
            }
            previous = isKnown;
            if (gapMillis > 0) {
                Thread.sleep(gapMillis);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        System.out.printf(Locale.ROOT, "intake timing: %d known + %d unknown requests after %d warm-up, shuffled, one connection, gap %d ms, %.1f s, seed %d%n",
                rounds, rounds, 2 * warmUp, gapMillis, seconds, seed);
        System.out.println("distinct answers (status, headers without Date, body): " + answers.size());
        answers.forEach((answer, count) -> System.out.println("  " + count + " x " + answer));
        System.out.println();
        System.out.println("| requests | n | mean ms | median ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        row("known address", known);
        row("unknown address", unknown);
        row("following a known one", toArray(afterKnown));
        row("following an unknown one", toArray(afterUnknown));
        System.out.println();
        compare("known - unknown", known, unknown, random);
        compare("after known - after unknown", toArray(afterKnown), toArray(afterUnknown), random);
        if (answers.size() != 1) {
            System.out.println("FAIL: the answers differ");
            System.exit(1);
        }
    }

    static String address(boolean known, int n) {
        return "bench-" + n + (known ? "@example.org" : "@example.net");
    }

    static HttpResponse<String> send(HttpClient client, URI intake, String email, String description) throws Exception {
        String body = "{\"accountEmail\":\"" + email + "\",\"description\":\"" + description + "\"}";
        HttpRequest request = HttpRequest.newBuilder(intake).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String fingerprint(HttpResponse<String> response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.remove("date");
        return response.statusCode() + " " + headers + " " + response.body();
    }

    static List<Integer> shuffled(int count, Random random) {
        List<Integer> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(i);
        }
        Collections.shuffle(ids, random);
        return ids;
    }

    static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static void row(String label, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f |%n", label, sorted.length,
                mean(sorted), quantile(sorted, 0.5), quantile(sorted, 0.95), quantile(sorted, 0.99), sorted[sorted.length - 1]);
    }

    /** Bootstrap 95 % intervals for the differences of medians and of means, and Mann–Whitney U. */
    static void compare(String label, double[] a, double[] b, Random random) {
        double[] sa = a.clone();
        double[] sb = b.clone();
        Arrays.sort(sa);
        Arrays.sort(sb);
        int resamples = 2000;
        double[] medianDiffs = new double[resamples];
        double[] meanDiffs = new double[resamples];
        double[] ra = new double[a.length];
        double[] rb = new double[b.length];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < a.length; i++) {
                ra[i] = a[random.nextInt(a.length)];
            }
            for (int i = 0; i < b.length; i++) {
                rb[i] = b[random.nextInt(b.length)];
            }
            meanDiffs[r] = mean(ra) - mean(rb);
            Arrays.sort(ra);
            Arrays.sort(rb);
            medianDiffs[r] = quantile(ra, 0.5) - quantile(rb, 0.5);
        }
        Arrays.sort(medianDiffs);
        Arrays.sort(meanDiffs);
        System.out.printf(Locale.ROOT, "%s: median difference %+.3f ms (95%% bootstrap CI %+.3f .. %+.3f), mean difference %+.3f ms (95%% CI %+.3f .. %+.3f)%n",
                label, quantile(sa, 0.5) - quantile(sb, 0.5), quantile(medianDiffs, 0.025), quantile(medianDiffs, 0.975),
                mean(sa) - mean(sb), quantile(meanDiffs, 0.025), quantile(meanDiffs, 0.975));

        // Mann–Whitney U by merging the sorted samples (ties split evenly; times in ns rarely tie)
        double u = 0;
        int j = 0;
        int k = 0;
        for (double x : sa) {
            while (j < sb.length && sb[j] < x) {
                j++;
            }
            k = j;
            while (k < sb.length && sb[k] == x) {
                k++;
            }
            u += j + (k - j) / 2.0;
        }
        double n1 = sa.length;
        double n2 = sb.length;
        double auc = u / (n1 * n2);
        double z = (u - n1 * n2 / 2) / Math.sqrt(n1 * n2 * (n1 + n2 + 1) / 12);
        System.out.printf(Locale.ROOT, "%s: Mann-Whitney P(first slower) = %.3f, z = %+.2f, two-sided p = %.3g%n",
                label, auc, z, 2 * (1 - normalCdf(Math.abs(z))));
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }

    /** Standard normal CDF (Abramowitz–Stegun 7.1.26 on erf), good to about 1e-7. */
    static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
