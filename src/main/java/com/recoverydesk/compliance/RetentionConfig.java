package com.recoverydesk.compliance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The retention purge's schedule; how long evidence is kept is {@code recovery.evidence.retention}. */
@ConfigMapping(prefix = "recovery.retention")
public interface RetentionConfig {

    /** How often the purge looks for cases past their retention. */
    @WithDefault("PT1H")
    Duration sweepInterval();

    /** Cases purged per transaction batch; each case has its own transaction. */
    @WithDefault("200")
    int batchSize();
}
