//! The Prometheus exposition: every contract metric with its type, route templates as the
//! endpoint label through the real router, process gauges, and `promtool check metrics`.

mod common;

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use milmed_api::metrics::{self, Metrics, ScrapeSnapshot, CATALOG};
use milmed_api::{router, ApiConfig};
use tower::ServiceExt;

/// The spec's contract table (shared/spec/operations.md), written out independently of
/// `CATALOG` so a change to either is caught.
const CONTRACT: &[(&str, &str)] = &[
    ("patients_generated_total", "counter"),
    ("patient_generation_duration_seconds", "histogram"),
    ("patient_generation_errors_total", "counter"),
    ("process_memory_usage_bytes", "gauge"),
    ("process_cpu_usage_percent", "gauge"),
    ("db_connections_active", "gauge"),
    ("job_execution_seconds", "histogram"),
    ("job_queue_size", "gauge"),
    ("job_status_changes_total", "counter"),
    ("api_requests_total", "counter"),
    ("api_request_duration_seconds", "histogram"),
];

fn snapshot() -> ScrapeSnapshot {
    ScrapeSnapshot {
        queue_by_status: vec![
            ("queued", 3),
            ("running", 2),
            ("completed", 10),
            ("failed", 1),
            ("cancelled", 0),
        ],
        db_connections_active: 4,
    }
}

/// The value of the sample line starting with `series ` (name and labels as rendered).
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' '))
        .and_then(|v| v.trim().parse().ok())
}

#[test]
fn every_contract_metric_is_rendered_with_its_type() {
    let m = Metrics::install().expect("install");
    let text = m.render(&snapshot());
    for (name, kind) in CONTRACT {
        assert!(
            text.contains(&format!("\n# TYPE {name} {kind}\n"))
                || text.starts_with(&format!("# TYPE {name} {kind}\n")),
            "no `# TYPE {name} {kind}` in\n{text}"
        );
        assert!(
            text.contains(&format!("# HELP {name} ")),
            "no HELP for {name}"
        );
        let info = CATALOG.iter().find(|i| i.name == *name);
        assert_eq!(
            info.map(|i| i.kind.as_str()),
            Some(*kind),
            "{name} in CATALOG"
        );
    }
    for info in CATALOG {
        assert!(
            text.contains(&format!("# TYPE {} {}\n", info.name, info.kind.as_str())),
            "{} missing",
            info.name
        );
    }
    // The snapshot's values, every status, and the process gauges.
    assert_eq!(
        sample(&text, r#"job_queue_size{status="queued"}"#),
        Some(3.0)
    );
    assert_eq!(
        sample(&text, r#"job_queue_size{status="cancelled"}"#),
        Some(0.0)
    );
    for status in metrics::JOB_STATUSES {
        assert!(sample(&text, &format!(r#"job_queue_size{{status="{status}"}}"#)).is_some());
    }
    assert_eq!(sample(&text, "db_connections_active"), Some(4.0));
    for reason in metrics::RATE_LIMIT_REASONS {
        let s = format!(r#"api_rate_limited_total{{reason="{reason}"}}"#);
        assert!(sample(&text, &s).is_some(), "{s}");
    }
    if cfg!(target_os = "linux") {
        for t in ["rss", "vms", "available"] {
            let v = sample(
                &text,
                &format!(r#"process_memory_usage_bytes{{type="{t}"}}"#),
            );
            assert!(v.is_some_and(|v| v > 1_000_000.0), "memory {t}: {v:?}");
        }
        let rss = sample(&text, r#"process_memory_usage_bytes{type="rss"}"#).unwrap_or(0.0);
        let vms = sample(&text, r#"process_memory_usage_bytes{type="vms"}"#).unwrap_or(0.0);
        assert!(vms >= rss);
    }
    assert!(sample(&text, "process_cpu_usage_percent").is_some());
}

#[test]
fn install_twice_gives_the_same_recorder() {
    let a = Metrics::install().expect("first");
    let b = Metrics::install().expect("second");
    metrics::rate_limited("quota_jobs");
    let read = |m: &Metrics| {
        sample(
            &m.render(&ScrapeSnapshot::default()),
            r#"api_rate_limited_total{reason="quota_jobs"}"#,
        )
    };
    let (x, y) = (read(&a), read(&b));
    assert!(x.is_some_and(|v| v >= 1.0));
    assert!(y >= x);
}

#[test]
fn cpu_gauge_follows_work() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let m = Metrics::install().expect("install");
    m.render(&ScrapeSnapshot::default());
    let start = Instant::now();
    let mut x = 0u64;
    while start.elapsed() < Duration::from_millis(300) {
        x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
    }
    let text = m.render(&ScrapeSnapshot::default());
    let cpu = sample(&text, "process_cpu_usage_percent").unwrap_or(-1.0);
    // A busy loop uses about one core; other tests and a loaded machine lower it, a window
    // shortened by a concurrent scrape does not.
    assert!(cpu > 5.0 && cpu < 1000.0, "cpu {cpu}");
}

async fn get(app: &axum::Router, uri: &str) -> StatusCode {
    let req = Request::get(uri).body(Body::empty()).expect("request");
    app.clone().oneshot(req).await.expect("response").status()
}

/// The real router: a parametrised route and a wildcard are labelled by template, whatever
/// the raw path (trailing slash included), and a path without a route by `unmatched`.
#[tokio::test]
async fn real_router_labels_requests_by_route_template() {
    let m = Metrics::install().expect("install");
    let dir = tempfile::tempdir().expect("tempdir");
    let store = milmed_store::Store::open_data_dir(dir.path(), &Default::default())
        .await
        .expect("store");
    store.migrate().await.expect("migrate");
    let app = router(
        ApiConfig::default(),
        milmed_api::Service::in_data_dir(store, Default::default(), dir.path())
            .expect("service")
            .shared(),
    );
    assert_eq!(
        get(&app, "/api/v1/presets/no-such-preset-xyz/").await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/api/v1/presets/another-unknown").await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/docs/no/such/asset.js").await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(get(&app, "/api/v1/presets").await, StatusCode::OK);
    assert_eq!(
        get(&app, "/definitely/not/a/route").await,
        StatusCode::NOT_FOUND
    );
    let text = m.render(&ScrapeSnapshot::default());
    let n = sample(
        &text,
        r#"api_requests_total{method="GET",endpoint="/api/v1/presets/{id}",status="404"}"#,
    );
    assert!(n.is_some_and(|n| n >= 2.0), "{n:?} in\n{text}");
    assert!(text.contains(r#"endpoint="/docs/{*file}",status="404""#));
    assert!(text
        .contains(r#"api_requests_total{method="GET",endpoint="/api/v1/presets",status="200"}"#));
    assert!(text.contains(r#"api_request_duration_seconds_bucket{endpoint="/api/v1/presets/{id}",method="GET",le="0.0005"}"#));
    assert!(text.contains(r#"endpoint="unmatched",status="404""#));
    for raw in [
        "no-such-preset",
        "another-unknown",
        "asset.js",
        "/definitely",
    ] {
        assert!(!text.contains(raw), "raw path {raw} became a label");
    }
}

/// `promtool check metrics` accepts the real output, with samples of every kind the job
/// runtime records.
#[test]
fn promtool_check_metrics_accepts_the_output() {
    let m = Metrics::install().expect("install");
    ::metrics::counter!("patients_generated_total", "format" => "csv").increment(1000);
    ::metrics::histogram!("patient_generation_duration_seconds", "format" => "csv").record(1.7);
    ::metrics::counter!("patient_generation_errors_total", "error_type" => "timeout").increment(1);
    ::metrics::histogram!("job_execution_seconds", "job_type" => "generate").record(2.2);
    ::metrics::counter!("job_status_changes_total", "from_status" => "queued", "to_status" => "running")
        .increment(1);
    ::metrics::histogram!("job_peak_memory_bytes").record(50_000_000.0);
    ::metrics::counter!("worker_heartbeats_total").increment(1);
    metrics::auth_failed("invalid_key");
    let text = m.render(&snapshot());
    assert!(text.contains(r#"patient_generation_duration_seconds_bucket{format="csv",le="2.5"}"#));
    assert!(text.contains(r#"job_execution_seconds_bucket{job_type="generate",le="600"}"#));
    assert!(text.contains(r#"job_peak_memory_bytes_bucket{le="67108864"}"#));
    let out = common::promtool(&["check", "metrics"], &text);
    common::assert_promtool_ok(&out, "check metrics");
    // promtool prints lint problems and still exits 0 for some of them: none expected.
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.trim().is_empty(),
        "promtool lint output:\n{said}\n---\n{text}"
    );
}

/// Before any event, the output is already valid exposition (descriptions without samples).
#[test]
fn promtool_accepts_metadata_only_families() {
    let out = common::promtool(
        &["check", "metrics"],
        "# HELP job_execution_seconds Wall time of jobs, by job type.\n\
         # TYPE job_execution_seconds histogram\n\n",
    );
    common::assert_promtool_ok(&out, "check metrics");
}
