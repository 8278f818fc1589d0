//! The embedded migrations, one list per backend.
//!
//! The SQL files are compiled into the binary with `include_str!` and handed to sqlx's migrator
//! through a small [`MigrationSource`], which spares the `macros` feature (and its compile
//! time). The lists are append-only: a released migration is never edited (sqlx refuses to run
//! when an applied migration's checksum changes); a change is a new numbered file in both
//! directories. A test checks that each list names exactly the files of its directory.

use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;

use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};

use crate::{Backend, Result};

/// (version, description, SQL) of each SQLite migration, in order.
pub(crate) const SQLITE: &[(i64, &str, &str)] = &[
    (
        1,
        "initial",
        include_str!("../migrations/sqlite/0001_initial.sql"),
    ),
    (
        2,
        "files_expired_at",
        include_str!("../migrations/sqlite/0002_files_expired_at.sql"),
    ),
];

/// (version, description, SQL) of each PostgreSQL migration, in order.
pub(crate) const POSTGRES: &[(i64, &str, &str)] = &[
    (
        1,
        "initial",
        include_str!("../migrations/postgres/0001_initial.sql"),
    ),
    (
        2,
        "files_expired_at",
        include_str!("../migrations/postgres/0002_files_expired_at.sql"),
    ),
];

fn list(backend: Backend) -> &'static [(i64, &'static str, &'static str)] {
    match backend {
        Backend::Sqlite => SQLITE,
        Backend::Postgres => POSTGRES,
    }
}

/// The highest migration version of `backend`.
pub(crate) fn latest_version(backend: Backend) -> i64 {
    list(backend).last().map_or(0, |m| m.0)
}

#[derive(Debug)]
struct Embedded(&'static [(i64, &'static str, &'static str)]);

impl MigrationSource<'static> for Embedded {
    fn resolve(
        self,
    ) -> Pin<Box<dyn Future<Output = std::result::Result<Vec<Migration>, BoxDynError>> + Send>>
    {
        let migrations = self
            .0
            .iter()
            .map(|&(version, description, sql)| {
                Migration::new(
                    version,
                    Cow::Borrowed(description),
                    MigrationType::Simple,
                    Cow::Borrowed(sql),
                    false,
                )
            })
            .collect();
        Box::pin(async move { Ok(migrations) })
    }
}

pub(crate) async fn migrator(backend: Backend) -> Result<Migrator> {
    Ok(Migrator::new(Embedded(list(backend))).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file in the migrations directory is embedded, in order, under its own number and
    /// description, so a new file cannot be forgotten in the list.
    #[test]
    fn embedded_lists_match_the_directories() {
        for (backend, dir) in [(Backend::Sqlite, "sqlite"), (Backend::Postgres, "postgres")] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("migrations")
                .join(dir);
            let mut on_disk: Vec<String> = std::fs::read_dir(&path)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            on_disk.sort();
            let embedded: Vec<String> = list(backend)
                .iter()
                .map(|(v, d, _)| format!("{v:04}_{d}.sql"))
                .collect();
            assert_eq!(embedded, on_disk, "{dir}");
            for (path_name, (_, _, sql)) in on_disk.iter().zip(list(backend)) {
                let text = std::fs::read_to_string(path.join(path_name)).unwrap();
                assert_eq!(&text, sql);
            }
        }
    }
}
