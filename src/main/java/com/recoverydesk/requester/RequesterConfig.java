package com.recoverydesk.requester;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "recovery.requester")
public interface RequesterConfig {

    /**
     * Uploads one case may make per {@link #uploadWindow()}: each is stored, encrypted and audited,
     * so a script must not fill the trail and the storage. A careful requester replacing blurry
     * photos stays far below it.
     */
    @WithDefault("30")
    int uploadsPerCase();

    @WithDefault("PT1H")
    Duration uploadWindow();
}
