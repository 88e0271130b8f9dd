package com.recoverydesk.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 7807 problem details body. {@code errors} lists field-level messages for invalid input,
 * so a client can show them next to the fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {}

    public static Problem of(int status, String title, String detail, String instance) {
        return new Problem("about:blank", title, status, detail, instance, null);
    }
}
