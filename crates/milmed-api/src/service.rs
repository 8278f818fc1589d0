//! What the handlers share: the store, the job runtime's handles and the service settings.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use milmed_jobs::{RuntimeHandle, SecretKey, Storage};
use milmed_store::{Millis, Store};

use crate::answers::JobAnswers;
use crate::auth::{AuthCache, UsageBuffer};
use crate::metrics::Metrics;

/// Settings of the service side of the API (the HTTP side is [`crate::ApiConfig`]).
#[derive(Debug, Clone)]
pub struct ServiceConfig {
    /// Shown in `/api/v1/health` as `checks.api.environment` (e.g. `production`).
    pub environment: String,
    /// Worker slots per node (shown in health; the runtime enforces them).
    pub max_concurrent_jobs: usize,
    /// Per-job memory limit in MiB (shown in health; the runtime enforces it).
    pub max_memory_mb: u64,
    /// Per-job CPU-time limit in seconds (shown in health; the runtime enforces it).
    pub max_cpu_seconds: u64,
    /// How often a job may be claimed before a lost worker makes it fail.
    pub max_attempts: u32,
    /// Patients per second assumed for `estimated_duration` (a measured figure of this
    /// machine class, docs/performance.md).
    pub patients_per_second: f64,
    /// How long a resolved API key is trusted before it is looked up again; a revocation on
    /// another node takes effect within this time.
    pub auth_cache_ttl: Duration,
    /// Whether `/metrics` is public (true) or needs an admin key.
    pub public_metrics: bool,
    /// How long a rendered `GET /api/v1/jobs/{id}` answer may be reused (at most 250 ms;
    /// zero: never). Writes made on this node are seen at once whatever this is; it bounds
    /// how late a change made by another node shows (docs/api.md).
    pub job_answer_ttl: Duration,
    /// This node runs the API only; workers run on other nodes (readiness does not wait for
    /// a local worker).
    pub api_only: bool,
}

impl Default for ServiceConfig {
    fn default() -> Self {
        ServiceConfig {
            environment: "development".to_string(),
            max_concurrent_jobs: 2,
            max_memory_mb: 512,
            max_cpu_seconds: 300,
            max_attempts: 3,
            patients_per_second: 250_000.0,
            auth_cache_ttl: Duration::from_secs(5),
            public_metrics: true,
            job_answer_ttl: crate::answers::MAX_TTL,
            api_only: false,
        }
    }
}

/// The service behind the routes.
pub struct Service {
    pub(crate) store: Store,
    pub(crate) config: ServiceConfig,
    pub(crate) auth: AuthCache,
    pub(crate) usage: UsageBuffer,
    /// Rendered job answers, reused while fresh.
    pub(crate) job_answers: JobAnswers,
    /// Where job files are.
    pub(crate) storage: Storage,
    /// Seals encryption passwords for the workers.
    pub(crate) secret: Arc<SecretKey>,
    /// This node's worker, when it runs one (health and readiness report it).
    pub(crate) runtime: Option<RuntimeHandle>,
    /// The Prometheus exporter, when installed.
    pub(crate) metrics: Option<Metrics>,
}

impl Service {
    /// A service over `store` (migrated, with the demo key ensured by the caller), its job
    /// files in `storage`, passwords sealed with `secret`.
    pub fn new(
        store: Store,
        config: ServiceConfig,
        storage: Storage,
        secret: Arc<SecretKey>,
    ) -> Service {
        Service {
            auth: AuthCache::new(config.auth_cache_ttl),
            usage: UsageBuffer::default(),
            job_answers: JobAnswers::new(config.job_answer_ttl),
            store,
            config,
            storage,
            secret,
            runtime: None,
            metrics: None,
        }
    }

    /// A service whose job files and secret key live in `data_dir` (`jobs/`, `secret.key`),
    /// the layout `milmed serve` uses.
    pub fn in_data_dir(
        store: Store,
        config: ServiceConfig,
        data_dir: &std::path::Path,
    ) -> Result<Service, milmed_jobs::JobsError> {
        let secret = SecretKey::load_or_create(data_dir)?;
        Ok(Service::new(
            store,
            config,
            Storage::new(data_dir.join("jobs")),
            Arc::new(secret),
        ))
    }

    /// Attaches this node's job runtime.
    pub fn with_runtime(mut self, runtime: RuntimeHandle) -> Service {
        self.runtime = Some(runtime);
        self
    }

    /// Attaches the Prometheus exporter that `/metrics` renders.
    pub fn with_metrics(mut self, metrics: Metrics) -> Service {
        self.metrics = Some(metrics);
        self
    }

    /// Ready to share between handlers.
    pub fn shared(self) -> Arc<Service> {
        Arc::new(self)
    }

    /// Deletes a job's files (final and partial); missing files are fine.
    pub(crate) fn remove_job_files(&self, job_id: &str) -> Result<(), crate::ApiError> {
        self.storage
            .remove_job(job_id)
            .map_err(|e| crate::ApiError::Internal(format!("removing job files: {e}")))
    }

    /// Wakes this node's idle workers after a submission.
    pub(crate) fn wake_workers(&self) {
        if let Some(r) = &self.runtime {
            r.wake();
        }
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Adds the requests counted in memory (keys without request limits) to the database.
    /// The binary calls this every second and at shutdown.
    pub async fn flush_usage(&self) {
        let now = now_ms();
        for (key_id, n) in self.usage.take() {
            if let Err(e) = self.store.record_usage(&key_id, now, n, 0, 0).await {
                tracing::warn!(error = %e, "cannot record request usage");
            }
        }
    }
}

/// Milliseconds since the Unix epoch, the store's time unit.
pub fn now_ms() -> Millis {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
