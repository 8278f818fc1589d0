//! Liveness, readiness, the detailed health report and the Prometheus scrape.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::now_rfc3339;
use crate::error::{ApiError, ErrorBody};
use crate::AppState;

/// A liveness answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Liveness {
    /// Always `"ok"`: the process is up and answering.
    pub status: &'static str,
    /// Server version.
    pub version: &'static str,
    /// Server time, RFC 3339 UTC.
    pub timestamp: String,
}

fn liveness() -> Json<Liveness> {
    Json(Liveness {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        timestamp: now_rfc3339(),
    })
}

/// Cheap liveness for load balancers: touches nothing but the clock.
#[utoipa::path(get, path = "/health", tag = "health",
    responses((status = 200, description = "The process is alive", body = Liveness)))]
pub async fn health() -> Json<Liveness> {
    liveness()
}

/// Liveness under the v1 prefix (same answer as `/health`).
#[utoipa::path(get, path = "/api/v1/health/live", tag = "health",
    responses((status = 200, description = "The process is alive", body = Liveness)))]
pub async fn live() -> Json<Liveness> {
    liveness()
}

/// One check's state.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiCheck {
    /// `healthy`.
    pub status: &'static str,
    /// Server version.
    pub version: &'static str,
    /// The configured environment name.
    pub environment: String,
}

/// The database check.
#[derive(Debug, Serialize, ToSchema)]
pub struct DatabaseCheck {
    /// `healthy` or `unhealthy`.
    pub status: &'static str,
    /// `sqlite` or `postgres`.
    pub backend: &'static str,
    /// Round trip of the readiness query, milliseconds.
    pub latency_ms: f64,
    /// Whether every embedded migration is applied.
    pub migrations_applied: bool,
}

/// System memory.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemoryCheck {
    /// `healthy`, or `warning` above 90 % used.
    pub status: &'static str,
    /// Total memory, GiB.
    pub total_gb: f64,
    /// Available memory, GiB.
    pub available_gb: f64,
    /// Percent used.
    pub percent_used: f64,
}

/// Space in the data directory's file system.
#[derive(Debug, Serialize, ToSchema)]
pub struct DiskCheck {
    /// `healthy`, `warning` above 90 % used, `unknown` when it cannot be read.
    pub status: &'static str,
    /// Size, GiB.
    pub total_gb: f64,
    /// Free for the server, GiB.
    pub free_gb: f64,
    /// Percent used.
    pub percent_used: f64,
}

/// The per-job resource limits.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkerResources {
    /// Memory limit per job, MiB.
    pub max_memory_mb: u64,
    /// CPU-time limit per job, seconds.
    pub max_cpu_seconds: u64,
}

/// This node's job worker.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkerCheck {
    /// `healthy`; `unhealthy` when the worker is not running; `not_running_here` on an
    /// API-only node (`serve --no-worker`), whose jobs run on other nodes.
    pub status: &'static str,
    /// Jobs running on this node.
    pub active_jobs: u64,
    /// Jobs waiting in the queue (all nodes).
    pub queued_jobs: u64,
    /// Worker slots of this node.
    pub max_concurrent_jobs: u64,
    /// Whether a submitted job will be picked up.
    pub can_accept_jobs: bool,
    /// Limits each job runs under.
    pub resources: WorkerResources,
}

/// All checks.
#[derive(Debug, Serialize, ToSchema)]
pub struct Checks {
    /// The API itself.
    pub api: ApiCheck,
    /// The database.
    pub database: DatabaseCheck,
    /// System memory.
    pub memory: MemoryCheck,
    /// Disk of the data directory.
    pub disk_space: DiskCheck,
    /// The job worker.
    pub job_worker: WorkerCheck,
}

/// The detailed health answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthReport {
    /// `healthy` (200) or `unhealthy` (503).
    pub status: &'static str,
    /// RFC 3339 UTC.
    pub timestamp: String,
    /// Each check.
    pub checks: Checks,
}

const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `MemTotal` and `MemAvailable` of `/proc/meminfo`, bytes.
fn meminfo() -> Option<(u64, u64)> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = text.lines().find(|l| l.starts_with(name))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024)
    };
    Some((field("MemTotal:")?, field("MemAvailable:")?))
}

fn memory_check() -> MemoryCheck {
    match meminfo() {
        Some((total, avail)) if total > 0 => {
            let used = 100.0 * (total - avail.min(total)) as f64 / total as f64;
            MemoryCheck {
                status: if used > 90.0 { "warning" } else { "healthy" },
                total_gb: round2(total as f64 / GIB),
                available_gb: round2(avail as f64 / GIB),
                percent_used: round2(used),
            }
        }
        _ => MemoryCheck {
            status: "unknown",
            total_gb: 0.0,
            available_gb: 0.0,
            percent_used: 0.0,
        },
    }
}

fn disk_check(dir: &std::path::Path) -> DiskCheck {
    match rustix::fs::statvfs(dir) {
        Ok(s) if s.f_blocks > 0 => {
            let frag = s.f_frsize.max(1);
            let total = s.f_blocks.saturating_mul(frag) as f64;
            let free = s.f_bavail.saturating_mul(frag) as f64;
            let used = 100.0 * (s.f_blocks - s.f_bfree.min(s.f_blocks)) as f64 / s.f_blocks as f64;
            DiskCheck {
                status: if used > 90.0 { "warning" } else { "healthy" },
                total_gb: round2(total / GIB),
                free_gb: round2(free / GIB),
                percent_used: round2(used),
            }
        }
        _ => DiskCheck {
            status: "unknown",
            total_gb: 0.0,
            free_gb: 0.0,
            percent_used: 0.0,
        },
    }
}

/// Builds the report; `ready` is whether the database and the worker can take work.
async fn report(state: &AppState) -> (bool, HealthReport) {
    let svc = &state.service;
    let started = std::time::Instant::now();
    let migrated = svc.store.is_ready().await;
    let latency_ms = round2(started.elapsed().as_secs_f64() * 1000.0);
    let db_ok = matches!(migrated, Ok(true));
    let queued = match svc.store.count_jobs_by_status().await {
        Ok(counts) => counts
            .iter()
            .find(|(s, _)| *s == milmed_store::JobStatus::Queued)
            .map_or(0, |(_, n)| *n),
        Err(_) => 0,
    };
    let worker = svc.runtime.as_ref().map(|r| r.status());
    // An API-only node (`serve --no-worker`) is ready without a worker of its own.
    let api_only = svc.config.api_only;
    let running = worker.as_ref().is_some_and(|w| w.running);
    let active = worker.as_ref().map_or(0, |w| w.active_jobs as u64);
    let ready = db_ok && (running || api_only);
    let report = HealthReport {
        status: if ready { "healthy" } else { "unhealthy" },
        timestamp: now_rfc3339(),
        checks: Checks {
            api: ApiCheck {
                status: "healthy",
                version: env!("CARGO_PKG_VERSION"),
                environment: svc.config.environment.clone(),
            },
            database: DatabaseCheck {
                status: if db_ok { "healthy" } else { "unhealthy" },
                backend: svc.store.backend().name(),
                latency_ms,
                migrations_applied: db_ok,
            },
            memory: memory_check(),
            disk_space: disk_check(svc.storage.root()),
            job_worker: WorkerCheck {
                status: match (running, api_only) {
                    (true, _) => "healthy",
                    (false, true) => "not_running_here",
                    (false, false) => "unhealthy",
                },
                active_jobs: active,
                queued_jobs: queued,
                max_concurrent_jobs: svc.config.max_concurrent_jobs as u64,
                can_accept_jobs: ready,
                resources: WorkerResources {
                    max_memory_mb: svc.config.max_memory_mb,
                    max_cpu_seconds: svc.config.max_cpu_seconds,
                },
            },
        },
    };
    (ready, report)
}

/// Detailed health: database, memory, disk, worker. 200 when the database is migrated and
/// the worker runs, else 503 with the same body.
#[utoipa::path(get, path = "/api/v1/health", tag = "health",
    responses(
        (status = 200, description = "Healthy", body = HealthReport),
        (status = 503, description = "Unhealthy (same body)", body = HealthReport),
    ))]
pub async fn detailed(State(state): State<AppState>) -> Response {
    let (ready, body) = report(&state).await;
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    // The body is the report, not the error envelope: monitors read its checks.
    (status, Json(body)).into_response()
}

/// Readiness: the database answers with every migration applied and this node's worker
/// runs → 200; otherwise 503 in the error envelope.
#[utoipa::path(get, path = "/ready", tag = "health",
    responses(
        (status = 200, description = "Ready", body = Liveness),
        (status = 503, description = "Not ready (`service_unavailable`)", body = ErrorBody),
    ))]
pub async fn ready(State(state): State<AppState>) -> Result<Json<Liveness>, ApiError> {
    let (ready, r) = report(&state).await;
    if ready {
        Ok(liveness())
    } else {
        let mut why = Vec::new();
        if r.checks.database.status != "healthy" {
            why.push("the database is unreachable or not migrated");
        }
        if r.checks.job_worker.status == "unhealthy" {
            why.push("the job worker is not running");
        }
        Err(ApiError::ServiceUnavailable(why.join("; ")))
    }
}

/// Readiness under the v1 prefix (same answer as `/ready`).
#[utoipa::path(get, path = "/api/v1/health/ready", tag = "health",
    responses(
        (status = 200, description = "Ready", body = Liveness),
        (status = 503, description = "Not ready (`service_unavailable`)", body = ErrorBody),
    ))]
pub async fn ready_v1(state: State<AppState>) -> Result<Json<Liveness>, ApiError> {
    ready(state).await
}

/// Prometheus text exposition (docs/metrics.md). Public unless the server is configured to
/// ask for an admin key.
#[utoipa::path(get, path = "/metrics", tag = "health",
    responses(
        (status = 200, description = "Prometheus text format 0.0.4", content_type = "text/plain", body = String),
        (status = 401, description = "Key required (when metrics are not public)", body = ErrorBody),
    ))]
pub async fn metrics(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> Result<Response, ApiError> {
    let svc = &state.service;
    if !svc.config.public_metrics {
        let key = headers
            .get(crate::auth::API_KEY_HEADER)
            .and_then(|v| v.to_str().ok())
            .ok_or(ApiError::MissingApiKey)?;
        match svc
            .store
            .authenticate(key, crate::service::now_ms())
            .await?
        {
            Some(k) if k.role == milmed_store::KeyRole::Admin => {}
            Some(_) => return Err(ApiError::Forbidden("/metrics needs an admin key".into())),
            None => return Err(ApiError::InvalidApiKey),
        }
    }
    let Some(m) = &svc.metrics else {
        return Err(ApiError::ServiceUnavailable(
            "metrics are not enabled on this server".to_string(),
        ));
    };
    let mut snapshot = crate::metrics::ScrapeSnapshot {
        db_connections_active: svc.store.connections_in_use(),
        ..Default::default()
    };
    if let Ok(counts) = svc.store.count_jobs_by_status().await {
        snapshot.queue_by_status = counts.iter().map(|(s, n)| (s.as_str(), *n)).collect();
    }
    let text = m.render(&snapshot);
    Ok((
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
        .into_response())
}
