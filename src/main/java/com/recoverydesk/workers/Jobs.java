package com.recoverydesk.workers;

import com.recoverydesk.process.RecoveryProcess;
import io.camunda.client.api.response.ActivatedJob;

/** Reading what every job of the recovery process carries. */
final class Jobs {

    private Jobs() {
    }

    static String caseId(ActivatedJob job) {
        Object caseId = job.getVariablesAsMap().get(RecoveryProcess.Variables.CASE_ID);
        if (!(caseId instanceof String id) || id.isBlank()) {
            throw new IllegalStateException("job " + job.getKey() + " carries no caseId");
        }
        return id;
    }

    static String header(ActivatedJob job, String name) {
        String value = job.getCustomHeaders().get(name);
        if (value == null) {
            throw new IllegalStateException("job " + job.getKey() + " (" + job.getType() + ") lacks the header " + name);
        }
        return value;
    }

    static String stringVariable(ActivatedJob job, String name, String fallback) {
        Object value = job.getVariablesAsMap().get(name);
        return value instanceof String s && !s.isBlank() ? s : fallback;
    }
}
