-- The embedded H2 database refuses to change or remove audit history too, through Java
-- triggers (H2 has no procedural SQL). H2's TRUNCATE fires no triggers, so unlike
-- PostgreSQL it cannot be refused here; the hash chain and chain head still reveal it.

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
    FOR EACH ROW CALL 'com.recoverydesk.audit.AppendOnlyTrigger';

CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
    FOR EACH ROW CALL 'com.recoverydesk.audit.AppendOnlyTrigger';

CREATE TRIGGER audit_chain_head_forward_only BEFORE UPDATE ON audit_chain_head
    FOR EACH ROW CALL 'com.recoverydesk.audit.ChainHeadTrigger';

CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
    FOR EACH ROW CALL 'com.recoverydesk.audit.ChainHeadTrigger';
