//! The persistent job queue: submission, leases, progress, completion, cancellation, crash
//! recovery, retention, and the status history of every job.

use serde::Serialize;

use crate::error::{invalid, not_found, to_i64, Result, StoreError};
use crate::marks::JobMark;
use crate::rows::RowExt;
use crate::{with_pool, with_write_tx, Backend, Millis, Scope, Store, JOB_CHANNEL};

/// Where a job is in its life. `completed`, `failed` and `cancelled` are final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum JobStatus {
    /// Waiting for a worker.
    Queued,
    /// Claimed by a worker that holds its lease.
    Running,
    /// Finished with its files written.
    Completed,
    /// Gave up, with an error code and message.
    Failed,
    /// Stopped at a user's request.
    Cancelled,
}

impl JobStatus {
    /// Every status, in life order.
    pub const ALL: [JobStatus; 5] = [
        JobStatus::Queued,
        JobStatus::Running,
        JobStatus::Completed,
        JobStatus::Failed,
        JobStatus::Cancelled,
    ];

    /// The stored (and API) name.
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Running => "running",
            JobStatus::Completed => "completed",
            JobStatus::Failed => "failed",
            JobStatus::Cancelled => "cancelled",
        }
    }

    /// Parses a stored name; `pending` is accepted as the predecessor's alias of `queued`.
    pub fn parse(s: &str) -> Option<JobStatus> {
        match s {
            "queued" | "pending" => Some(JobStatus::Queued),
            "running" => Some(JobStatus::Running),
            "completed" => Some(JobStatus::Completed),
            "failed" => Some(JobStatus::Failed),
            "cancelled" => Some(JobStatus::Cancelled),
            _ => None,
        }
    }

    /// Whether the job will not change any more.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            JobStatus::Completed | JobStatus::Failed | JobStatus::Cancelled
        )
    }
}

/// Queue priority: higher first, first-in first-out within a priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    /// After everything else.
    Low,
    /// The default.
    Normal,
    /// Before everything else.
    High,
}

impl Priority {
    /// The stored rank; larger is served first.
    pub fn rank(self) -> i64 {
        match self {
            Priority::Low => 0,
            Priority::Normal => 1,
            Priority::High => 2,
        }
    }

    /// The priority of a stored rank.
    pub fn from_rank(rank: i64) -> Option<Priority> {
        match rank {
            0 => Some(Priority::Low),
            1 => Some(Priority::Normal),
            2 => Some(Priority::High),
            _ => None,
        }
    }

    /// The API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
        }
    }
}

/// A job to submit.
#[derive(Debug, Clone)]
pub struct NewJob {
    /// The submitting tenant; only it (and admins) will see the job.
    pub tenant_id: String,
    /// The submitting key, for per-key limits; `None` for jobs made by the operator.
    pub owner_key_id: Option<String>,
    /// Queue priority.
    pub priority: Priority,
    /// The validated scenario as canonical JSON (`milmed_core::scenario::to_canonical_json`);
    /// stored byte for byte so a rerun sees the same input.
    pub scenario_json: String,
    /// The generation seed (recorded so every job can be replayed).
    pub seed: u64,
    /// Number of patients to generate.
    pub patient_count: u64,
    /// Output formats, e.g. `json`, `csv`; at least one.
    pub output_formats: Vec<String>,
    /// Further options for the job runtime (compression, encryption settings without the
    /// password…), opaque to the store.
    pub options: serde_json::Value,
    /// How many times the job may be claimed before a lost worker makes it fail.
    pub max_attempts: u32,
}

impl Default for NewJob {
    fn default() -> Self {
        NewJob {
            tenant_id: String::new(),
            owner_key_id: None,
            priority: Priority::Normal,
            scenario_json: "{}".into(),
            seed: 42,
            patient_count: 1,
            output_formats: vec!["json".into()],
            options: serde_json::Value::Object(serde_json::Map::new()),
            max_attempts: 3,
        }
    }
}

/// A stored job.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Job {
    /// Queue order (also the list cursor); not part of the API.
    #[serde(skip)]
    pub(crate) seq: i64,
    /// UUID.
    pub id: String,
    /// Owning tenant.
    pub tenant_id: String,
    /// Submitting key, if any.
    pub owner_key_id: Option<String>,
    /// Current status.
    pub status: JobStatus,
    /// Queue priority.
    pub priority: Priority,
    /// The canonical scenario JSON as submitted.
    pub scenario_json: String,
    /// The seed.
    pub seed: u64,
    /// Patients asked for.
    pub patient_count: u64,
    /// Output formats.
    pub output_formats: Vec<String>,
    /// Runtime options.
    pub options: serde_json::Value,
    /// How many times a worker has claimed it.
    pub attempts: u32,
    /// The most claims allowed.
    pub max_attempts: u32,
    /// The worker holding the lease while running.
    pub lease_owner: Option<String>,
    /// When the lease runs out unless extended.
    pub lease_expires_at: Option<Millis>,
    /// The worker's last sign of life.
    pub heartbeat_at: Option<Millis>,
    /// A user asked to cancel; the worker stops when it sees this.
    pub cancel_requested: bool,
    /// Patients written so far.
    pub progress_done: u64,
    /// What the worker is doing (`generating`, `packaging`…), free text.
    pub progress_phase: Option<String>,
    /// Bytes written so far.
    pub bytes_written: u64,
    /// Stable snake_case error code when failed.
    pub error_code: Option<String>,
    /// Human-readable error when failed.
    pub error_message: Option<String>,
    /// Where the job's files are (a storage key or directory), once completed.
    pub result_location: Option<String>,
    /// What the worker recorded about the result (files, sizes, hashes, summary).
    pub result: Option<serde_json::Value>,
    /// Submission time.
    pub created_at: Millis,
    /// Start of the latest attempt.
    pub started_at: Option<Millis>,
    /// When it reached a final status.
    pub finished_at: Option<Millis>,
    /// Last change of any kind.
    pub updated_at: Millis,
    /// When retention deleted the job's files (the API reports the job as `expired`); the row
    /// and its history stay.
    pub files_expired_at: Option<Millis>,
}

/// One entry of a job's status history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobEvent {
    /// When the change happened.
    pub at: Millis,
    /// The status before (`None` for the submission).
    pub from_status: Option<JobStatus>,
    /// The status after.
    pub to_status: JobStatus,
    /// Why (a worker id, an error code, `lease expired`…).
    pub reason: Option<String>,
}

/// Filter and page for [`Store::list_jobs`].
#[derive(Debug, Clone, Default)]
pub struct JobFilter {
    /// Only jobs in this status.
    pub status: Option<JobStatus>,
    /// Page size, 1..=1000; 0 means the default of 50.
    pub limit: u32,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// One page of jobs, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct JobPage {
    /// The jobs.
    pub jobs: Vec<Job>,
    /// Pass as [`JobFilter::cursor`] for the next page; `None` on the last page.
    pub next_cursor: Option<String>,
}

/// What a worker learns when it extends its lease or reports progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heartbeat {
    /// The lease's new end.
    pub lease_expires_at: Millis,
    /// A user asked to cancel: stop, remove partial files, call [`Store::acknowledge_cancel`].
    pub cancel_requested: bool,
}

/// A progress report from the worker.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    /// Patients written so far.
    pub patients_done: u64,
    /// The current phase, free text.
    pub phase: Option<String>,
    /// Bytes written so far.
    pub bytes_written: u64,
}

/// What [`Store::recover_expired_leases`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recovery {
    /// Put back in the queue for another attempt.
    pub requeued: Vec<String>,
    /// Failed with `attempts_exhausted`.
    pub failed: Vec<String>,
    /// Cancelled: a cancellation was pending when the worker was lost.
    pub cancelled: Vec<String>,
}

/// A job removed by [`Store::sweep_finished_jobs`] or whose files expired
/// ([`Store::expire_job_files`]), with the files to delete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinishedJobRef {
    /// The job's id.
    pub id: String,
    /// Its result location, if it had one.
    pub result_location: Option<String>,
}

/// The error code of a job whose worker was lost more often than it may be retried.
pub const ATTEMPTS_EXHAUSTED: &str = "attempts_exhausted";

pub(crate) const JOB_COLUMNS: &str = "seq, id, tenant_id, owner_key_id, status, priority, \
     scenario_json, seed, patient_count, output_formats, options_json, attempts, max_attempts, \
     lease_owner, lease_expires_at, heartbeat_at, cancel_requested, progress_done, \
     progress_phase, bytes_written, error_code, error_message, result_location, result_json, \
     created_at, started_at, finished_at, updated_at, files_expired_at";

const FINAL_STATUSES: &str = "('completed', 'failed', 'cancelled')";

/// Appends a status-history row inside the transaction `$tx`.
macro_rules! insert_event {
    ($tx:ident, $job_id:expr, $at:expr, $from:expr, $to:expr, $reason:expr) => {
        sqlx::query(
            "INSERT INTO job_events (job_id, at, from_status, to_status, reason) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind($job_id)
        .bind($at)
        .bind($from.map(JobStatus::as_str))
        .bind($to.as_str())
        .bind($reason)
        .execute(&mut *$tx)
        .await?
    };
}

fn check_json_object(field: &'static str, text: &str) -> Result<()> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(_)) => Ok(()),
        Ok(_) => Err(invalid(field, "must be a JSON object")),
        Err(e) => Err(invalid(field, format!("not valid JSON: {e}"))),
    }
}

fn lease_ms_checked(lease_ms: i64) -> Result<i64> {
    if lease_ms <= 0 {
        return Err(invalid("lease_ms", "must be positive"));
    }
    Ok(lease_ms)
}

impl Store {
    /// Submits a job as `queued` and records the submission in its history.
    ///
    /// With `max_concurrent` set, the job is only created while the owner key has fewer jobs
    /// queued or running; the count and the insert happen under a lock on the key row
    /// (PostgreSQL) or the database write lock (SQLite), so concurrent submissions cannot
    /// overshoot. Over the limit: [`StoreError::LimitExceeded`].
    pub async fn create_job(
        &self,
        job: &NewJob,
        now: Millis,
        max_concurrent: Option<u64>,
    ) -> Result<Job> {
        if job.tenant_id.trim().is_empty() {
            return Err(invalid("tenant_id", "must not be empty"));
        }
        check_json_object("scenario_json", &job.scenario_json)?;
        if job.patient_count == 0 {
            return Err(invalid("patient_count", "must be at least 1"));
        }
        if job.output_formats.is_empty() {
            return Err(invalid("output_formats", "at least one format is needed"));
        }
        if job.max_attempts == 0 {
            return Err(invalid("max_attempts", "must be at least 1"));
        }
        let count = to_i64("patient_count", job.patient_count)?;
        let formats = serde_json::to_string(&job.output_formats)
            .map_err(|e| invalid("output_formats", e.to_string()))?;
        let options = job.options.to_string();
        let id = uuid::Uuid::new_v4().to_string();
        let limit = match max_concurrent {
            Some(max) => {
                let key = job
                    .owner_key_id
                    .as_deref()
                    .ok_or_else(|| invalid("owner_key_id", "needed for a concurrency limit"))?;
                Some((key, max))
            }
            None => None,
        };
        let lock_sql = match self.backend() {
            Backend::Sqlite => "SELECT id FROM api_keys WHERE id = $1",
            Backend::Postgres => "SELECT id FROM api_keys WHERE id = $1 FOR UPDATE",
        };
        let insert = format!(
            "INSERT INTO jobs (id, tenant_id, owner_key_id, status, priority, scenario_json, \
             seed, patient_count, output_formats, options_json, max_attempts, created_at, \
             updated_at) VALUES ($1, $2, $3, 'queued', $4, $5, $6, $7, $8, $9, $10, $11, $11) \
             RETURNING {JOB_COLUMNS}"
        );
        let notify_sql = self.notify_sql();
        let created = with_write_tx!(self, tx => {
            if let Some((key, max)) = limit {
                let found: Option<String> = sqlx::query_scalar(lock_sql)
                    .bind(key)
                    .fetch_optional(&mut *tx)
                    .await?;
                if found.is_none() {
                    return not_found("api key");
                }
                let active: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM jobs WHERE owner_key_id = $1 \
                     AND status IN ('queued', 'running')",
                )
                .bind(key)
                .fetch_one(&mut *tx)
                .await?;
                if u64::try_from(active).unwrap_or(0) >= max {
                    return Err(StoreError::LimitExceeded {
                        limit: "max_concurrent_jobs",
                        value: max,
                    });
                }
            }
            let row = sqlx::query(&insert)
                .bind(&id)
                .bind(&job.tenant_id)
                .bind(job.owner_key_id.as_deref())
                .bind(job.priority.rank())
                .bind(&job.scenario_json)
                .bind(job.seed.to_string())
                .bind(count)
                .bind(&formats)
                .bind(&options)
                .bind(i64::from(job.max_attempts))
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
            let created = row.to_job()?;
            insert_event!(tx, &id, now, None::<JobStatus>, JobStatus::Queued, Some("submitted"));
            if let Some(sql) = notify_sql {
                sqlx::query(sql).bind(JOB_CHANNEL).bind(&id).execute(&mut *tx).await?;
            }
            created
        });
        Ok(created)
    }

    /// The statement that wakes listening workers (PostgreSQL only; sent at commit).
    fn notify_sql(&self) -> Option<&'static str> {
        match self.backend() {
            Backend::Sqlite => None,
            Backend::Postgres => Some("SELECT pg_notify($1, $2)"),
        }
    }

    /// The write mark of job `id` (module `marks`): take it before [`Store::get_job`] and keep
    /// it with what is derived from the row; while it stays equal, no write made through this
    /// process's stores has touched the job since. Writes of other processes do not count.
    pub fn job_mark(&self, id: &str) -> JobMark {
        self.marks.mark(id)
    }

    /// One job, if `scope` may see it.
    pub async fn get_job(&self, scope: Scope<'_>, id: &str) -> Result<Job> {
        let sql = format!(
            "SELECT {JOB_COLUMNS} FROM jobs WHERE id = $1 AND ($2 IS NULL OR tenant_id = $2)"
        );
        let job = with_pool!(self, pool => {
            match sqlx::query(&sql).bind(id).bind(scope.tenant()).fetch_optional(pool).await? {
                Some(r) => r.to_job()?,
                None => return not_found("job"),
            }
        });
        Ok(job)
    }

    /// A page of the jobs `scope` may see, newest first (by submission order, which is stable
    /// even for jobs submitted in the same millisecond).
    pub async fn list_jobs(&self, scope: Scope<'_>, filter: &JobFilter) -> Result<JobPage> {
        let limit = match filter.limit {
            0 => 50,
            n @ 1..=1000 => i64::from(n),
            _ => return Err(invalid("limit", "must be at most 1000")),
        };
        let cursor: Option<i64> = match &filter.cursor {
            Some(c) => Some(
                c.parse()
                    .map_err(|_| invalid("cursor", "malformed cursor"))?,
            ),
            None => None,
        };
        let sql = format!(
            "SELECT {JOB_COLUMNS} FROM jobs WHERE ($1 IS NULL OR tenant_id = $1) \
             AND ($2 IS NULL OR status = $2) AND ($3 IS NULL OR seq < $3) \
             ORDER BY seq DESC LIMIT $4"
        );
        let mut jobs = with_pool!(self, pool => {
            let rows = sqlx::query(&sql)
                .bind(scope.tenant())
                .bind(filter.status.map(JobStatus::as_str))
                .bind(cursor)
                .bind(limit + 1)
                .fetch_all(pool)
                .await?;
            rows.iter().map(|r| r.to_job()).collect::<Result<Vec<_>>>()?
        });
        // One row more than asked tells whether another page exists.
        let next_cursor = if jobs.len() as i64 > limit {
            jobs.truncate(limit as usize);
            jobs.last().map(|j| j.seq.to_string())
        } else {
            None
        };
        Ok(JobPage { jobs, next_cursor })
    }

    /// A job's status history, oldest first.
    pub async fn job_events(&self, scope: Scope<'_>, id: &str) -> Result<Vec<JobEvent>> {
        // Resolve the job first so another tenant's id is NotFound, not an empty history.
        self.get_job(scope, id).await?;
        let events = with_pool!(self, pool => {
            let rows = sqlx::query(
                "SELECT at, from_status, to_status, reason FROM job_events \
                 WHERE job_id = $1 ORDER BY seq",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            rows.iter().map(|r| r.to_job_event()).collect::<Result<Vec<_>>>()?
        });
        Ok(events)
    }

    /// How many jobs are in each status (every status listed, zeros included), for metrics
    /// and health.
    pub async fn count_jobs_by_status(&self) -> Result<Vec<(JobStatus, u64)>> {
        let rows: Vec<(String, i64)> = with_pool!(self, pool => {
            sqlx::query_as("SELECT status, COUNT(*) FROM jobs GROUP BY status")
                .fetch_all(pool)
                .await?
        });
        let mut out: Vec<(JobStatus, u64)> = JobStatus::ALL.iter().map(|&s| (s, 0)).collect();
        for (status, n) in rows {
            let status = JobStatus::parse(&status).ok_or_else(|| StoreError::Corrupt {
                column: "status",
                reason: format!("unknown status {status:?}"),
            })?;
            if let Some(slot) = out.iter_mut().find(|(s, _)| *s == status) {
                slot.1 = crate::error::to_u64("count", n)?;
            }
        }
        Ok(out)
    }

    /// Claims the next queued job — highest priority, then oldest — for `worker`, with a lease
    /// until `now + lease_ms`; `None` when the queue is empty.
    ///
    /// Two workers never get the same job: on PostgreSQL the candidate row is locked with
    /// `FOR UPDATE SKIP LOCKED` (a concurrent claimer takes the next row instead of waiting),
    /// on SQLite the claim runs under the database write lock. `worker` must be unique per
    /// running worker (a node id plus a slot), since it is the lease's proof of ownership.
    pub async fn claim_job(&self, worker: &str, now: Millis, lease_ms: i64) -> Result<Option<Job>> {
        let claimed = self.claim_job_unmarked(worker, now, lease_ms).await;
        // Which job the claim changed is known only now; after a failure, maybe any.
        match &claimed {
            Ok(Some(job)) => self.marks.bump_now(&job.id),
            Ok(None) => {}
            Err(_) => drop(self.marks.bulk_write()),
        }
        claimed
    }

    async fn claim_job_unmarked(
        &self,
        worker: &str,
        now: Millis,
        lease_ms: i64,
    ) -> Result<Option<Job>> {
        let lease_ms = lease_ms_checked(lease_ms)?;
        if worker.is_empty() {
            return Err(invalid("worker", "must not be empty"));
        }
        let lock = match self.backend() {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        };
        let sql = format!(
            "UPDATE jobs SET status = 'running', lease_owner = $1, lease_expires_at = $2, \
             heartbeat_at = $3, attempts = attempts + 1, started_at = $3, updated_at = $3 \
             WHERE seq = (SELECT seq FROM jobs WHERE status = 'queued' \
             ORDER BY priority DESC, seq ASC LIMIT 1{lock}) AND status = 'queued' \
             RETURNING {JOB_COLUMNS}"
        );
        let claimed = with_write_tx!(self, tx => {
            let row = sqlx::query(&sql)
                .bind(worker)
                .bind(now.saturating_add(lease_ms))
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
            match row {
                Some(row) => {
                    let job = row.to_job()?;
                    let reason = format!("claimed by {worker} (attempt {})", job.attempts);
                    insert_event!(tx, &job.id, now, Some(JobStatus::Queued), JobStatus::Running,
                        Some(reason));
                    Some(job)
                }
                None => None,
            }
        });
        Ok(claimed)
    }

    /// Why a worker's update matched no row: the job is gone, or the worker lost its lease.
    async fn lease_lost(&self, id: &str) -> StoreError {
        match self.get_job(Scope::All, id).await {
            Ok(_) => StoreError::Conflict {
                detail: "the job is not running under this worker's lease".into(),
            },
            Err(e) => e,
        }
    }

    /// Extends the lease of a running job to `now + lease_ms`; only its lease owner may.
    /// Tells the worker whether cancellation was requested.
    pub async fn heartbeat(
        &self,
        id: &str,
        worker: &str,
        now: Millis,
        lease_ms: i64,
    ) -> Result<Heartbeat> {
        let _mark = self.marks.job_write(id);
        let lease_ms = lease_ms_checked(lease_ms)?;
        let expires = now.saturating_add(lease_ms);
        let cancel: Option<bool> = with_pool!(self, pool => {
            sqlx::query_scalar(
                "UPDATE jobs SET lease_expires_at = $3, heartbeat_at = $4, updated_at = $4 \
                 WHERE id = $1 AND status = 'running' AND lease_owner = $2 \
                 RETURNING cancel_requested",
            )
            .bind(id)
            .bind(worker)
            .bind(expires)
            .bind(now)
            .fetch_optional(pool)
            .await?
        });
        match cancel {
            Some(cancel_requested) => Ok(Heartbeat {
                lease_expires_at: expires,
                cancel_requested,
            }),
            None => Err(self.lease_lost(id).await),
        }
    }

    /// Records progress of a running job (lease owner only); returns whether cancellation
    /// was requested, so progress reports double as the cancellation poll.
    pub async fn update_progress(
        &self,
        id: &str,
        worker: &str,
        progress: &Progress,
        now: Millis,
    ) -> Result<bool> {
        let _mark = self.marks.job_write(id);
        let done = to_i64("patients_done", progress.patients_done)?;
        let bytes = to_i64("bytes_written", progress.bytes_written)?;
        let cancel: Option<bool> = with_pool!(self, pool => {
            sqlx::query_scalar(
                "UPDATE jobs SET progress_done = $3, progress_phase = $4, bytes_written = $5, \
                 heartbeat_at = $6, updated_at = $6 \
                 WHERE id = $1 AND status = 'running' AND lease_owner = $2 \
                 RETURNING cancel_requested",
            )
            .bind(id)
            .bind(worker)
            .bind(done)
            .bind(progress.phase.as_deref())
            .bind(bytes)
            .bind(now)
            .fetch_optional(pool)
            .await?
        });
        match cancel {
            Some(c) => Ok(c),
            None => Err(self.lease_lost(id).await),
        }
    }

    /// Whether a user asked to cancel the job (for workers that poll between heartbeats).
    pub async fn is_cancel_requested(&self, id: &str) -> Result<bool> {
        Ok(self.get_job(Scope::All, id).await?.cancel_requested)
    }

    /// Moves a running job held by `worker` to a final status, clears the lease and records
    /// the change.
    #[allow(clippy::too_many_arguments)]
    async fn finish_by_worker(
        &self,
        id: &str,
        worker: &str,
        now: Millis,
        to: JobStatus,
        error: Option<(&str, &str)>,
        result_location: Option<&str>,
        result: Option<&serde_json::Value>,
    ) -> Result<Job> {
        let _mark = self.marks.job_write(id);
        let result_json = result.map(|v| v.to_string());
        let sql = format!(
            "UPDATE jobs SET status = $3, finished_at = $4, updated_at = $4, lease_owner = NULL, \
             lease_expires_at = NULL, error_code = $5, error_message = $6, \
             result_location = $7, result_json = $8 \
             WHERE id = $1 AND status = 'running' AND lease_owner = $2 RETURNING {JOB_COLUMNS}"
        );
        let reason = match (to, error) {
            (_, Some((code, _))) => code.to_string(),
            (JobStatus::Cancelled, None) => "cancellation acknowledged".to_string(),
            _ => format!("finished by {worker}"),
        };
        let finished = with_write_tx!(self, tx => {
            let row = sqlx::query(&sql)
                .bind(id)
                .bind(worker)
                .bind(to.as_str())
                .bind(now)
                .bind(error.map(|e| e.0))
                .bind(error.map(|e| e.1))
                .bind(result_location)
                .bind(result_json.as_deref())
                .fetch_optional(&mut *tx)
                .await?;
            match row {
                Some(row) => {
                    let job = row.to_job()?;
                    insert_event!(tx, id, now, Some(JobStatus::Running), to, Some(&reason));
                    Some(job)
                }
                None => None,
            }
        });
        match finished {
            Some(job) => Ok(job),
            None => Err(self.lease_lost(id).await),
        }
    }

    /// Marks a running job completed (lease owner only), with where its files are and what
    /// the worker recorded about them.
    pub async fn complete_job(
        &self,
        id: &str,
        worker: &str,
        now: Millis,
        result_location: &str,
        result: &serde_json::Value,
    ) -> Result<Job> {
        self.finish_by_worker(
            id,
            worker,
            now,
            JobStatus::Completed,
            None,
            Some(result_location),
            Some(result),
        )
        .await
    }

    /// Marks a running job failed (lease owner only) with a stable error code and a message.
    /// Final: a failure the worker reports is not retried (generation is deterministic, a
    /// rerun would fail the same way); only lost workers lead to another attempt.
    pub async fn fail_job(
        &self,
        id: &str,
        worker: &str,
        now: Millis,
        code: &str,
        message: &str,
    ) -> Result<Job> {
        if code.is_empty() {
            return Err(invalid("code", "must not be empty"));
        }
        self.finish_by_worker(
            id,
            worker,
            now,
            JobStatus::Failed,
            Some((code, message)),
            None,
            None,
        )
        .await
    }

    /// The worker has stopped a job whose cancellation was requested: marks it cancelled.
    pub async fn acknowledge_cancel(&self, id: &str, worker: &str, now: Millis) -> Result<Job> {
        self.finish_by_worker(id, worker, now, JobStatus::Cancelled, None, None, None)
            .await
    }

    /// A user's cancellation. A queued job is cancelled at once; a running job gets its
    /// cancellation flag set and stays `running` until its worker acknowledges (or its lease
    /// expires). A finished job is a [`StoreError::Conflict`]; another tenant's a NotFound.
    pub async fn cancel_job(&self, scope: Scope<'_>, id: &str, now: Millis) -> Result<Job> {
        let _mark = self.marks.job_write(id);
        let cancel_queued = format!(
            "UPDATE jobs SET status = 'cancelled', finished_at = $3, updated_at = $3 \
             WHERE id = $1 AND ($2 IS NULL OR tenant_id = $2) AND status = 'queued' \
             RETURNING {JOB_COLUMNS}"
        );
        let flag_running = format!(
            "UPDATE jobs SET cancel_requested = TRUE, updated_at = $3 \
             WHERE id = $1 AND ($2 IS NULL OR tenant_id = $2) AND status = 'running' \
             RETURNING {JOB_COLUMNS}"
        );
        let tenant = scope.tenant();
        let job = with_write_tx!(self, tx => {
            let queued = sqlx::query(&cancel_queued)
                .bind(id)
                .bind(tenant)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
            if let Some(row) = queued {
                let job = row.to_job()?;
                insert_event!(tx, id, now, Some(JobStatus::Queued), JobStatus::Cancelled,
                    Some("cancelled before it started"));
                Some(job)
            } else {
                match sqlx::query(&flag_running)
                    .bind(id)
                    .bind(tenant)
                    .bind(now)
                    .fetch_optional(&mut *tx)
                    .await?
                {
                    Some(row) => Some(row.to_job()?),
                    None => None,
                }
            }
        });
        match job {
            Some(job) => Ok(job),
            None => {
                // Either it is not visible (NotFound) or it has already finished.
                let job = self.get_job(scope, id).await?;
                Err(StoreError::Conflict {
                    detail: format!("the job is already {}", job.status.as_str()),
                })
            }
        }
    }

    /// Crash recovery: every running job whose lease ran out before `now` lost its worker.
    /// It goes back to the queue for another attempt, or fails with `attempts_exhausted`
    /// once it has been claimed `max_attempts` times; a job with a pending cancellation is
    /// cancelled instead. Safe to run on several nodes at once.
    pub async fn recover_expired_leases(&self, now: Millis) -> Result<Recovery> {
        let _mark = self.marks.bulk_write();
        let lock = match self.backend() {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        };
        let select = format!(
            "SELECT id, attempts, max_attempts, cancel_requested FROM jobs \
             WHERE status = 'running' AND lease_expires_at < $1 ORDER BY seq{lock}"
        );
        let notify_sql = self.notify_sql();
        let mut recovery = Recovery::default();
        with_write_tx!(self, tx => {
            let expired: Vec<(String, i64, i64, bool)> = sqlx::query_as(&select)
                .bind(now)
                .fetch_all(&mut *tx)
                .await?;
            for (id, attempts, max_attempts, cancel) in expired {
                let (to, code, message, reason) = if cancel {
                    (JobStatus::Cancelled, None, None,
                        "worker lost while cancelling".to_string())
                } else if attempts >= max_attempts {
                    let message = format!(
                        "the worker was lost (lease expired) on each of {attempts} attempts; \
                         giving up"
                    );
                    (JobStatus::Failed, Some(ATTEMPTS_EXHAUSTED), Some(message),
                        ATTEMPTS_EXHAUSTED.to_string())
                } else {
                    (JobStatus::Queued, None, None,
                        format!("lease expired on attempt {attempts}; requeued"))
                };
                // Requeued jobs start over: generation is deterministic, so progress resets.
                let finished_at = if to.is_final() { Some(now) } else { None };
                let n = sqlx::query(
                    "UPDATE jobs SET status = $2, lease_owner = NULL, lease_expires_at = NULL, \
                     progress_done = 0, progress_phase = NULL, bytes_written = 0, \
                     error_code = $3, error_message = $4, finished_at = $5, updated_at = $6 \
                     WHERE id = $1 AND status = 'running' AND lease_expires_at < $6",
                )
                .bind(&id)
                .bind(to.as_str())
                .bind(code)
                .bind(message.as_deref())
                .bind(finished_at)
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if n == 1 {
                    insert_event!(tx, &id, now, Some(JobStatus::Running), to, Some(&reason));
                    if let (Some(sql), JobStatus::Queued) = (notify_sql, to) {
                        sqlx::query(sql).bind(JOB_CHANNEL).bind(&id).execute(&mut *tx).await?;
                    }
                    match to {
                        JobStatus::Queued => recovery.requeued.push(id),
                        JobStatus::Failed => recovery.failed.push(id),
                        _ => recovery.cancelled.push(id),
                    }
                }
            }
        });
        Ok(recovery)
    }

    /// Deletes a job and its history; returns its result location so the caller can remove
    /// the files. A running job must be cancelled first ([`StoreError::Conflict`]).
    pub async fn delete_job(&self, scope: Scope<'_>, id: &str) -> Result<Option<String>> {
        let _mark = self.marks.job_write(id);
        // One statement decides and deletes, so a worker cannot claim the job in between.
        let deleted: Option<Option<String>> = with_pool!(self, pool => {
            sqlx::query_scalar(
                "DELETE FROM jobs WHERE id = $1 AND ($2 IS NULL OR tenant_id = $2) \
                 AND status <> 'running' RETURNING result_location",
            )
            .bind(id)
            .bind(scope.tenant())
            .fetch_optional(pool)
            .await?
        });
        match deleted {
            Some(location) => Ok(location),
            None => {
                self.get_job(scope, id).await?;
                Err(StoreError::Conflict {
                    detail: "a running job must be cancelled before it is deleted".into(),
                })
            }
        }
    }

    /// Retention that keeps the jobs: marks every finished job (completed, failed or
    /// cancelled) that finished before `cutoff` and is not expired yet with
    /// `files_expired_at = now`, and returns them with their result locations so the caller
    /// deletes their files. Each job is returned once: a second sweep skips it. Safe to run on
    /// several nodes at once (one statement decides and marks).
    pub async fn expire_job_files(
        &self,
        cutoff: Millis,
        now: Millis,
    ) -> Result<Vec<FinishedJobRef>> {
        let _mark = self.marks.bulk_write();
        let sql = format!(
            "UPDATE jobs SET files_expired_at = $2, updated_at = $2 \
             WHERE status IN {FINAL_STATUSES} AND finished_at < $1 AND files_expired_at IS NULL \
             RETURNING id, result_location"
        );
        let rows: Vec<(String, Option<String>)> = with_write_tx!(self, tx => {
            sqlx::query_as(&sql).bind(cutoff).bind(now).fetch_all(&mut *tx).await?
        });
        let mut expired: Vec<FinishedJobRef> = rows
            .into_iter()
            .map(|(id, result_location)| FinishedJobRef {
                id,
                result_location,
            })
            .collect();
        expired.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(expired)
    }

    /// Retention: deletes every finished job that finished before `cutoff`, with its history,
    /// and returns them with their result locations so their files can be removed.
    pub async fn sweep_finished_jobs(&self, cutoff: Millis) -> Result<Vec<FinishedJobRef>> {
        let _mark = self.marks.bulk_write();
        let sql = format!(
            "DELETE FROM jobs WHERE status IN {FINAL_STATUSES} AND finished_at < $1 \
             RETURNING id, result_location"
        );
        let rows: Vec<(String, Option<String>)> = with_write_tx!(self, tx => {
            sqlx::query_as(&sql).bind(cutoff).fetch_all(&mut *tx).await?
        });
        let mut swept: Vec<FinishedJobRef> = rows
            .into_iter()
            .map(|(id, result_location)| FinishedJobRef {
                id,
                result_location,
            })
            .collect();
        swept.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(swept)
    }
}
