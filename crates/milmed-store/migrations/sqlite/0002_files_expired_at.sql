-- Retention keeps the job row and deletes only its files: the job then reports `expired`.
-- Append-only like 0001; keep in step with migrations/postgres.

ALTER TABLE jobs ADD COLUMN files_expired_at INTEGER;
CREATE INDEX jobs_unexpired_finished ON jobs (finished_at) WHERE files_expired_at IS NULL;
