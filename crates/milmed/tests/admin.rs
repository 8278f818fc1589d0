//! `milmed migrate`, `milmed keys …` and `milmed openapi` as real processes, on an SQLite store
//! in a temporary data directory (the store's own tests cover PostgreSQL).

use std::path::Path;
use std::process::{Command, Output};

fn milmed(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_milmed"))
        .args(args)
        .env_remove("DATABASE_URL")
        .output()
        .expect("the milmed binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn with_dir<'a>(args: &[&'a str], dir: &'a Path) -> Vec<&'a str> {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--data-dir", dir.to_str().expect("utf-8 path")]);
    all
}

#[test]
fn keys_are_created_listed_revoked_and_never_shown_again() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let m = milmed(&with_dir(&["migrate"], dir));
    assert!(m.status.success(), "{}", text(&m.stderr));
    assert!(
        dir.join("milmed.db").exists(),
        "the SQLite file is in the data directory"
    );
    // Twice is fine: migrations are idempotent.
    assert!(milmed(&with_dir(&["migrate"], dir)).status.success());

    let created = milmed(&with_dir(
        &[
            "keys",
            "create",
            "--name",
            "exercise-control",
            "--role",
            "admin",
            "--max-patients-per-job",
            "5000",
            "--requests-per-minute",
            "60",
        ],
        dir,
    ));
    assert!(created.status.success(), "{}", text(&created.stderr));
    let out = text(&created.stdout);
    let key = out.lines().last().expect("a last line").to_string();
    assert!(
        key.starts_with("mm_") && key.len() >= 32,
        "the key alone: {key:?}"
    );
    let id = out
        .split_whitespace()
        .nth(2)
        .expect("created key <id>")
        .to_string();

    let listed = milmed(&with_dir(&["keys", "list"], dir));
    assert!(listed.status.success(), "{}", text(&listed.stderr));
    let list = text(&listed.stdout);
    assert!(
        list.contains("exercise-control") && list.contains(&id),
        "{list}"
    );
    assert!(list.contains("admin") && list.contains("active"), "{list}");
    assert!(!list.contains(&key), "the key itself is never listed");
    assert!(
        list.contains(&key[..11]),
        "its first characters are, for recognition"
    );

    let usage = milmed(&with_dir(&["keys", "usage", &id], dir));
    assert!(usage.status.success(), "{}", text(&usage.stderr));
    let usage = text(&usage.stdout);
    assert!(usage.contains("requests 0 of unlimited"), "{usage}");
    assert!(usage.contains("patients 0 of unlimited"), "{usage}");

    let revoked = milmed(&with_dir(&["keys", "revoke", &id], dir));
    assert!(revoked.status.success(), "{}", text(&revoked.stderr));
    assert!(text(&revoked.stdout).contains("revoked"));
    let list = text(&milmed(&with_dir(&["keys", "list"], dir)).stdout);
    assert!(list.contains("revoked"), "{list}");
}

#[test]
fn unknown_key_ids_and_bad_urls_are_input_errors() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let missing = milmed(&with_dir(&["keys", "revoke", "no-such-key"], tmp.path()));
    assert_eq!(missing.status.code(), Some(2), "{}", text(&missing.stderr));
    assert!(text(&missing.stderr).starts_with("error: "));
    let bad = milmed(&["migrate", "--database-url", "mysql://user:secret@host/db"]);
    assert_eq!(bad.status.code(), Some(2), "{}", text(&bad.stderr));
    assert!(
        !text(&bad.stderr).contains("secret"),
        "a URL's password is never echoed"
    );
    let empty_name = milmed(&with_dir(&["keys", "create", "--name", " "], tmp.path()));
    assert_eq!(
        empty_name.status.code(),
        Some(2),
        "{}",
        text(&empty_name.stderr)
    );
    assert!(text(&empty_name.stderr).contains("name"));
}

#[test]
fn openapi_prints_the_api_document() {
    let o = milmed(&["openapi"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with('3')));
    assert!(
        doc["paths"]["/api/v1/presets"].is_object(),
        "{}",
        doc["paths"]
    );
}
