//! `milmed serve` (HTTP API and a job worker), `milmed worker` (a worker alone, for more
//! nodes on one PostgreSQL database) and `milmed job-run` (the process of one job, started
//! by a worker; not for people).

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use milmed_api::{router, ApiConfig, Metrics, Service, ServiceConfig};
use milmed_jobs::{
    ChildCommand, Limits, Runtime, RuntimeConfig, RuntimeHandle, SecretKey, Storage,
};
use milmed_store::{Store, StoreOptions};

use crate::config::{LogFormat, ServeFlags, Settings};

const MIB: u64 = 1024 * 1024;

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second initialisation (tests calling in one process) is harmless; ignore it.
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

fn tokio_runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// A name for this node in leases and logs: host name and process id.
fn node_id() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "node".to_string());
    format!("{host}-{}", std::process::id())
}

/// What every node opens: the store (migrated, demo key present), the storage and the secret.
async fn open_node(s: &Settings) -> Result<(Store, Storage, Arc<SecretKey>)> {
    std::fs::create_dir_all(&s.data_dir)
        .with_context(|| format!("cannot create the data directory {}", s.data_dir.display()))?;
    let store = Store::open_configured(
        s.database_url.as_deref(),
        &s.data_dir,
        &StoreOptions::default(),
    )
    .await
    .context("cannot open the database")?;
    store
        .migrate()
        .await
        .context("cannot apply the migrations")?;
    store
        .ensure_demo_key(crate::admin::now_millis())
        .await
        .context("cannot create the demo key")?;
    let secret = SecretKey::load_or_create(&s.data_dir).context("cannot load the secret key")?;
    let storage = Storage::new(s.data_dir.join("jobs"));
    Ok((store, storage, Arc::new(secret)))
}

async fn start_worker(
    s: &Settings,
    store: &Store,
    storage: &Storage,
    secret: &Arc<SecretKey>,
) -> Result<RuntimeHandle> {
    let program = std::env::current_exe().context("cannot find this program's path")?;
    let mut cfg = RuntimeConfig::new(
        node_id(),
        storage.clone(),
        ChildCommand {
            program,
            args: vec!["job-run".into()],
        },
    );
    cfg.slots = s.max_concurrent_jobs;
    cfg.limits = Limits {
        memory_bytes: s.job_memory_mb.saturating_mul(MIB),
        cpu_seconds: s.job_cpu_seconds,
        wall: Duration::from_secs(s.job_wall_seconds),
        output_bytes: s.job_output_mb.saturating_mul(MIB),
    };
    cfg.threads_per_job = s.job_threads;
    cfg.nice = s.job_nice;
    cfg.lease = Duration::from_secs(s.lease_seconds);
    cfg.heartbeat = cfg.lease / 3;
    cfg.retention = Duration::from_secs(s.retention_hours.saturating_mul(3600));
    Runtime::start(store.clone(), cfg, secret.clone())
        .await
        .context("cannot start the job worker")
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// `milmed serve`.
pub fn serve(flags: ServeFlags) -> Result<()> {
    let s = Settings::load(&flags, &|k| std::env::var(k).ok())?;
    init_logging(s.log_format);
    tokio_runtime()?.block_on(async move {
        let (store, storage, secret) = open_node(&s).await?;
        let metrics = Metrics::install().context("cannot start the metrics exporter")?;
        let runtime = if s.worker {
            Some(start_worker(&s, &store, &storage, &secret).await?)
        } else {
            None
        };
        let config = ServiceConfig {
            environment: s.environment.clone(),
            max_concurrent_jobs: s.max_concurrent_jobs,
            max_memory_mb: s.job_memory_mb,
            max_cpu_seconds: s.job_cpu_seconds,
            max_attempts: s.max_attempts,
            public_metrics: s.public_metrics,
            api_only: !s.worker,
            ..ServiceConfig::default()
        };
        let mut service =
            Service::new(store.clone(), config, storage, secret).with_metrics(metrics);
        if let Some(r) = &runtime {
            service = service.with_runtime(r.clone());
        }
        let service = service.shared();
        let api = ApiConfig {
            body_limit: s.body_limit_bytes,
        };
        let app = router(api, service.clone());
        let addr = format!("{}:{}", s.host, s.port);
        let listener = tokio::net::TcpListener::bind(&addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let local = listener.local_addr().context("no local address")?;
        tracing::info!(
            address = %local,
            backend = store.backend().name(),
            "milmed {} listening",
            env!("CARGO_PKG_VERSION")
        );
        eprintln!("milmed listening on http://{local}/ (API docs at /docs, demo key DEMO_MILMED_2025_50_PATIENTS)");
        // Requests of unlimited keys are counted in memory; add them to the database often.
        let flusher = {
            let service = service.clone();
            let store = store.clone();
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(Duration::from_secs(1));
                let mut n: u64 = 0;
                loop {
                    tick.tick().await;
                    service.flush_usage().await;
                    n += 1;
                    if n.is_multiple_of(60) {
                        let cutoff = crate::admin::now_millis() - 10 * 60_000;
                        if let Err(e) = store.prune_minute_counters(cutoff).await {
                            tracing::warn!(error = %e, "cannot prune minute counters");
                        }
                    }
                }
            })
        };
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .context("the HTTP server failed")?;
        tracing::info!("shutting down");
        flusher.abort();
        service.flush_usage().await;
        if let Some(r) = runtime {
            r.shutdown().await;
        }
        store.close().await;
        Ok(())
    })
}

/// `milmed worker`.
pub fn worker(flags: ServeFlags) -> Result<()> {
    let s = Settings::load(&flags, &|k| std::env::var(k).ok())?;
    init_logging(s.log_format);
    tokio_runtime()?.block_on(async move {
        let (store, storage, secret) = open_node(&s).await?;
        let runtime = start_worker(&s, &store, &storage, &secret).await?;
        tracing::info!(backend = store.backend().name(), "milmed worker running");
        eprintln!("milmed worker running ({} store)", store.backend().name());
        shutdown_signal().await;
        runtime.shutdown().await;
        store.close().await;
        Ok(())
    })
}
