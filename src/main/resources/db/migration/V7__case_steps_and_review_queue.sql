-- One row per side effect a worker performed for a case (a mail sent, a queue entry opened):
-- jobs are delivered at least once, and this key makes the second delivery do nothing.
create table case_step (
    case_id  varchar(36)  not null,
    step_key varchar(100) not null,
    done_at  timestamp with time zone not null,
    primary key (case_id, step_key)
);

-- The queues of the human steps: an agent's review, a supervisor's second approval.
create table review_task (
    id          varchar(36) primary key,
    case_id     varchar(36) not null references recovery_case (id),
    queue       varchar(16) not null,
    round       integer     not null,
    due_at      timestamp with time zone not null,
    assignee    varchar(64),
    claimed_at  timestamp with time zone,
    created_at  timestamp with time zone not null,
    completed_at timestamp with time zone,
    escalated_at timestamp with time zone,
    constraint uk_review_task_round unique (case_id, queue, round)
);
create index ix_review_task_open on review_task (queue, completed_at, due_at);
