import com.recoverydesk.engine.EmbeddedEngine;
import com.recoverydesk.engine.EngineSettings;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;

import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Embedded engine throughput: a process of 12 service tasks, N instances started through the Camunda
 * client, one worker per job type connected through the client, with the service's own engine and worker
 * settings. Reports instances/s, jobs/s, the p50/p99 time from start to end of an instance, and per job: the
 * rows PostgreSQL read, the CPU of this JVM and of its database backends. Run with bench/engine/run.sh (see README.md there).
 */
public class EngineBenchmark {

    static final int TASKS = 12;

    public static void main(String[] args) throws Exception {
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        // 0 = start as fast as the engine accepts (throughput); a rate below capacity shows the latency of one case
        double startsPerSecond = args.length > 1 ? Double.parseDouble(args[1]) : 0;
        String url = System.getenv().getOrDefault("BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/engine_dev");
        try (AgroalDataSource admin = pool(url, 1)) {
            try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS engine_bench CASCADE");
                statement.execute("CREATE SCHEMA engine_bench");
            }
        }
        // the service's own engine and worker settings, read from EngineConfig's defaults (not a tuned copy)
        int commandThreads = serviceDefault("commandThreads");
        int handlerThreads = serviceDefault("handlerThreads");
        int maxJobsActive = serviceDefault("maxJobsActive");
        System.out.printf("service configuration: %d command threads, %d handler threads, %d jobs active per worker, poll 200 ms%n",
                commandThreads, handlerThreads, maxJobsActive);
        try (AgroalDataSource dataSource = pool(url + (url.contains("?") ? "&" : "?") + "currentSchema=engine_bench", commandThreads + 4);
             EmbeddedEngine engine = EmbeddedEngine.start(EngineSettings.defaults().withPort(0).withCommandThreads(commandThreads), dataSource);
             CamundaClient client = CamundaClient.newClientBuilder().grpcAddress(URI.create("http://127.0.0.1:" + engine.port()))
                     .preferRestOverGrpc(false).defaultJobWorkerStreamEnabled(false).numJobWorkerExecutionThreads(handlerThreads)
                     .defaultRequestTimeout(Duration.ofSeconds(60)).build()) {

            AbstractFlowNodeBuilder<?, ?> builder = Bpmn.createExecutableProcess("bench").startEvent();
            for (int i = 1; i <= TASKS; i++) {
                String type = "bench-task-" + i;
                builder = builder.serviceTask("Task_" + i, task -> task.zeebeJobType(type));
            }
            client.newDeployResourceCommand().addProcessModel(builder.endEvent().done(), "bench.bpmn").send().join();

            Map<Long, Long> startedAt = new ConcurrentHashMap<>();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(instances);
            java.util.concurrent.atomic.AtomicLong completedJobs = new java.util.concurrent.atomic.AtomicLong();
            List<JobWorker> workers = new ArrayList<>();
            for (int i = 1; i <= TASKS; i++) {
                boolean last = i == TASKS;
                workers.add(client.newWorker().jobType("bench-task-" + i).handler((jobClient, job) -> {
                    jobClient.newCompleteCommand(job.getKey()).send().join();
                    completedJobs.incrementAndGet();
                    if (last) {
                        Long start = startedAt.get(job.getProcessInstanceKey());
                        if (start != null) latencies.add(System.nanoTime() - start);
                        done.countDown();
                    }
                }).maxJobsActive(maxJobsActive).pollInterval(Duration.ofMillis(200)).open()); // as ProcessWorkers opens them
            }

            Cost before = Cost.now(dataSource);
            long begin = System.nanoTime();
            List<io.camunda.client.api.CamundaFuture<io.camunda.client.api.response.ProcessInstanceEvent>> pending = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                if (startsPerSecond > 0) {
                    long due = begin + (long) (i * 1e9 / startsPerSecond);
                    while (System.nanoTime() < due) Thread.sleep(1);
                }
                long start = System.nanoTime();
                var future = client.newCreateInstanceCommand().bpmnProcessId("bench").latestVersion().variables(Map.of("n", i)).send();
                future.thenAccept(event -> startedAt.put(event.getProcessInstanceKey(), start));
                pending.add(future);
                if (pending.size() >= 64) {
                    pending.get(0).join();
                    pending.remove(0);
                }
            }
            // BENCH_MAX_SECONDS ends a long run early: the cost per job is then that of the jobs done with the backlog still in flight
            long maxSeconds = Long.parseLong(System.getenv().getOrDefault("BENCH_MAX_SECONDS", "1800"));
            boolean finished = done.await(Math.max(1, maxSeconds - (System.nanoTime() - begin) / 1_000_000_000L), TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - begin) / 1e9;
            workers.forEach(JobWorker::close);
            Thread.sleep(1500); // PostgreSQL publishes a backend's row counts at the end of its transactions, at most once a second
            Cost after = Cost.now(dataSource);
            long jobs = completedJobs.get();

            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("instances: %d (%s), start rate: %s%n", instances, finished ? "all completed" : "NOT all completed",
                    startsPerSecond > 0 ? startsPerSecond + "/s" : "unpaced");
            System.out.printf("wall time: %.1f s%n", seconds);
            System.out.printf("instances completed: %d, jobs completed: %d%n", instances - done.getCount(), jobs);
            System.out.printf("instances/s: %.1f%n", (instances - done.getCount()) / seconds);
            System.out.printf("jobs/s: %.1f%n", jobs / seconds);
            System.out.printf("start-to-end p50: %d ms, p99: %d ms%n", percentile(sorted, 0.50), percentile(sorted, 0.99));
            System.out.printf("rows read per job (pg_stat_database tup_returned + tup_fetched): %.0f%n", (after.rowsRead - before.rowsRead) / (double) jobs);
            System.out.printf("JVM CPU per job (engine and workers, one JVM): %.3f ms%n", (after.jvmCpuNanos - before.jvmCpuNanos) / 1e6 / jobs);
            System.out.printf("PostgreSQL CPU per job (this run's backends): %.3f ms%n", (after.backendCpuMillis - before.backendCpuMillis) / (double) jobs);
            System.out.printf("load average (1 min) before / after: %s / %s%n", before.load, after.load);
        }
    }

    static int serviceDefault(String setting) throws Exception {
        return Integer.parseInt(com.recoverydesk.process.EngineConfig.class.getMethod(setting)
                .getAnnotation(io.smallrye.config.WithDefault.class).value());
    }

    /** What the run has spent so far: rows PostgreSQL read in this database, CPU of this JVM and of its backends. */
    record Cost(long rowsRead, long jvmCpuNanos, long backendCpuMillis, String load) {
        static Cost now(AgroalDataSource dataSource) throws Exception {
            long rows;
            List<Integer> backends = new ArrayList<>();
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                try (var rs = statement.executeQuery("SELECT tup_returned + tup_fetched FROM pg_stat_database WHERE datname = current_database()")) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                try (var rs = statement.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")) {
                    while (rs.next()) backends.add(rs.getInt(1));
                }
            }
            long ticks = 0;
            for (int pid : backends) {
                java.nio.file.Path stat = java.nio.file.Path.of("/proc", Integer.toString(pid), "stat");
                if (!java.nio.file.Files.exists(stat)) continue; // PostgreSQL on another machine: no backend CPU
                String[] fields = java.nio.file.Files.readString(stat).substring(java.nio.file.Files.readString(stat).lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            }
            long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
            String load = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
            return new Cost(rows, jvm, ticks * 10, load); // 100 ticks a second on Linux
        }
    }

    static long percentile(List<Long> sortedNanos, double p) {
        if (sortedNanos.isEmpty()) return -1;
        int index = Math.min(sortedNanos.size() - 1, (int) Math.ceil(p * sortedNanos.size()) - 1);
        return TimeUnit.NANOSECONDS.toMillis(sortedNanos.get(Math.max(0, index)));
    }

    static AgroalDataSource pool(String url, int size) throws Exception {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(pool -> pool.maxSize(size)
                .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url).principal(new NamePrincipal("postgres")))));
    }
}
