//! Saved configurations and streaming generation against a real server on a loopback port.

use std::time::{Duration, Instant};

use milmed_api::{Service, ServiceConfig};
use milmed_store::{GeneratedKey, KeyLimits, KeyRole, NewKey, Store};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

mod common;

const DEMO: &str = "DEMO_MILMED_2025_50_PATIENTS";

/// Starts the API on 127.0.0.1:0 over a throwaway SQLite store (with the demo key).
async fn start() -> (String, Store) {
    let dir = tempfile::tempdir().unwrap().keep();
    let store = Store::open_data_dir(&dir, &Default::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    store
        .ensure_demo_key(milmed_api::service::now_ms())
        .await
        .unwrap();
    let service = Service::in_data_dir(store.clone(), ServiceConfig::default(), &dir)
        .unwrap()
        .shared();
    (common::serve(service).await, store)
}

/// A user key of `tenant` with these limits; returns the secret.
async fn user_key(store: &Store, tenant: &str, limits: KeyLimits) -> String {
    let g = GeneratedKey::generate().unwrap();
    store
        .create_key(
            &NewKey {
                name: format!("{tenant} key"),
                role: KeyRole::User,
                tenant_id: tenant.to_string(),
                key_prefix: g.prefix.clone(),
                key_hash: g.hash.clone(),
                limits,
                expires_at: None,
            },
            milmed_api::service::now_ms(),
        )
        .await
        .unwrap();
    g.plaintext
}

/// Checks an error envelope's status and code; returns its detail.
async fn error(res: reqwest::Response, status: StatusCode, code: &str) -> String {
    assert_eq!(res.status(), status);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], code, "{body}");
    body["detail"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn saved_configurations_crud_versions_and_tenants() {
    let (base, store) = start().await;
    let c = Client::new();
    let alice = user_key(&store, "alice", KeyLimits::default()).await;
    let bob = user_key(&store, "bob", KeyLimits::default()).await;
    let url = |p: &str| format!("{base}{p}");
    let scenario = json!({"name": "Baltic", "total_patients": 10, "days_of_fighting": 2});

    // No key.
    let res = c.get(url("/api/v1/configurations")).send().await.unwrap();
    error(res, StatusCode::UNAUTHORIZED, "missing_api_key").await;
    let res = c
        .post(url("/api/v1/configurations"))
        .json(&scenario)
        .send()
        .await
        .unwrap();
    error(res, StatusCode::UNAUTHORIZED, "missing_api_key").await;

    // Create.
    let res = c
        .post(url("/api/v1/configurations/"))
        .header("x-api-key", &alice)
        .json(&scenario)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: Value = res.json().await.unwrap();
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["name"], "Baltic");
    assert_eq!(created["version"], 1);
    assert_eq!(created["parent_config_id"], Value::Null);
    assert_eq!(created["configuration"]["total_patients"], 10);
    assert_eq!(created["configuration"]["days_of_fighting"], 2);
    assert!(
        created["configuration"].get("seed").is_none(),
        "no seed was given: {created}"
    );
    assert!(created["created_at"].as_str().unwrap().ends_with('Z'));

    // Duplicate name in the tenant; the same name in another tenant is fine.
    let res = c
        .post(url("/api/v1/configurations"))
        .header("x-api-key", &alice)
        .json(&scenario)
        .send()
        .await
        .unwrap();
    error(res, StatusCode::CONFLICT, "conflict").await;
    let res = c
        .post(url("/api/v1/configurations"))
        .header("x-api-key", &bob)
        .json(&json!({"name": "Bob's", "total_patients": 5}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let bobs: Value = res.json().await.unwrap();

    // Invalid scenarios name the field path.
    let res = c
        .post(url("/api/v1/configurations"))
        .header("x-api-key", &alice)
        .json(&json!({"name": "Bad", "days_of_fighting": 0}))
        .send()
        .await
        .unwrap();
    let detail = error(res, StatusCode::UNPROCESSABLE_ENTITY, "invalid_scenario").await;
    assert!(detail.starts_with("days_of_fighting:"), "{detail}");
    let res = c
        .post(url("/api/v1/configurations"))
        .header("x-api-key", &alice)
        .json(&json!({"name": "Bad", "front_configs": [{"id": "a", "nationality_distribution": [{"nationality_code": "XXX", "percentage": 100}]}]}))
        .send()
        .await
        .unwrap();
    let detail = error(res, StatusCode::UNPROCESSABLE_ENTITY, "invalid_scenario").await;
    assert!(detail.contains("front_configs[0]"), "{detail}");
    let res = c
        .post(url("/api/v1/configurations"))
        .header("x-api-key", &alice)
        .json(&json!({"total_patients": 3}))
        .send()
        .await
        .unwrap();
    let detail = error(res, StatusCode::UNPROCESSABLE_ENTITY, "invalid_scenario").await;
    assert!(detail.starts_with("name:"), "{detail}");

    // Lists are per tenant.
    let list: Value = c
        .get(url("/api/v1/configurations"))
        .header("x-api-key", &alice)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [id.as_str()]);

    // Another tenant's configuration is 404, whatever the method.
    let one = format!("/api/v1/configurations/{id}");
    for req in [
        c.get(url(&one)),
        c.put(url(&one)).json(&scenario),
        c.delete(url(&one)),
        c.get(url(&format!("{one}/versions"))),
    ] {
        let res = req.header("x-api-key", &bob).send().await.unwrap();
        error(res, StatusCode::NOT_FOUND, "configuration_not_found").await;
    }
    let res = c
        .get(url("/api/v1/configurations/no-such-id"))
        .header("x-api-key", &alice)
        .send()
        .await
        .unwrap();
    error(res, StatusCode::NOT_FOUND, "configuration_not_found").await;

    // PUT makes a new version; the name may be left out but not changed.
    let res = c
        .put(url(&one))
        .header("x-api-key", &alice)
        .json(&json!({"total_patients": 20, "days_of_fighting": 2, "seed": 7}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let v2: Value = res.json().await.unwrap();
    assert_eq!(v2["id"], id.as_str());
    assert_eq!(v2["version"], 2);
    assert_eq!(v2["name"], "Baltic");
    assert_eq!(v2["parent_config_id"], format!("{id}@v1").as_str());
    assert_eq!(v2["configuration"]["total_patients"], 20);
    assert_eq!(v2["configuration"]["seed"], 7);
    assert_eq!(v2["created_at"], created["created_at"]);
    let res = c
        .put(url(&one))
        .header("x-api-key", &alice)
        .json(&json!({"name": "Renamed", "total_patients": 20}))
        .send()
        .await
        .unwrap();
    let detail = error(res, StatusCode::UNPROCESSABLE_ENTITY, "invalid_scenario").await;
    assert!(detail.starts_with("name:"), "{detail}");
    let res = c
        .put(url(&one))
        .header("x-api-key", &alice)
        .json(&json!({"days_of_fighting": -1}))
        .send()
        .await
        .unwrap();
    let detail = error(res, StatusCode::UNPROCESSABLE_ENTITY, "invalid_scenario").await;
    assert!(detail.contains("days_of_fighting"), "{detail}");

    let versions: Value = c
        .get(url(&format!("{one}/versions/")))
        .header("x-api-key", &alice)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let versions = versions.as_array().unwrap();
    assert_eq!(versions.len(), 2, "{versions:?}");
    assert_eq!(versions[0]["version"], 1);
    assert_eq!(versions[0]["configuration"]["total_patients"], 10);
    assert_eq!(versions[1]["version"], 2);
    assert_eq!(versions[1]["parent_config_id"], format!("{id}@v1").as_str());
    let latest: Value = c
        .get(url(&one))
        .header("x-api-key", &alice)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(latest["version"], 2);

    // Validation of a saved configuration needs the owner's key.
    let validate = url("/api/v1/configurations/validate");
    let body = json!({"configuration_id": id});
    let res = c.post(&validate).json(&body).send().await.unwrap();
    error(res, StatusCode::UNAUTHORIZED, "missing_api_key").await;
    let res = c
        .post(&validate)
        .header("x-api-key", "not-a-key")
        .json(&body)
        .send()
        .await
        .unwrap();
    error(res, StatusCode::UNAUTHORIZED, "invalid_api_key").await;
    let r: Value = c
        .post(&validate)
        .header("x-api-key", &alice)
        .json(&json!({"configuration_id": id, "total_patients": 5}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["valid"], true, "{r}");
    assert_eq!(r["normalized"]["total_patients"], 5);
    assert_eq!(r["normalized"]["seed"], 7);
    let r: Value = c
        .post(&validate)
        .header("x-api-key", &bob)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["valid"], false, "{r}");
    assert_eq!(r["errors"][0]["path"], "configuration_id");
    let r: Value = c
        .post(&validate)
        .header("x-api-key", &alice)
        .json(&json!({"configuration_id": id, "preset_id": "peacekeeping"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["valid"], false, "{r}");

    // Delete.
    let res = c
        .delete(url(&one))
        .header("x-api-key", &alice)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = c
        .get(url(&one))
        .header("x-api-key", &alice)
        .send()
        .await
        .unwrap();
    error(res, StatusCode::NOT_FOUND, "configuration_not_found").await;
    // Bob's is untouched.
    let res = c
        .get(url(&format!(
            "/api/v1/configurations/{}",
            bobs["id"].as_str().unwrap()
        )))
        .header("x-api-key", &bob)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

/// The NDJSON bytes `milmed generate --format ndjson` writes for this preset, count and seed:
/// the pipeline's encoder over the generator's slots in order.
fn reference_ndjson(preset: &str, n: u64, seed: u64) -> Vec<u8> {
    use milmed_core::engine::Generator;
    use milmed_core::record::Patient;
    use milmed_formats::{output_files, ChunkEncoder, EncodeOptions, Format};
    let mut parsed = milmed_core::presets::get(preset).unwrap().parse().unwrap();
    parsed.scenario.total_patients = n;
    parsed.scenario.seed = seed;
    let gen = Generator::new(parsed.scenario);
    let files = output_files(&[Format::Ndjson]);
    let mut enc = ChunkEncoder::new(&files, EncodeOptions::default());
    let mut p = Patient::empty();
    for slot in gen.planner() {
        gen.fill(&slot, &mut p);
        enc.push(gen.scenario(), &p).unwrap();
    }
    enc.buffers[0].clone()
}

#[tokio::test]
async fn streaming_generation() {
    let (base, store) = start().await;
    let c = Client::new();
    let alice = user_key(&store, "alice", KeyLimits::default()).await;
    let url = format!("{base}/api/v1/streaming/generate");

    let res = c
        .post(&url)
        .json(&json!({"preset_id": "peacekeeping"}))
        .send()
        .await
        .unwrap();
    error(res, StatusCode::UNAUTHORIZED, "missing_api_key").await;

    // NDJSON: N lines, the CLI's bytes, reproducible.
    let body = json!({"preset_id": "peacekeeping", "total_patients": 300, "seed": 7});
    let post = |body: &Value, query: &str| {
        c.post(format!("{url}{query}"))
            .header("x-api-key", &alice)
            .json(body)
            .send()
    };
    let res = post(&body, "").await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/x-ndjson");
    assert_eq!(res.headers()["x-milmed-seed"], "7");
    let first = res.bytes().await.unwrap();
    let text = std::str::from_utf8(&first).unwrap();
    assert_eq!(text.lines().count(), 300);
    for line in text.lines() {
        assert!(serde_json::from_str::<Value>(line).unwrap().is_object());
    }
    let second = post(&body, "").await.unwrap().bytes().await.unwrap();
    assert_eq!(first, second);
    assert_eq!(first.as_ref(), reference_ndjson("peacekeeping", 300, 7));

    // A JSON array of the same records.
    let res = post(&body, "?format=json").await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/json");
    let array: Vec<Value> = res.json().await.unwrap();
    assert_eq!(array.len(), 300);
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(array, lines);

    // Bad requests name the field.
    let res = post(&json!({"preset_id": "peacekeeping"}), "?format=xml")
        .await
        .unwrap();
    let d = error(res, StatusCode::UNPROCESSABLE_ENTITY, "invalid_request").await;
    assert!(d.starts_with("format:"), "{d}");
    let res = post(&json!({"configuration": {"days_of_fighting": 0}}), "")
        .await
        .unwrap();
    let d = error(res, StatusCode::UNPROCESSABLE_ENTITY, "invalid_scenario").await;
    assert!(d.starts_with("configuration.days_of_fighting:"), "{d}");
    let res = post(
        &json!({"preset_id": "peacekeeping", "configuration_id": "x"}),
        "",
    )
    .await
    .unwrap();
    error(res, StatusCode::UNPROCESSABLE_ENTITY, "invalid_request").await;

    // GET with a saved configuration; count overrides it.
    let saved: Value = c
        .post(format!("{base}/api/v1/configurations"))
        .header("x-api-key", &alice)
        .json(&json!({"name": "S", "total_patients": 10, "days_of_fighting": 1}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = saved["id"].as_str().unwrap();
    let res = c
        .get(format!("{url}?configuration_id={id}&count=40&seed=3"))
        .header("x-api-key", &alice)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["x-milmed-seed"], "3");
    let text = res.text().await.unwrap();
    assert_eq!(text.lines().count(), 40);
    // Without a seed anywhere, the server draws one and says which.
    let res = c
        .get(format!("{url}?configuration_id={id}&format=json"))
        .header("x-api-key", &alice)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["x-milmed-seed"]
        .to_str()
        .unwrap()
        .parse::<u64>()
        .is_ok());
    assert_eq!(res.json::<Vec<Value>>().await.unwrap().len(), 10);
    let res = c
        .get(format!("{url}?configuration_id={id}&count=many"))
        .header("x-api-key", &alice)
        .send()
        .await
        .unwrap();
    let d = error(res, StatusCode::UNPROCESSABLE_ENTITY, "invalid_request").await;
    assert!(d.starts_with("count:"), "{d}");

    // The demo key's cap.
    let res = c
        .post(&url)
        .header("x-api-key", DEMO)
        .json(&json!({"preset_id": "peacekeeping", "total_patients": 51}))
        .send()
        .await
        .unwrap();
    let d = error(res, StatusCode::UNPROCESSABLE_ENTITY, "limit_exceeded").await;
    assert!(d.contains("max_patients_per_job = 50"), "{d}");
    let res = c
        .get(format!("{url}?preset_id=peacekeeping&count=50"))
        .header("x-api-key", DEMO)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text().await.unwrap().lines().count(), 50);
}

#[tokio::test]
async fn streaming_quota_and_disconnect() {
    let (base, store) = start().await;
    let c = Client::new();
    let url = format!("{base}/api/v1/streaming/generate");

    // The daily patient quota.
    let small = user_key(
        &store,
        "small",
        KeyLimits {
            patients_per_day: Some(100),
            ..KeyLimits::default()
        },
    )
    .await;
    let stream = |n: u64| {
        c.post(&url)
            .header("x-api-key", &small)
            .json(&json!({"preset_id": "peacekeeping", "total_patients": n, "seed": 1}))
            .send()
    };
    let res = stream(80).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text().await.unwrap().lines().count(), 80);
    let res = stream(30).await.unwrap();
    assert!(res.headers().contains_key("retry-after"));
    let d = error(res, StatusCode::TOO_MANY_REQUESTS, "quota_exceeded").await;
    assert!(d.starts_with("patients_per_day:"), "{d}");

    // A client that reads the first bytes and hangs up stops the generator: the unsent
    // patients are given back to the day's count, and the server keeps serving.
    let big = user_key(&store, "big", KeyLimits::default()).await;
    let n = 500_000u64;
    let mut res = c
        .post(&url)
        .header("x-api-key", &big)
        .json(&json!({"preset_id": "peacekeeping", "total_patients": n, "seed": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let chunk = res.chunk().await.unwrap().unwrap();
    assert!(!chunk.is_empty());
    drop(res);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let me: Value = c
            .get(format!("{base}/api/v1/keys/me"))
            .header("x-api-key", &big)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let patients = me["today"]["patients"].as_u64().unwrap();
        if patients < n {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the generator did not stop: {me}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let res = c
        .get(format!("{url}?preset_id=peacekeeping&count=5&seed=2"))
        .header("x-api-key", &big)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text().await.unwrap().lines().count(), 5);
}
