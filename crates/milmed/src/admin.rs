//! `milmed migrate`, `milmed keys …` and `milmed openapi`: thin commands over the store and the
//! API crate. Secrets are printed once (a new key, on the last line of stdout) and never logged.

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use milmed_store::{
    utc_day, ApiKey, GeneratedKey, KeyLimits, KeyRole, Millis, NewKey, Store, StoreError,
    StoreOptions,
};

/// Where the store is: a PostgreSQL URL, or the SQLite file in a data directory.
#[derive(Args, Debug, Clone)]
pub struct StoreArgs {
    /// Data directory holding the SQLite database (used when no database URL is given).
    #[arg(long, value_name = "DIR", default_value = "milmed-data")]
    pub data_dir: PathBuf,
    /// `postgres://…` to use PostgreSQL (default: the DATABASE_URL environment variable, else
    /// SQLite in --data-dir).
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
}

impl StoreArgs {
    fn url(&self) -> Option<String> {
        self.database_url
            .clone()
            .or_else(|| std::env::var("DATABASE_URL").ok())
    }
}

/// The `keys` subcommands.
#[derive(Subcommand, Debug)]
pub enum KeysAction {
    /// Create a key; the key itself is printed alone on the last line of stdout, once.
    Create(CreateKey),
    /// List the keys (never the keys themselves, only their first characters).
    List {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Revoke a key by its id.
    Revoke {
        /// The key's id (from `keys list`).
        id: String,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Today's usage of a key (UTC day) against its limits.
    Usage {
        /// The key's id (from `keys list`).
        id: String,
        #[command(flatten)]
        store: StoreArgs,
    },
}

/// Options of `keys create`.
#[derive(Args, Debug)]
pub struct CreateKey {
    /// A label for the key.
    #[arg(long)]
    pub name: String,
    /// `user` sees its tenant's jobs only; `admin` sees everything and manages keys.
    #[arg(long, value_enum, default_value = "user")]
    pub role: RoleArg,
    /// Tenant whose jobs and scenarios the key shares (default: the key's name).
    #[arg(long)]
    pub tenant: Option<String>,
    /// Most patients one job may ask for.
    #[arg(long, value_name = "N")]
    pub max_patients_per_job: Option<u64>,
    /// Most jobs created per UTC day.
    #[arg(long, value_name = "N")]
    pub jobs_per_day: Option<u64>,
    /// Most requests per minute.
    #[arg(long, value_name = "N")]
    pub requests_per_minute: Option<u64>,
    /// Most requests per UTC day.
    #[arg(long, value_name = "N")]
    pub requests_per_day: Option<u64>,
    /// Most patients generated per UTC day.
    #[arg(long, value_name = "N")]
    pub patients_per_day: Option<u64>,
    /// Most jobs queued or running at once.
    #[arg(long, value_name = "N")]
    pub max_concurrent_jobs: Option<u64>,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Key roles on the command line.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum RoleArg {
    /// A tenant's key.
    User,
    /// An administrator's key.
    Admin,
}

pub(crate) fn now_millis() -> Millis {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| Millis::try_from(d.as_millis()).unwrap_or(Millis::MAX))
        .unwrap_or(0)
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// Opens the store and applies the migrations (they are idempotent).
async fn open(args: &StoreArgs) -> Result<Store> {
    let url = args.url();
    let store = Store::open_configured(url.as_deref(), &args.data_dir, &StoreOptions::default())
        .await
        .map_err(describe)?;
    store.migrate().await.map_err(describe)?;
    Ok(store)
}

/// Store errors the user caused (a bad id, a bad value) become input errors (exit code 2).
fn describe(e: StoreError) -> anyhow::Error {
    match e {
        StoreError::NotFound { .. }
        | StoreError::Invalid { .. }
        | StoreError::Conflict { .. }
        | StoreError::Config(_) => crate::input_err(e.to_string()),
        other => anyhow::Error::new(other),
    }
}

/// `milmed migrate`.
pub fn migrate(args: &StoreArgs) -> Result<()> {
    runtime()?.block_on(async {
        let store = open(args).await?;
        eprintln!("migrations applied ({} store)", store.backend().name());
        store.close().await;
        Ok(())
    })
}

fn limit(v: Option<u64>) -> String {
    v.map_or_else(|| "unlimited".to_string(), |n| n.to_string())
}

fn print_key(k: &ApiKey) {
    let status = if k.revoked_at.is_some() {
        "revoked"
    } else {
        "active"
    };
    println!(
        "{}\t{}\t{}…\t{}\ttenant {}\t{}",
        k.id,
        k.name,
        k.key_prefix,
        k.role.as_str(),
        k.tenant_id,
        status
    );
}

/// `milmed keys …`.
pub fn keys(action: KeysAction) -> Result<()> {
    runtime()?.block_on(async move {
        match action {
            KeysAction::Create(c) => {
                let store = open(&c.store).await?;
                let generated = GeneratedKey::generate().map_err(describe)?;
                let new = NewKey {
                    tenant_id: c.tenant.clone().unwrap_or_else(|| c.name.clone()),
                    name: c.name,
                    role: match c.role {
                        RoleArg::User => KeyRole::User,
                        RoleArg::Admin => KeyRole::Admin,
                    },
                    key_prefix: generated.prefix.clone(),
                    key_hash: generated.hash.clone(),
                    limits: KeyLimits {
                        max_patients_per_job: c.max_patients_per_job,
                        jobs_per_day: c.jobs_per_day,
                        requests_per_minute: c.requests_per_minute,
                        requests_per_day: c.requests_per_day,
                        patients_per_day: c.patients_per_day,
                        max_concurrent_jobs: c.max_concurrent_jobs,
                    },
                    expires_at: None,
                };
                let key = store
                    .create_key(&new, now_millis())
                    .await
                    .map_err(describe)?;
                println!(
                    "created key {} ({}, role {}, tenant {}); it is shown once:",
                    key.id,
                    key.name,
                    key.role.as_str(),
                    key.tenant_id
                );
                println!("{}", generated.plaintext);
                store.close().await;
            }
            KeysAction::List { store } => {
                let store = open(&store).await?;
                for k in store.list_keys(None).await.map_err(describe)? {
                    print_key(&k);
                }
                store.close().await;
            }
            KeysAction::Revoke { id, store } => {
                let store = open(&store).await?;
                let k = store
                    .revoke_key(&id, now_millis())
                    .await
                    .map_err(describe)?;
                print_key(&k);
                store.close().await;
            }
            KeysAction::Usage { id, store } => {
                let store = open(&store).await?;
                let now = now_millis();
                let k = store.get_key(&id).await.map_err(describe)?;
                let u = store.usage_on(&id, now).await.map_err(describe)?;
                println!("key {} ({}), UTC day {}", k.id, k.name, utc_day(now));
                println!(
                    "  requests {} of {}",
                    u.requests,
                    limit(k.limits.requests_per_day)
                );
                println!("  jobs {} of {}", u.jobs, limit(k.limits.jobs_per_day));
                println!(
                    "  patients {} of {}",
                    u.patients,
                    limit(k.limits.patients_per_day)
                );
                store.close().await;
            }
        }
        Ok(())
    })
}

/// `milmed openapi`: the API's OpenAPI document.
pub fn openapi() {
    println!("{}", milmed_api::openapi_json());
}
