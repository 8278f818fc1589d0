//! Helpers shared by the integration tests; each test binary uses a part of them.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `promtool` with `args`, feeding `stdin`, and returns its output. Panics (the test
/// fails, it does not skip) when promtool is not installed.
pub fn promtool(args: &[&str], stdin: &str) -> Output {
    let child = Command::new("promtool")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => panic!(
            "cannot run promtool ({e}): install it with `apt-get install -y prometheus` \
             (Debian package prometheus; .ci/run installs it)"
        ),
    };
    let mut input = child.stdin.take().expect("promtool stdin");
    input
        .write_all(stdin.as_bytes())
        .expect("writing to promtool");
    drop(input);
    child.wait_with_output().expect("waiting for promtool")
}

/// Panics with promtool's output unless it succeeded.
pub fn assert_promtool_ok(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "promtool {what} failed ({}):\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Serves `service` with the real router on 127.0.0.1:0 and returns the base URL.
pub async fn serve(service: std::sync::Arc<milmed_api::Service>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            milmed_api::router(milmed_api::ApiConfig::default(), service),
        )
        .await
        .unwrap();
    });
    format!("http://{addr}")
}
