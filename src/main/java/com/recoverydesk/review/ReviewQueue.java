package com.recoverydesk.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The queues of the human steps. Opening an entry twice for the same round changes nothing. */
@ApplicationScoped
public class ReviewQueue {

    @Transactional(Transactional.TxType.MANDATORY)
    public ReviewTask open(String caseId, ReviewTask.Queue queue, int round, OffsetDateTime dueAt) {
        Optional<ReviewTask> existing = ReviewTask.find("caseId = ?1 and queue = ?2 and round = ?3", caseId, queue, round).firstResultOptional();
        if (existing.isPresent()) {
            return existing.get();
        }
        ReviewTask task = new ReviewTask();
        task.id = UUID.randomUUID().toString();
        task.caseId = caseId;
        task.queue = queue;
        task.round = round;
        task.dueAt = dueAt;
        task.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        task.persist();
        return task;
    }

    /** Open entries of a queue, the one due first at the top. */
    @Transactional
    public List<ReviewTask> openTasks(ReviewTask.Queue queue) {
        return ReviewTask.list("queue = ?1 and completedAt is null order by dueAt, createdAt", queue);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void closeOpenTasks(String caseId) {
        ReviewTask.update("completedAt = ?1 where caseId = ?2 and completedAt is null", OffsetDateTime.now(ZoneOffset.UTC), caseId);
    }
}
