package com.recoverydesk.workers;

import com.recoverydesk.cases.CaseProgress;
import com.recoverydesk.process.RecoveryProcess.Variables;
import com.recoverydesk.process.RecoveryProcess;
import com.recoverydesk.review.ReviewService;
import io.camunda.client.api.response.ActivatedJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Jobs around the human steps: opening the review and the second approval, escalating, and sending the agent's question back. */
@ApplicationScoped
public class ReviewWorker {

    /** The variable the review decision carries the agent's question to the requester in. */
    static final String REVIEW_MESSAGE = "reviewMessage";
    static final String REVIEW_ROUND = "reviewRound";

    private final ReviewService review;
    private final CaseProgress progress;

    public ReviewWorker(ReviewService review, CaseProgress progress) {
        this.review = review;
        this.progress = progress;
    }

    /** {@code open-review}: the case enters the agents' queue; the SLA warning timer is set from its due time. */
    Map<String, Object> openReview(ActivatedJob job) {
        ReviewService.OpenedReview opened = review.openReview(Jobs.caseId(job));
        return Map.of(Variables.REVIEW_WARNING_AT, opened.warningAt().toString(), "reviewDueAt", opened.dueAt().toString());
    }

    /** {@code open-approval}: the agent approved; the case enters the supervisors' approval queue. */
    Map<String, Object> openApproval(ActivatedJob job) {
        review.openApproval(Jobs.caseId(job));
        return Map.of();
    }

    /** {@code escalate}: the step named by the {@code stage} header is past its SLA warning point. */
    Map<String, Object> escalate(ActivatedJob job) {
        review.escalate(Jobs.caseId(job), Jobs.header(job, RecoveryProcess.Headers.STAGE));
        return Map.of();
    }

    /** {@code request-more-info}: the agent's question goes to the requester; evidence is awaited again. */
    Map<String, Object> requestMoreInfo(ActivatedJob job) {
        Object round = job.getVariablesAsMap().get(REVIEW_ROUND);
        int nextRound = (round instanceof Number n ? n.intValue() : 0) + 1;
        String question = Jobs.stringVariable(job, REVIEW_MESSAGE, "Please upload clearer documents.");
        progress.requestMoreInformation(Jobs.caseId(job), nextRound, question);
        return Map.of(REVIEW_ROUND, nextRound);
    }
}
