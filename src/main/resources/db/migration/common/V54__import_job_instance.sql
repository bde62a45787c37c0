-- which instance runs the import job (NULL for jobs queued before this version): a job whose instance stopped
-- beating reads as failed at once, not only after ten minutes without progress
ALTER TABLE import_job ADD instance_id VARCHAR(36);
