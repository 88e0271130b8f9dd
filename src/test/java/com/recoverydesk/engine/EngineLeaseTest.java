package com.recoverydesk.engine;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One engine per database: its locks hold only inside its JVM, so a second engine on the same tables
 * would fire timers twice and split tokens. It refuses to start; once the first stops, it may.
 */
class EngineLeaseTest extends EngineTestHelpers {

    @Test
    void shouldRefuseSecondEngineOnTheSamePostgresSchema() {
        shouldRefuseSecondEngineOn(dataSource());
    }

    @Test
    void shouldRefuseSecondEngineOnTheSameH2Database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:lease-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        shouldRefuseSecondEngineOn(h2);
    }

    private static void shouldRefuseSecondEngineOn(DataSource database) {
        try (EmbeddedEngine first = EmbeddedEngine.start(EngineSettings.defaults().withPort(0), database)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> EmbeddedEngine.start(EngineSettings.defaults().withPort(0), database).close());
            assertTrue(refused.getMessage().contains("lease"), refused.getMessage());
        }
        try (EmbeddedEngine next = EmbeddedEngine.start(EngineSettings.defaults().withPort(0), database)) {
            assertTrue(next.port() > 0, "the lease ends when its engine stops");
        }
    }
}
