-- Hangfire replaces Quartz.NET: Quartz's tables (0005) go. Hangfire's own tables live in the schema "hangfire",
-- installed at start-up by Hangfire's installer under the migration lock.
drop table if exists qrtz_fired_triggers, qrtz_paused_trigger_grps, qrtz_scheduler_state, qrtz_locks,
    qrtz_simple_triggers, qrtz_cron_triggers, qrtz_simprop_triggers, qrtz_blob_triggers, qrtz_triggers,
    qrtz_job_details, qrtz_calendars, qrtz_paused_job_grps, qrtz_execution_history, qrtz_misfire_history,
    qrtz_job_status cascade;
