-- Staff second factor (issue 12, item 5): the secret the server generated for an enrolment in
-- progress (the client never chooses it), and the last time step whose code was accepted, so
-- that each code works once.
alter table staff_account add column totp_pending_secret varchar(64);
alter table staff_account add column totp_last_step bigint;
