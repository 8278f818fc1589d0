//! The job runtime end to end, with real child processes: this test binary is its own job
//! process. Started as `runtime job-run` it runs [`milmed_jobs::run_child`], exactly as
//! `milmed job-run` does; otherwise it runs the cases below in order (harness = false, so
//! the cases share one process and need no locking around the child command).
//!
//! Every case uses its own SQLite store in a temporary directory; `happy_path_postgres` runs
//! the first case on a fresh PostgreSQL database (127.0.0.1:5432, user postgres, or
//! `MILMED_TEST_PG_URL`). `cargo test -p milmed-jobs --test runtime -- NAME` runs the cases
//! whose name contains NAME.

use std::collections::BTreeMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use milmed_core::engine::Generator;
use milmed_core::scenario::{parse_str, to_canonical_json};
use milmed_formats::Format;
use milmed_jobs::{
    codes, ChildCommand, JobOptions, JobResult, Limits, Runtime, RuntimeConfig, RuntimeHandle,
    SecretKey, Storage,
};
use milmed_pipeline as pipeline;
use milmed_store::{Job, JobStatus, NewJob, Scope, Store, StoreOptions};

type Case = fn() -> Pin<Box<dyn Future<Output = ()> + Send>>;

fn main() {
    if std::env::args().nth(1).as_deref() == Some("job-run") {
        std::process::exit(milmed_jobs::run_child());
    }
    // A secret in the server's environment that job processes must not inherit.
    std::env::set_var(
        "DATABASE_URL",
        "postgres://milmed:hunter2@db.internal/milmed",
    );
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let cases: Vec<(&str, Case)> = vec![
        ("happy_path_matches_in_process_bytes", || {
            Box::pin(happy_path_sqlite())
        }),
        ("happy_path_postgres", || Box::pin(happy_path_postgres())),
        ("memory_limit_fails_the_job_and_the_next_one_runs", || {
            Box::pin(memory_limit())
        }),
        ("cpu_limit", || Box::pin(cpu_limit())),
        ("wall_time_limit", || Box::pin(wall_limit())),
        ("output_limit", || Box::pin(output_limit())),
        ("cancellation_kills_the_process_within_a_second", || {
            Box::pin(cancellation())
        }),
        ("dropping_the_last_handle_stops_the_job_processes", || {
            Box::pin(drop_handle())
        }),
        ("a_worker_that_lost_its_lease_stops_its_process", || {
            Box::pin(lease_lost())
        }),
        ("restart_on_another_node_gives_identical_bytes", || {
            Box::pin(restart())
        }),
        ("two_concurrent_jobs_get_their_own_bytes", || {
            Box::pin(concurrent())
        }),
        ("retention_expires_files_and_keeps_the_job", || {
            Box::pin(retention())
        }),
        ("encrypted_job_decrypts_with_the_password", || {
            Box::pin(encrypted())
        }),
    ];
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let (mut passed, mut failed) = (0, 0);
    for (name, case) in cases {
        if filter.as_deref().is_some_and(|f| !name.contains(f)) {
            continue;
        }
        let t = Instant::now();
        let outcome = rt.block_on(async { tokio::spawn(case()).await });
        match outcome {
            Ok(()) => {
                passed += 1;
                println!("test {name} ... ok ({:.1} s)", t.elapsed().as_secs_f64());
            }
            Err(_) => {
                failed += 1;
                println!(
                    "test {name} ... FAILED ({:.1} s)",
                    t.elapsed().as_secs_f64()
                );
            }
        }
    }
    println!();
    println!(
        "test result: {}. {passed} passed; {failed} failed",
        if failed == 0 { "ok" } else { "FAILED" }
    );
    if failed > 0 {
        std::process::exit(1);
    }
}

// ---------------------------------------------------------------------------------------------

struct Env {
    _dir: tempfile::TempDir,
    root: PathBuf,
    store: Store,
    secret: Arc<SecretKey>,
}

async fn sqlite_env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_data_dir(&dir.path().join("data"), &StoreOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    env_with(dir, store)
}

fn env_with(dir: tempfile::TempDir, store: Store) -> Env {
    let root = dir.path().join("jobs");
    let secret = Arc::new(SecretKey::load_or_create(&dir.path().join("data")).unwrap());
    Env {
        _dir: dir,
        root,
        store,
        secret,
    }
}

impl Env {
    fn config(&self, node: &str, limits: Limits) -> RuntimeConfig {
        let child = ChildCommand {
            program: std::env::current_exe().unwrap(),
            args: vec!["job-run".into()],
        };
        let mut cfg = RuntimeConfig::new(node.into(), Storage::new(self.root.clone()), child);
        cfg.limits = limits;
        cfg.lease = Duration::from_millis(1500);
        cfg.heartbeat = Duration::from_millis(400);
        cfg.poll = Duration::from_millis(100);
        cfg.threads_per_job = 2;
        cfg
    }

    async fn start(&self, node: &str, limits: Limits) -> RuntimeHandle {
        Runtime::start(
            self.store.clone(),
            self.config(node, limits),
            self.secret.clone(),
        )
        .await
        .unwrap()
    }

    async fn submit(
        &self,
        scenario: &str,
        seed: u64,
        count: u64,
        formats: &[&str],
        options: JobOptions,
    ) -> Job {
        let job = NewJob {
            tenant_id: "t1".into(),
            scenario_json: scenario.to_string(),
            seed,
            patient_count: count,
            output_formats: formats.iter().map(|f| f.to_string()).collect(),
            options: options.to_value(),
            ..NewJob::default()
        };
        self.store.create_job(&job, now(), None).await.unwrap()
    }

    async fn job(&self, id: &str) -> Job {
        self.store.get_job(Scope::All, id).await.unwrap()
    }

    async fn wait_final(&self, id: &str, timeout: Duration) -> Job {
        let t = Instant::now();
        loop {
            let j = self.job(id).await;
            if j.status.is_final() {
                return j;
            }
            assert!(
                t.elapsed() < timeout,
                "job {id} still {:?} after {timeout:?}",
                j.status
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn wait_progress(&self, id: &str, timeout: Duration) -> Job {
        let t = Instant::now();
        loop {
            let j = self.job(id).await;
            if j.status == JobStatus::Running && j.progress_done > 0 {
                return j;
            }
            assert!(
                !j.status.is_final(),
                "job {id} ended early: {:?} {:?}",
                j.status,
                j.error_message
            );
            assert!(
                t.elapsed() < timeout,
                "job {id} made no progress in {timeout:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Entries of the storage root (job and attempt directories).
    fn dirs(&self) -> Vec<String> {
        let mut v: Vec<String> = match std::fs::read_dir(&self.root) {
            Ok(rd) => rd
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect(),
            Err(_) => Vec::new(),
        };
        v.sort();
        v
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// Canonical scenario JSON of a preset (or the default scenario for `None`), as the API stores.
fn scenario(preset: Option<&str>) -> String {
    let parsed = match preset {
        Some(id) => milmed_core::presets::get(id).unwrap().parse().unwrap(),
        None => parse_str("{}").unwrap(),
    };
    to_canonical_json(&parsed.scenario).to_string()
}

/// The data files of the same generation run in this process.
fn reference(
    scenario_json: &str,
    seed: u64,
    count: u64,
    formats: &[&str],
) -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let mut parsed =
        milmed_core::scenario::parse_value(&serde_json::from_str(scenario_json).unwrap()).unwrap();
    parsed.scenario.seed = seed;
    parsed.scenario.total_patients = count;
    let opts = pipeline::Options {
        formats: formats.iter().map(|f| Format::parse(f).unwrap()).collect(),
        out_dir: dir.path().to_path_buf(),
        threads: 1,
        pretty: false,
        array: false,
        fhir_transaction: false,
        warnings: parsed.warnings,
        sync: false,
        packaging: Default::default(),
    };
    let out = pipeline::run(&Generator::new(parsed.scenario), &opts, |_| {
        pipeline::Control::Continue
    })
    .unwrap();
    out.files
        .iter()
        .map(|f| {
            (
                f.name.clone(),
                std::fs::read(dir.path().join(&f.name)).unwrap(),
            )
        })
        .collect()
}

/// Checks a completed job: result recorded, files identical to `expected`, manifest and
/// summary present, no attempt directory left.
fn check_completed(env: &Env, job: &Job, expected: &BTreeMap<String, Vec<u8>>) {
    assert_eq!(
        job.status,
        JobStatus::Completed,
        "{:?} {:?}",
        job.error_code,
        job.error_message
    );
    assert_eq!(job.result_location.as_deref(), Some(job.id.as_str()));
    let result: JobResult = serde_json::from_value(job.result.clone().unwrap()).unwrap();
    let mut names: Vec<&str> = result
        .output_files
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        expected.keys().map(String::as_str).collect::<Vec<_>>()
    );
    let storage = Storage::new(env.root.clone());
    for (name, bytes) in expected {
        let (mut f, len) = storage.open_file(&job.id, name).unwrap();
        let mut got = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut got).unwrap();
        assert_eq!(len as usize, got.len());
        assert!(got == *bytes, "{name} differs from the in-process run");
    }
    for extra in ["manifest.json", "summary.json"] {
        storage.open_file(&job.id, extra).unwrap();
    }
    assert_eq!(
        result.summary["total_patients"],
        serde_json::json!(job.patient_count)
    );
    assert!(result.peak_memory_bytes.unwrap_or(0) > 0);
    assert!(
        !env.dirs().iter().any(|d| d.contains(".attempt-")),
        "attempt directories left: {:?}",
        env.dirs()
    );
}

fn limits() -> Limits {
    Limits::default()
}

/// Patients for a job that runs several seconds on a loaded machine.
const BIG: u64 = 3_000_000;

// ---------------------------------------------------------------------------------------------

async fn happy_path(env: Env) {
    let rt = env.start("node-a", limits()).await;
    let sc = scenario(None);
    let job = env
        .submit(&sc, 7, 2_000, &["json", "csv"], JobOptions::default())
        .await;
    let done = env.wait_final(&job.id, Duration::from_secs(60)).await;
    check_completed(&env, &done, &reference(&sc, 7, 2_000, &["json", "csv"]));
    let status = rt.status();
    assert!(status.running && status.slots == 2 && status.last_heartbeat_ms.is_some());
    let events: Vec<_> = env
        .store
        .job_events(Scope::All, &job.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.to_status)
        .collect();
    assert_eq!(
        events,
        vec![JobStatus::Queued, JobStatus::Running, JobStatus::Completed]
    );
    rt.shutdown().await;
    assert!(!rt.status().running);
    env.store.close().await;
}

async fn happy_path_sqlite() {
    happy_path(sqlite_env().await).await
}

async fn happy_path_postgres() {
    use sqlx::Connection;
    let base = std::env::var("MILMED_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
    let name = format!(
        "milmed_jobs_test_{}_{}",
        std::process::id(),
        now() % 1_000_000
    );
    let mut admin = sqlx::PgConnection::connect(&format!("{base}/postgres"))
        .await
        .expect("PostgreSQL is required for this test");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    let store = Store::open(&format!("{base}/{name}")).await.unwrap();
    store.migrate().await.unwrap();
    let outcome = tokio::spawn(happy_path(env_with(tempfile::tempdir().unwrap(), store))).await;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&mut admin)
        .await
        .unwrap();
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

async fn memory_limit() {
    let env = sqlite_env().await;
    let small = Limits {
        memory_bytes: 48 << 20,
        ..limits()
    };
    let rt = env.start("node-a", small).await;
    let sc = scenario(None);
    // Argon2id's default needs 64 MiB in one allocation: more than the whole limit.
    let sealed = env.secret.seal(b"exercise password").unwrap();
    let enc = JobOptions {
        encryption: Some(sealed),
        ..JobOptions::default()
    };
    let heavy = env.submit(&sc, 1, 100, &["ndjson"], enc).await;
    let light = env
        .submit(&sc, 2, 500, &["ndjson"], JobOptions::default())
        .await;
    let heavy = env.wait_final(&heavy.id, Duration::from_secs(60)).await;
    assert_eq!(heavy.status, JobStatus::Failed);
    assert_eq!(
        heavy.error_code.as_deref(),
        Some(codes::MEMORY_LIMIT_EXCEEDED),
        "{:?}",
        heavy.error_message
    );
    let light = env.wait_final(&light.id, Duration::from_secs(60)).await;
    check_completed(&env, &light, &reference(&sc, 2, 500, &["ndjson"]));
    assert!(
        env.dirs().iter().all(|d| d == &light.id),
        "{:?}",
        env.dirs()
    );
    rt.shutdown().await;
}

async fn failing_limit(l: Limits, count: u64, formats: &[&str], code: &str) {
    let env = sqlite_env().await;
    let rt = env.start("node-a", l).await;
    let job = env
        .submit(&scenario(None), 3, count, formats, JobOptions::default())
        .await;
    let t = Instant::now();
    let j = env.wait_final(&job.id, Duration::from_secs(60)).await;
    assert_eq!(j.status, JobStatus::Failed);
    assert_eq!(j.error_code.as_deref(), Some(code), "{:?}", j.error_message);
    let message = j.error_message.unwrap_or_default();
    assert!(!message.contains(env.root.to_str().unwrap()), "{message}");
    println!(
        "  {code}: {message} after {:.1} s",
        t.elapsed().as_secs_f64()
    );
    assert!(env.dirs().is_empty(), "{:?}", env.dirs());
    rt.shutdown().await;
}

async fn cpu_limit() {
    failing_limit(
        Limits {
            cpu_seconds: 1,
            ..limits()
        },
        BIG,
        &["ndjson"],
        codes::CPU_LIMIT_EXCEEDED,
    )
    .await
}

async fn wall_limit() {
    failing_limit(
        Limits {
            wall: Duration::from_secs(1),
            ..limits()
        },
        BIG,
        &["ndjson"],
        codes::TIMEOUT,
    )
    .await
}

async fn output_limit() {
    failing_limit(
        Limits {
            output_bytes: 256 * 1024,
            ..limits()
        },
        BIG,
        &["ndjson"],
        codes::OUTPUT_LIMIT_EXCEEDED,
    )
    .await
}

fn process_exists(pid: u32) -> bool {
    // A zombie is gone for our purpose: it runs nothing any more.
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(s) => !s
            .rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z'),
        Err(_) => false,
    }
}

/// The nice value (field 19 of `stat`) of every thread of process `pid`.
fn thread_nices(pid: u32) -> Vec<i32> {
    let mut nices = Vec::new();
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return nices;
    };
    for t in tasks.flatten() {
        let path = t.path().join("stat");
        let Ok(stat) = std::fs::read_to_string(path) else {
            continue;
        };
        // After the command name in parentheses: state is field 3, nice field 19.
        if let Some(rest) = stat.rsplit_once(") ").map(|(_, r)| r) {
            if let Some(n) = rest.split(' ').nth(16).and_then(|n| n.parse().ok()) {
                nices.push(n);
            }
        }
    }
    nices
}

/// The pid of the running job process of this test: the child of this process started with
/// `job-run`.
fn job_pids() -> Vec<u32> {
    let me = std::process::id();
    let mut pids = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        let fields: Vec<&str> = stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect();
        if fields.get(1).and_then(|p| p.parse::<u32>().ok()) == Some(me) && process_exists(pid) {
            if let Ok(cmd) = std::fs::read(format!("/proc/{pid}/cmdline")) {
                if cmd.split(|b| *b == 0).any(|a| a == b"job-run") {
                    pids.push(pid);
                }
            }
        }
    }
    pids
}

async fn cancellation() {
    let env = sqlite_env().await;
    let rt = env.start("node-a", limits()).await;
    let job = env
        .submit(
            &scenario(None),
            4,
            BIG,
            &["ndjson", "csv"],
            JobOptions::default(),
        )
        .await;
    env.wait_progress(&job.id, Duration::from_secs(60)).await;
    let pids = job_pids();
    assert_eq!(pids.len(), 1, "{pids:?}");
    assert!(!env.dirs().is_empty());
    // Neither the server's secrets nor anything else beyond the allow-list reach the job.
    let environ = std::fs::read(format!("/proc/{}/environ", pids[0])).unwrap();
    let vars: Vec<String> = environ
        .split(|b| *b == 0)
        .filter(|v| !v.is_empty())
        .map(|v| String::from_utf8_lossy(v).into_owned())
        .collect();
    assert!(vars.contains(&"MALLOC_ARENA_MAX=2".to_string()), "{vars:?}");
    assert!(!vars.iter().any(|v| v.contains("hunter2")), "{vars:?}");
    // The job runs at the lower priority of the configuration (the default), its threads too.
    let nices = thread_nices(pids[0]);
    assert!(!nices.is_empty());
    assert!(
        nices.iter().all(|n| *n == milmed_jobs::DEFAULT_NICE),
        "nice of the job's threads: {nices:?}"
    );
    env.store
        .cancel_job(Scope::Tenant("t1"), &job.id, now())
        .await
        .unwrap();
    let t = Instant::now();
    while process_exists(pids[0]) {
        assert!(
            t.elapsed() < Duration::from_secs(1),
            "job process still alive after 1 s"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    println!(
        "  job process gone {:.0} ms after the cancellation",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let j = env.wait_final(&job.id, Duration::from_secs(5)).await;
    assert_eq!(j.status, JobStatus::Cancelled);
    assert!(env.dirs().is_empty(), "{:?}", env.dirs());
    rt.shutdown().await;
}

async fn drop_handle() {
    let env = sqlite_env().await;
    let rt = env.start("node-a", limits()).await;
    let job = env
        .submit(&scenario(None), 9, BIG, &["ndjson"], JobOptions::default())
        .await;
    env.wait_progress(&job.id, Duration::from_secs(60)).await;
    assert_eq!(job_pids().len(), 1);
    let copy = rt.clone();
    drop(rt);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(job_pids().len(), 1, "a clone keeps the runtime going");
    drop(copy);
    let t = Instant::now();
    while !job_pids().is_empty() {
        assert!(
            t.elapsed() < Duration::from_secs(2),
            "job process still alive"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Left to lease recovery, like a shutdown.
    assert_eq!(env.job(&job.id).await.status, JobStatus::Running);
}

async fn lease_lost() {
    let env = sqlite_env().await;
    let rt = env.start("node-a", limits()).await;
    let job = env
        .submit(&scenario(None), 10, BIG, &["ndjson"], JobOptions::default())
        .await;
    env.wait_progress(&job.id, Duration::from_secs(60)).await;
    let pids = job_pids();
    assert_eq!(pids.len(), 1);
    // As another node sees it after a network partition longer than the lease: the lease has
    // expired, the job is requeued and claimed by someone else.
    let far = now() + 3_600_000;
    let r = env.store.recover_expired_leases(far).await.unwrap();
    assert_eq!(r.requeued, vec![job.id.clone()]);
    let other = env
        .store
        .claim_job("intruder/0", now(), 3_600_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(other.id, job.id);
    std::fs::create_dir_all(env.root.join(format!("{}.attempt-2", job.id))).unwrap();
    let t = Instant::now();
    while process_exists(pids[0]) {
        assert!(
            t.elapsed() < Duration::from_secs(2),
            "job process still alive"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    // The new owner's job and attempt directory are untouched; the old attempt is gone.
    let j = env.job(&job.id).await;
    assert_eq!(j.status, JobStatus::Running);
    assert_eq!(j.lease_owner.as_deref(), Some("intruder/0"));
    assert_eq!(env.dirs(), vec![format!("{}.attempt-2", job.id)]);
    rt.shutdown().await;
}

async fn restart() {
    let env = sqlite_env().await;
    let count = 60_000;
    let sc = scenario(Some("urban_assault"));
    let a = env.start("node-a", limits()).await;
    let job = env
        .submit(&sc, 5, count, &["ndjson", "csv"], JobOptions::default())
        .await;
    env.wait_progress(&job.id, Duration::from_secs(60)).await;
    a.shutdown().await;
    assert!(job_pids().is_empty(), "shutdown leaves no job process");
    let left = env.job(&job.id).await;
    assert_eq!(left.status, JobStatus::Running, "left to lease recovery");
    assert_eq!(left.attempts, 1);
    let b = env.start("node-b", limits()).await;
    let done = env.wait_final(&job.id, Duration::from_secs(90)).await;
    assert_eq!(done.attempts, 2);
    check_completed(&env, &done, &reference(&sc, 5, count, &["ndjson", "csv"]));
    let reasons: Vec<String> = env
        .store
        .job_events(Scope::All, &job.id)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|e| e.reason)
        .collect();
    assert!(reasons.iter().any(|r| r.contains("node-b")), "{reasons:?}");
    b.shutdown().await;
}

async fn concurrent() {
    let env = sqlite_env().await;
    let s1 = scenario(Some("peacekeeping"));
    let s2 = scenario(Some("mass_casualty"));
    let j1 = env
        .submit(&s1, 11, 20_000, &["ndjson"], JobOptions::default())
        .await;
    let j2 = env
        .submit(&s2, 12, 20_000, &["ndjson"], JobOptions::default())
        .await;
    // Both are queued before the node starts, so its two slots claim one each at once.
    let rt = env.start("node-a", limits()).await;
    let d1 = env.wait_final(&j1.id, Duration::from_secs(90)).await;
    let d2 = env.wait_final(&j2.id, Duration::from_secs(90)).await;
    // Both ran at once (two slots): each started before the other finished. Read from the
    // jobs' own times rather than by polling the runtime, which a fast machine can finish
    // both jobs between two polls of.
    let span = |j: &Job| (j.started_at.unwrap(), j.finished_at.unwrap());
    let ((s1_at, f1_at), (s2_at, f2_at)) = (span(&d1), span(&d2));
    assert!(
        s1_at < f2_at && s2_at < f1_at,
        "the jobs ran one after the other: {s1_at}–{f1_at} and {s2_at}–{f2_at}"
    );
    check_completed(&env, &d1, &reference(&s1, 11, 20_000, &["ndjson"]));
    check_completed(&env, &d2, &reference(&s2, 12, 20_000, &["ndjson"]));
    rt.shutdown().await;
}

async fn retention() {
    let env = sqlite_env().await;
    // First a normal runtime completes a job; then one with zero retention sweeps it.
    let rt = env.start("node-a", limits()).await;
    let job = env
        .submit(&scenario(None), 6, 100, &["json"], JobOptions::default())
        .await;
    let done = env.wait_final(&job.id, Duration::from_secs(60)).await;
    assert_eq!(done.status, JobStatus::Completed);
    assert!(Storage::new(env.root.clone())
        .job_dir(&job.id)
        .unwrap()
        .is_dir());
    rt.shutdown().await;
    let mut cfg = env.config("node-a", limits());
    cfg.retention = Duration::ZERO;
    cfg.sweep_every = Duration::from_millis(200);
    tokio::time::sleep(Duration::from_millis(5)).await;
    let rt = Runtime::start(env.store.clone(), cfg, env.secret.clone())
        .await
        .unwrap();
    let t = Instant::now();
    let j = loop {
        let j = env.job(&job.id).await;
        if j.files_expired_at.is_some() {
            break j;
        }
        assert!(t.elapsed() < Duration::from_secs(10), "not expired");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(j.status, JobStatus::Completed, "the job stays");
    assert!(env.dirs().is_empty(), "{:?}", env.dirs());
    assert!(matches!(
        Storage::new(env.root.clone()).open_file(&job.id, "patients.json"),
        Err(milmed_jobs::JobsError::NotFound)
    ));
    rt.shutdown().await;
}

async fn encrypted() {
    let env = sqlite_env().await;
    let rt = env.start("node-a", limits()).await;
    let sealed = env.secret.seal(b"exercise password").unwrap();
    let opts = JobOptions {
        encryption: Some(sealed),
        kdf: Some("pbkdf2".into()),
        compression: Some("gzip".into()),
        ..JobOptions::default()
    };
    assert!(!opts.to_value().to_string().contains("exercise password"));
    let sc = scenario(None);
    let job = env.submit(&sc, 8, 300, &["ndjson"], opts).await;
    let done = env.wait_final(&job.id, Duration::from_secs(60)).await;
    assert_eq!(
        done.status,
        JobStatus::Completed,
        "{:?}",
        done.error_message
    );
    let dir = Storage::new(env.root.clone()).job_dir(&job.id).unwrap();
    let out = tempfile::tempdir().unwrap();
    let plain = out.path().join("p.ndjson.gz");
    let pw = milmed_package::Password::new(b"exercise password".to_vec()).unwrap();
    milmed_package::decrypt_file(&dir.join("patients.ndjson.gz.enc"), &plain, &pw).unwrap();
    let mut text = Vec::new();
    std::io::Read::read_to_end(&mut flate2_free_gunzip(&plain), &mut text).unwrap();
    let expected = reference(&sc, 8, 300, &["ndjson"]);
    assert!(text == expected["patients.ndjson"]);
    rt.shutdown().await;
}

/// gunzip through the system tool (multi-member gzip), sparing a dev-dependency.
fn flate2_free_gunzip(path: &Path) -> std::io::Cursor<Vec<u8>> {
    let out = std::process::Command::new("gzip")
        .arg("-dc")
        .arg(path)
        .output()
        .unwrap();
    assert!(out.status.success());
    std::io::Cursor::new(out.stdout)
}
