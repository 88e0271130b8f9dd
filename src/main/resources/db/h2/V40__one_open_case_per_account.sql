-- One open case per account (see db/postgresql/V40). H2 has no partial index: a computed column
-- holds the account only while the case is open, and NULLs never collide in a unique constraint.
alter table recovery_case add column open_account_ref varchar(40) generated always as
    (case when status in ('AWAITING_EVIDENCE', 'IN_REVIEW', 'AWAITING_APPROVAL', 'COOLING_OFF', 'FROZEN') then account_ref end);
alter table recovery_case add constraint uk_recovery_case_one_open_per_account unique (open_account_ref);
