// The import journal: one (:ImportJob) per imported file, found by id, listed newest first.
CREATE CONSTRAINT import_job_id IF NOT EXISTS FOR (n:ImportJob) REQUIRE n.id IS UNIQUE;
CREATE INDEX import_job_started IF NOT EXISTS FOR (n:ImportJob) ON (n.startedAt);
CREATE INDEX import_job_status IF NOT EXISTS FOR (n:ImportJob) ON (n.status);
