//! Settings of `milmed serve` and `milmed worker`: defaults, then a TOML file, then `MILMED_*`
//! environment variables, then command-line flags, each layer overriding the one before.
//! Every value is checked once, here, and an error names the setting and the layer it came
//! from.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Args;
use serde::Deserialize;

/// The resolved settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Address to listen on.
    pub host: String,
    /// Port to listen on.
    pub port: u16,
    /// Data directory: the SQLite database (without a database URL), job files, the secret
    /// key that seals encryption passwords.
    pub data_dir: PathBuf,
    /// `postgres://…` or `sqlite:…`; absent → SQLite in the data directory.
    pub database_url: Option<String>,
    /// Shown by the health endpoint.
    pub environment: String,
    /// `text` (readable) or `json` (one object per line).
    pub log_format: LogFormat,
    /// Largest request body in bytes.
    pub body_limit_bytes: usize,
    /// Whether `/metrics` is public.
    pub public_metrics: bool,
    /// Whether `serve` runs a job worker beside the API (an API-only node when false).
    pub worker: bool,
    /// Worker slots of this node.
    pub max_concurrent_jobs: usize,
    /// Per-job memory limit, MiB.
    pub job_memory_mb: u64,
    /// Per-job CPU time limit, seconds.
    pub job_cpu_seconds: u64,
    /// Per-job wall time limit, seconds.
    pub job_wall_seconds: u64,
    /// Per-job output limit, MiB.
    pub job_output_mb: u64,
    /// Generation threads per job.
    pub job_threads: usize,
    /// Scheduling priority (nice, 0–19) of job processes.
    pub job_nice: i32,
    /// Claims of one job before a lost worker makes it fail.
    pub max_attempts: u32,
    /// Lease of a running job, seconds; a dead worker's job is retried after it.
    pub lease_seconds: u64,
    /// Hours a finished job's files are kept.
    pub retention_hours: u64,
}

/// How log lines look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// For a terminal.
    Text,
    /// One JSON object per line, for a log collector.
    Json,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            host: "127.0.0.1".to_string(),
            port: 8000,
            data_dir: PathBuf::from("milmed-data"),
            database_url: None,
            environment: "development".to_string(),
            log_format: LogFormat::Text,
            body_limit_bytes: 1024 * 1024,
            public_metrics: true,
            worker: true,
            max_concurrent_jobs: 2,
            job_memory_mb: 512,
            job_cpu_seconds: 300,
            job_wall_seconds: 600,
            job_output_mb: 50 * 1024,
            job_threads: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1),
            job_nice: milmed_jobs::DEFAULT_NICE,
            max_attempts: 3,
            lease_seconds: 30,
            retention_hours: 7 * 24,
        }
    }
}

/// The TOML file: every key optional, unknown keys refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileLayer {
    host: Option<String>,
    port: Option<u16>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    environment: Option<String>,
    log_format: Option<String>,
    body_limit_bytes: Option<usize>,
    public_metrics: Option<bool>,
    worker: Option<bool>,
    max_concurrent_jobs: Option<usize>,
    #[serde(default)]
    jobs: JobsLayer,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct JobsLayer {
    memory_mb: Option<u64>,
    cpu_seconds: Option<u64>,
    wall_seconds: Option<u64>,
    output_mb: Option<u64>,
    threads: Option<usize>,
    nice: Option<i32>,
    max_attempts: Option<u32>,
    lease_seconds: Option<u64>,
    retention_hours: Option<u64>,
}

/// Command-line flags shared by `serve` and `worker` (the last layer).
#[derive(Args, Debug, Clone, Default)]
pub struct ServeFlags {
    /// TOML settings file (default: the MILMED_CONFIG environment variable, else none).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1].
    #[arg(long)]
    pub host: Option<String>,
    /// Port to listen on [default: 8000].
    #[arg(long)]
    pub port: Option<u16>,
    /// Data directory [default: milmed-data].
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// `postgres://…` for PostgreSQL [default: DATABASE_URL, else SQLite in the data directory].
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
    /// Worker slots of this node [default: 2].
    #[arg(long, value_name = "N")]
    pub max_concurrent_jobs: Option<usize>,
    /// Per-job memory limit in MiB [default: 512].
    #[arg(long, value_name = "MIB")]
    pub job_memory_mb: Option<u64>,
    /// Per-job CPU-time limit in seconds [default: 300].
    #[arg(long, value_name = "SECONDS")]
    pub job_cpu_seconds: Option<u64>,
    /// Per-job wall-time limit in seconds [default: 600].
    #[arg(long, value_name = "SECONDS")]
    pub job_wall_seconds: Option<u64>,
    /// Per-job output limit in MiB [default: 51200].
    #[arg(long, value_name = "MIB")]
    pub job_output_mb: Option<u64>,
    /// Log format: text or json [default: text].
    #[arg(long, value_name = "FORMAT")]
    pub log_format: Option<String>,
    /// `serve` only: run the API without a job worker (workers run elsewhere).
    #[arg(long)]
    pub no_worker: bool,
}

fn parse_env<T: std::str::FromStr>(name: &str, value: &str) -> Result<T>
where
    T::Err: std::fmt::Display,
{
    value
        .trim()
        .parse()
        .map_err(|e| anyhow::anyhow!("{name}: {e} (got {value:?})"))
}

fn parse_bool(name: &str, value: &str) -> Result<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => bail!("{name}: expected true or false (got {value:?})"),
    }
}

fn parse_log_format(name: &str, value: &str) -> Result<LogFormat> {
    match value.trim() {
        "text" => Ok(LogFormat::Text),
        "json" => Ok(LogFormat::Json),
        _ => bail!("{name}: expected text or json (got {value:?})"),
    }
}

impl Settings {
    /// Resolves the layers. `env` reads one environment variable (a parameter so tests need
    /// not touch the process environment).
    pub fn load(flags: &ServeFlags, env: &dyn Fn(&str) -> Option<String>) -> Result<Settings> {
        let mut s = Settings::default();
        let file = flags
            .config
            .clone()
            .or_else(|| env("MILMED_CONFIG").map(PathBuf::from));
        if let Some(path) = file {
            s.apply_file(&path)?;
        }
        s.apply_env(env)?;
        s.apply_flags(flags)?;
        s.check()?;
        Ok(s)
    }

    fn apply_file(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the settings file {}", path.display()))?;
        let f: FileLayer = toml::from_str(&text)
            .map_err(|e| anyhow::anyhow!("settings file {}: {e}", path.display()))?;
        let name = |k: &str| format!("settings file {}: {k}", path.display());
        macro_rules! set {
            ($($field:ident <- $value:expr),* $(,)?) => {
                $(if let Some(v) = $value { self.$field = v; })*
            };
        }
        set!(
            host <- f.host,
            port <- f.port,
            data_dir <- f.data_dir,
            environment <- f.environment,
            body_limit_bytes <- f.body_limit_bytes,
            public_metrics <- f.public_metrics,
            worker <- f.worker,
            max_concurrent_jobs <- f.max_concurrent_jobs,
            job_memory_mb <- f.jobs.memory_mb,
            job_cpu_seconds <- f.jobs.cpu_seconds,
            job_wall_seconds <- f.jobs.wall_seconds,
            job_output_mb <- f.jobs.output_mb,
            job_threads <- f.jobs.threads,
            job_nice <- f.jobs.nice,
            max_attempts <- f.jobs.max_attempts,
            lease_seconds <- f.jobs.lease_seconds,
            retention_hours <- f.jobs.retention_hours,
        );
        if f.database_url.is_some() {
            self.database_url = f.database_url;
        }
        if let Some(v) = f.log_format {
            self.log_format = parse_log_format(&name("log_format"), &v)?;
        }
        Ok(())
    }

    fn apply_env(&mut self, env: &dyn Fn(&str) -> Option<String>) -> Result<()> {
        if let Some(v) = env("MILMED_HOST") {
            self.host = v;
        }
        if let Some(v) = env("MILMED_PORT") {
            self.port = parse_env("MILMED_PORT", &v)?;
        }
        if let Some(v) = env("MILMED_DATA_DIR") {
            self.data_dir = PathBuf::from(v);
        }
        // DATABASE_URL is the conventional name; MILMED_DATABASE_URL wins when both are set.
        for name in ["DATABASE_URL", "MILMED_DATABASE_URL"] {
            if let Some(v) = env(name).filter(|v| !v.trim().is_empty()) {
                self.database_url = Some(v);
            }
        }
        if let Some(v) = env("MILMED_ENVIRONMENT") {
            self.environment = v;
        }
        if let Some(v) = env("MILMED_LOG_FORMAT") {
            self.log_format = parse_log_format("MILMED_LOG_FORMAT", &v)?;
        }
        if let Some(v) = env("MILMED_BODY_LIMIT_BYTES") {
            self.body_limit_bytes = parse_env("MILMED_BODY_LIMIT_BYTES", &v)?;
        }
        if let Some(v) = env("MILMED_PUBLIC_METRICS") {
            self.public_metrics = parse_bool("MILMED_PUBLIC_METRICS", &v)?;
        }
        if let Some(v) = env("MILMED_WORKER") {
            self.worker = parse_bool("MILMED_WORKER", &v)?;
        }
        macro_rules! num {
            ($($field:ident <- $name:literal),* $(,)?) => {
                $(if let Some(v) = env($name) { self.$field = parse_env($name, &v)?; })*
            };
        }
        num!(
            max_concurrent_jobs <- "MILMED_MAX_CONCURRENT_JOBS",
            job_memory_mb <- "MILMED_JOB_MEMORY_MB",
            job_cpu_seconds <- "MILMED_JOB_CPU_SECONDS",
            job_wall_seconds <- "MILMED_JOB_WALL_SECONDS",
            job_output_mb <- "MILMED_JOB_OUTPUT_MB",
            job_threads <- "MILMED_JOB_THREADS",
            job_nice <- "MILMED_JOB_NICE",
            max_attempts <- "MILMED_MAX_ATTEMPTS",
            lease_seconds <- "MILMED_LEASE_SECONDS",
            retention_hours <- "MILMED_RETENTION_HOURS",
        );
        Ok(())
    }

    fn apply_flags(&mut self, f: &ServeFlags) -> Result<()> {
        macro_rules! set {
            ($($field:ident),* $(,)?) => {
                $(if let Some(v) = f.$field.clone() { self.$field = v; })*
            };
        }
        set!(
            host,
            port,
            data_dir,
            max_concurrent_jobs,
            job_memory_mb,
            job_cpu_seconds,
            job_wall_seconds,
            job_output_mb,
        );
        if f.database_url.is_some() {
            self.database_url = f.database_url.clone();
        }
        if let Some(v) = &f.log_format {
            self.log_format = parse_log_format("--log-format", v)?;
        }
        if f.no_worker {
            self.worker = false;
        }
        Ok(())
    }

    fn check(&self) -> Result<()> {
        let positive = [
            ("max_concurrent_jobs", self.max_concurrent_jobs as u64),
            ("jobs.memory_mb", self.job_memory_mb),
            ("jobs.cpu_seconds", self.job_cpu_seconds),
            ("jobs.wall_seconds", self.job_wall_seconds),
            ("jobs.output_mb", self.job_output_mb),
            ("jobs.threads", self.job_threads as u64),
            ("jobs.max_attempts", u64::from(self.max_attempts)),
            ("jobs.lease_seconds", self.lease_seconds),
            ("jobs.retention_hours", self.retention_hours),
            ("body_limit_bytes", self.body_limit_bytes as u64),
        ];
        for (name, v) in positive {
            if v == 0 {
                bail!("setting {name} must be at least 1");
            }
        }
        if !(0..=19).contains(&self.job_nice) {
            bail!("setting jobs.nice must be 0–19 (a negative priority needs privileges)");
        }
        if self.job_memory_mb < 32 {
            bail!("setting jobs.memory_mb must be at least 32 (a job process needs that much to start)");
        }
        if self.host.trim().is_empty() {
            bail!("setting host must not be empty");
        }
        if let Some(url) = &self.database_url {
            let known = ["postgres://", "postgresql://", "sqlite:"];
            if !known.iter().any(|p| url.starts_with(p)) {
                bail!("setting database_url must start with postgres://, postgresql:// or sqlite:");
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| m.get(k).cloned()
    }

    #[test]
    fn defaults_without_any_layer() {
        let s = Settings::load(&ServeFlags::default(), &env_of(&[])).unwrap();
        assert_eq!(s.host, "127.0.0.1");
        assert_eq!(s.port, 8000);
        assert_eq!(s.max_concurrent_jobs, 2);
        assert_eq!(s.job_memory_mb, 512);
        assert_eq!(s.job_cpu_seconds, 300);
        assert_eq!(s.job_wall_seconds, 600);
        assert_eq!(s.retention_hours, 168);
        assert_eq!(s.job_nice, 10);
        assert_eq!(s.database_url, None);
    }

    #[test]
    fn job_nice_is_read_and_checked() {
        let s =
            Settings::load(&ServeFlags::default(), &env_of(&[("MILMED_JOB_NICE", "0")])).unwrap();
        assert_eq!(s.job_nice, 0);
        for bad in ["-5", "20"] {
            let e = Settings::load(&ServeFlags::default(), &env_of(&[("MILMED_JOB_NICE", bad)]))
                .unwrap_err()
                .to_string();
            assert!(e.contains("jobs.nice"), "{bad}: {e}");
        }
    }

    #[test]
    fn each_layer_overrides_the_one_before() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("milmed.toml");
        std::fs::write(
            &file,
            "port = 9000\nhost = \"0.0.0.0\"\nmax_concurrent_jobs = 4\n[jobs]\nmemory_mb = 256\ncpu_seconds = 60\n",
        )
        .unwrap();
        let flags = ServeFlags {
            config: Some(file.clone()),
            port: Some(9100),
            ..ServeFlags::default()
        };
        let env = env_of(&[
            ("MILMED_PORT", "9050"),
            ("MILMED_JOB_MEMORY_MB", "300"),
            ("DATABASE_URL", "postgres://db/x"),
        ]);
        let s = Settings::load(&flags, &env).unwrap();
        assert_eq!(s.port, 9100, "flag beats environment and file");
        assert_eq!(s.job_memory_mb, 300, "environment beats file");
        assert_eq!(s.job_cpu_seconds, 60, "file beats default");
        assert_eq!(s.host, "0.0.0.0");
        assert_eq!(s.max_concurrent_jobs, 4);
        assert_eq!(s.database_url.as_deref(), Some("postgres://db/x"));
    }

    #[test]
    fn errors_name_the_setting() {
        let e = Settings::load(
            &ServeFlags::default(),
            &env_of(&[("MILMED_PORT", "eighty")]),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("MILMED_PORT"), "{e}");
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bad.toml");
        std::fs::write(&file, "[jobs]\nmemroy_mb = 5\n").unwrap();
        let flags = ServeFlags {
            config: Some(file),
            ..ServeFlags::default()
        };
        let e = Settings::load(&flags, &env_of(&[]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("memroy_mb"), "{e}");
        let e = Settings::load(
            &ServeFlags::default(),
            &env_of(&[("MILMED_MAX_CONCURRENT_JOBS", "0")]),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("max_concurrent_jobs"), "{e}");
        let e = Settings::load(
            &ServeFlags::default(),
            &env_of(&[("DATABASE_URL", "mysql://x")]),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("database_url"), "{e}");
    }
}
