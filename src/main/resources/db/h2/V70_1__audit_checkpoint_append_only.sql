-- Checkpoints are evidence too: the embedded database refuses to change or remove them.

CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
    FOR EACH ROW CALL 'com.recoverydesk.audit.AppendOnlyTrigger';

CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
    FOR EACH ROW CALL 'com.recoverydesk.audit.AppendOnlyTrigger';
