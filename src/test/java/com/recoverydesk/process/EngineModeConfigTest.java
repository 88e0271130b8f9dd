package com.recoverydesk.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The embedded engine allows one JVM per database, so production must name its engine mode: a
 * replica started without it must not bring up a second embedded engine on the shared database.
 */
class EngineModeConfigTest {

    @Test
    void shouldLeaveTheEngineModeToProductionsOwnSetting() throws IOException {
        assertEquals(Optional.empty(), modeIn("prod"), "no default mode in production");
        assertEquals(Optional.of("embedded"), modeIn("demo"));
        assertEquals(Optional.of("embedded"), modeIn("test"));
    }

    private static Optional<String> modeIn(String profile) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(EngineModeConfigTest.class.getClassLoader().getResource("application.properties"), 100))
                .build();
        return config.getOptionalValue("recovery.engine.mode", String.class);
    }
}
