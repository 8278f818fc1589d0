//! `milmed serve` as a real process on 127.0.0.1 (port chosen by the OS), called over HTTP:
//! the seed document's flow with the demo key, its limits, tenant isolation and the error
//! classes, cancellation, limits enforced on job processes, a restart in the middle of a job,
//! two concurrent jobs, health and `/metrics` checked by promtool.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const DEMO: &str = "DEMO_MILMED_2025_50_PATIENTS";

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_milmed")
}

/// A running `milmed serve`; killed when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `milmed serve --port 0` on `dir` with extra flags and environment, and waits for
/// the line that gives its address.
fn serve(dir: &Path, flags: &[&str], env: &[(&str, &str)]) -> Server {
    let mut cmd = Command::new(bin());
    cmd.args(["serve", "--port", "0", "--data-dir"])
        .arg(dir)
        .args(flags)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("milmed serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        // Keep draining so the server never blocks on a full pipe.
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("listening on http://").nth(1) {
                let addr = rest.split('/').next().unwrap_or("").to_string();
                let _ = tx.send(addr);
            }
        }
    });
    let addr = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the server prints its address");
    Server {
        child,
        url: format!("http://{addr}"),
    }
}

/// `milmed keys create … --data-dir dir`; returns the key (the last line of stdout).
fn create_key(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(bin())
        .args(["keys", "create"])
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .env_remove("DATABASE_URL")
        .output()
        .expect("keys create runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .expect("a key")
        .to_string()
}

fn client() -> Client {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

async fn post(c: &Client, url: &str, key: &str, body: &Value) -> (StatusCode, Value) {
    let res = c
        .post(url)
        .header("X-API-Key", key)
        .json(body)
        .send()
        .await
        .expect("request");
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn get_json(c: &Client, url: &str, key: &str) -> (StatusCode, Value) {
    let res = c
        .get(url)
        .header("X-API-Key", key)
        .send()
        .await
        .expect("request");
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// Polls the job until it is final (or `limit` passes); returns it.
async fn wait_final(c: &Client, base: &str, key: &str, id: &str, limit: Duration) -> Value {
    let deadline = Instant::now() + limit;
    loop {
        let (status, job) = get_json(c, &format!("{base}/api/v1/jobs/{id}"), key).await;
        assert_eq!(status, StatusCode::OK, "{job}");
        let s = job["status"].as_str().unwrap_or("");
        if ["completed", "failed", "cancelled"].contains(&s) || Instant::now() > deadline {
            return job;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn sha256_file(path: &Path) -> String {
    let mut f = std::fs::File::open(path).expect("file");
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf).expect("read");
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    hex::encode(h.finalize())
}

fn spec_example(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).expect("example")).expect("json")
}

/// The seed document's flow with the demo key, and the demo key's real limits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_key_flow_and_limits() {
    let tmp = tempfile::tempdir().expect("tmp");
    let server = serve(tmp.path(), &[], &[]);
    let base = server.url.as_str();
    let c = client();
    // 1: the predecessor's curl body asks for more than the demo key may.
    let (status, body) = post(
        &c,
        &format!("{base}/api/v1/generation/"),
        DEMO,
        &spec_example("seed-curl-request.json"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["code"], "limit_exceeded");
    assert!(
        body["detail"]
            .as_str()
            .unwrap_or("")
            .contains("max_patients_per_job = 50"),
        "{body}"
    );
    // 2: 51 is refused naming the limit.
    let (status, body) = post(
        &c,
        &format!("{base}/api/v1/generation/"),
        DEMO,
        &json!({"configuration": {"count": 51}}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["detail"]
            .as_str()
            .unwrap_or("")
            .contains("max_patients_per_job"),
        "{body}"
    );
    // 3: 50 pass.
    let (status, created) = post(
        &c,
        &format!("{base}/api/v1/generation/"),
        DEMO,
        &json!({"configuration": {"count": 50}, "output_formats": ["json", "csv"], "seed": 11}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["status"], "queued");
    assert_eq!(created["seed"], 11);
    let id = created["job_id"].as_str().expect("job id").to_string();
    // 4: the event stream runs until the job ends.
    let sse = c
        .get(format!("{base}/api/v1/jobs/{id}/events"))
        .header("X-API-Key", DEMO)
        .send()
        .await
        .expect("events");
    assert_eq!(sse.status(), StatusCode::OK);
    let text = tokio::time::timeout(Duration::from_secs(60), sse.text())
        .await
        .expect("the stream ends when the job does")
        .expect("body");
    assert!(text.contains("event: status"), "{text}");
    assert!(text.contains("\"status\":\"completed\""), "{text}");
    // 5: the ZIP, streamed from disk, with a manifest whose hashes match the files.
    let res = c
        .get(format!("{base}/api/v1/downloads/{id}"))
        .header("X-API-Key", DEMO)
        .send()
        .await
        .expect("download");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/zip");
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .unwrap_or("")
        .to_string();
    assert!(disposition.contains(&format!("_{id}.zip")), "{disposition}");
    let limit = res.headers()["x-ratelimit-limit"]
        .to_str()
        .unwrap_or("")
        .to_string();
    assert_eq!(limit, "10");
    let bytes = res.bytes().await.expect("zip bytes");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
    let mut manifest = String::new();
    zip.by_name("manifest.json")
        .expect("manifest in the zip")
        .read_to_string(&mut manifest)
        .expect("manifest");
    let manifest: Value = serde_json::from_str(&manifest).expect("manifest json");
    assert_eq!(manifest["seed"], 11);
    let files = manifest["files"].as_array().expect("files");
    assert!(files.len() >= 2);
    for f in files {
        let name = f["name"].as_str().expect("name");
        let mut content = Vec::new();
        zip.by_name(name)
            .expect("listed file in zip")
            .read_to_end(&mut content)
            .expect("read");
        assert_eq!(
            sha256_hex(&content),
            f["sha256"].as_str().expect("sha"),
            "{name}"
        );
    }
    // 6-7: results and summary.
    let (status, page) = get_json(
        &c,
        &format!("{base}/api/v1/jobs/{id}/results?page=2&per_page=20"),
        DEMO,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page["patients"].as_array().map(Vec::len), Some(20));
    assert_eq!(page["patients"][0]["id"], 20);
    assert_eq!(page["total_pages"], 3);
    let (status, summary) = get_json(&c, &format!("{base}/api/v1/jobs/{id}/summary"), DEMO).await;
    assert_eq!(status, StatusCode::OK, "{summary}");
    assert_eq!(summary["total_patients"], 50);
    // The job's summary is what `milmed report` reads back from its patients.json: the same
    // statistics, flow figures and 10-1-2 shares.
    let mut patients = Vec::new();
    zip.by_name("patients.json")
        .expect("patients.json in the zip")
        .read_to_end(&mut patients)
        .expect("read");
    let file = std::env::temp_dir().join(format!("milmed-demo-{id}.json"));
    std::fs::write(&file, &patients).expect("write patients.json");
    let report = Command::new(bin())
        .args(["report", "--json"])
        .arg(&file)
        .output()
        .expect("milmed report runs");
    std::fs::remove_file(&file).ok();
    assert!(
        report.status.success(),
        "{}",
        String::from_utf8_lossy(&report.stderr)
    );
    let report: Value = serde_json::from_slice(&report.stdout).expect("report JSON");
    assert_eq!(summary["summary"], report);
    assert!(
        summary["summary"]["flow"]["facilities"]
            .as_array()
            .is_some_and(|f| !f.is_empty()),
        "{summary}"
    );
    assert_eq!(summary["summary"]["ten_one_two"][2]["step"], "surgery");
    // 8-10 pass; the 11th request in the minute is 429 with the headers.
    // (A request that straddles a minute boundary resets the count, so allow one retry.)
    let mut limited = None;
    for _ in 0..14 {
        let res = c
            .get(format!("{base}/api/v1/jobs/{id}"))
            .header("X-API-Key", DEMO)
            .send()
            .await
            .expect("get");
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            limited = Some(res);
            break;
        }
    }
    let res = limited.expect("the demo key is limited to 10 requests a minute");
    let h = res.headers();
    let retry: u64 = h["retry-after"]
        .to_str()
        .unwrap_or("0")
        .parse()
        .unwrap_or(0);
    assert!((1..=60).contains(&retry), "Retry-After {retry}");
    assert_eq!(h["x-ratelimit-limit"], "10");
    assert_eq!(h["x-ratelimit-remaining"], "0");
    assert!(h.contains_key("x-ratelimit-reset"));
    let body: Value = res.json().await.expect("envelope");
    assert_eq!(body["code"], "rate_limited");
    assert!(body["detail"]
        .as_str()
        .unwrap_or("")
        .contains("requests_per_minute"));
}

/// Tenants, roles, the error classes, cancellation, deletion.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tenants_errors_and_cancellation() {
    let tmp = tempfile::tempdir().expect("tmp");
    let admin = create_key(tmp.path(), &["--name", "ops", "--role", "admin"]);
    let server = serve(tmp.path(), &[], &[]);
    let base = server.url.as_str();
    let c = client();
    let mut keys = Vec::new();
    for tenant in ["alpha", "bravo"] {
        let (status, k) = post(
            &c,
            &format!("{base}/api/v1/keys"),
            &admin,
            &json!({"name": tenant, "tenant_id": tenant}),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{k}");
        keys.push(k["key"].as_str().expect("secret shown once").to_string());
    }
    let (alpha, bravo) = (&keys[0], &keys[1]);
    // 401 and 403.
    let res = c
        .get(format!("{base}/api/v1/jobs"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        res.json::<Value>().await.expect("json")["code"],
        "missing_api_key"
    );
    let (status, body) = get_json(&c, &format!("{base}/api/v1/jobs"), "mm_not_a_key").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "invalid_api_key");
    let (status, body) = get_json(&c, &format!("{base}/api/v1/keys"), alpha).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    // 413: a declared body over the limit is refused before it is sent (a client streaming
    // the body would see the connection closed under it, so this one only sends the head).
    {
        use std::io::Write;
        let addr = base.trim_start_matches("http://");
        let mut tcp = std::net::TcpStream::connect(addr).expect("connect");
        write!(
            tcp,
            "POST /api/v1/generation HTTP/1.1\r\nHost: {addr}\r\nX-API-Key: {alpha}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            2 * 1024 * 1024
        )
        .expect("write head");
        tcp.set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        let mut head = [0u8; 4096];
        let n = tcp.read(&mut head).expect("a response without the body");
        let text = String::from_utf8_lossy(&head[..n]);
        assert!(text.starts_with("HTTP/1.1 413"), "{text}");
        assert!(text.contains("payload_too_large"), "{text}");
    }
    // 422 naming the field.
    let (status, body) = post(
        &c,
        &format!("{base}/api/v1/generation"),
        alpha,
        &json!({"configuration": {"count": 10}, "output_formats": ["json", "pdf"]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["detail"]
            .as_str()
            .unwrap_or("")
            .starts_with("output_formats[1]"),
        "{body}"
    );
    let (status, body) = post(&c, &format!("{base}/api/v1/generation"), alpha, &json!({"configuration": {"count": 10}, "use_encryption": true, "encryption_password": "short"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["detail"]
            .as_str()
            .unwrap_or("")
            .starts_with("encryption_password"),
        "{body}"
    );
    // A big job of alpha: invisible to bravo (404, not 403), visible to the admin.
    let (status, created) = post(
        &c,
        &format!("{base}/api/v1/generation"),
        alpha,
        &json!({"configuration": {"count": 3_000_000}, "output_formats": ["fhir"], "seed": 5}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["job_id"].as_str().expect("id").to_string();
    let (status, body) = get_json(&c, &format!("{base}/api/v1/jobs/{id}"), bravo).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "job_not_found");
    let (status, _) = get_json(&c, &format!("{base}/api/v1/jobs/{id}"), &admin).await;
    assert_eq!(status, StatusCode::OK);
    let (_, list) = get_json(&c, &format!("{base}/api/v1/jobs"), bravo).await;
    assert_eq!(list["jobs"].as_array().map(Vec::len), Some(0), "{list}");
    let res = c
        .post(format!("{base}/api/v1/jobs/{id}/cancel"))
        .header("X-API-Key", bravo)
        .send()
        .await
        .expect("cancel");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // Wait until it runs, then 409 on its download.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, job) = get_json(&c, &format!("{base}/api/v1/jobs/{id}"), alpha).await;
        if job["progress_details"]["patients_generated"]
            .as_u64()
            .unwrap_or(0)
            > 0
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the job never made progress: {job}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (status, body) = get_json(&c, &format!("{base}/api/v1/downloads/{id}"), alpha).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "job_not_completed");
    // Cancellation stops the process within a second and leaves no files.
    let started = Instant::now();
    let (status, job) = post(
        &c,
        &format!("{base}/api/v1/jobs/{id}/cancel"),
        alpha,
        &json!({}),
    )
    .await;
    let took = started.elapsed();
    assert_eq!(status, StatusCode::OK, "{job}");
    assert_eq!(job["status"], "cancelled", "{job}");
    assert!(took < Duration::from_secs(1), "cancel took {took:?}");
    let jobs_dir = tmp.path().join("jobs");
    let leftovers: Vec<_> = std::fs::read_dir(&jobs_dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        leftovers
            .iter()
            .all(|n| !n.to_string_lossy().starts_with(&id)),
        "partial files left: {leftovers:?}"
    );
    // 409 on a finished job; delete; then 404.
    let (status, body) = post(
        &c,
        &format!("{base}/api/v1/jobs/{id}/cancel"),
        alpha,
        &json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let res = c
        .delete(format!("{base}/api/v1/jobs/{id}/"))
        .header("X-API-Key", alpha)
        .send()
        .await
        .expect("delete");
    assert_eq!(res.status(), StatusCode::OK);
    let (status, _) = get_json(&c, &format!("{base}/api/v1/jobs/{id}"), alpha).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Key management by the admin: list without secrets, usage, revocation.
    let (status, list) = get_json(&c, &format!("{base}/api/v1/keys"), &admin).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let listed = list.as_array().expect("a list");
    assert!(listed.len() >= 4, "admin, demo, alpha, bravo: {list}");
    assert!(
        !list.to_string().contains(alpha.as_str()),
        "no secret in the list"
    );
    assert!(!list.to_string().contains("key_hash"));
    let bravo_id = listed
        .iter()
        .find(|k| k["tenant_id"] == "bravo")
        .and_then(|k| k["id"].as_str())
        .expect("bravo listed")
        .to_string();
    let (status, usage) =
        get_json(&c, &format!("{base}/api/v1/keys/{bravo_id}/usage"), &admin).await;
    assert_eq!(status, StatusCode::OK, "{usage}");
    assert!(
        usage["today"]["requests"].as_u64().unwrap_or(0) >= 1,
        "{usage}"
    );
    let (status, revoked) = post(
        &c,
        &format!("{base}/api/v1/keys/{bravo_id}/revoke"),
        &admin,
        &json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{revoked}");
    assert_eq!(revoked["active"], false);
    let (status, body) = get_json(&c, &format!("{base}/api/v1/jobs"), bravo).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "a revoked key stops working: {body}"
    );
    let (status, body) =
        get_json(&c, &format!("{base}/api/v1/keys/no-such-key/usage"), &admin).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "key_not_found");
    // The caller's own usage.
    let (status, me) = get_json(&c, &format!("{base}/api/v1/keys/me"), alpha).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["key"]["tenant_id"], "alpha");
    assert!(me.to_string().find("key_hash").is_none());
}

/// Memory and CPU limits fail their jobs with their codes while another job completes and the
/// server keeps answering. (One server per limit: a generation job needs more than the small
/// memory limit used to fail the first one.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn job_limits_are_enforced() {
    let c = client();
    for (flags, doomed, code) in [
        (
            ["--job-memory-mb", "48"],
            // Argon2id needs 64 MiB: over the 48 MiB limit.
            json!({"configuration": {"count": 100}, "use_encryption": true, "encryption_password": "correct horse"}),
            "memory_limit_exceeded",
        ),
        (
            ["--job-cpu-seconds", "1"],
            json!({"configuration": {"count": 5_000_000}, "output_formats": ["fhir"]}),
            "cpu_limit_exceeded",
        ),
    ] {
        let tmp = tempfile::tempdir().expect("tmp");
        let admin = create_key(tmp.path(), &["--name", "ops", "--role", "admin"]);
        let server = serve(tmp.path(), &flags, &[]);
        let base = server.url.as_str();
        let url = format!("{base}/api/v1/generation");
        let (status, over) = post(&c, &url, &admin, &doomed).await;
        assert_eq!(status, StatusCode::CREATED, "{over}");
        let small = json!({"configuration": {"count": 200}, "output_formats": ["json"]});
        let (status, fine) = post(&c, &url, &admin, &small).await;
        assert_eq!(status, StatusCode::CREATED, "{fine}");
        let over = wait_final(
            &c,
            base,
            &admin,
            over["job_id"].as_str().expect("id"),
            Duration::from_secs(60),
        )
        .await;
        assert_eq!(over["status"], "failed", "{over}");
        assert_eq!(over["error"]["code"], code, "{over}");
        let fine = wait_final(
            &c,
            base,
            &admin,
            fine["job_id"].as_str().expect("id"),
            Duration::from_secs(60),
        )
        .await;
        assert_eq!(fine["status"], "completed", "{fine}");
        let res = c
            .get(format!("{base}/health"))
            .send()
            .await
            .expect("health");
        assert_eq!(res.status(), StatusCode::OK);
    }
}

/// Killing the server in the middle of a job: after a restart the job completes with the
/// bytes of an uninterrupted run (the CLI's), and nothing half-written was ever at the final
/// path. Two concurrent jobs with different scenarios each get their own bytes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restart_resumes_and_concurrent_jobs_do_not_mix() {
    let tmp = tempfile::tempdir().expect("tmp");
    let admin = create_key(tmp.path(), &["--name", "ops", "--role", "admin"]);
    let env = [("MILMED_LEASE_SECONDS", "2")];
    let mut server = serve(tmp.path(), &["--max-concurrent-jobs", "2"], &env);
    let c = client();
    let job_a = json!({"preset_id": "nato_article_5", "total_patients": 400_000, "seed": 21, "output_formats": ["ndjson"]});
    let job_b = json!({"preset_id": "peacekeeping", "total_patients": 3_000, "seed": 22, "output_formats": ["ndjson"]});
    let (status, a) = post(
        &c,
        &format!("{}/api/v1/generation", server.url),
        &admin,
        &job_a,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{a}");
    let (status, b) = post(
        &c,
        &format!("{}/api/v1/generation", server.url),
        &admin,
        &job_b,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{b}");
    let a = a["job_id"].as_str().expect("id").to_string();
    let b = b["job_id"].as_str().expect("id").to_string();
    // Kill the server (and with it the job processes) once job A is under way.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (_, job) = get_json(&c, &format!("{}/api/v1/jobs/{a}", server.url), &admin).await;
        if job["progress_details"]["patients_generated"]
            .as_u64()
            .unwrap_or(0)
            > 0
        {
            assert_eq!(job["status"], "running");
            break;
        }
        assert!(Instant::now() < deadline, "job A never started: {job}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.child.kill().expect("kill -9");
    let _ = server.child.wait();
    assert!(
        !tmp.path().join("jobs").join(&a).exists(),
        "a killed job has nothing at its final path"
    );
    let server = serve(tmp.path(), &["--max-concurrent-jobs", "2"], &env);
    let job = wait_final(&c, &server.url, &admin, &a, Duration::from_secs(120)).await;
    assert_eq!(job["status"], "completed", "{job}");
    assert!(job["attempts"].as_u64().unwrap_or(0) >= 2, "{job}");
    let job_b_done = wait_final(&c, &server.url, &admin, &b, Duration::from_secs(60)).await;
    assert_eq!(job_b_done["status"], "completed", "{job_b_done}");
    // The same bytes as the command line.
    for (id, preset, n, seed) in [
        (&a, "nato_article_5", "400000", "21"),
        (&b, "peacekeeping", "3000", "22"),
    ] {
        let out = tmp.path().join(format!("cli-{preset}"));
        let status = Command::new(bin())
            .args([
                "generate", "--preset", preset, "-n", n, "--seed", seed, "--format", "ndjson",
                "--quiet", "--out",
            ])
            .arg(&out)
            .status()
            .expect("generate");
        assert!(status.success());
        let served = tmp
            .path()
            .join("jobs")
            .join(id.as_str())
            .join("patients.ndjson");
        assert_eq!(
            sha256_file(&served),
            sha256_file(&out.join("patients.ndjson")),
            "{preset}"
        );
    }
}

/// Health, readiness and `/metrics` (checked by promtool) of a server that ran a job.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_and_metrics() {
    let tmp = tempfile::tempdir().expect("tmp");
    let admin = create_key(tmp.path(), &["--name", "ops", "--role", "admin"]);
    let server = serve(tmp.path(), &[], &[]);
    let base = server.url.as_str();
    let c = client();
    let (status, created) = post(
        &c,
        &format!("{base}/api/v1/generation"),
        &admin,
        &json!({"configuration": {"count": 300}, "output_formats": ["json", "ndjson"]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["job_id"].as_str().expect("id").to_string();
    let job = wait_final(&c, base, &admin, &id, Duration::from_secs(60)).await;
    assert_eq!(job["status"], "completed", "{job}");
    // Job list with a filter; a bad filter names the field.
    let (status, list) = get_json(
        &c,
        &format!("{base}/api/v1/jobs?status=completed&limit=5"),
        &admin,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert!(list["jobs"]
        .as_array()
        .expect("jobs")
        .iter()
        .any(|j| j["job_id"] == id.as_str()));
    let (status, body) = get_json(&c, &format!("{base}/api/v1/jobs?status=done"), &admin).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["detail"].as_str().unwrap_or("").starts_with("status"),
        "{body}"
    );
    // One file raw, with a Range; the manifest by name.
    let ndjson =
        std::fs::read(tmp.path().join("jobs").join(&id).join("patients.ndjson")).expect("file");
    let res = c
        .get(format!("{base}/api/v1/downloads/{id}?format=ndjson"))
        .header("X-API-Key", &admin)
        .header("Range", "bytes=100-199")
        .send()
        .await
        .expect("range");
    assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        res.bytes().await.expect("bytes").as_ref(),
        &ndjson[100..200]
    );
    let res = c
        .get(format!("{base}/api/v1/downloads/{id}?format=ndjson"))
        .header("X-API-Key", &admin)
        .send()
        .await
        .expect("file");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.bytes().await.expect("bytes").as_ref(),
        ndjson.as_slice()
    );
    let (status, manifest) = get_json(
        &c,
        &format!("{base}/api/v1/downloads/{id}?file=manifest.json"),
        &admin,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(manifest["total_patients"], 300, "{manifest}");
    let (status, body) = get_json(
        &c,
        &format!("{base}/api/v1/downloads/{id}?format=xml"),
        &admin,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    // Chart aggregates and single records from the job's real output.
    let (status, dash) = get_json(
        &c,
        &format!("{base}/api/v1/visualizations/dashboard-data?job_id={id}"),
        &admin,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{dash}");
    let by_triage: u64 = dash["charts"]["by_triage"]
        .as_array()
        .expect("triage series")
        .iter()
        .map(|p| p["value"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(by_triage, 300, "{dash}");
    let (status, patient) = get_json(
        &c,
        &format!("{base}/api/v1/visualizations/patient-detail/123?job_id={id}"),
        &admin,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{patient}");
    assert_eq!(patient["id"], 123);
    let (status, body) = get_json(
        &c,
        &format!("{base}/api/v1/visualizations/patient-detail/300?job_id={id}"),
        &admin,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    for path in ["/ready", "/api/v1/health/ready", "/api/v1/health"] {
        let res = c.get(format!("{base}{path}")).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::OK, "{path}");
    }
    let (_, health) = get_json(&c, &format!("{base}/api/v1/health"), "").await;
    assert_eq!(health["status"], "healthy");
    assert_eq!(health["checks"]["database"]["backend"], "sqlite");
    assert_eq!(health["checks"]["job_worker"]["max_concurrent_jobs"], 2);
    assert_eq!(
        health["checks"]["job_worker"]["resources"]["max_memory_mb"],
        512
    );
    assert!(
        health["checks"]["memory"]["total_gb"]
            .as_f64()
            .unwrap_or(0.0)
            > 0.0
    );
    let text = c
        .get(format!("{base}/metrics"))
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("text");
    assert!(
        text.contains("patients_generated_total{format=\"json\"} 300"),
        "{text}"
    );
    assert!(
        text.contains("job_status_changes_total{from_status=\"running\",to_status=\"completed\"}")
    );
    assert!(
        text.contains(
            "api_requests_total{method=\"POST\",endpoint=\"/api/v1/generation\",status=\"201\"}"
        ) || text.contains("endpoint=\"/api/v1/generation\""),
        "{text}"
    );
    assert!(!text.contains(&id), "no raw paths or ids in labels");
    let mut promtool = Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("promtool (Debian package prometheus) must be installed");
    {
        use std::io::Write;
        let mut stdin = promtool.stdin.take().expect("stdin");
        stdin.write_all(text.as_bytes()).expect("write");
    }
    let out = promtool.wait_with_output().expect("promtool");
    assert!(
        out.status.success(),
        "promtool: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A child process killed when dropped.
struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The parent pid of a process, from `/proc/PID/stat`.
fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: read after the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    rest.split_whitespace().nth(1)?.parse().ok()
}

/// The pids of running `job-run` processes.
fn job_processes() -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .map(|c| c.split(|b| *b == 0).any(|a| a == b"job-run"))
                .unwrap_or(false)
        })
        .collect()
}

/// operations.md's multi-node test: one API node and two workers on one PostgreSQL database
/// and one shared data directory; the worker running a job is killed in the middle of it, and
/// the other worker completes it with the bytes of an uninterrupted run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_workers_and_an_api_on_postgres_survive_a_killed_worker() {
    let db = format!(
        "milmed_nodes_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
    );
    let psql = |sql: &str| {
        let out = Command::new("psql")
            .args([
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql,
            ])
            .output()
            .expect("psql runs (PostgreSQL client)");
        assert!(
            out.status.success(),
            "psql {sql}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    psql(&format!("CREATE DATABASE {db}"));
    let url = format!("postgres://postgres@127.0.0.1:5432/{db}");
    let tmp = tempfile::tempdir().expect("tmp");
    let admin = {
        let out = Command::new(bin())
            .args([
                "keys",
                "create",
                "--name",
                "ops",
                "--role",
                "admin",
                "--database-url",
                &url,
            ])
            .output()
            .expect("keys create");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .last()
            .expect("key")
            .to_string()
    };
    let env = [("MILMED_LEASE_SECONDS", "2")];
    let api = serve(tmp.path(), &["--no-worker", "--database-url", &url], &env);
    let c = client();
    let (status, _) = get_json(&c, &format!("{}/ready", api.url), "").await;
    assert_eq!(
        status,
        StatusCode::OK,
        "an API-only node is ready without a worker"
    );
    let worker = || {
        Proc(
            Command::new(bin())
                .args(["worker", "--database-url", &url, "--data-dir"])
                .arg(tmp.path())
                .env("MILMED_LEASE_SECONDS", "2")
                .env("RUST_LOG", "warn")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("milmed worker starts"),
        )
    };
    let mut workers = vec![worker(), worker()];
    let body = json!({"preset_id": "nato_article_5", "total_patients": 400_000, "seed": 31, "output_formats": ["ndjson"]});
    let (status, created) =
        post(&c, &format!("{}/api/v1/generation", api.url), &admin, &body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["job_id"].as_str().expect("id").to_string();
    // Find the worker whose job process runs it, once it has made progress, and kill it.
    let deadline = Instant::now() + Duration::from_secs(60);
    let victim = loop {
        let (_, job) = get_json(&c, &format!("{}/api/v1/jobs/{id}", api.url), &admin).await;
        if job["progress_details"]["patients_generated"]
            .as_u64()
            .unwrap_or(0)
            > 0
        {
            let parents: Vec<u32> = job_processes().into_iter().filter_map(parent_of).collect();
            if let Some(i) = workers.iter().position(|w| parents.contains(&w.0.id())) {
                break i;
            }
        }
        assert!(Instant::now() < deadline, "no worker took the job: {job}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let killed = workers.remove(victim);
    drop(killed);
    let job = wait_final(&c, &api.url, &admin, &id, Duration::from_secs(120)).await;
    assert_eq!(job["status"], "completed", "{job}");
    assert!(job["attempts"].as_u64().unwrap_or(0) >= 2, "{job}");
    let out = tmp.path().join("cli");
    let status = Command::new(bin())
        .args([
            "generate",
            "--preset",
            "nato_article_5",
            "-n",
            "400000",
            "--seed",
            "31",
            "--format",
            "ndjson",
            "--quiet",
            "--out",
        ])
        .arg(&out)
        .status()
        .expect("generate");
    assert!(status.success());
    assert_eq!(
        sha256_file(&tmp.path().join("jobs").join(&id).join("patients.ndjson")),
        sha256_file(&out.join("patients.ndjson"))
    );
    drop(workers);
    drop(api);
    psql(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"));
}

/// Every output format through the API, compressed and encrypted: the job completes, the ZIP
/// lists every file, NDEF messages are protected one by one, and `milmed decrypt` opens a file
/// with the password to the bytes the command line writes for the same scenario and seed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_format_packaged_through_the_api() {
    let tmp = tempfile::tempdir().expect("tmp");
    let admin = create_key(tmp.path(), &["--name", "ops", "--role", "admin"]);
    let server = serve(tmp.path(), &[], &[]);
    let base = server.url.as_str();
    let c = client();
    let password = "correct horse battery";
    let body = json!({
        "configuration": {"count": 400},
        "seed": 9,
        "output_formats": ["json", "ndjson", "csv", "xml", "xlsx", "fhir", "ndef"],
        "use_compression": true,
        "use_encryption": true,
        "encryption_password": password,
        "kdf": "pbkdf2",
    });
    let (status, created) = post(&c, &format!("{base}/api/v1/generation"), &admin, &body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["job_id"].as_str().expect("id").to_string();
    let job = wait_final(&c, base, &admin, &id, Duration::from_secs(120)).await;
    assert_eq!(job["status"], "completed", "{job}");
    assert_eq!(job["packaging"]["encrypted"], true);
    assert!(
        !job.to_string().contains(password),
        "the password is never returned"
    );
    let names: Vec<String> = job["output_files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["name"].as_str().map(str::to_string))
        .collect();
    for expected in [
        "patients.json.gz.enc",
        "patients.ndjson.gz.enc",
        "patients.csv.gz.enc",
        "patients.xml.gz.enc",
        "patients.fhir.ndjson.gz.enc",
        "patients.ndef",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    assert!(
        names.iter().any(|n| n.starts_with("patients.xlsx")),
        "{names:?}"
    );
    let res = c
        .get(format!("{base}/api/v1/downloads/{id}"))
        .header("X-API-Key", &admin)
        .send()
        .await
        .expect("zip");
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = res.bytes().await.expect("bytes");
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("zip");
    assert_eq!(zip.len(), names.len() + 1, "every file and the manifest");
    // Decrypt one file with the CLI and compare with a plain CLI run.
    let sealed = tmp
        .path()
        .join("jobs")
        .join(&id)
        .join("patients.ndjson.gz.enc");
    let opened = tmp.path().join("patients.ndjson.gz");
    let out = Command::new(bin())
        .args(["decrypt"])
        .arg(&sealed)
        .arg("--out")
        .arg(&opened)
        .args(["--password-env", "MILMED_TEST_PASSWORD"])
        .env("MILMED_TEST_PASSWORD", password)
        .output()
        .expect("decrypt");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let gunzip = Command::new("gzip")
        .arg("-dc")
        .arg(&opened)
        .output()
        .expect("gzip");
    assert!(gunzip.status.success());
    let plain = tmp.path().join("plain");
    let status = Command::new(bin())
        .args([
            "generate", "-n", "400", "--seed", "9", "--format", "ndjson", "--quiet", "--out",
        ])
        .arg(&plain)
        .status()
        .expect("generate");
    assert!(status.success());
    let expected = std::fs::read(plain.join("patients.ndjson")).expect("plain");
    assert_eq!(
        gunzip.stdout, expected,
        "decrypted job output equals the command line's"
    );
}
