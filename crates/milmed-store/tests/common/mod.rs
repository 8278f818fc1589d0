//! Runs each store test against both backends, each in a fresh database.
//!
//! SQLite: a new data directory in a temporary folder. PostgreSQL: a uniquely named database
//! created through the `postgres` maintenance database of the server at `127.0.0.1:5432`
//! (user `postgres`, trust authentication; `MILMED_TEST_PG_URL` points elsewhere), dropped
//! afterwards even when the test fails. An unreachable server fails the PostgreSQL tests: they
//! never skip.

use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};

use milmed_store::{Store, StoreOptions};
use sqlx::Connection;

/// Which backend a test instance runs on.
#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

fn pg_base_url() -> String {
    std::env::var("MILMED_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_string())
}

fn unique_db_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("milmed_test_{}_{}_{}", std::process::id(), n, nanos)
}

async fn admin_connection() -> sqlx::PgConnection {
    let url = format!("{}/postgres", pg_base_url());
    match sqlx::PgConnection::connect(&url).await {
        Ok(c) => c,
        Err(e) => panic!("PostgreSQL is required for the store tests and is unreachable: {e}"),
    }
}

/// Opens a fresh, migrated store on `backend`, runs `test` on it, then removes the database;
/// a panic in the test is re-raised after the clean-up.
pub async fn run<F, Fut>(backend: Backend, test: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let options = StoreOptions::default();
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let store = Store::open_data_dir(&dir.path().join("data"), &options)
                .await
                .expect("open sqlite store");
            store.migrate().await.expect("migrate sqlite");
            let outcome = tokio::spawn(test(store.clone())).await;
            store.close().await;
            drop(dir);
            if let Err(e) = outcome {
                std::panic::resume_unwind(e.into_panic());
            }
        }
        Backend::Postgres => {
            let name = unique_db_name();
            let mut admin = admin_connection().await;
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut admin)
                .await
                .expect("create test database");
            let url = format!("{}/{}", pg_base_url(), name);
            let store = Store::open_with(&url, &options)
                .await
                .expect("open postgres store");
            store.migrate().await.expect("migrate postgres");
            let outcome = tokio::spawn(test(store.clone())).await;
            store.close().await;
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut admin)
                .await
                .expect("drop test database");
            let _ = admin.close().await;
            if let Err(e) = outcome {
                std::panic::resume_unwind(e.into_panic());
            }
        }
    }
}

/// Declares each `async fn name(store: Store) { … }` once and runs it as two tests,
/// `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! store_tests {
    ($(async fn $name:ident($store:ident: Store) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                async fn body($store: milmed_store::Store) $body

                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn sqlite() {
                    common::run(common::Backend::Sqlite, body).await
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn postgres() {
                    common::run(common::Backend::Postgres, body).await
                }
            }
        )*
    };
}
