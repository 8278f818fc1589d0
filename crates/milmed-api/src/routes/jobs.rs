//! Jobs: list, one job, its event stream, cancellation and deletion. Tenant isolation is the
//! store's: another tenant's job is "not found", never "forbidden".

use std::convert::Infallible;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use futures_util::stream::{self, Stream};
use milmed_store::{Job, JobFilter, JobStatus, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use crate::auth::Caller;
use crate::clock::format_rfc3339_ms;
use crate::error::{ApiError, ErrorBody};
use crate::extract::QueryParams;
use crate::service::now_ms;
use crate::AppState;

/// The status reported for a job whose files the retention policy has deleted.
pub const EXPIRED: &str = "expired";

/// Where a job is and how far it has got.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgressDetails {
    /// What the worker is doing: `queued`, `generating`, `packaging`, `done`…
    pub phase: String,
    /// Patients written so far.
    pub patients_generated: u64,
    /// Patients asked for.
    pub total_patients: u64,
    /// Bytes written so far.
    pub bytes_written: u64,
    /// Estimated seconds left while running (from the rate so far); null otherwise.
    pub eta_seconds: Option<f64>,
}

/// Why a job failed.
#[derive(Debug, Serialize, ToSchema)]
pub struct JobErrorView {
    /// Stable code: `memory_limit_exceeded`, `cpu_limit_exceeded`, `timeout`,
    /// `output_limit_exceeded`, `generation_failed`, `attempts_exhausted`…
    pub code: String,
    /// Human-readable explanation.
    pub message: String,
}

/// A job as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct JobView {
    /// Job id (UUID).
    pub job_id: String,
    /// `queued`, `running`, `completed`, `failed`, `cancelled`, or `expired` once the
    /// retention policy has deleted the files of a finished job.
    pub status: String,
    /// `low`, `normal` or `high`.
    pub priority: String,
    /// RFC 3339.
    pub created_at: String,
    /// Start of the latest attempt.
    pub started_at: Option<String>,
    /// When the job reached a final status.
    pub completed_at: Option<String>,
    /// 0–100.
    pub progress: f64,
    /// Details of the progress.
    pub progress_details: ProgressDetails,
    /// The validated scenario (canonical form; it holds no secrets).
    #[schema(value_type = Object)]
    pub config: Value,
    /// The seed: the same scenario and seed give the same bytes.
    pub seed: u64,
    /// Requested output formats.
    pub output_formats: Vec<String>,
    /// Packaging: compression and whether the files are encrypted (never the password).
    #[schema(value_type = Object)]
    pub packaging: Value,
    /// The files of a completed job: name, format, bytes, sha256, records.
    #[schema(value_type = Vec<Object>)]
    pub output_files: Vec<Value>,
    /// The statistics report of a completed job (only on `GET /api/v1/jobs/{id}`; see also
    /// `/summary`).
    #[schema(value_type = Option<Object>)]
    pub summary: Option<Value>,
    /// Why it failed, when it failed.
    pub error: Option<JobErrorView>,
    /// How many times a worker has started it.
    pub attempts: u32,
}

/// The public status name of a job.
pub(crate) fn status_name(job: &Job) -> &'static str {
    if job.files_expired_at.is_some() {
        EXPIRED
    } else {
        job.status.as_str()
    }
}

impl JobView {
    /// The view of a stored job; `with_summary` adds the (possibly large) statistics report.
    pub(crate) fn of(job: &Job, with_summary: bool, now: i64) -> JobView {
        let total = job.patient_count;
        let result = job.result.as_ref();
        let output_files = result
            .and_then(|r| r.get("output_files"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        // A completed job has written everything, whatever its last progress report said.
        let (done, bytes_written) = if job.status == JobStatus::Completed {
            let bytes = output_files
                .iter()
                .filter_map(|f| f.get("bytes").and_then(Value::as_u64))
                .sum();
            (total, bytes)
        } else {
            (job.progress_done.min(total), job.bytes_written)
        };
        let progress = match job.status {
            JobStatus::Completed => 100.0,
            _ if total == 0 => 0.0,
            _ => ((done as f64 / total as f64) * 1000.0).floor() / 10.0,
        };
        let eta_seconds = match (job.status, job.started_at) {
            (JobStatus::Running, Some(started)) if done > 0 => {
                let elapsed = (now - started).max(0) as f64 / 1000.0;
                Some(((elapsed * (total - done) as f64 / done as f64) * 10.0).round() / 10.0)
            }
            _ => None,
        };
        let phase = match job.status {
            JobStatus::Queued => "queued".to_string(),
            JobStatus::Running => job
                .progress_phase
                .clone()
                .unwrap_or_else(|| "starting".to_string()),
            s => s.as_str().to_string(),
        };
        let summary = if with_summary {
            result.and_then(|r| r.get("summary")).cloned()
        } else {
            None
        };
        let encrypted = job.options.get("encryption").is_some_and(|v| !v.is_null());
        let packaging = serde_json::json!({
            "compression": job.options.get("compression").cloned().unwrap_or(Value::Null),
            "encrypted": encrypted,
        });
        JobView {
            job_id: job.id.clone(),
            status: status_name(job).to_string(),
            priority: job.priority.as_str().to_string(),
            created_at: format_rfc3339_ms(job.created_at),
            started_at: job.started_at.map(format_rfc3339_ms),
            completed_at: job.finished_at.map(format_rfc3339_ms),
            progress,
            progress_details: ProgressDetails {
                phase,
                patients_generated: done,
                total_patients: total,
                bytes_written,
                eta_seconds,
            },
            config: serde_json::from_str(&job.scenario_json).unwrap_or(Value::Null),
            seed: job.seed,
            output_formats: job.output_formats.clone(),
            packaging,
            output_files,
            summary,
            error: job.error_code.as_ref().map(|code| JobErrorView {
                code: code.clone(),
                message: job.error_message.clone().unwrap_or_default(),
            }),
            attempts: job.attempts,
        }
    }
}

/// Maps a store error about job `id` to the API's.
pub(crate) fn job_error(id: &str) -> impl FnOnce(StoreError) -> ApiError + '_ {
    move |e| match e {
        StoreError::NotFound { .. } => ApiError::JobNotFound(id.to_string()),
        StoreError::Conflict { detail } => ApiError::JobFinished(detail),
        e => e.into(),
    }
}

/// One job of the caller (any job for an admin key); 404 `job_not_found` otherwise.
pub(crate) async fn load_job(state: &AppState, caller: &Caller, id: &str) -> Result<Job, ApiError> {
    state
        .service
        .store
        .get_job(caller.scope(), id)
        .await
        .map_err(job_error(id))
}

/// Query of the job list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Only jobs in this status (`pending` is accepted for `queued`).
    pub status: Option<String>,
    /// Page size, 1–1000 (default 50).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// One page of jobs.
#[derive(Debug, Serialize, ToSchema)]
pub struct JobList {
    /// Newest first.
    pub jobs: Vec<JobView>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// The caller's jobs (all jobs for an admin key), newest first.
#[utoipa::path(get, path = "/api/v1/jobs", tag = "jobs", security(("api_key" = [])),
    params(ListQuery),
    responses(
        (status = 200, description = "A page of jobs", body = JobList),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 422, description = "Unknown status, bad limit or cursor", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    QueryParams(q): QueryParams<ListQuery>,
) -> Result<Json<JobList>, ApiError> {
    let status = match q.status.as_deref() {
        None | Some("") => None,
        Some(s) => Some(JobStatus::parse(s).ok_or_else(|| {
            ApiError::InvalidRequest(format!(
                "status: unknown status {s:?}; expected queued (or pending), running, completed, failed, cancelled"
            ))
        })?),
    };
    if let Some(l) = q.limit {
        if !(1..=1000).contains(&l) {
            return Err(ApiError::InvalidRequest(
                "limit: must be 1–1000".to_string(),
            ));
        }
    }
    let page = state
        .service
        .store
        .list_jobs(
            caller.scope(),
            &JobFilter {
                status,
                limit: q.limit.unwrap_or(0),
                cursor: q.cursor,
            },
        )
        .await?;
    let now = now_ms();
    Ok(Json(JobList {
        jobs: page
            .jobs
            .iter()
            .map(|j| JobView::of(j, false, now))
            .collect(),
        next_cursor: page.next_cursor,
    }))
}

/// One job.
#[utoipa::path(get, path = "/api/v1/jobs/{id}", tag = "jobs", security(("api_key" = [])),
    params(("id" = String, Path, description = "Job id")),
    responses(
        (status = 200, description = "The job", body = JobView),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 404, description = "No such job in the caller's tenant (`job_not_found`)", body = ErrorBody),
    ))]
pub async fn get(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let svc = &state.service;
    // The mark before the read: a write that lands during it makes the answer stale at once.
    let mark = svc.store.job_mark(&id);
    if let Some(body) = svc.job_answers.get(caller.scope(), &id, mark) {
        return Ok(json_answer(body));
    }
    let read_at = Instant::now();
    let job = load_job(&state, &caller, &id).await?;
    let body = serde_json::to_vec(&JobView::of(&job, true, now_ms()))
        .map_err(|e| ApiError::Internal(format!("encoding the job: {e}")))?;
    let body = Bytes::from(body);
    svc.job_answers
        .put(&job.id, &job.tenant_id, mark, read_at, body.clone());
    Ok(json_answer(body))
}

/// An encoded JSON body as a response, as `Json` would answer it.
fn json_answer(body: Bytes) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// How long cancel and delete wait for a running job's worker to stop.
const STOP_WAIT: Duration = Duration::from_secs(3);
const STOP_POLL: Duration = Duration::from_millis(50);

/// Waits until the job is final (or the wait is over) and returns it.
async fn wait_final(state: &AppState, caller: &Caller, id: &str) -> Result<Job, ApiError> {
    let deadline = tokio::time::Instant::now() + STOP_WAIT;
    loop {
        let job = load_job(state, caller, id).await?;
        if job.status.is_final() || tokio::time::Instant::now() >= deadline {
            return Ok(job);
        }
        tokio::time::sleep(STOP_POLL).await;
    }
}

/// Stops a job. A queued job is cancelled at once; a running job's worker kills its process
/// and removes its partial files, and the answer waits (up to 3 s) until it has.
#[utoipa::path(post, path = "/api/v1/jobs/{id}/cancel", tag = "jobs", security(("api_key" = [])),
    params(("id" = String, Path, description = "Job id")),
    responses(
        (status = 200, description = "The job, `cancelled` (or still `running` if its worker has not answered within 3 s)", body = JobView),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 404, description = "No such job (`job_not_found`)", body = ErrorBody),
        (status = 409, description = "The job has already finished (`job_finished`)", body = ErrorBody),
    ))]
pub async fn cancel(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Json<JobView>, ApiError> {
    state
        .service
        .store
        .cancel_job(caller.scope(), &id, now_ms())
        .await
        .map_err(job_error(&id))?;
    let job = wait_final(&state, &caller, &id).await?;
    Ok(Json(JobView::of(&job, false, now_ms())))
}

/// What a deletion answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct Deleted {
    /// The deleted job.
    pub job_id: String,
    /// A sentence.
    pub message: String,
}

/// Deletes a job and its files; a running job is cancelled first.
#[utoipa::path(delete, path = "/api/v1/jobs/{id}", tag = "jobs", security(("api_key" = [])),
    params(("id" = String, Path, description = "Job id")),
    responses(
        (status = 200, description = "Deleted", body = Deleted),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 404, description = "No such job (`job_not_found`)", body = ErrorBody),
        (status = 409, description = "The job's worker did not stop in time (`job_finished`… retry)", body = ErrorBody),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Json<Deleted>, ApiError> {
    let store = &state.service.store;
    let job = load_job(&state, &caller, &id).await?;
    if job.status == JobStatus::Running {
        match store.cancel_job(caller.scope(), &id, now_ms()).await {
            Ok(_) | Err(StoreError::Conflict { .. }) => {}
            Err(e) => return Err(job_error(&id)(e)),
        }
        wait_final(&state, &caller, &id).await?;
    }
    store
        .delete_job(caller.scope(), &id)
        .await
        .map_err(|e| match e {
            StoreError::NotFound { .. } => ApiError::JobNotFound(id.clone()),
            StoreError::Conflict { detail } => ApiError::Conflict(detail),
            e => e.into(),
        })?;
    state.service.remove_job_files(&id)?;
    Ok(Json(Deleted {
        message: "the job and its files are deleted".to_string(),
        job_id: id,
    }))
}

/// How often the event stream looks at the job.
const EVENT_POLL: Duration = Duration::from_millis(250);

/// Progress and status changes of a job as Server-Sent Events until it ends: an event
/// `status` at each status change and `progress` when the count moves, each with the job's
/// JSON; the stream closes after the final status. Keep-alive comments every 15 s.
#[utoipa::path(get, path = "/api/v1/jobs/{id}/events", tag = "jobs", security(("api_key" = [])),
    params(("id" = String, Path, description = "Job id")),
    responses(
        (status = 200, description = "text/event-stream of `status` and `progress` events (data: the job JSON)", content_type = "text/event-stream", body = String),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 404, description = "No such job (`job_not_found`)", body = ErrorBody),
    ))]
pub async fn events(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    // The first read answers 404 before the stream starts.
    let first = load_job(&state, &caller, &id).await?;
    struct Cursor {
        state: AppState,
        caller: Caller,
        id: String,
        pending: Option<Job>,
        last: Option<(String, u64)>,
        done: bool,
    }
    let cursor = Cursor {
        state,
        caller,
        id,
        pending: Some(first),
        last: None,
        done: false,
    };
    let stream = stream::unfold(cursor, |mut c| async move {
        loop {
            if c.done {
                return None;
            }
            let job = match c.pending.take() {
                Some(j) => j,
                None => {
                    tokio::time::sleep(EVENT_POLL).await;
                    match c.state.service.store.get_job(c.caller.scope(), &c.id).await {
                        Ok(j) => j,
                        Err(_) => {
                            // Deleted meanwhile: say so and end.
                            c.done = true;
                            let ev = Event::default()
                                .event("deleted")
                                .data(serde_json::json!({"job_id": c.id}).to_string());
                            return Some((Ok(ev), c));
                        }
                    }
                }
            };
            let status = status_name(&job).to_string();
            let key = (status.clone(), job.progress_done);
            let status_changed = c.last.as_ref().is_none_or(|(s, _)| *s != status);
            let moved = c.last.as_ref() != Some(&key);
            c.last = Some(key);
            if job.status.is_final() {
                c.done = true;
            }
            if moved {
                let view = JobView::of(&job, false, now_ms());
                let data = serde_json::to_string(&view).unwrap_or_default();
                let name = if status_changed { "status" } else { "progress" };
                return Some((Ok(Event::default().event(name).data(data)), c));
            }
        }
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
