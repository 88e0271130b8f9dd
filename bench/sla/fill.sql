-- Fills the service's own schema (migrated by the service at start) with :cases recovery cases
-- over the past year, in the states and with the histories the desk sees (bench/sla/README.md).
-- psql -v cases=1000000 -f bench/sla/fill.sql
-- Start the service before (bench/sla/run does): its breach watch records breaches as the rows arrive,
-- so the fill's own breaches skip the ones already there.
\set ON_ERROR_STOP on
set synchronous_commit = off;

-- one row per case: r picks the state, t the opening (closed ones over the year, open ones recent)
create temporary table bench_case as
select i,
       'b' || lpad(i::text, 35, '0') as id,
       r,
       case when r < 0.012 then 'AWAITING_EVIDENCE' when r < 0.022 then 'IN_REVIEW' when r < 0.026 then 'AWAITING_APPROVAL'
            when r < 0.029 then 'COOLING_OFF' when r < 0.030 then 'FROZEN' when r < 0.580 then 'RECOVERED'
            when r < 0.730 then 'REJECTED' when r < 0.930 then 'EXPIRED' when r < 0.985 then 'WITHDRAWN' else 'CANCELLED' end as status,
       (array['LOW','LOW','LOW','MEDIUM','MEDIUM','HIGH'])[1 + (i % 6)] as risk
from (select i, random() as r from generate_series(1, :cases) i) g;

alter table bench_case add column opened_at timestamptz, add column closed_at timestamptz;
update bench_case set opened_at = now() - case when r < 0.030 then random() * interval '10 days' else interval '9 days' + random() * interval '356 days' end;
update bench_case set closed_at = least(now(), opened_at + interval '1 hour' + random() * interval '9 days') where r >= 0.030;

insert into recovery_case (id, ticket_ref, account_ref, status, description, risk_level, required_evidence, more_info_rounds,
                           opened_at, updated_at, closed_at, version)
select id, 'RCV-' || lpad(i::text, 10, '0'), 'ACC-B-' || i, status, 'Lost phone (bench)', risk, 'ID_FRONT,SELFIE_WITH_NOTE',
       case when i % 10 = 0 then 1 else 0 end, opened_at, coalesce(closed_at, opened_at), closed_at, 0
from bench_case;

-- the SLA clock of every case whose evidence reached the desk (not the ones still or forever waiting for it)
insert into case_sla (case_id, risk_level, state, started_at, running_since, consumed_seconds, first_response_due_at, first_response_at,
                      first_response_seconds, resolution_due_at, resolution_warning_at, resolved_at, resolution_seconds)
select id, risk,
       case when status in ('IN_REVIEW', 'AWAITING_APPROVAL') then 'RUNNING' else 'STOPPED' end,
       opened_at + interval '6 hours',
       case when status in ('IN_REVIEW', 'AWAITING_APPROVAL') then opened_at + interval '6 hours' end,
       0, opened_at + interval '30 hours',
       case when status <> 'IN_REVIEW' or i % 3 = 0 then opened_at + interval '6 hours' + (i % 86400) * interval '1 second' end,
       case when status <> 'IN_REVIEW' or i % 3 = 0 then i % 86400 end,
       opened_at + interval '78 hours', opened_at + interval '60 hours',
       case when status not in ('IN_REVIEW', 'AWAITING_APPROVAL') then least(now(), opened_at + interval '7 hours' + (i % 259200) * interval '1 second') end,
       case when status not in ('IN_REVIEW', 'AWAITING_APPROVAL') then 3600 + i % 259200 end
from bench_case where status not in ('AWAITING_EVIDENCE', 'EXPIRED') and not (status = 'WITHDRAWN' and i % 2 = 0);

-- the review entry of every case with a clock (open for the ones in review), the approval entry of the approved ones
insert into review_task (id, case_id, queue, round, due_at, warning_at, assignee, claimed_at, created_at, completed_at)
select 'r' || substr(c.id, 2), c.id, 'REVIEW', 0, s.started_at + interval '48 hours', s.started_at + interval '36 hours',
       case when c.status = 'IN_REVIEW' and i % 3 <> 0 then null else 'agent' || (1 + i % 12) end,
       s.first_response_at, s.started_at,
       case when c.status = 'IN_REVIEW' then null else coalesce(s.first_response_at, s.started_at) + interval '1 hour' end
from bench_case c join case_sla s on s.case_id = c.id;
insert into review_task (id, case_id, queue, round, due_at, warning_at, assignee, claimed_at, created_at, completed_at)
select 'a' || substr(c.id, 2), c.id, 'APPROVAL', 0, s.first_response_at + interval '9 hours', s.first_response_at + interval '7 hours',
       'supervisor' || (1 + i % 3), s.first_response_at + interval '2 hours', s.first_response_at + interval '1 hour',
       case when c.status = 'AWAITING_APPROVAL' then null else s.first_response_at + interval '3 hours' end
from bench_case c join case_sla s on s.case_id = c.id where c.status in ('AWAITING_APPROVAL', 'COOLING_OFF', 'FROZEN', 'RECOVERED');

insert into review_decision (case_id, task_id, queue, round, decided_by, decision, reason_code, checklist, note, decided_at)
select t.case_id, t.id, t.queue, 0, t.assignee,
       case when t.queue = 'APPROVAL' then 'APPROVE' when c.status = 'REJECTED' then 'REJECT' else 'APPROVE' end,
       case when c.status = 'REJECTED' and t.queue = 'REVIEW' then 'DOCUMENT_MISMATCH' end, '', null, t.completed_at
from review_task t join bench_case c on c.id = t.case_id where t.completed_at is not null and t.assignee is not null;

-- breaches as the watch records them: about one case in twelve missed its resolution, one in twenty its first response
insert into sla_breach (case_id, kind, round, risk_level, due_at, recorded_at)
select s.case_id, 'RESOLUTION', 0, s.risk_level, s.resolution_due_at, s.resolution_due_at + interval '20 seconds'
from case_sla s join bench_case c on c.id = s.case_id where c.i % 12 = 0 on conflict do nothing;
insert into sla_breach (case_id, kind, round, risk_level, due_at, recorded_at)
select s.case_id, 'FIRST_RESPONSE', 0, s.risk_level, s.first_response_due_at, s.first_response_due_at + interval '20 seconds'
from case_sla s join bench_case c on c.id = s.case_id where c.i % 20 = 0 on conflict do nothing;

-- a live database's visibility map is kept set by autovacuum; a fresh fill has none, and without it
-- PostgreSQL reads the heap instead of the index alone (4 s instead of the figures in docs/performance.md)
vacuum (analyze) recovery_case, case_sla, review_task, review_decision, sla_breach;
select status, count(*) from recovery_case group by status order by 2 desc;
