package com.recoverydesk.engine;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

import javax.sql.DataSource;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Migrates the engine's own tables (prefix engine_, history in engine_schema_history), separately from
 * the application's Flyway. The scripts are listed here rather than found by classpath scanning, which
 * behaves differently under Quarkus's class loaders than in a plain JVM.
 */
final class EngineMigrations {

    static final String LOCATION = "db/engine/";
    static final List<String> SCRIPTS = List.of("V1__engine_schema.sql", "V2__timer_attempts_and_lease.sql");

    private EngineMigrations() {}

    static void migrate(DataSource dataSource) {
        Flyway.configure(EngineMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .table("engine_schema_history")
                .locations("classpath:" + LOCATION)
                .resourceProvider(new ListedScripts())
                .javaMigrationClassProvider(List::of)
                // the application's tables may already be in the schema; the engine's history starts at 0 then
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    private static final class ListedScripts implements ResourceProvider {

        @Override
        public LoadableResource getResource(String name) {
            String fileName = name.contains("/") ? name.substring(name.lastIndexOf('/') + 1) : name;
            return SCRIPTS.contains(fileName) ? new Script(fileName) : null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            return SCRIPTS.stream()
                    .filter(name -> name.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(name::endsWith))
                    .map(name -> (LoadableResource) new Script(name))
                    .toList();
        }
    }

    private static final class Script extends LoadableResource {
        private final String fileName;

        Script(String fileName) {
            this.fileName = fileName;
        }

        @Override
        public Reader read() {
            InputStream stream = EngineMigrations.class.getClassLoader().getResourceAsStream(LOCATION + fileName);
            if (stream == null) throw new IllegalStateException("engine migration " + fileName + " is missing from the classpath");
            return new InputStreamReader(stream, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return LOCATION + fileName;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return LOCATION + fileName;
        }

        @Override
        public String getFilename() {
            return fileName;
        }

        @Override
        public String getRelativePath() {
            return fileName;
        }
    }
}
