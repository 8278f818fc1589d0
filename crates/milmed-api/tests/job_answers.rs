//! `GET /api/v1/jobs/{id}` reuses its rendered answer for a short time (src/answers.rs). These
//! tests pin what that cache must never change: tenant isolation, and that writes made on this
//! node (progress, cancellation, deletion) show on the very next request, while a write made by
//! another node (another store on the same database) shows within the time limit.

use std::time::Duration;

use milmed_api::{Service, ServiceConfig};
use milmed_store::{
    GeneratedKey, KeyLimits, KeyRole, NewJob, NewKey, Progress, Scope, Store, StoreOptions,
};
use reqwest::{Client, StatusCode};
use serde_json::Value;

mod common;

struct Server {
    base: String,
    store: Store,
    dir: tempfile::TempDir,
}

async fn start(ttl: Duration) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_data_dir(dir.path(), &StoreOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let config = ServiceConfig {
        job_answer_ttl: ttl,
        ..ServiceConfig::default()
    };
    let service = Service::in_data_dir(store.clone(), config, dir.path())
        .unwrap()
        .shared();
    Server {
        base: common::serve(service).await,
        store,
        dir,
    }
}

/// Progress of `patients` patients (and as many bytes) in phase `generating`.
fn progress(patients: u64) -> Progress {
    Progress {
        patients_done: patients,
        phase: Some("generating".into()),
        bytes_written: patients,
    }
}

async fn key(store: &Store, role: KeyRole, tenant: &str) -> String {
    let k = GeneratedKey::generate().unwrap();
    store
        .create_key(
            &NewKey {
                name: format!("{tenant}-{role:?}"),
                role,
                tenant_id: tenant.to_string(),
                key_prefix: k.prefix.clone(),
                key_hash: k.hash.clone(),
                limits: KeyLimits::default(),
                expires_at: None,
            },
            now(),
        )
        .await
        .unwrap();
    k.plaintext
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

async fn job(store: &Store, tenant: &str) -> String {
    let new = NewJob {
        tenant_id: tenant.to_string(),
        scenario_json: "{}".to_string(),
        seed: 1,
        patient_count: 1000,
        output_formats: vec!["json".to_string()],
        options: serde_json::json!({}),
        ..NewJob::default()
    };
    store.create_job(&new, now(), None).await.unwrap().id
}

async fn get(base: &str, key: &str, id: &str) -> (StatusCode, Value) {
    let res = Client::new()
        .get(format!("{base}/api/v1/jobs/{id}"))
        .header("X-API-Key", key)
        .send()
        .await
        .unwrap();
    let status = res.status();
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    (status, res.json().await.unwrap())
}

#[tokio::test]
async fn cached_answers_keep_tenants_apart_and_show_local_writes_at_once() {
    let s = start(Duration::from_millis(250)).await;
    let admin = key(&s.store, KeyRole::Admin, "ops").await;
    let alice = key(&s.store, KeyRole::User, "a").await;
    let bob = key(&s.store, KeyRole::User, "b").await;
    let id = job(&s.store, "a").await;

    // The admin's read fills the cache; another tenant still does not see the job.
    let (st, v) = get(&s.base, &admin, &id).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(v["status"], "queued");
    let (st, v) = get(&s.base, &bob, &id).await;
    assert_eq!(st, StatusCode::NOT_FOUND, "{v}");
    assert_eq!(v["code"], "job_not_found");
    let (st, v) = get(&s.base, &alice, &id).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(v["job_id"], id.as_str());

    // A worker on this node claims it and reports progress: visible on the next request.
    let claimed = s.store.claim_job("node/0", now(), 30_000).await.unwrap();
    assert_eq!(claimed.map(|j| j.id), Some(id.clone()));
    let (_, v) = get(&s.base, &alice, &id).await;
    assert_eq!(v["status"], "running");
    s.store
        .update_progress(&id, "node/0", &progress(400), now())
        .await
        .unwrap();
    let (_, v) = get(&s.base, &alice, &id).await;
    assert_eq!(v["progress_details"]["patients_generated"], 400, "{v}");
    let (_, v) = get(&s.base, &bob, &id).await;
    assert_eq!(
        v["code"], "job_not_found",
        "cached answer leaked to another tenant"
    );

    // Cancellation through the API: the flag is set at once, the worker acknowledges.
    s.store
        .cancel_job(Scope::Tenant("a"), &id, now())
        .await
        .unwrap();
    s.store
        .acknowledge_cancel(&id, "node/0", now())
        .await
        .unwrap();
    let (_, v) = get(&s.base, &alice, &id).await;
    assert_eq!(v["status"], "cancelled", "{v}");

    // Deletion: 404 at once, not the cached answer.
    let res = Client::new()
        .delete(format!("{}/api/v1/jobs/{id}", s.base))
        .header("X-API-Key", &alice)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let (st, _) = get(&s.base, &admin, &id).await;
    assert_eq!(st, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn another_nodes_write_shows_within_the_time_limit() {
    let s = start(Duration::from_millis(250)).await;
    let admin = key(&s.store, KeyRole::Admin, "ops").await;
    let id = job(&s.store, "a").await;
    // Another node: its own store on the same database, whose writes this node cannot see.
    let other = Store::open_data_dir(s.dir.path(), &StoreOptions::default())
        .await
        .unwrap();
    other.claim_job("other/0", now(), 30_000).await.unwrap();
    let (_, v) = get(&s.base, &admin, &id).await;
    assert_eq!(v["status"], "running");
    // Fill the cache right before the other node's write…
    get(&s.base, &admin, &id).await;
    other
        .update_progress(&id, "other/0", &progress(10), now())
        .await
        .unwrap();
    // …which may stay unseen for at most the time limit.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (_, v) = get(&s.base, &admin, &id).await;
    assert_eq!(v["progress_details"]["patients_generated"], 10, "{v}");
}

#[tokio::test]
async fn the_cache_serves_repeated_reads_within_the_time_limit() {
    // The cache must actually be used: a write by another node stays unseen right after a
    // read (within the limit), and with the cache off it shows at once.
    for (ttl, cached) in [(Duration::from_millis(250), true), (Duration::ZERO, false)] {
        let s = start(ttl).await;
        let admin = key(&s.store, KeyRole::Admin, "ops").await;
        let other = Store::open_data_dir(s.dir.path(), &StoreOptions::default())
            .await
            .unwrap();
        // A busy machine can take longer than the limit between the two reads; then the
        // round proves nothing and is repeated with a fresh job.
        let mut proved = false;
        for _ in 0..10 {
            let id = job(&s.store, "a").await;
            let t = std::time::Instant::now();
            let (_, v) = get(&s.base, &admin, &id).await;
            assert_eq!(v["status"], "queued");
            let claimed = other.claim_job("other/0", now(), 30_000).await.unwrap();
            assert_eq!(claimed.map(|j| j.id), Some(id.clone()));
            let (_, v) = get(&s.base, &admin, &id).await;
            if cached && t.elapsed() >= Duration::from_millis(200) {
                continue;
            }
            let expected = if cached { "queued" } else { "running" };
            assert_eq!(v["status"], expected, "ttl {ttl:?}");
            proved = true;
            break;
        }
        assert!(proved, "every round took longer than the time limit");
    }
}
