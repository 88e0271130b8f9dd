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
 * client, one worker per job type connected through the client. Reports instances/s, jobs/s and the
 * p50/p99 time from start to end of an instance. Run with bench/engine/run.sh (see README.md there).
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
        try (AgroalDataSource dataSource = pool(url + (url.contains("?") ? "&" : "?") + "currentSchema=engine_bench", 16);
             EmbeddedEngine engine = EmbeddedEngine.start(EngineSettings.defaults().withPort(0).withCommandThreads(12), dataSource);
             CamundaClient client = CamundaClient.newClientBuilder().grpcAddress(URI.create("http://127.0.0.1:" + engine.port()))
                     .preferRestOverGrpc(false).defaultJobWorkerStreamEnabled(false).numJobWorkerExecutionThreads(8).build()) {

            AbstractFlowNodeBuilder<?, ?> builder = Bpmn.createExecutableProcess("bench").startEvent();
            for (int i = 1; i <= TASKS; i++) {
                String type = "bench-task-" + i;
                builder = builder.serviceTask("Task_" + i, task -> task.zeebeJobType(type));
            }
            client.newDeployResourceCommand().addProcessModel(builder.endEvent().done(), "bench.bpmn").send().join();

            Map<Long, Long> startedAt = new ConcurrentHashMap<>();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(instances);
            List<JobWorker> workers = new ArrayList<>();
            for (int i = 1; i <= TASKS; i++) {
                boolean last = i == TASKS;
                workers.add(client.newWorker().jobType("bench-task-" + i).handler((jobClient, job) -> {
                    jobClient.newCompleteCommand(job.getKey()).send().join();
                    if (last) {
                        Long start = startedAt.get(job.getProcessInstanceKey());
                        if (start != null) latencies.add(System.nanoTime() - start);
                        done.countDown();
                    }
                }).maxJobsActive(64).pollInterval(Duration.ofMillis(100)).open());
            }

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
            boolean finished = done.await(10, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - begin) / 1e9;
            workers.forEach(JobWorker::close);

            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("instances: %d (%s), start rate: %s%n", instances, finished ? "all completed" : "NOT all completed",
                    startsPerSecond > 0 ? startsPerSecond + "/s" : "unpaced");
            System.out.printf("wall time: %.1f s%n", seconds);
            System.out.printf("instances/s: %.1f%n", instances / seconds);
            System.out.printf("jobs/s: %.1f%n", instances * TASKS / seconds);
            System.out.printf("start-to-end p50: %d ms, p99: %d ms%n", percentile(sorted, 0.50), percentile(sorted, 0.99));
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
