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
    static final List<String> SCRIPTS = List.of("V1__engine_schema.sql", "V2__timer_attempts_and_lease.sql", "V4__timer_incidents.sql");
    /** What only PostgreSQL can express (partial indexes, autovacuum settings); H2 skips these versions. */
    static final List<String> POSTGRESQL_SCRIPTS = List.of("postgresql/V3__active_row_indexes.sql", "postgresql/V5__backoff_index_deferred_jobs_only.sql");

    private EngineMigrations() {}

    static void migrate(DataSource dataSource) {
        List<String> scripts = new java.util.ArrayList<>(SCRIPTS);
        if (isPostgres(dataSource)) scripts.addAll(POSTGRESQL_SCRIPTS);
        Flyway.configure(EngineMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .table("engine_schema_history")
                .locations("classpath:" + LOCATION)
                .resourceProvider(new ListedScripts(scripts))
                .javaMigrationClassProvider(List::of)
                // the application's tables may already be in the schema; the engine's history starts at 0 then
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (java.sql.Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        } catch (java.sql.SQLException e) {
            throw Db.classify(e, "cannot read the engine database's kind");
        }
    }

    /** Scripts by path under {@link #LOCATION}; Flyway sees their file names. */
    private static final class ListedScripts implements ResourceProvider {
        private final List<String> paths;

        ListedScripts(List<String> paths) {
            this.paths = paths;
        }

        @Override
        public LoadableResource getResource(String name) {
            String fileName = fileName(name);
            return paths.stream().filter(path -> fileName(path).equals(fileName)).findFirst().map(Script::new).orElse(null);
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            return paths.stream()
                    .filter(path -> fileName(path).startsWith(prefix) && Arrays.stream(suffixes).anyMatch(path::endsWith))
                    .map(path -> (LoadableResource) new Script(path))
                    .toList();
        }
    }

    private static String fileName(String path) {
        return path.contains("/") ? path.substring(path.lastIndexOf('/') + 1) : path;
    }

    private static final class Script extends LoadableResource {
        private final String path;

        Script(String path) {
            this.path = path;
        }

        @Override
        public Reader read() {
            InputStream stream = EngineMigrations.class.getClassLoader().getResourceAsStream(LOCATION + path);
            if (stream == null) throw new IllegalStateException("engine migration " + path + " is missing from the classpath");
            return new InputStreamReader(stream, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return LOCATION + path;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return LOCATION + path;
        }

        @Override
        public String getFilename() {
            return fileName(path);
        }

        @Override
        public String getRelativePath() {
            return fileName(path);
        }
    }
}
