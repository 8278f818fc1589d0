//! Prometheus metrics: the exporter, the catalogue of metric names, the HTTP request metrics and
//! the process gauges refreshed at scrape time.
//!
//! Every part of the program records through the `metrics` facade (`counter!`, `histogram!`,
//! `gauge!`); [`Metrics::install`] installs the Prometheus recorder behind it once per process,
//! and [`Metrics::render`] produces the text exposition for `GET /metrics`. The names, types and
//! labels in [`CATALOG`] are a contract (docs/metrics.md): dashboards and alert rules read them.

use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use metrics::{counter, gauge, histogram, Unit};
use metrics_exporter_prometheus::{BuildError, Matcher, PrometheusBuilder, PrometheusHandle};

/// Kind of a metric, as in the exposition's `# TYPE` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Monotonic counter (`_total`).
    Counter,
    /// Value that goes up and down.
    Gauge,
    /// Histogram with cumulative buckets, `_sum` and `_count`.
    Histogram,
}

impl Kind {
    /// The word used in the `# TYPE` line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Counter => "counter",
            Kind::Gauge => "gauge",
            Kind::Histogram => "histogram",
        }
    }
}

/// One metric of the catalogue.
#[derive(Debug, Clone, Copy)]
pub struct MetricInfo {
    /// Exported name.
    pub name: &'static str,
    /// Type.
    pub kind: Kind,
    /// Label names (each with a bounded set of values).
    pub labels: &'static [&'static str],
    /// Unit, for the description.
    pub unit: Option<Unit>,
    /// The `# HELP` text.
    pub help: &'static str,
}

const fn m(
    name: &'static str,
    kind: Kind,
    labels: &'static [&'static str],
    unit: Option<Unit>,
    help: &'static str,
) -> MetricInfo {
    MetricInfo {
        name,
        kind,
        labels,
        unit,
        help,
    }
}

/// Every metric the server exports: the spec's contract table first, then the operator
/// metrics. Some are recorded by this crate, the others by the job runtime through the same
/// facade; all are described here so `# HELP` and `# TYPE` are right and each name is present
/// in the output before its first event.
#[rustfmt::skip]
pub const CATALOG: &[MetricInfo] = &[
    m("patients_generated_total", Kind::Counter, &["format"], Some(Unit::Count),
      "Patients actually written, by output format."),
    m("patient_generation_duration_seconds", Kind::Histogram, &["format"], Some(Unit::Seconds),
      "Generation time of one job, by output format."),
    m("patient_generation_errors_total", Kind::Counter, &["error_type"], Some(Unit::Count),
      "Failed generations, by cause."),
    m("process_memory_usage_bytes", Kind::Gauge, &["type"], Some(Unit::Bytes),
      "Server process memory (type=rss, vms) and free system memory (type=available)."),
    m("process_cpu_usage_percent", Kind::Gauge, &[], Some(Unit::Percent),
      "Server process CPU use since the previous scrape, in percent of one core."),
    m("db_connections_active", Kind::Gauge, &[], Some(Unit::Count),
      "Open database connections in use."),
    m("job_execution_seconds", Kind::Histogram, &["job_type"], Some(Unit::Seconds),
      "Wall time of jobs, by job type."),
    m("job_queue_size", Kind::Gauge, &["status"], Some(Unit::Count),
      "Jobs by status."),
    m("job_status_changes_total", Kind::Counter, &["from_status", "to_status"], Some(Unit::Count),
      "Job status transitions."),
    m("api_requests_total", Kind::Counter, &["method", "endpoint", "status"], Some(Unit::Count),
      "HTTP requests by method, matched route template and status code."),
    m("api_request_duration_seconds", Kind::Histogram, &["endpoint", "method"], Some(Unit::Seconds),
      "HTTP request latency until the response head, by matched route template and method."),
    m("job_peak_memory_bytes", Kind::Histogram, &[], Some(Unit::Bytes),
      "Peak memory of each finished job."),
    m("worker_heartbeats_total", Kind::Counter, &[], Some(Unit::Count),
      "Heartbeats sent by job workers."),
    m("worker_active_jobs", Kind::Gauge, &[], Some(Unit::Count),
      "Jobs this node's workers are running now."),
    m("api_rate_limited_total", Kind::Counter, &["reason"], Some(Unit::Count),
      "Requests refused by rate limits or quotas, by reason."),
    m("api_auth_failures_total", Kind::Counter, &["reason"], Some(Unit::Count),
      "Requests refused by authentication or authorisation, by reason."),
];

/// Job statuses, the values of `job_queue_size{status}`.
pub const JOB_STATUSES: [&str; 5] = ["queued", "running", "completed", "failed", "cancelled"];

/// Values of `api_rate_limited_total{reason}` (anything else is counted as `other`).
pub const RATE_LIMIT_REASONS: [&str; 5] = [
    "rate_minute",
    "rate_day",
    "quota_patients",
    "quota_jobs",
    "concurrent",
];

/// Values of `api_auth_failures_total{reason}` (anything else is counted as `other`):
/// no key sent, a key that is unknown, revoked or expired, a valid key without the right.
pub const AUTH_FAILURE_REASONS: [&str; 3] = ["missing_key", "invalid_key", "forbidden"];

/// Buckets of `patient_generation_duration_seconds`.
pub const GENERATION_BUCKETS: &[f64] = &[
    0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0,
];
/// Buckets of `job_execution_seconds` (the default wall-time limit is 600 s).
pub const JOB_BUCKETS: &[f64] = &[
    0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0,
];
/// Buckets of `api_request_duration_seconds`.
pub const REQUEST_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// Buckets of `job_peak_memory_bytes`: 16 MiB to 4 GiB (the default job limit is 512 MB).
pub const PEAK_MEMORY_BUCKETS: &[f64] = &[
    16777216.0,
    33554432.0,
    67108864.0,
    134217728.0,
    268435456.0,
    536870912.0,
    1073741824.0,
    2147483648.0,
    4294967296.0,
];
/// Buckets of any other histogram, so nothing is rendered as a summary (Prometheus' defaults).
pub const DEFAULT_BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// Label used for `endpoint` when no route matched (404s), so raw paths never become labels.
pub const UNMATCHED: &str = "unmatched";

/// Installing the recorder failed.
#[derive(Debug, thiserror::Error)]
pub enum MetricsError {
    /// The exporter refused its configuration, or another recorder was already installed.
    #[error("installing the Prometheus recorder: {0}")]
    Install(#[from] BuildError),
}

/// Values read from the store just before a scrape.
#[derive(Debug, Clone, Default)]
pub struct ScrapeSnapshot {
    /// Jobs per status, e.g. `("queued", 3)`; statuses left out keep their previous value.
    pub queue_by_status: Vec<(&'static str, u64)>,
    /// Database connections in use.
    pub db_connections_active: u64,
}

/// The installed Prometheus recorder. Cheap to clone; every clone renders the same metrics.
#[derive(Clone)]
pub struct Metrics {
    handle: PrometheusHandle,
    cpu: Arc<Mutex<CpuSample>>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

static INSTALLED: Mutex<Option<Metrics>> = Mutex::new(None);

impl Metrics {
    /// Installs the Prometheus recorder as the process's global `metrics` recorder, describes
    /// every metric of [`CATALOG`] and sets the bounded label sets to zero. The first call
    /// installs; later calls return a handle to the same recorder, so several servers (or
    /// tests) in one process share it.
    ///
    /// # Errors
    ///
    /// When another `metrics` recorder was installed first.
    pub fn install() -> Result<Metrics, MetricsError> {
        let mut slot = INSTALLED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(m) = slot.as_ref() {
            return Ok(m.clone());
        }
        let handle = PrometheusBuilder::new()
            .set_buckets(DEFAULT_BUCKETS)?
            .set_buckets_for_metric(
                Matcher::Full("patient_generation_duration_seconds".into()),
                GENERATION_BUCKETS,
            )?
            .set_buckets_for_metric(Matcher::Full("job_execution_seconds".into()), JOB_BUCKETS)?
            .set_buckets_for_metric(
                Matcher::Full("api_request_duration_seconds".into()),
                REQUEST_BUCKETS,
            )?
            .set_buckets_for_metric(
                Matcher::Full("job_peak_memory_bytes".into()),
                PEAK_MEMORY_BUCKETS,
            )?
            .install_recorder()?;
        describe_all();
        zero_bounded_series();
        spawn_upkeep(handle.clone());
        let metrics = Metrics {
            handle,
            cpu: Arc::new(Mutex::new(CpuSample::now())),
        };
        *slot = Some(metrics.clone());
        Ok(metrics)
    }

    /// Refreshes the process gauges and the values of `snapshot`, then renders every metric in
    /// the Prometheus text exposition format (version 0.0.4). Concurrent calls are serialised,
    /// so each output carries its own snapshot's values.
    pub fn render(&self, snapshot: &ScrapeSnapshot) -> String {
        let mut cpu = self.cpu.lock().unwrap_or_else(|e| e.into_inner());
        refresh_memory();
        refresh_cpu(&mut cpu);
        for &(status, n) in &snapshot.queue_by_status {
            gauge!("job_queue_size", "status" => status).set(n as f64);
        }
        gauge!("db_connections_active").set(snapshot.db_connections_active as f64);
        let mut text = self.handle.render();
        append_missing_descriptions(&mut text);
        text
    }
}

/// Sets `process_cpu_usage_percent` from the CPU time used since the previous sample.
fn refresh_cpu(prev: &mut CpuSample) {
    let now = CpuSample::now();
    if let (Some(cpu_now), Some(cpu_prev)) = (now.cpu_seconds, prev.cpu_seconds) {
        let wall = now.at.duration_since(prev.at).as_secs_f64();
        // Below 10 ms of wall time the tick resolution makes the ratio meaningless; keep the
        // previous value and the previous sample.
        if wall < 0.01 {
            return;
        }
        let percent = ((cpu_now - cpu_prev).max(0.0) / wall) * 100.0;
        gauge!("process_cpu_usage_percent").set(percent);
    }
    *prev = now;
}

fn describe_all() {
    for info in CATALOG {
        let (name, help) = (info.name, info.help);
        match (info.kind, info.unit) {
            (Kind::Counter, Some(u)) => metrics::describe_counter!(name, u, help),
            (Kind::Counter, None) => metrics::describe_counter!(name, help),
            (Kind::Gauge, Some(u)) => metrics::describe_gauge!(name, u, help),
            (Kind::Gauge, None) => metrics::describe_gauge!(name, help),
            (Kind::Histogram, Some(u)) => metrics::describe_histogram!(name, u, help),
            (Kind::Histogram, None) => metrics::describe_histogram!(name, help),
        }
    }
}

/// Puts every series with a known, bounded label set in the output at zero, so `rate()` sees
/// the first event and dashboards show zeros instead of "no data".
fn zero_bounded_series() {
    for status in JOB_STATUSES {
        gauge!("job_queue_size", "status" => status).set(0.0);
    }
    gauge!("db_connections_active").set(0.0);
    for reason in RATE_LIMIT_REASONS {
        counter!("api_rate_limited_total", "reason" => reason).absolute(0);
    }
    for reason in AUTH_FAILURE_REASONS {
        counter!("api_auth_failures_total", "reason" => reason).absolute(0);
    }
    counter!("worker_heartbeats_total").absolute(0);
    gauge!("worker_active_jobs").set(0.0);
    refresh_memory();
    gauge!("process_cpu_usage_percent").set(0.0);
}

/// Drains histogram samples every few seconds even when nobody scrapes, so memory stays flat.
fn spawn_upkeep(handle: PrometheusHandle) {
    let spawned = std::thread::Builder::new()
        .name("metrics-upkeep".into())
        .spawn(move || loop {
            std::thread::sleep(Duration::from_secs(5));
            handle.run_upkeep();
        });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "metrics upkeep thread not started; histograms drain at scrape");
    }
}

/// Adds `# HELP` and `# TYPE` for catalogue metrics without any series yet (e.g. a histogram
/// before its first observation, a counter whose labels are not known in advance), so every
/// name of the contract is in the output from the start. Metadata without samples is valid
/// exposition.
fn append_missing_descriptions(text: &mut String) {
    for info in CATALOG {
        let type_line = format!("# TYPE {} ", info.name);
        if !text.contains(&type_line) {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&format!(
                "# HELP {} {}\n# TYPE {} {}\n\n",
                info.name,
                info.help,
                info.name,
                info.kind.as_str()
            ));
        }
    }
}

/// Counts a request refused by a rate limit or quota. `reason` is one of
/// [`RATE_LIMIT_REASONS`]; any other value is counted as `other` to keep the label bounded.
pub fn rate_limited(reason: &'static str) {
    let reason = if RATE_LIMIT_REASONS.contains(&reason) {
        reason
    } else {
        "other"
    };
    counter!("api_rate_limited_total", "reason" => reason).increment(1);
}

/// Counts a request refused by authentication or authorisation. `reason` is one of
/// [`AUTH_FAILURE_REASONS`]; any other value is counted as `other`.
pub fn auth_failed(reason: &'static str) {
    let reason = if AUTH_FAILURE_REASONS.contains(&reason) {
        reason
    } else {
        "other"
    };
    counter!("api_auth_failures_total", "reason" => reason).increment(1);
}

// ---------------------------------------------------------------------------------------------
// HTTP request metrics

/// Where the inner routing layer leaves the matched route template for [`track_requests`].
#[derive(Clone, Default)]
struct EndpointSlot(Arc<OnceLock<String>>);

/// Records `api_requests_total{method,endpoint,status}` and
/// `api_request_duration_seconds{endpoint,method}` for every request.
///
/// `endpoint` is the matched route template (`/api/v1/presets/{id}`), never the raw path; a
/// request no route matched is labelled [`UNMATCHED`]. Put it outermost, so the status is the
/// one the client gets (after the error envelope, a caught panic, a 413). Where routing happens
/// further in (behind a fallback service, as in this crate's router), the routes must also get
/// [`layer_routes`], which hands the template out; used directly as a layer of a `Router`, the
/// template is read from the request.
pub async fn track_requests(mut req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = method_label(req.method());
    let known = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned());
    let slot = EndpointSlot::default();
    req.extensions_mut().insert(slot.clone());
    let res = next.run(req).await;
    let endpoint = known
        .or_else(|| slot.0.get().cloned())
        .unwrap_or_else(|| UNMATCHED.to_owned());
    let status = res.status().as_u16().to_string();
    counter!("api_requests_total", "method" => method, "endpoint" => endpoint.clone(), "status" => status)
        .increment(1);
    histogram!("api_request_duration_seconds", "endpoint" => endpoint, "method" => method)
        .record(start.elapsed().as_secs_f64());
    res
}

/// Hands the matched route template to an outer [`track_requests`].
async fn report_endpoint(req: Request, next: Next) -> Response {
    if let (Some(path), Some(slot)) = (
        req.extensions().get::<MatchedPath>(),
        req.extensions().get::<EndpointSlot>(),
    ) {
        let _ = slot.0.set(path.as_str().to_owned());
    }
    next.run(req).await
}

/// Adds the layer that tells an outer [`track_requests`] which route template matched. Apply
/// it to the `Router` that holds the routes (only there is the template known).
pub fn layer_routes(router: Router) -> Router {
    router.layer(axum::middleware::from_fn(report_endpoint))
}

/// The method as a label: the standard methods by name, anything else `OTHER`.
fn method_label(m: &Method) -> &'static str {
    match *m {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        Method::CONNECT => "CONNECT",
        Method::TRACE => "TRACE",
        _ => "OTHER",
    }
}

// ---------------------------------------------------------------------------------------------
// Process gauges (Linux /proc; elsewhere they keep their previous value)

fn refresh_memory() {
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        if let Some(kb) = kib_field(&status, "VmRSS:") {
            gauge!("process_memory_usage_bytes", "type" => "rss").set((kb * 1024) as f64);
        }
        if let Some(kb) = kib_field(&status, "VmSize:") {
            gauge!("process_memory_usage_bytes", "type" => "vms").set((kb * 1024) as f64);
        }
    }
    if let Ok(meminfo) = std::fs::read_to_string("/proc/meminfo") {
        if let Some(kb) = kib_field(&meminfo, "MemAvailable:") {
            gauge!("process_memory_usage_bytes", "type" => "available").set((kb * 1024) as f64);
        }
    }
}

/// The value of a `Key:   1234 kB` line of a /proc file.
fn kib_field(text: &str, key: &str) -> Option<u64> {
    text.lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
}

#[derive(Debug, Clone, Copy)]
struct CpuSample {
    at: Instant,
    /// User plus system CPU time of the process so far, when readable.
    cpu_seconds: Option<f64>,
}

impl CpuSample {
    fn now() -> CpuSample {
        CpuSample {
            cpu_seconds: std::fs::read_to_string("/proc/self/stat")
                .ok()
                .and_then(|s| cpu_ticks(&s))
                .map(|ticks| ticks as f64 / clock_ticks_per_second() as f64),
            at: Instant::now(),
        }
    }
}

/// utime + stime (fields 14 and 15) of a /proc/PID/stat line, in clock ticks. The command name
/// (field 2) may hold spaces and parentheses, so fields are counted after its last `)`.
fn cpu_ticks(stat: &str) -> Option<u64> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace();
    // After ")": field 3 (state) is index 0, so utime (14) is index 11 and stime (15) index 12.
    let utime: u64 = fields.nth(11)?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(utime + stime)
}

/// `sysconf(_SC_CLK_TCK)` without unsafe code: the kernel passes it in the auxiliary vector
/// (`AT_CLKTCK`), readable from /proc/self/auxv; 100 (USER_HZ on every current architecture)
/// when that cannot be read.
fn clock_ticks_per_second() -> u64 {
    static TICKS: OnceLock<u64> = OnceLock::new();
    *TICKS.get_or_init(|| {
        std::fs::read("/proc/self/auxv")
            .ok()
            .and_then(|auxv| auxv_value(&auxv, AT_CLKTCK))
            .filter(|&t| t > 0)
            .unwrap_or(100)
    })
}

/// `AT_CLKTCK` of `<elf.h>`.
const AT_CLKTCK: u64 = 17;

/// The value of `key` in an auxiliary vector: native-endian (key, value) word pairs ending with
/// key 0.
fn auxv_value(auxv: &[u8], key: u64) -> Option<u64> {
    const W: usize = std::mem::size_of::<usize>();
    let word = |b: &[u8]| -> Option<u64> {
        let arr: [u8; W] = b.try_into().ok()?;
        Some(usize::from_ne_bytes(arr) as u64)
    };
    for pair in auxv.chunks_exact(2 * W) {
        let k = word(&pair[..W])?;
        if k == 0 {
            break;
        }
        if k == key {
            return word(&pair[W..]);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use tower::ServiceExt;

    #[test]
    fn proc_parsers() {
        let stat = "1234 (my (odd) prog) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 1 0";
        assert_eq!(cpu_ticks(stat), Some(300));
        assert_eq!(cpu_ticks("garbage"), None);
        let status = "Name:\tx\nVmSize:\t  123456 kB\nVmRSS:\t    2048 kB\n";
        assert_eq!(kib_field(status, "VmRSS:"), Some(2048));
        assert_eq!(kib_field(status, "VmSize:"), Some(123456));
        assert_eq!(kib_field(status, "MemAvailable:"), None);
        let mut auxv = Vec::new();
        for (k, v) in [(6usize, 4096usize), (17, 100), (0, 0)] {
            auxv.extend_from_slice(&k.to_ne_bytes());
            auxv.extend_from_slice(&v.to_ne_bytes());
        }
        assert_eq!(auxv_value(&auxv, 17), Some(100));
        assert_eq!(auxv_value(&auxv, 99), None);
        #[cfg(target_os = "linux")]
        assert!(clock_ticks_per_second() >= 100);
    }

    #[test]
    fn odd_methods_and_reasons_stay_bounded() {
        assert_eq!(method_label(&Method::GET), "GET");
        assert_eq!(
            method_label(&Method::from_bytes(b"BREW").unwrap_or(Method::GET)),
            "OTHER"
        );
        let metrics = Metrics::install().unwrap();
        rate_limited("something_new");
        auth_failed("missing_key");
        let text = metrics.render(&ScrapeSnapshot::default());
        assert!(text.contains(r#"api_rate_limited_total{reason="other"}"#));
        assert!(text.contains(r#"api_auth_failures_total{reason="missing_key"}"#));
    }

    async fn hit(app: &Router, method: Method, uri: &str) -> StatusCode {
        let req = Request::builder()
            .method(method)
            .uri(uri)
            .body(Body::empty())
            .unwrap();
        app.clone().oneshot(req).await.unwrap().status()
    }

    /// Through the crate's real layering (routes behind the trailing-slash layer inside a
    /// fallback service), the endpoint label is the route template.
    #[tokio::test]
    async fn endpoint_label_is_the_route_template() {
        async fn ok() -> &'static str {
            "ok"
        }
        async fn boom() -> &'static str {
            panic!("boom")
        }
        let metrics = Metrics::install().unwrap();
        let app = crate::wrap(
            Router::new()
                .route("/mtest/things/{id}/parts/{part}", get(ok))
                .route("/mtest/boom/{id}", get(boom))
                .fallback(|| async { StatusCode::NOT_FOUND }),
            &crate::ApiConfig::default(),
        );
        assert_eq!(
            hit(&app, Method::GET, "/mtest/things/42/parts/x/").await,
            StatusCode::OK
        );
        assert_eq!(
            hit(&app, Method::GET, "/mtest/things/7/parts/y").await,
            StatusCode::OK
        );
        assert_eq!(
            hit(&app, Method::POST, "/mtest/things/7/parts/y").await,
            StatusCode::METHOD_NOT_ALLOWED
        );
        assert_eq!(
            hit(&app, Method::GET, "/mtest/boom/1").await,
            StatusCode::INTERNAL_SERVER_ERROR
        );
        assert_eq!(
            hit(&app, Method::GET, "/mtest/nothing/here").await,
            StatusCode::NOT_FOUND
        );
        let text = metrics.render(&ScrapeSnapshot::default());
        let t = "/mtest/things/{id}/parts/{part}";
        let ok_line = format!(r#"api_requests_total{{method="GET",endpoint="{t}",status="200"}} "#);
        let count = text
            .lines()
            .find_map(|l| l.strip_prefix(ok_line.as_str()))
            .unwrap_or_else(|| panic!("no {ok_line} in\n{text}"));
        assert_eq!(count, "2");
        assert!(text.contains(&format!(
            r#"api_requests_total{{method="POST",endpoint="{t}",status="405"}} 1"#
        )));
        assert!(text.contains(
            r#"api_requests_total{method="GET",endpoint="/mtest/boom/{id}",status="500"} 1"#
        ));
        assert!(text.contains(&format!(
            r#"api_request_duration_seconds_count{{endpoint="{t}",method="GET"}} 2"#
        )));
        assert!(!text.contains("/mtest/things/42"), "raw path leaked");
        assert!(!text.contains("/mtest/nothing"), "raw path leaked");
        assert!(text.contains(r#"endpoint="unmatched",status="404""#));
    }

    /// `track_requests` used directly as a layer of a plain `Router` reads the template too.
    #[tokio::test]
    async fn track_requests_alone_on_a_router() {
        async fn ok() -> &'static str {
            "ok"
        }
        let metrics = Metrics::install().unwrap();
        let app = Router::new()
            .route("/solo/{id}", get(ok))
            .layer(axum::middleware::from_fn(track_requests));
        assert_eq!(hit(&app, Method::GET, "/solo/9").await, StatusCode::OK);
        let text = metrics.render(&ScrapeSnapshot::default());
        assert!(text
            .contains(r#"api_requests_total{method="GET",endpoint="/solo/{id}",status="200"} 1"#));
    }
}
