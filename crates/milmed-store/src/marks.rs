//! Write marks: which jobs this process may have changed since a moment.
//!
//! A reader that keeps something derived from a job row (the API's rendered answer of
//! `GET /api/v1/jobs/{id}`) takes [`Store::job_mark`] *before* it reads the row and keeps the
//! mark beside what it derived. Every job write made through this process's stores (all clones
//! share the marks) moves the mark of that job once the write is over, committed or not, so a
//! mark that still matches later means that no write of this process touched the job since the
//! read began. Writes of other processes (other nodes on the same database) are invisible here:
//! whoever caches must bound their staleness with a time limit of their own.
//!
//! The marks are a fixed table of counters indexed by a hash of the job id, so memory stays
//! bounded whatever the number of jobs; two jobs sharing a slot only cost each other an extra
//! read. Writes that touch many jobs at once (lease recovery, retention) move a global counter
//! that is part of every mark.

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

/// Counters per slot; a power of two.
const SLOTS: usize = 256;

/// The write counters shared by the clones of one store.
#[derive(Debug)]
pub(crate) struct WriteMarks {
    global: AtomicU64,
    slots: Box<[AtomicU64]>,
    hasher: std::collections::hash_map::RandomState,
}

/// The state of the writes to one job at the time it was taken; compare two with `==`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobMark {
    global: u64,
    slot: u64,
}

impl WriteMarks {
    pub(crate) fn new() -> WriteMarks {
        WriteMarks {
            global: AtomicU64::new(0),
            slots: (0..SLOTS).map(|_| AtomicU64::new(0)).collect(),
            hasher: std::collections::hash_map::RandomState::new(),
        }
    }

    fn slot(&self, id: &str) -> &AtomicU64 {
        let mut h = self.hasher.build_hasher();
        h.write(id.as_bytes());
        // SLOTS is a power of two: the mask keeps the index in range.
        &self.slots[(h.finish() as usize) & (SLOTS - 1)]
    }

    pub(crate) fn mark(&self, id: &str) -> JobMark {
        // Acquire pairs with the Release of `bump`: a reader that sees the new count also
        // sees everything the writer did before (its committed write).
        JobMark {
            global: self.global.load(Ordering::Acquire),
            slot: self.slot(id).load(Ordering::Acquire),
        }
    }

    fn bump(&self, id: Option<&str>) {
        match id {
            Some(id) => self.slot(id).fetch_add(1, Ordering::Release),
            None => self.global.fetch_add(1, Ordering::Release),
        };
    }
}

/// Moves the mark of one job (or all jobs) when dropped: created before a write, it fires after
/// the write is over, whether it committed, failed or returned early with `?`.
pub(crate) struct BumpOnDrop<'a> {
    marks: &'a WriteMarks,
    id: Option<&'a str>,
}

impl Drop for BumpOnDrop<'_> {
    fn drop(&mut self) {
        self.marks.bump(self.id);
    }
}

impl WriteMarks {
    /// Moves the mark of job `id` when the guard is dropped.
    pub(crate) fn job_write<'a>(&'a self, id: &'a str) -> BumpOnDrop<'a> {
        BumpOnDrop {
            marks: self,
            id: Some(id),
        }
    }

    /// Moves every job's mark when the guard is dropped.
    pub(crate) fn bulk_write(&self) -> BumpOnDrop<'_> {
        BumpOnDrop {
            marks: self,
            id: None,
        }
    }

    /// Moves the mark of job `id` now (a write whose job id is known only once it is over).
    pub(crate) fn bump_now(&self, id: &str) {
        self.bump(Some(id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_moves_its_jobs_mark_and_a_bulk_write_every_mark() {
        let m = WriteMarks::new();
        let a0 = m.mark("a");
        assert_eq!(m.mark("a"), a0, "reading moves nothing");
        {
            let _w = m.job_write("a");
            assert_eq!(m.mark("a"), a0, "not before the write is over");
        }
        assert_ne!(m.mark("a"), a0);
        let a1 = m.mark("a");
        m.bump_now("a");
        assert_ne!(m.mark("a"), a1);
        let a2 = m.mark("a");
        let b2 = m.mark("b");
        drop(m.bulk_write());
        assert_ne!(m.mark("a"), a2);
        assert_ne!(m.mark("b"), b2);
    }
}
