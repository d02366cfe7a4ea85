// The audit trail as one chain: events in sequence, the head of the chain found by its name.
CREATE CONSTRAINT audit_head_name IF NOT EXISTS FOR (n:AuditHead) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT audit_event_seq IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.seq IS UNIQUE;
