//! Waking idle workers when a job is queued.
//!
//! On PostgreSQL every change that puts a job in the queue also sends `NOTIFY` on
//! [`JOB_CHANNEL`] in the same transaction (delivered at commit), so workers on any node wake
//! at once instead of polling. SQLite has no such mechanism; there the waker only waits out
//! its timeout, and a single-node runtime can add an in-process signal of its own.

use std::time::Duration;

use sqlx::postgres::PgListener;

use crate::{Pool, Result, Store};

/// The PostgreSQL notification channel for queued jobs; the payload is the job id.
pub const JOB_CHANNEL: &str = "milmed_jobs";

/// Waits for "a job may be waiting" signals; see [`Store::job_waker`].
#[derive(Debug)]
pub struct JobWaker {
    listener: Option<PgListener>,
}

impl Store {
    /// A waker for an idle worker: on PostgreSQL it listens on [`JOB_CHANNEL`] over its own
    /// connection; on SQLite it only times out.
    pub async fn job_waker(&self) -> Result<JobWaker> {
        let listener = match &self.pool {
            Pool::Postgres(pool) => {
                let mut listener = PgListener::connect_with(pool).await?;
                listener.listen(JOB_CHANNEL).await?;
                Some(listener)
            }
            Pool::Sqlite(_) => None,
        };
        Ok(JobWaker { listener })
    }
}

impl JobWaker {
    /// Returns `true` as soon as a job was queued (PostgreSQL), or `false` after `timeout`.
    /// A worker claims after either answer: the timeout is the fallback poll that also covers
    /// notifications missed while the listener reconnected.
    pub async fn wait(&mut self, timeout: Duration) -> Result<bool> {
        match &mut self.listener {
            Some(listener) => match tokio::time::timeout(timeout, listener.recv()).await {
                Ok(Ok(_)) => Ok(true),
                Ok(Err(e)) => Err(e.into()),
                Err(_) => Ok(false),
            },
            None => {
                tokio::time::sleep(timeout).await;
                Ok(false)
            }
        }
    }
}
