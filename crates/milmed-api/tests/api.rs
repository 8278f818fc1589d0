//! End-to-end tests: a real server on a loopback port, called with a real HTTP client.

use std::net::SocketAddr;
use std::path::PathBuf;

use milmed_api::{router, ApiConfig, Service, ServiceConfig};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

/// Starts the API on 127.0.0.1:0 and returns its base URL.
async fn start(config: ApiConfig) -> String {
    // The public routes need no database, but the router always has one: a throwaway SQLite
    // file, kept for the life of the test process.
    let dir = tempfile::tempdir().unwrap().keep();
    let store = milmed_store::Store::open_data_dir(&dir, &Default::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let service = Service::in_data_dir(store, ServiceConfig::default(), &dir)
        .unwrap()
        .shared();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, router(config, service))
            .await
            .unwrap();
    });
    format!("http://{addr}")
}

fn client() -> Client {
    Client::builder()
        // A redirect would hide a missing trailing-slash route; the API must answer directly.
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Checks that `res` is an error envelope with this status and code, and that its request id
/// equals the header. Returns the body.
async fn assert_envelope(res: reqwest::Response, status: StatusCode, code: &str) -> Value {
    assert_eq!(res.status(), status, "status");
    let ct = res.headers()["content-type"].to_str().unwrap().to_string();
    assert!(ct.starts_with("application/json"), "content-type {ct}");
    let header_id = res.headers()["x-request-id"].to_str().unwrap().to_string();
    let body: Value = res.json().await.unwrap();
    let obj = body.as_object().unwrap();
    let mut keys: Vec<_> = obj.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["code", "detail", "error", "request_id", "timestamp"],
        "{body}"
    );
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["request_id"], header_id.as_str());
    assert!(!header_id.is_empty());
    let ts = body["timestamp"].as_str().unwrap();
    assert!(
        ts.len() == 20 && ts.ends_with('Z') && ts.as_bytes()[10] == b'T',
        "timestamp {ts}"
    );
    body
}

const GET_ROUTES: &[&str] = &[
    "/health",
    "/api/v1/health/live",
    "/api/v1/presets",
    "/api/v1/presets/nato_article_5",
    "/api/v1/presets/categories/list",
    "/api/v1/configurations/reference/nationalities",
    "/api/v1/configurations/reference/condition-types",
    "/api/v1/configurations/reference/facility-types",
    "/api/v1/configurations/reference/warfare-types",
    "/api/v1/configurations/reference/conditions",
    "/openapi.json",
    "/api/v1/openapi.json",
];

#[tokio::test]
async fn every_get_route_answers_with_and_without_trailing_slash() {
    let base = start(ApiConfig::default()).await;
    let c = client();
    for route in GET_ROUTES {
        for path in [route.to_string(), format!("{route}/")] {
            let res = c.get(format!("{base}{path}")).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{path}");
            assert!(res.headers().contains_key("x-request-id"), "{path}");
            let body: Value = res.json().await.unwrap();
            assert!(
                body.is_object() || body.as_array().is_some_and(|a| !a.is_empty()),
                "{path}"
            );
        }
    }
}

#[tokio::test]
async fn reference_and_preset_contents() {
    let base = start(ApiConfig::default()).await;
    let c = client();
    // GET a path and read its JSON body.
    let get = |p: &str| {
        let req = c.get(format!("{base}{p}"));
        async move { req.send().await.unwrap().json::<Value>().await.unwrap() }
    };
    let nations: Value = get("/api/v1/configurations/reference/nationalities/").await;
    assert!(nations
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["code"] == "POL"));
    let types: Value = get("/api/v1/configurations/reference/condition-types").await;
    let names: Vec<_> = types
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Disease", "Non-Battle Injury", "Battle Injury"]);
    let roles: Value = get("/api/v1/configurations/reference/facility-types").await;
    assert_eq!(roles.as_array().unwrap().len(), 6);
    let wt: Value = get("/api/v1/configurations/reference/warfare-types").await;
    assert_eq!(wt.as_array().unwrap().len(), 8);
    let conds: Value = get("/api/v1/configurations/reference/conditions/").await;
    assert!(conds
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["code"] == "283545005"));

    let list: Value = get("/api/v1/presets/").await;
    let ids: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.len() >= 8, "{ids:?}");
    let cats: Value = get("/api/v1/presets/categories/list").await;
    let counted: u64 = cats
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["preset_count"].as_u64().unwrap())
        .sum();
    assert_eq!(counted as usize, ids.len());

    // Every preset's configuration is accepted as is by the validation endpoint.
    for id in &ids {
        let p: Value = get(&format!("/api/v1/presets/{id}")).await;
        assert_eq!(p["id"], id.as_str());
        let conf = p["configuration"].clone();
        assert!(conf.is_object());
        let r: Value = c
            .post(format!("{base}/api/v1/configurations/validate/"))
            .json(&json!({"configuration": conf}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(r["valid"], true, "{id}: {r}");
        assert_eq!(
            r["normalized"], conf,
            "{id}: canonical form is a fixed point"
        );
    }
    let res = c
        .get(format!("{base}/api/v1/presets/no_such_preset"))
        .send()
        .await
        .unwrap();
    assert_envelope(res, StatusCode::NOT_FOUND, "preset_not_found").await;
}

#[tokio::test]
async fn docs_page_and_assets_are_served_offline() {
    let base = start(ApiConfig::default()).await;
    let c = client();
    for path in ["/docs", "/docs/"] {
        let res = c.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let html = res.text().await.unwrap();
        assert!(html.contains("/docs/swagger-ui-bundle.js"));
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "no external asset"
        );
    }
    for (asset, ct) in [
        ("swagger-ui-bundle.js", "javascript"),
        ("swagger-ui.css", "css"),
        ("swagger-ui-standalone-preset.js", "javascript"),
    ] {
        let res = c.get(format!("{base}/docs/{asset}")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{asset}");
        assert!(res.headers()["content-type"].to_str().unwrap().contains(ct));
        assert!(res.bytes().await.unwrap().len() > 10_000);
    }
    let init = c
        .get(format!("{base}/docs/swagger-initializer.js"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(init.contains("/openapi.json"), "{init}");
    let res = c.get(format!("{base}/docs/nope.js")).send().await.unwrap();
    assert_envelope(res, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn error_envelopes() {
    let base = start(ApiConfig { body_limit: 16_384 }).await;
    let c = client();
    let validate = format!("{base}/api/v1/configurations/validate");

    for path in ["/nope", "/api/v1/nope/", "/api/v1/presets/a/b/c"] {
        let res = c.get(format!("{base}{path}")).send().await.unwrap();
        let b = assert_envelope(res, StatusCode::NOT_FOUND, "not_found").await;
        assert_eq!(b["error"], "Not Found");
    }

    for (method, url) in [
        (Method::DELETE, format!("{base}/api/v1/presets")),
        (Method::GET, validate.clone()),
        (Method::GET, format!("{validate}/")),
        (Method::POST, format!("{base}/health/")),
    ] {
        let res = c.request(method.clone(), &url).send().await.unwrap();
        assert!(
            res.headers().contains_key("allow"),
            "{method} {url}: Allow header kept"
        );
        let b = assert_envelope(res, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;
        assert_eq!(b["error"], "Method Not Allowed");
    }

    // Over the limit, with a Content-Length (refused before reading) …
    let big = format!("{{\"name\": \"{}\"}}", "x".repeat(40_000));
    let res = c
        .post(&validate)
        .header("content-type", "application/json")
        .body(big.clone())
        .send()
        .await
        .unwrap();
    assert_envelope(res, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
    // … and chunked, without one (refused while reading).
    let stream = futures_stream(big.into_bytes());
    let res = c
        .post(&validate)
        .header("content-type", "application/json")
        .body(stream)
        .send()
        .await
        .unwrap();
    assert_envelope(res, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;

    let post = |body: &'static str| {
        c.post(&validate)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    for bad in ["{", "{\"a\": }", "not json", "{} trailing", ""] {
        let b = assert_envelope(
            post(bad).await.unwrap(),
            StatusCode::BAD_REQUEST,
            "malformed_json",
        )
        .await;
        assert_eq!(b["error"], "Bad Request");
    }
    let deep: &'static str = Box::leak(("[".repeat(3000) + &"]".repeat(3000)).into_boxed_str());
    assert_envelope(
        post(deep).await.unwrap(),
        StatusCode::BAD_REQUEST,
        "malformed_json",
    )
    .await;
    let deep_obj: &'static str =
        Box::leak(("{\"configuration\": ".repeat(300) + "{}" + &"}".repeat(300)).into_boxed_str());
    assert_envelope(
        post(deep_obj).await.unwrap(),
        StatusCode::BAD_REQUEST,
        "malformed_json",
    )
    .await;

    // Valid JSON of the wrong shape.
    for (bad, field) in [
        ("[1, 2]", ""),
        ("42", ""),
        (r#"{"configuration": {}, "unknown_key": 1}"#, "unknown_key"),
        (
            r#"{"configuration": {}, "total_patients": "many"}"#,
            "total_patients",
        ),
        (r#"{"configuration": 5}"#, "configuration"),
        (r#"{"preset_id": 5}"#, "preset_id"),
    ] {
        let b = assert_envelope(
            post(bad).await.unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_request",
        )
        .await;
        assert_eq!(b["error"], "Validation Error");
        assert!(b["detail"].as_str().unwrap().contains(field), "{bad}: {b}");
    }

    let res = c
        .post(&validate)
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_envelope(
        res,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;
}

/// A chunked body (no Content-Length), so the limit must be enforced while reading.
fn futures_stream(bytes: Vec<u8>) -> reqwest::Body {
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        bytes.chunks(1000).map(|c| Ok(c.to_vec())).collect();
    reqwest::Body::wrap_stream(tokio_stream_iter(chunks))
}

fn tokio_stream_iter(
    items: Vec<Result<Vec<u8>, std::io::Error>>,
) -> impl futures_core::Stream<Item = Result<Vec<u8>, std::io::Error>> + Send + 'static {
    IterStream(items.into_iter())
}

struct IterStream<I>(I);

impl<I: Iterator + Unpin> futures_core::Stream for IterStream<I> {
    type Item = I::Item;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<I::Item>> {
        std::task::Poll::Ready(self.0.next())
    }
}

#[tokio::test]
async fn request_id_is_echoed_or_generated() {
    let base = start(ApiConfig::default()).await;
    let c = client();
    let res = c
        .get(format!("{base}/health"))
        .header("x-request-id", "client-abc.123")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-request-id"], "client-abc.123");
    let res = c
        .get(format!("{base}/nope"))
        .header("x-request-id", "client-xyz")
        .send()
        .await
        .unwrap();
    let b = assert_envelope(res, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(b["request_id"], "client-xyz");

    let a = c.get(format!("{base}/health")).send().await.unwrap();
    let b = c.get(format!("{base}/health")).send().await.unwrap();
    let (a, b) = (&a.headers()["x-request-id"], &b.headers()["x-request-id"]);
    assert_ne!(a, b, "a fresh id per request");
    assert_eq!(a.len(), 36, "a UUID");

    // An id that is unsafe to echo is replaced.
    let res = c
        .get(format!("{base}/health"))
        .header("x-request-id", "a b <script>")
        .send()
        .await
        .unwrap();
    let id = res.headers()["x-request-id"].to_str().unwrap();
    assert_eq!(id.len(), 36, "{id}");
}

fn fixture(name: &str) -> Value {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap()
}

#[tokio::test]
async fn validate_endpoint() {
    let base = start(ApiConfig::default()).await;
    let c = client();
    let validate = |body: Value| {
        let c = c.clone();
        let url = format!("{base}/api/v1/configurations/validate/");
        async move {
            let res = c.post(url).json(&body).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::OK);
            res.json::<Value>().await.unwrap()
        }
    };

    // The predecessor's payloads, as its clients send them.
    let ui = validate(fixture("predecessor-ui-request.json")).await;
    assert_eq!(ui["valid"], true, "{ui}");
    assert_eq!(ui["errors"], json!([]));
    let warnings = ui["warnings"].as_array().unwrap();
    assert!(!warnings.is_empty(), "legacy keys are reported");
    let text = warnings
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    for key in ["medical_simulation", "advanced_overrides"] {
        assert!(text.contains(key), "warning for {key}: {text}");
    }
    assert_eq!(ui["normalized"]["total_patients"], 1440);
    assert_eq!(
        ui["normalized"]["front_configs"].as_array().unwrap().len(),
        3
    );

    let seed = validate(fixture("seed-curl-request.json")).await;
    assert_eq!(seed["valid"], true, "{seed}");
    assert_eq!(seed["normalized"]["total_patients"], 5000);

    // A bare scenario.
    let bare = validate(json!({"total_patients": 10, "days_of_fighting": 2})).await;
    assert_eq!(bare["valid"], true, "{bare}");

    // Invalid scenarios are a 200 with the field paths.
    let mut bad = fixture("predecessor-ui-request.json");
    bad["configuration"]["front_configs"][1]["nationality_distribution"][0]["percentage"] =
        json!(40.0);
    bad["configuration"]["days_of_fighting"] = json!(0);
    let r = validate(bad).await;
    assert_eq!(r["valid"], false);
    assert_eq!(r["normalized"], Value::Null);
    let paths: Vec<&str> = r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"configuration.days_of_fighting"),
        "{paths:?}"
    );
    assert!(
        paths
            .iter()
            .any(|p| p.starts_with("configuration.front_configs[1]")),
        "{paths:?}"
    );
    let r = validate(json!({"configuration": {"front_configs": [{"id": "a", "nationality_distribution": [{"nationality_code": "XXX", "percentage": 100}]}]}})).await;
    assert_eq!(r["valid"], false, "{r}");
    let r = validate(json!({"unknown_scenario_key": 1})).await;
    assert_eq!(r["valid"], false, "{r}");
    assert_eq!(r["errors"].as_array().unwrap().len(), 1);

    // A preset by id, with an override.
    let r = validate(json!({"preset_id": "peacekeeping", "total_patients": 123})).await;
    assert_eq!(r["valid"], true, "{r}");
    assert_eq!(r["normalized"]["total_patients"], 123);
}

#[test]
fn openapi_matches_golden() {
    let doc = milmed_api::openapi_json();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/openapi.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, format!("{doc}\n")).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    assert!(
        golden.trim_end() == doc.trim_end(),
        "the OpenAPI document changed; review and rerun with UPDATE_GOLDEN=1 to accept.\n{}",
        first_difference(golden.trim_end(), doc.trim_end())
    );
}

fn first_difference(a: &str, b: &str) -> String {
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}:\n- {x}\n+ {y}", i + 1);
        }
    }
    format!(
        "lengths differ: {} vs {} lines",
        a.lines().count(),
        b.lines().count()
    )
}

#[tokio::test]
async fn openapi_describes_the_contract() {
    let base = start(ApiConfig::default()).await;
    let doc: Value = client()
        .get(format!("{base}/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for route in GET_ROUTES {
        let templ = route.replace("nato_article_5", "{id}");
        assert!(paths.contains_key(&templ), "{templ} documented");
    }
    assert!(paths.contains_key("/api/v1/configurations/validate"));
    assert_eq!(
        doc["components"]["securitySchemes"]["api_key"]["name"],
        "X-API-Key"
    );
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
}
