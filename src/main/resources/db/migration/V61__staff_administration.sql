-- Staff administration (issue 7 item 8): a password set by an administrator must be changed at the
-- next sign-in; the change is reached with a short-lived ticket, stored hashed.
alter table staff_account add column password_change_required boolean not null default false;
alter table staff_account add column password_change_ticket varchar(64);
alter table staff_account add column password_change_ticket_expires_at timestamp with time zone;
-- every staff token carries the generation it was issued in; a token of an older generation is refused.
-- Counted up when an account's roles change or its password or second factor is reset, so that the
-- old sessions end at once (a disabled account's tokens are refused anyway).
alter table staff_account add column session_generation integer not null default 0;
