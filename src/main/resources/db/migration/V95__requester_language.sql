-- The language the requester filed in (issue 12, item 16): the mails of the request and of its
-- case go in it. A language tag of the supported ones ('en', 'ja'); older rows are English.
alter table recovery_request add column requester_language varchar(8) default 'en' not null;
alter table recovery_case add column requester_language varchar(8) default 'en' not null;
