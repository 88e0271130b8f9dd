package com.recoverydesk.web;

import io.vertx.core.http.HttpServerRequest;

/**
 * The client's address as the throttles key it. Behind a load balancer, enable
 * {@code quarkus.http.proxy.proxy-address-forwarding} so that this is the real client.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
