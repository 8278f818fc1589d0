//! Serves the API for manual checks until the `milmed serve` command mounts it:
//! `cargo run -p milmed-api --example serve [ADDR]` (default 127.0.0.1:8000).

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8000".to_string());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(
        listener,
        milmed_api::router(milmed_api::ApiConfig::default()),
    )
    .await
}
