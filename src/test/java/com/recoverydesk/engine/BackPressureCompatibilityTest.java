package com.recoverydesk.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.PublishMessageResponse;
import io.grpc.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A full command queue answers RESOURCE_EXHAUSTED, the status the client's retry policy backs off on. */
class BackPressureCompatibilityTest extends EngineTestHelpers {

    @BeforeAll
    static void startThrottledEngine() {
        engine = EmbeddedEngine.start(EngineSettings.defaults().withPort(0).withCommandThreads(1).withMaxQueuedCommands(1), dataSource());
        // without the default retry policy, so that the test sees the status instead of the client's retries
        client = CamundaClient.newClientBuilder().grpcAddress(URI.create("http://127.0.0.1:" + engine.port()))
                .preferRestOverGrpc(false).useDefaultRetryPolicy(false).build();
    }

    @AfterAll
    static void stopThrottledEngine() {
        engine.close();
        client.close();
    }

    @Test
    void shouldAnswerResourceExhaustedWhenCommandQueueIsFull() {
        List<CamundaFuture<PublishMessageResponse>> burst = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            burst.add(client.newPublishMessageCommand().messageName(unique("burst")).correlationKey("k").send());
        }
        int exhausted = 0;
        int accepted = 0;
        for (CamundaFuture<PublishMessageResponse> future : burst) {
            try {
                future.join();
                accepted++;
            } catch (ClientStatusException | CompletionException e) {
                ClientStatusException status = e instanceof ClientStatusException s ? s : (ClientStatusException) e.getCause();
                assertTrue(status.getStatusCode() == Status.Code.RESOURCE_EXHAUSTED, "unexpected " + status.getStatusCode());
                exhausted++;
            }
        }
        assertTrue(exhausted > 0, "a burst larger than the queue meets back-pressure");
        assertTrue(accepted > 0, "commands the queue holds still succeed");
    }
}
