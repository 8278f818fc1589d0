//! A short-lived cache of rendered `GET /api/v1/jobs/{id}` answers.
//!
//! Clients poll a running job many times a second while its row changes at most four times a
//! second (progress) and a completed job's answer (with its statistics report) does not change
//! at all. Without the cache every poll reads and decodes the row and encodes the answer again.
//!
//! An answer is served from the cache only while all of these hold:
//!
//! - the caller may see the job: an admin key, or a key of the job's own tenant (the same rule
//!   as the store's query, so another tenant still gets 404 and never a cached answer);
//! - no write made through this process's store has touched the job since the read that
//!   produced the answer began ([`milmed_store::Store::job_mark`]): a cancellation, deletion,
//!   progress report, completion or failure on this node is visible on the next request;
//! - it is younger than the time limit (at most [`MAX_TTL`]): the bound on how stale an
//!   answer can be after a write made by *another* node on the same database.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use milmed_store::{JobMark, Scope};

/// The longest time limit allowed (progress is written at most every 250 ms).
pub const MAX_TTL: Duration = Duration::from_millis(250);

/// Bound on cached answers, so polling many jobs cannot grow memory without limit.
const MAX_ENTRIES: usize = 4096;

struct Entry {
    tenant: String,
    mark: JobMark,
    read_at: Instant,
    body: Bytes,
}

/// Rendered job answers by job id.
pub(crate) struct JobAnswers {
    ttl: Duration,
    entries: Mutex<HashMap<String, Entry>>,
}

impl JobAnswers {
    /// A cache keeping answers for `ttl`, capped at [`MAX_TTL`]; zero turns it off.
    pub(crate) fn new(ttl: Duration) -> JobAnswers {
        JobAnswers {
            ttl: ttl.min(MAX_TTL),
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The cached answer of job `id` for a caller of `scope`, if it is still good while the
    /// job's write mark is `mark`.
    pub(crate) fn get(&self, scope: Scope<'_>, id: &str, mark: JobMark) -> Option<Bytes> {
        if self.ttl.is_zero() {
            return None;
        }
        let entries = self.entries.lock().ok()?;
        let e = entries.get(id)?;
        let visible = match scope {
            Scope::All => true,
            Scope::Tenant(t) => t == e.tenant,
        };
        (visible && e.mark == mark && e.read_at.elapsed() < self.ttl).then(|| e.body.clone())
    }

    /// Keeps `body`, the answer for job `id` of `tenant`, rendered from a read that began at
    /// `read_at` after the job's write mark was `mark`.
    pub(crate) fn put(&self, id: &str, tenant: &str, mark: JobMark, read_at: Instant, body: Bytes) {
        if self.ttl.is_zero() {
            return;
        }
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.len() >= MAX_ENTRIES && !entries.contains_key(id) {
            // Drop what has expired; if everything is fresh, start over.
            let ttl = self.ttl;
            entries.retain(|_, e| e.read_at.elapsed() < ttl);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(
            id.to_string(),
            Entry {
                tenant: tenant.to_string(),
                mark,
                read_at,
                body,
            },
        );
    }
}
