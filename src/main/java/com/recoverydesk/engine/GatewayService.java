package com.recoverydesk.engine;

import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.*;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The Zeebe gateway API over the engine. gRPC threads only hand each call to the bounded command pool;
 * a full pool answers RESOURCE_EXHAUSTED, which the Camunda client retries with back-off. RPCs the
 * engine does not implement keep the generated base's UNIMPLEMENTED answer. (StreamActivatedJobs is
 * implemented: the 8.8 client hangs on closing a streaming worker whose stream was refused.)
 */
final class GatewayService extends GatewayGrpc.GatewayImplBase {

    private static final Logger LOG = Logger.getLogger(GatewayService.class);
    static final String TENANT = "<default>";
    static final String VERSION = "8.8.14";

    private final Engine engine;
    private final ExecutorService commands;
    private final JobWaiters waiters;
    private final long defaultLongPollMillis;
    private final java.util.function.IntSupplier port;

    GatewayService(Engine engine, ExecutorService commands, JobWaiters waiters, long defaultLongPollMillis, java.util.function.IntSupplier port) {
        this.engine = engine;
        this.commands = commands;
        this.waiters = waiters;
        this.defaultLongPollMillis = defaultLongPollMillis;
        this.port = port;
    }

    @Override
    public void topology(TopologyRequest request, StreamObserver<TopologyResponse> response) {
        Partition partition = Partition.newBuilder().setPartitionId(1)
                .setRole(Partition.PartitionBrokerRole.LEADER).setHealth(Partition.PartitionBrokerHealth.HEALTHY).build();
        BrokerInfo broker = BrokerInfo.newBuilder().setNodeId(0).setHost("127.0.0.1").setPort(port.getAsInt()).setVersion(VERSION).addPartitions(partition).build();
        response.onNext(TopologyResponse.newBuilder().addBrokers(broker).setClusterSize(1).setPartitionsCount(1)
                .setReplicationFactor(1).setGatewayVersion(VERSION).build());
        response.onCompleted();
    }

    @Override
    public void deployResource(DeployResourceRequest request, StreamObserver<DeployResourceResponse> response) {
        run(response, () -> {
            List<Engine.Resource> resources = new ArrayList<>();
            for (Resource resource : request.getResourcesList()) {
                resources.add(new Engine.Resource(resource.getName(), resource.getContent().toByteArray()));
            }
            Engine.Deployment deployment = engine.deploy(resources);
            DeployResourceResponse.Builder answer = DeployResourceResponse.newBuilder().setKey(deployment.key()).setTenantId(TENANT);
            for (Engine.DeployedProcess process : deployment.processes()) {
                answer.addDeployments(Deployment.newBuilder().setProcess(metadata(process)));
            }
            return answer.build();
        });
    }

    /** The deprecated form (zbctl's plain deploy and other pre-8 clients): the same deployment, the older answer. */
    @Override
    @SuppressWarnings("deprecation")
    public void deployProcess(DeployProcessRequest request, StreamObserver<DeployProcessResponse> response) {
        run(response, () -> {
            List<Engine.Resource> resources = new ArrayList<>();
            for (ProcessRequestObject process : request.getProcessesList()) {
                resources.add(new Engine.Resource(process.getName(), process.getDefinition().toByteArray()));
            }
            Engine.Deployment deployment = engine.deploy(resources);
            DeployProcessResponse.Builder answer = DeployProcessResponse.newBuilder().setKey(deployment.key());
            for (Engine.DeployedProcess process : deployment.processes()) answer.addProcesses(metadata(process));
            return answer.build();
        });
    }

    private static ProcessMetadata metadata(Engine.DeployedProcess process) {
        return ProcessMetadata.newBuilder().setBpmnProcessId(process.bpmnProcessId()).setVersion(process.version())
                .setProcessDefinitionKey(process.definitionKey()).setResourceName(process.resourceName()).setTenantId(TENANT).build();
    }

    @Override
    public void createProcessInstance(CreateProcessInstanceRequest request, StreamObserver<CreateProcessInstanceResponse> response) {
        run(response, () -> {
            if (request.getStartInstructionsCount() > 0 || request.getRuntimeInstructionsCount() > 0) {
                throw EngineException.invalid("Start and runtime instructions are not supported by the embedded engine");
            }
            Engine.CreatedInstance created = engine.createInstance(request.getProcessDefinitionKey(), request.getBpmnProcessId(),
                    request.getVersion(), request.getVariables());
            return CreateProcessInstanceResponse.newBuilder().setProcessInstanceKey(created.instanceKey())
                    .setProcessDefinitionKey(created.definitionKey()).setBpmnProcessId(created.bpmnProcessId())
                    .setVersion(created.version()).setTenantId(TENANT).build();
        });
    }

    @Override
    public void cancelProcessInstance(CancelProcessInstanceRequest request, StreamObserver<CancelProcessInstanceResponse> response) {
        run(response, () -> {
            engine.cancelInstance(request.getProcessInstanceKey());
            return CancelProcessInstanceResponse.getDefaultInstance();
        });
    }

    @Override
    public void setVariables(SetVariablesRequest request, StreamObserver<SetVariablesResponse> response) {
        run(response, () -> SetVariablesResponse.newBuilder()
                .setKey(engine.setVariables(request.getElementInstanceKey(), request.getVariables(), request.getLocal())).build());
    }

    @Override
    public void completeJob(CompleteJobRequest request, StreamObserver<CompleteJobResponse> response) {
        run(response, () -> {
            engine.completeJob(request.getJobKey(), request.getVariables());
            return CompleteJobResponse.getDefaultInstance();
        });
    }

    @Override
    public void failJob(FailJobRequest request, StreamObserver<FailJobResponse> response) {
        run(response, () -> {
            engine.failJob(request.getJobKey(), request.getRetries(), request.getErrorMessage(), request.getRetryBackOff(), request.getVariables());
            return FailJobResponse.getDefaultInstance();
        });
    }

    @Override
    public void throwError(ThrowErrorRequest request, StreamObserver<ThrowErrorResponse> response) {
        run(response, () -> {
            engine.throwError(request.getJobKey(), request.getErrorCode(), request.getErrorMessage(), request.getVariables());
            return ThrowErrorResponse.getDefaultInstance();
        });
    }

    @Override
    public void updateJobRetries(UpdateJobRetriesRequest request, StreamObserver<UpdateJobRetriesResponse> response) {
        run(response, () -> {
            engine.updateJobRetries(request.getJobKey(), request.getRetries());
            return UpdateJobRetriesResponse.getDefaultInstance();
        });
    }

    @Override
    public void updateJobTimeout(UpdateJobTimeoutRequest request, StreamObserver<UpdateJobTimeoutResponse> response) {
        run(response, () -> {
            engine.updateJobTimeout(request.getJobKey(), request.getTimeout());
            return UpdateJobTimeoutResponse.getDefaultInstance();
        });
    }

    @Override
    public void resolveIncident(ResolveIncidentRequest request, StreamObserver<ResolveIncidentResponse> response) {
        run(response, () -> {
            engine.resolveIncident(request.getIncidentKey());
            return ResolveIncidentResponse.getDefaultInstance();
        });
    }

    @Override
    public void publishMessage(PublishMessageRequest request, StreamObserver<PublishMessageResponse> response) {
        run(response, () -> PublishMessageResponse.newBuilder().setTenantId(TENANT)
                .setKey(engine.publishMessage(request.getName(), request.getCorrelationKey(), request.getTimeToLive(),
                        request.getMessageId(), request.getVariables())).build());
    }

    /**
     * Long polling: activate what is there; if nothing, wait until jobs of the type appear or the
     * request timeout passes (0 = the engine's default, negative = answer at once).
     */
    @Override
    public void activateJobs(ActivateJobsRequest request, StreamObserver<ActivateJobsResponse> response) {
        ServerCallStreamObserver<ActivateJobsResponse> call = (ServerCallStreamObserver<ActivateJobsResponse>) response;
        long pollMillis = request.getRequestTimeout() == 0 ? defaultLongPollMillis : request.getRequestTimeout();
        long giveUpAt = System.currentTimeMillis() + Math.max(0, pollMillis);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicReference<Runnable> cancelWait = new AtomicReference<>(() -> {});
        call.setOnCancelHandler(() -> {
            finished.set(true);
            cancelWait.get().run();
        });
        Runnable finishEmpty = () -> {
            if (finished.compareAndSet(false, true)) response.onCompleted();
        };
        Runnable attempt = new Runnable() {
            @Override
            public void run() {
                submit(response, finished, () -> {
                    if (finished.get() || call.isCancelled()) return;
                    long generation = waiters.generation(request.getType());
                    List<Engine.ActivatedJob> jobs = engine.activateJobs(request.getType(), request.getWorker(), request.getTimeout(),
                            request.getMaxJobsToActivate(), request.getFetchVariableList());
                    if (!jobs.isEmpty()) {
                        if (finished.compareAndSet(false, true)) {
                            response.onNext(toResponse(jobs));
                            response.onCompleted();
                        }
                        return;
                    }
                    long remaining = giveUpAt - System.currentTimeMillis();
                    if (pollMillis < 0 || remaining <= 0) {
                        finishEmpty.run();
                        return;
                    }
                    cancelWait.set(waiters.await(request.getType(), generation, remaining, this, finishEmpty));
                });
            }
        };
        attempt.run();
    }

    /**
     * Job streaming: pushes jobs of the type to the worker as they become activatable, until the worker
     * closes the stream. Jobs pushed into a stream that then breaks come back after their timeout.
     */
    @Override
    public void streamActivatedJobs(StreamActivatedJobsRequest request, StreamObserver<ActivatedJob> response) {
        ServerCallStreamObserver<ActivatedJob> call = (ServerCallStreamObserver<ActivatedJob>) response;
        AtomicBoolean closed = new AtomicBoolean();
        AtomicReference<Runnable> cancelWait = new AtomicReference<>(() -> {});
        call.setOnCancelHandler(() -> {
            closed.set(true);
            cancelWait.get().run();
        });
        int batch = 32;
        Runnable push = new Runnable() {
            @Override
            public void run() {
                submit(response, closed, () -> {
                    if (closed.get() || call.isCancelled()) return;
                    long generation = waiters.generation(request.getType());
                    List<Engine.ActivatedJob> jobs = engine.activateJobs(request.getType(), request.getWorker(), request.getTimeout(),
                            batch, request.getFetchVariableList());
                    for (Engine.ActivatedJob job : jobs) {
                        if (call.isCancelled()) return; // undelivered jobs come back after their timeout
                        response.onNext(toProto(job));
                    }
                    if (jobs.size() == batch) {
                        run();
                        return;
                    }
                    // re-check now and then even without news, so a missed wake-up costs a minute at most
                    cancelWait.set(waiters.await(request.getType(), generation, 60_000, this, this));
                });
            }
        };
        push.run();
    }

    private static ActivateJobsResponse toResponse(List<Engine.ActivatedJob> jobs) {
        ActivateJobsResponse.Builder answer = ActivateJobsResponse.newBuilder();
        for (Engine.ActivatedJob job : jobs) answer.addJobs(toProto(job));
        return answer.build();
    }

    private static ActivatedJob toProto(Engine.ActivatedJob job) {
        return ActivatedJob.newBuilder().setKey(job.key()).setType(job.type()).setProcessInstanceKey(job.instanceKey())
                .setBpmnProcessId(job.bpmnProcessId()).setProcessDefinitionVersion(job.version())
                .setProcessDefinitionKey(job.definitionKey()).setElementId(job.elementId())
                .setElementInstanceKey(job.elementInstanceKey()).setCustomHeaders(job.customHeaders())
                .setWorker(job.worker()).setRetries(job.retries()).setDeadline(job.deadline())
                .setVariables(job.variables()).setTenantId(TENANT).build();
    }

    private <T> void run(StreamObserver<T> response, Supplier<T> command) {
        AtomicBoolean finished = new AtomicBoolean();
        submit(response, finished, () -> {
            T answer = command.get();
            finished.set(true);
            response.onNext(answer);
            response.onCompleted();
        });
    }

    private void submit(StreamObserver<?> response, AtomicBoolean finished, Runnable work) {
        try {
            commands.execute(() -> {
                try {
                    work.run();
                } catch (EngineException e) {
                    if (finished.compareAndSet(false, true)) response.onError(toStatus(e).withDescription(e.getMessage()).asRuntimeException());
                } catch (RuntimeException e) {
                    LOG.errorf(e, "engine command failed");
                    if (finished.compareAndSet(false, true)) {
                        response.onError(Status.INTERNAL.withDescription("The embedded engine failed to process the command").asRuntimeException());
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            if (finished.compareAndSet(false, true)) {
                response.onError(Status.RESOURCE_EXHAUSTED.withDescription("The embedded engine is busy; retry later").asRuntimeException());
            }
        }
    }

    private static Status toStatus(EngineException e) {
        return switch (e.rejection()) {
            case NOT_FOUND -> Status.NOT_FOUND;
            case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
            case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
            case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
            case RESOURCE_EXHAUSTED -> Status.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> Status.UNAVAILABLE;
        };
    }

}
