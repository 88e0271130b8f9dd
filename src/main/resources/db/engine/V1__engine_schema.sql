-- Embedded process engine state. Portable SQL: PostgreSQL and H2 (MODE=PostgreSQL).
-- All instants are epoch milliseconds (BIGINT) so that both databases compare them alike.

-- One 64-bit key space for everything; the engine reserves 1000 keys per call.
CREATE SEQUENCE engine_key_seq START WITH 1000 INCREMENT BY 1000;

CREATE TABLE engine_process_definition (
    definition_key   BIGINT PRIMARY KEY,
    bpmn_process_id  VARCHAR(255) NOT NULL,
    version          INT NOT NULL,
    resource_name    VARCHAR(255) NOT NULL,
    checksum         VARCHAR(64) NOT NULL,
    bpmn_xml         TEXT NOT NULL,
    deployed_at      BIGINT NOT NULL,
    CONSTRAINT engine_process_definition_version_uq UNIQUE (bpmn_process_id, version)
);

CREATE TABLE engine_process_instance (
    instance_key     BIGINT PRIMARY KEY,
    definition_key   BIGINT NOT NULL,
    bpmn_process_id  VARCHAR(255) NOT NULL,
    version          INT NOT NULL,
    state            VARCHAR(16) NOT NULL,
    started_at       BIGINT NOT NULL,
    ended_at         BIGINT
);
CREATE INDEX engine_process_instance_state_idx ON engine_process_instance (state);

-- Tokens that wait (a job, a message, a timer, an event-based gateway) or are stuck on an incident.
CREATE TABLE engine_element_instance (
    element_instance_key BIGINT PRIMARY KEY,
    instance_key         BIGINT NOT NULL,
    element_id           VARCHAR(255) NOT NULL,
    element_type         VARCHAR(32) NOT NULL,
    state                VARCHAR(16) NOT NULL,
    activated_at         BIGINT NOT NULL
);
CREATE INDEX engine_element_instance_instance_idx ON engine_element_instance (instance_key);

-- Tokens that arrived at a parallel join and wait for the other incoming flows.
CREATE TABLE engine_join_token (
    token_key        BIGINT PRIMARY KEY,
    instance_key     BIGINT NOT NULL,
    gateway_id       VARCHAR(255) NOT NULL,
    sequence_flow_id VARCHAR(255) NOT NULL
);
CREATE INDEX engine_join_token_instance_idx ON engine_join_token (instance_key, gateway_id);

-- One JSON document per variable scope: the process instance, or an element's local scope.
CREATE TABLE engine_variable_scope (
    scope_key        BIGINT PRIMARY KEY,
    instance_key     BIGINT NOT NULL,
    document         TEXT NOT NULL
);
CREATE INDEX engine_variable_scope_instance_idx ON engine_variable_scope (instance_key);

CREATE TABLE engine_job (
    job_key              BIGINT PRIMARY KEY,
    job_type             VARCHAR(255) NOT NULL,
    state                VARCHAR(16) NOT NULL,
    instance_key         BIGINT NOT NULL,
    element_instance_key BIGINT NOT NULL,
    element_id           VARCHAR(255) NOT NULL,
    definition_key       BIGINT NOT NULL,
    bpmn_process_id      VARCHAR(255) NOT NULL,
    version              INT NOT NULL,
    retries              INT NOT NULL,
    custom_headers       TEXT NOT NULL,
    activatable_at       BIGINT NOT NULL,
    deadline             BIGINT,
    worker               VARCHAR(255),
    error_message        VARCHAR(4000),
    created_at           BIGINT NOT NULL
);
CREATE INDEX engine_job_activation_idx ON engine_job (job_type, state, activatable_at, job_key);
CREATE INDEX engine_job_deadline_idx ON engine_job (state, deadline);
CREATE INDEX engine_job_instance_idx ON engine_job (instance_key);

-- owner_key: the element instance the timer belongs to (the catch event itself, the activity of a
-- boundary event, or the event-based gateway); element_id: the timer event that fires.
CREATE TABLE engine_timer (
    timer_key        BIGINT PRIMARY KEY,
    instance_key     BIGINT NOT NULL,
    owner_key        BIGINT NOT NULL,
    element_id       VARCHAR(255) NOT NULL,
    due_at           BIGINT NOT NULL
);
CREATE INDEX engine_timer_due_idx ON engine_timer (due_at);
CREATE INDEX engine_timer_owner_idx ON engine_timer (owner_key);
CREATE INDEX engine_timer_instance_idx ON engine_timer (instance_key);

CREATE TABLE engine_message_subscription (
    subscription_key BIGINT PRIMARY KEY,
    instance_key     BIGINT NOT NULL,
    owner_key        BIGINT NOT NULL,
    element_id       VARCHAR(255) NOT NULL,
    bpmn_process_id  VARCHAR(255) NOT NULL,
    message_name     VARCHAR(255) NOT NULL,
    correlation_key  VARCHAR(255) NOT NULL,
    opened_at        BIGINT NOT NULL
);
CREATE INDEX engine_message_subscription_match_idx ON engine_message_subscription (message_name, correlation_key);
CREATE INDEX engine_message_subscription_owner_idx ON engine_message_subscription (owner_key);
CREATE INDEX engine_message_subscription_instance_idx ON engine_message_subscription (instance_key);

-- Published messages, kept until expires_at so that subscriptions opened later still match.
CREATE TABLE engine_message (
    message_key      BIGINT PRIMARY KEY,
    message_name     VARCHAR(255) NOT NULL,
    correlation_key  VARCHAR(255) NOT NULL,
    message_id       VARCHAR(255),
    variables        TEXT NOT NULL,
    published_at     BIGINT NOT NULL,
    expires_at       BIGINT NOT NULL
);
CREATE INDEX engine_message_match_idx ON engine_message (message_name, correlation_key, expires_at);
CREATE INDEX engine_message_expiry_idx ON engine_message (expires_at);

-- A message correlates at most once per process (bpmn process id), as in Zeebe.
CREATE TABLE engine_message_correlation (
    message_key      BIGINT NOT NULL,
    bpmn_process_id  VARCHAR(255) NOT NULL,
    instance_key     BIGINT NOT NULL,
    CONSTRAINT engine_message_correlation_pk PRIMARY KEY (message_key, bpmn_process_id)
);

CREATE TABLE engine_incident (
    incident_key         BIGINT PRIMARY KEY,
    instance_key         BIGINT NOT NULL,
    element_instance_key BIGINT NOT NULL,
    element_id           VARCHAR(255) NOT NULL,
    job_key              BIGINT,
    error_type           VARCHAR(32) NOT NULL,
    error_message        VARCHAR(4000) NOT NULL,
    created_at           BIGINT NOT NULL
);
CREATE INDEX engine_incident_instance_idx ON engine_incident (instance_key);
