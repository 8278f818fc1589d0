//! The supervisor: worker slots that claim jobs and run each in a child process, plus the
//! maintenance task for lease recovery and retention.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use milmed_formats::Format;
use milmed_store::{Job, Millis, Progress, Store, StoreError};
use serde::Serialize;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::Command;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tokio::time::MissedTickBehavior;
use tracing::{info, warn, Instrument};
use zeroize::Zeroizing;

use crate::child::{ChildMessage, ChildSpec, JobResult};
use crate::classify::{classify, Ending, KillReason, Observed};
use crate::metrics_names as m;
use crate::options::JobOptions;
use crate::{codes, procfs, sys, JobsError, Limits, SecretKey, Storage};

/// The program that runs one job: the binary passes `current_exe()` and `["job-run"]`.
#[derive(Debug, Clone)]
pub struct ChildCommand {
    /// The executable.
    pub program: PathBuf,
    /// Its arguments (never the password: that goes on stdin).
    pub args: Vec<OsString>,
}

/// The default `nice` of job processes: low enough a priority that a node's API answers
/// promptly while its jobs keep the cores busy (docs/jobs.md).
pub const DEFAULT_NICE: i32 = 10;

/// How this node runs jobs.
#[derive(Debug, Clone)]
pub struct RuntimeConfig {
    /// This node's id; worker ids are `<node_id>/<slot>` (unique per running worker).
    pub node_id: String,
    /// Where job files go.
    pub storage: Storage,
    /// Jobs run at once (`max_concurrent_jobs`, default 2).
    pub slots: usize,
    /// Limits of each job.
    pub limits: Limits,
    /// Lease length (default 30 s); also the interval of lease recovery.
    pub lease: Duration,
    /// Heartbeat interval (default a third of the lease).
    pub heartbeat: Duration,
    /// Cancellation and queue poll interval (default 200 ms).
    pub poll: Duration,
    /// How long finished jobs keep their files (default 7 days).
    pub retention: Duration,
    /// Interval of the retention sweep (default 60 s).
    pub sweep_every: Duration,
    /// Worker threads of each job process (default: the machine's parallelism).
    pub threads_per_job: usize,
    /// Scheduling priority (`nice`, 0–19) of each job process (default [`DEFAULT_NICE`]):
    /// above 0 the API and the supervisor of the same node keep the CPU they need while a
    /// job runs, and the job still gets all the CPU they leave idle.
    pub nice: i32,
    /// The job process to start.
    pub child: ChildCommand,
}

impl RuntimeConfig {
    /// The defaults of operations.md for a node, with its id, storage and child command.
    pub fn new(node_id: String, storage: Storage, child: ChildCommand) -> RuntimeConfig {
        let lease = Duration::from_secs(30);
        RuntimeConfig {
            node_id,
            storage,
            slots: 2,
            limits: Limits::default(),
            lease,
            heartbeat: lease / 3,
            poll: Duration::from_millis(200),
            retention: Duration::from_secs(7 * 24 * 3600),
            sweep_every: Duration::from_secs(60),
            threads_per_job: std::thread::available_parallelism().map_or(1, |n| n.get()),
            nice: DEFAULT_NICE,
            child,
        }
    }

    fn validate(&self) -> Result<(), JobsError> {
        let bad = |m: &str| Err(JobsError::Config(m.to_string()));
        if self.node_id.trim().is_empty() {
            return bad("node_id must not be empty");
        }
        if self.slots == 0 {
            return bad("slots (max_concurrent_jobs) must be at least 1");
        }
        if self.lease < Duration::from_millis(100) {
            return bad("lease must be at least 100 ms");
        }
        if self.heartbeat.is_zero() || self.heartbeat >= self.lease {
            return bad("heartbeat must be positive and shorter than the lease");
        }
        if self.poll.is_zero() || self.sweep_every.is_zero() {
            return bad("poll and sweep_every must be positive");
        }
        if self.threads_per_job == 0 {
            return bad("threads_per_job must be at least 1");
        }
        if !(0..=19).contains(&self.nice) {
            // Below 0 needs privileges the server should not have; above 19 does not exist.
            return bad("nice must be 0–19");
        }
        Ok(())
    }
}

/// What `/health` shows about this node's workers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WorkerStatus {
    /// The runtime is claiming jobs (false after shutdown).
    pub running: bool,
    /// Jobs running on this node now.
    pub active_jobs: usize,
    /// Worker slots of this node.
    pub slots: usize,
    /// Last time a worker reached the store (a claim attempt or a lease heartbeat).
    pub last_heartbeat_ms: Option<i64>,
}

struct Shared {
    store: Store,
    cfg: RuntimeConfig,
    secret: Arc<SecretKey>,
    running: AtomicBool,
    active: AtomicUsize,
    last_heartbeat: AtomicI64,
    stop: watch::Sender<bool>,
    wake: tokio::sync::Notify,
    tasks: Mutex<Vec<JoinHandle<()>>>,
}

/// The job runtime of a node.
pub struct Runtime;

/// A handle on a started runtime; cheap to clone.
#[derive(Clone)]
pub struct RuntimeHandle {
    shared: Arc<Shared>,
    _last: Arc<StopOnDrop>,
}

/// Held only by the handles: when the last one is dropped without [`RuntimeHandle::shutdown`],
/// the workers are told to stop (and kill their job processes) all the same.
struct StopOnDrop(Arc<Shared>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.running.store(false, Ordering::Relaxed);
        let _ = self.0.stop.send(true);
    }
}

fn now_ms() -> Millis {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

const NO_HEARTBEAT: i64 = i64::MIN;

impl Runtime {
    /// Starts `cfg.slots` workers and the maintenance task on the current tokio runtime.
    /// Must be called within a multi-threaded tokio runtime that lives as long as the jobs:
    /// job processes die with the thread that started them (`PR_SET_PDEATHSIG`).
    pub async fn start(
        store: Store,
        cfg: RuntimeConfig,
        secret: Arc<SecretKey>,
    ) -> Result<RuntimeHandle, JobsError> {
        cfg.validate()?;
        std::fs::create_dir_all(cfg.storage.root())
            .map_err(JobsError::io("cannot create the job storage"))?;
        let (stop, _) = watch::channel(false);
        let shared = Arc::new(Shared {
            store,
            cfg,
            secret,
            running: AtomicBool::new(true),
            active: AtomicUsize::new(0),
            last_heartbeat: AtomicI64::new(NO_HEARTBEAT),
            stop,
            wake: tokio::sync::Notify::new(),
            tasks: Mutex::new(Vec::new()),
        });
        let mut tasks = Vec::new();
        for slot in 0..shared.cfg.slots {
            tasks.push(tokio::spawn(worker(shared.clone(), slot)));
        }
        tasks.push(tokio::spawn(maintenance(shared.clone())));
        if let Ok(mut t) = shared.tasks.lock() {
            t.extend(tasks);
        }
        info!(node = %shared.cfg.node_id, slots = shared.cfg.slots, "job runtime started");
        Ok(RuntimeHandle {
            _last: Arc::new(StopOnDrop(shared.clone())),
            shared,
        })
    }
}

impl RuntimeHandle {
    /// The workers' state.
    pub fn status(&self) -> WorkerStatus {
        let s = &self.shared;
        let hb = s.last_heartbeat.load(Ordering::Relaxed);
        WorkerStatus {
            running: s.running.load(Ordering::Relaxed),
            active_jobs: s.active.load(Ordering::Relaxed),
            slots: s.cfg.slots,
            last_heartbeat_ms: (hb != NO_HEARTBEAT).then_some(hb),
        }
    }

    /// Wakes idle workers at once (after a submission on this node; SQLite has no NOTIFY).
    pub fn wake(&self) {
        self.shared.wake.notify_waiters();
    }

    /// Stops claiming, kills running job processes and waits for the workers to end. The
    /// killed jobs stay `running` in the store until their lease expires; then lease recovery
    /// (on another node, or this one after a restart) requeues them.
    pub async fn shutdown(&self) {
        let s = &self.shared;
        s.running.store(false, Ordering::Relaxed);
        let _ = s.stop.send(true);
        let tasks: Vec<JoinHandle<()>> = match s.tasks.lock() {
            Ok(mut t) => t.drain(..).collect(),
            Err(_) => Vec::new(),
        };
        for t in tasks {
            let _ = t.await;
        }
        info!(node = %s.cfg.node_id, "job runtime stopped");
    }
}

async fn stopped(rx: &mut watch::Receiver<bool>) {
    // Err: the sender is gone, which only happens when the runtime itself is dropped.
    let _ = rx.wait_for(|s| *s).await;
}

async fn worker(shared: Arc<Shared>, slot: usize) {
    let worker_id = format!("{}/{slot}", shared.cfg.node_id);
    let mut stop = shared.stop.subscribe();
    let mut waker = match shared.store.job_waker().await {
        Ok(w) => Some(w),
        Err(e) => {
            warn!(worker = %worker_id, error = %e, "no job waker; polling only");
            None
        }
    };
    let lease_ms = millis(shared.cfg.lease);
    while !*stop.borrow() {
        let now = now_ms();
        match shared.store.claim_job(&worker_id, now, lease_ms).await {
            Ok(Some(job)) => {
                shared.last_heartbeat.store(now, Ordering::Relaxed);
                m::status_change("queued", "running");
                shared.active.fetch_add(1, Ordering::Relaxed);
                metrics::gauge!(m::ACTIVE_JOBS).increment(1.0);
                let span = tracing::info_span!("job", id = %job.id, attempt = job.attempts);
                run_job(&shared, &worker_id, job, &mut stop)
                    .instrument(span)
                    .await;
                shared.active.fetch_sub(1, Ordering::Relaxed);
                metrics::gauge!(m::ACTIVE_JOBS).decrement(1.0);
                continue;
            }
            Ok(None) => shared.last_heartbeat.store(now, Ordering::Relaxed),
            Err(e) => warn!(worker = %worker_id, error = %e, "cannot claim a job"),
        }
        let poll = shared.cfg.poll;
        tokio::select! {
            _ = stopped(&mut stop) => break,
            _ = shared.wake.notified() => {}
            r = async {
                match &mut waker {
                    Some(w) => w.wait(poll).await.map(|_| ()),
                    None => { tokio::time::sleep(poll).await; Ok(()) }
                }
            } => {
                if let Err(e) = r {
                    warn!(worker = %worker_id, error = %e, "job waker failed; polling only");
                    waker = None;
                }
            }
        }
    }
}

/// Environment variables a job process inherits; everything else is withheld.
const PASSED_ENV: &[&str] = &["PATH", "TZ", "LANG", "LC_ALL", "RUST_BACKTRACE", "TMPDIR"];

/// The last bytes of the job process's stderr, kept for the failure classification.
const STDERR_TAIL: usize = 8 * 1024;

async fn read_stderr_tail(mut r: tokio::process::ChildStderr) -> String {
    let mut tail: VecDeque<u8> = VecDeque::with_capacity(STDERR_TAIL);
    let mut buf = [0u8; 4096];
    loop {
        match r.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                tail.extend(&buf[..n]);
                while tail.len() > STDERR_TAIL {
                    tail.pop_front();
                }
            }
        }
    }
    String::from_utf8_lossy(tail.make_contiguous()).into_owned()
}

fn ending(status: ExitStatus) -> Ending {
    match (status.code(), status.signal()) {
        (Some(c), _) => Ending::Exited(c),
        (None, Some(s)) => Ending::Signaled(s),
        (None, None) => Ending::Exited(-1),
    }
}

/// Format labels of a job, normalised so the label set stays bounded.
fn format_labels(job: &Job) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = job
        .output_formats
        .iter()
        .filter_map(|f| Format::parse(f).ok().map(Format::name))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Records a failure. Only this attempt's directory is removed before: if the lease was lost,
/// another worker's attempt must stay. Once the job is final, all its files go.
async fn fail(shared: &Shared, job: &Job, worker: &str, code: &'static str, message: &str) {
    if let Some(dir) = shared.cfg.storage.attempt_dir(&job.id, job.attempts) {
        let _ = std::fs::remove_dir_all(dir);
    }
    match shared
        .store
        .fail_job(&job.id, worker, now_ms(), code, message)
        .await
    {
        Ok(_) => {
            m::status_change("running", "failed");
            metrics::counter!(m::GENERATION_ERRORS, "error_type" => code).increment(1);
            info!(job = %job.id, code, message, "job failed");
            // A final directory of an earlier attempt that was lost before completing.
            let _ = shared.cfg.storage.remove_job(&job.id);
        }
        Err(e) => warn!(job = %job.id, error = %e, "cannot record the job's failure"),
    }
}

/// Records a cancellation the same way: this attempt's files first, all of them once final.
async fn cancelled(shared: &Shared, job: &Job, worker: &str) {
    if let Some(dir) = shared.cfg.storage.attempt_dir(&job.id, job.attempts) {
        let _ = std::fs::remove_dir_all(dir);
    }
    match shared
        .store
        .acknowledge_cancel(&job.id, worker, now_ms())
        .await
    {
        Ok(_) => {
            m::status_change("running", "cancelled");
            info!("job cancelled");
            let _ = shared.cfg.storage.remove_job(&job.id);
        }
        Err(e) => warn!(error = %e, "cannot record the cancellation"),
    }
}

/// Runs one claimed job to its end (or to shutdown).
async fn run_job(shared: &Shared, worker: &str, job: Job, stop: &mut watch::Receiver<bool>) {
    let started = Instant::now();
    let cfg = &shared.cfg;
    let Some(out_dir) = cfg.storage.attempt_dir(&job.id, job.attempts) else {
        fail(
            shared,
            &job,
            worker,
            codes::GENERATION_FAILED,
            "invalid job id",
        )
        .await;
        return;
    };
    if let Err(e) = cfg.storage.remove_attempts(&job.id) {
        warn!(error = %e, "cannot remove stale attempt directories");
    }
    // Build the specification, with the opened password, only in memory that is wiped.
    let spec = match build_spec(shared, &job, out_dir.clone()) {
        Ok(s) => s,
        Err(e) => {
            fail(
                shared,
                &job,
                worker,
                codes::GENERATION_FAILED,
                &e.to_string(),
            )
            .await;
            return;
        }
    };
    let mut cmd = Command::new(&cfg.child.program);
    cmd.args(&cfg.child.args)
        // The job needs nothing from the server's environment, which may hold secrets
        // (DATABASE_URL with a password, cloud credentials): pass only harmless variables.
        .env_clear()
        .envs(std::env::vars_os().filter(|(k, _)| {
            PASSED_ENV
                .iter()
                .any(|p| k.as_os_str() == std::ffi::OsStr::new(p))
        }))
        // glibc reserves 64 MiB of address space per malloc arena and thread; the job's
        // threads would exhaust an RLIMIT_AS of a few hundred MiB without allocating.
        .env("MALLOC_ARENA_MAX", "2")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    sys::confine(&mut cmd, &cfg.limits, cfg.nice);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            warn!(error = %e, "cannot start the job process");
            // exec fails with ENOMEM when the program does not even fit in the memory limit.
            let (code, message) = if e.raw_os_error() == Some(libc::ENOMEM) {
                (
                    codes::MEMORY_LIMIT_EXCEEDED,
                    "the job process does not fit in its memory limit",
                )
            } else {
                (codes::GENERATION_FAILED, "cannot start the job process")
            };
            fail(shared, &job, worker, code, message).await;
            return;
        }
    };
    let pid = child.id().unwrap_or(0);
    if let Some(mut stdin) = child.stdin.take() {
        // A task of its own: a process that does not read its input cannot block the worker.
        tokio::spawn(async move {
            let _ = stdin.write_all(&spec).await;
            let _ = stdin.shutdown().await;
        });
    }
    let (tx, mut messages) = mpsc::channel::<ChildMessage>(64);
    if let Some(stdout) = child.stdout.take() {
        tokio::spawn(async move {
            let mut lines = BufReader::new(stdout).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some(msg) = ChildMessage::parse(&line) {
                    if tx.send(msg).await.is_err() {
                        break;
                    }
                }
            }
        });
    }
    let stderr_task = child
        .stderr
        .take()
        .map(|e| tokio::spawn(read_stderr_tail(e)));

    let lease_ms = millis(cfg.lease);
    let ticks = sys::clock_ticks();
    let mut heartbeat = tokio::time::interval(cfg.heartbeat);
    heartbeat.set_missed_tick_behavior(MissedTickBehavior::Delay);
    heartbeat.tick().await;
    let mut poll = tokio::time::interval(cfg.poll);
    poll.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let deadline = tokio::time::sleep(cfg.limits.wall);
    tokio::pin!(deadline);
    let mut killed: Option<KillReason> = None;
    let kill = |reason: KillReason, killed: &mut Option<KillReason>| {
        if killed.is_none() {
            *killed = Some(reason);
            sys::kill(pid);
        }
    };
    let mut progress = (0u64, 0u64);
    let mut reported = (0u64, 0u64);
    let mut last_report = Instant::now();
    let mut done: Option<JobResult> = None;
    let mut peak: Option<u64> = None;
    let mut cpu: Option<f64> = None;
    let mut stdout_open = true;
    let status = loop {
        tokio::select! {
            status = child.wait() => break status,
            msg = messages.recv(), if stdout_open => match msg {
                Some(ChildMessage::Progress { patients, bytes }) => {
                    progress = (patients, bytes);
                    if bytes > cfg.limits.output_bytes {
                        kill(KillReason::OutputLimit, &mut killed);
                    }
                }
                Some(ChildMessage::Done(r)) => done = Some(r),
                None => stdout_open = false,
            },
            _ = heartbeat.tick(), if killed.is_none() => {
                match shared.store.heartbeat(&job.id, worker, now_ms(), lease_ms).await {
                    Ok(hb) => {
                        metrics::counter!(m::WORKER_HEARTBEATS).increment(1);
                        shared.last_heartbeat.store(now_ms(), Ordering::Relaxed);
                        if hb.cancel_requested {
                            kill(KillReason::Cancel, &mut killed);
                        }
                    }
                    Err(StoreError::Conflict { .. } | StoreError::NotFound { .. }) => {
                        warn!("lease lost; stopping the job process");
                        kill(KillReason::LeaseLost, &mut killed);
                    }
                    Err(e) => warn!(error = %e, "heartbeat failed"),
                }
            }
            _ = poll.tick(), if killed.is_none() => {
                if let Some(p) = procfs::peak_memory(&pid.to_string()) {
                    peak = Some(peak.map_or(p, |q: u64| q.max(p)));
                }
                if let Some(c) = procfs::cpu_seconds(pid, ticks) {
                    cpu = Some(c);
                }
                // Progress doubles as the cancellation poll; at most ~4 writes a second.
                let cancel = if progress != reported && last_report.elapsed() >= Duration::from_millis(250) {
                    reported = progress;
                    last_report = Instant::now();
                    let p = Progress {
                        patients_done: progress.0,
                        phase: Some("generating".into()),
                        bytes_written: progress.1,
                    };
                    shared.store.update_progress(&job.id, worker, &p, now_ms()).await
                } else {
                    shared.store.is_cancel_requested(&job.id).await
                };
                match cancel {
                    Ok(true) => kill(KillReason::Cancel, &mut killed),
                    Ok(false) => {}
                    Err(StoreError::Conflict { .. } | StoreError::NotFound { .. }) => {
                        kill(KillReason::LeaseLost, &mut killed);
                    }
                    Err(e) => warn!(error = %e, "progress update failed"),
                }
            }
            _ = &mut deadline, if killed.is_none() => kill(KillReason::Timeout, &mut killed),
            _ = stopped(stop), if killed.is_none() => kill(KillReason::Shutdown, &mut killed),
        }
    };
    // The process is gone; its stdout ends soon after. Collect the last lines and stderr.
    let drain = async {
        while stdout_open {
            match messages.recv().await {
                Some(ChildMessage::Done(r)) => done = Some(r),
                Some(ChildMessage::Progress { patients, bytes }) => progress = (patients, bytes),
                None => stdout_open = false,
            }
        }
    };
    let _ = tokio::time::timeout(Duration::from_secs(2), drain).await;
    let stderr = match stderr_task {
        Some(t) => tokio::time::timeout(Duration::from_secs(2), t)
            .await
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default(),
        None => String::new(),
    };
    let seconds = started.elapsed().as_secs_f64();
    metrics::histogram!(m::JOB_EXECUTION, "job_type" => m::JOB_TYPE_GENERATION).record(seconds);
    let status = match status {
        Ok(s) => s,
        Err(e) => {
            warn!(error = %e, "cannot wait for the job process");
            fail(
                shared,
                &job,
                worker,
                codes::GENERATION_FAILED,
                "the job process was lost",
            )
            .await;
            return;
        }
    };
    match killed {
        Some(KillReason::Cancel) => {
            cancelled(shared, &job, worker).await;
            return;
        }
        Some(KillReason::Shutdown | KillReason::LeaseLost) => {
            // Only this attempt's directory: another worker may own the job now.
            let _ = std::fs::remove_dir_all(&out_dir);
            info!(reason = ?killed, "job process stopped; the job is left to lease recovery");
            return;
        }
        _ => {}
    }
    let observed = Observed {
        ending: ending(status),
        killed,
        cpu_seconds: cpu,
        stderr: &stderr,
        limits: cfg.limits,
    };
    if let Some(f) = classify(&observed) {
        if f.code == codes::GENERATION_FAILED && !stderr.trim().is_empty() {
            // Logged once here, at the boundary; the user sees only the short message.
            warn!(stderr = %stderr.trim(), "job process failed");
        }
        fail(shared, &job, worker, f.code, &f.message).await;
        return;
    }
    let Some(mut result) = done else {
        fail(
            shared,
            &job,
            worker,
            codes::GENERATION_FAILED,
            "the job process ended without a result",
        )
        .await;
        return;
    };
    result.peak_memory_bytes = match (result.peak_memory_bytes, peak) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let value = match serde_json::to_value(&result) {
        Ok(v) => v,
        Err(e) => {
            fail(
                shared,
                &job,
                worker,
                codes::GENERATION_FAILED,
                &format!("result: {e}"),
            )
            .await;
            return;
        }
    };
    // Still ours? A worker that lost its lease (the store was unreachable for longer than the
    // lease) must not put its files in place over those of the job's new owner.
    match shared
        .store
        .heartbeat(&job.id, worker, now_ms(), lease_ms)
        .await
    {
        Ok(hb) if hb.cancel_requested => {
            cancelled(shared, &job, worker).await;
            return;
        }
        Ok(_) => {}
        Err(e @ (StoreError::Conflict { .. } | StoreError::NotFound { .. })) => {
            let _ = std::fs::remove_dir_all(&out_dir);
            warn!(error = %e, "lease lost at the end of the job; its files are discarded");
            return;
        }
        // The store may be back for complete_job; if not, the lease expires and a rerun
        // writes the same files.
        Err(e) => warn!(error = %e, "heartbeat before completion failed"),
    }
    if let Err(e) = cfg.storage.promote(&job.id, job.attempts) {
        warn!(error = %e, "cannot move the job files into place");
        fail(
            shared,
            &job,
            worker,
            codes::GENERATION_FAILED,
            "cannot store the job files",
        )
        .await;
        return;
    }
    match shared
        .store
        .complete_job(&job.id, worker, now_ms(), &job.id, &value)
        .await
    {
        Ok(_) => {
            m::status_change("running", "completed");
            for f in format_labels(&job) {
                metrics::counter!(m::PATIENTS_GENERATED, "format" => f)
                    .increment(job.patient_count);
                metrics::histogram!(m::GENERATION_DURATION, "format" => f)
                    .record(result.generation_seconds);
            }
            if let Some(p) = result.peak_memory_bytes {
                metrics::histogram!(m::JOB_PEAK_MEMORY).record(p as f64);
            }
            info!(seconds, patients = job.patient_count, "job completed");
        }
        // The lease was lost while finishing: whoever holds the job now writes the same bytes.
        Err(e) => warn!(error = %e, "cannot record the job's completion"),
    }
}

/// The JSON sent on the job process's stdin.
fn build_spec(
    shared: &Shared,
    job: &Job,
    out_dir: PathBuf,
) -> Result<Zeroizing<Vec<u8>>, JobsError> {
    let options = JobOptions::from_value(&job.options)?;
    options.validate()?;
    let password_hex = match &options.encryption {
        Some(sealed) => Some(hex::encode(&*shared.secret.open_bytes(sealed)?)),
        None => None,
    };
    let spec = ChildSpec {
        scenario_json: job.scenario_json.clone(),
        seed: job.seed,
        count: job.patient_count,
        formats: job.output_formats.clone(),
        options,
        password_hex,
        out_dir,
        threads: shared.cfg.threads_per_job,
    };
    let bytes = serde_json::to_vec(&spec).map_err(|e| JobsError::Options(e.to_string()))?;
    Ok(Zeroizing::new(bytes))
}

/// Lease recovery every `lease`, retention every `sweep_every`.
async fn maintenance(shared: Arc<Shared>) {
    let mut stop = shared.stop.subscribe();
    let mut recover = tokio::time::interval(shared.cfg.lease);
    recover.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut sweep = tokio::time::interval(shared.cfg.sweep_every);
    sweep.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = stopped(&mut stop) => break,
            _ = recover.tick() => recover_leases(&shared).await,
            _ = sweep.tick() => sweep_expired(&shared).await,
        }
    }
}

async fn recover_leases(shared: &Shared) {
    match shared.store.recover_expired_leases(now_ms()).await {
        Ok(r) => {
            for id in &r.requeued {
                m::status_change("running", "queued");
                info!(job = %id, "lease expired; job requeued");
            }
            for id in &r.failed {
                m::status_change("running", "failed");
                metrics::counter!(m::GENERATION_ERRORS, "error_type" => milmed_store::ATTEMPTS_EXHAUSTED).increment(1);
                info!(job = %id, "lease expired too often; job failed");
            }
            for id in &r.cancelled {
                m::status_change("running", "cancelled");
                info!(job = %id, "lease expired while cancelling; job cancelled");
            }
            // A final job's leftover attempt directories are of no use.
            for id in r.failed.iter().chain(&r.cancelled) {
                let _ = shared.cfg.storage.remove_job(id);
            }
            if !r.requeued.is_empty() {
                shared.wake.notify_waiters();
            }
        }
        Err(e) => warn!(error = %e, "lease recovery failed"),
    }
}

async fn sweep_expired(shared: &Shared) {
    let now = now_ms();
    let cutoff = now.saturating_sub(millis(shared.cfg.retention));
    match shared.store.expire_job_files(cutoff, now).await {
        Ok(expired) => {
            for j in expired {
                match shared.cfg.storage.remove_job(&j.id) {
                    Ok(()) => info!(job = %j.id, "job files expired and removed"),
                    Err(e) => warn!(job = %j.id, error = %e, "cannot remove expired job files"),
                }
            }
        }
        Err(e) => warn!(error = %e, "retention sweep failed"),
    }
}
