package com.recoverydesk.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of most compatibility tests: one engine per test class, reached only through the Camunda client. */
abstract class EngineTestSupport extends EngineTestHelpers {

    @BeforeAll
    static void startEngine() {
        engine = EmbeddedEngine.start(EngineSettings.defaults().withPort(0), dataSource());
        client = clientFor(engine.port());
    }

    @AfterAll
    static void stopEngine() {
        // engine first: it ends the workers' open long polls, which a client closing first would wait out
        if (engine != null) engine.close();
        if (client != null) client.close();
    }
}
