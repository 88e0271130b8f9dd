-- One open case per account, kept by the database itself: two confirmations racing each other
-- (the code and the link, or two pending requests) cannot both open a case. FROZEN is open.
create unique index uk_recovery_case_one_open_per_account on recovery_case (account_ref)
    where status in ('AWAITING_EVIDENCE', 'IN_REVIEW', 'AWAITING_APPROVAL', 'COOLING_OFF', 'FROZEN');
