//! Where job files live.
//!
//! Layout under the storage root:
//!
//! ```text
//! <root>/<job_id>/               a completed job's files (manifest.json, summary.json, data)
//! <root>/<job_id>.attempt-<N>/   the files of attempt N while it runs
//! ```
//!
//! An attempt writes only into its own directory; the supervisor renames the directory to its
//! final name once the job process has succeeded. A rename within one file system is atomic,
//! so nothing half-written is ever found at the final path, and a lost attempt leaves only an
//! `.attempt-N` directory that the next attempt (or retention) removes.

use std::fs::{self, File};
use std::io::ErrorKind;
use std::path::PathBuf;

use crate::JobsError;

/// The job file storage of a node (a local directory, or a volume shared by the nodes).
#[derive(Debug, Clone)]
pub struct Storage {
    root: PathBuf,
}

/// Whether `id` is a plain hyphenated UUID (`8-4-4-4-12` hex digits): the only ids used in
/// paths, so no id can name another directory.
pub(crate) fn is_plain_uuid(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Whether `name` can be one file directly inside a job directory: no separators, no `.` or
/// `..`, no hidden or control characters.
pub(crate) fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && !name.starts_with('.')
        && !name.contains("..")
        && !name
            .chars()
            .any(|c| c == '/' || c == '\\' || c.is_control())
}

impl Storage {
    /// Storage rooted at `root` (created when the runtime starts).
    pub fn new(root: PathBuf) -> Storage {
        Storage { root }
    }

    /// The storage root.
    pub fn root(&self) -> &std::path::Path {
        &self.root
    }

    /// The final directory of a job; `None` for ids that are not a plain UUID.
    pub fn job_dir(&self, job_id: &str) -> Option<PathBuf> {
        is_plain_uuid(job_id).then(|| self.root.join(job_id))
    }

    /// The directory of attempt `attempt` of a job; `None` for ids that are not a plain UUID.
    pub fn attempt_dir(&self, job_id: &str, attempt: u32) -> Option<PathBuf> {
        is_plain_uuid(job_id).then(|| self.root.join(format!("{job_id}.attempt-{attempt}")))
    }

    /// Opens one finished file of a job by its manifest name, with its size.
    pub fn open_file(&self, job_id: &str, name: &str) -> Result<(File, u64), JobsError> {
        let dir = self.job_dir(job_id).ok_or(JobsError::InvalidJobId)?;
        if !is_plain_file_name(name) {
            return Err(JobsError::InvalidFileName);
        }
        let file = match File::open(dir.join(name)) {
            Ok(f) => f,
            Err(e) if e.kind() == ErrorKind::NotFound => return Err(JobsError::NotFound),
            Err(e) => return Err(JobsError::io("cannot open a job file")(e)),
        };
        let meta = file
            .metadata()
            .map_err(JobsError::io("cannot open a job file"))?;
        if !meta.is_file() {
            return Err(JobsError::NotFound);
        }
        Ok((file, meta.len()))
    }

    /// Removes every attempt directory of a job (left by a lost or stopped attempt).
    pub fn remove_attempts(&self, job_id: &str) -> Result<(), JobsError> {
        if !is_plain_uuid(job_id) {
            return Err(JobsError::InvalidJobId);
        }
        let prefix = format!("{job_id}.attempt-");
        let entries = match fs::read_dir(&self.root) {
            Ok(e) => e,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(JobsError::io("cannot list the job storage")(e)),
        };
        for entry in entries {
            let entry = entry.map_err(JobsError::io("cannot list the job storage"))?;
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                remove_dir_if_present(entry.path())?;
            }
        }
        Ok(())
    }

    /// Removes a job's final and attempt directories; a job without files is fine.
    pub fn remove_job(&self, job_id: &str) -> Result<(), JobsError> {
        let dir = self.job_dir(job_id).ok_or(JobsError::InvalidJobId)?;
        remove_dir_if_present(dir)?;
        self.remove_attempts(job_id)
    }

    /// Makes attempt `attempt` the job's files: removes a final directory left by an earlier
    /// attempt that was lost after its rename, then renames the attempt directory into place.
    pub(crate) fn promote(&self, job_id: &str, attempt: u32) -> Result<PathBuf, JobsError> {
        let dir = self.job_dir(job_id).ok_or(JobsError::InvalidJobId)?;
        let from = self
            .attempt_dir(job_id, attempt)
            .ok_or(JobsError::InvalidJobId)?;
        remove_dir_if_present(dir.clone())?;
        fs::rename(&from, &dir).map_err(JobsError::io("cannot move the job files into place"))?;
        // The job is recorded as completed right after this: the rename must survive a crash
        // first, and it is an entry of the storage root.
        fs::File::open(&self.root)
            .and_then(|d| d.sync_all())
            .map_err(JobsError::io("cannot sync the job storage"))?;
        Ok(dir)
    }
}

fn remove_dir_if_present(dir: PathBuf) -> Result<(), JobsError> {
    match fs::remove_dir_all(&dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(JobsError::io("cannot remove job files")(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";

    #[test]
    fn only_plain_uuids_name_directories() {
        let s = Storage::new(PathBuf::from("/data/jobs"));
        assert_eq!(
            s.job_dir(ID),
            Some(PathBuf::from(format!("/data/jobs/{ID}")))
        );
        for bad in [
            "",
            "..",
            "../etc",
            "0f8fad5b-d9cb-469f-a165-70867728950",
            "0f8fad5b-d9cb-469f-a165-70867728950e/",
            "0f8fad5bxd9cb-469f-a165-70867728950e",
            "0f8fad5b-d9cb-469f-a165-7086772895.e",
            "0f8fad5b-d9cb-469f-a165-70867728950é",
        ] {
            assert_eq!(s.job_dir(bad), None, "{bad:?}");
        }
        assert_eq!(
            s.attempt_dir(ID, 3),
            Some(PathBuf::from(format!("/data/jobs/{ID}.attempt-3")))
        );
    }

    #[test]
    fn file_names_cannot_leave_the_job_directory() {
        for ok in [
            "patients.json",
            "manifest.json",
            "patients.ndjson.gz.enc",
            "a",
        ] {
            assert!(is_plain_file_name(ok), "{ok}");
        }
        for bad in [
            "", ".", "..", "../x", "a/b", "a\\b", "..json", ".hidden", "a\0b", "x\n",
        ] {
            assert!(!is_plain_file_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn open_promote_remove() {
        let root = tempfile::tempdir().unwrap();
        let s = Storage::new(root.path().to_path_buf());
        assert!(matches!(
            s.open_file(ID, "x.json"),
            Err(JobsError::NotFound)
        ));
        assert!(matches!(
            s.open_file("nope", "x.json"),
            Err(JobsError::InvalidJobId)
        ));
        assert!(matches!(
            s.open_file(ID, "../x"),
            Err(JobsError::InvalidFileName)
        ));
        let a1 = s.attempt_dir(ID, 1).unwrap();
        fs::create_dir_all(&a1).unwrap();
        let a2 = s.attempt_dir(ID, 2).unwrap();
        fs::create_dir_all(&a2).unwrap();
        fs::write(a2.join("x.json"), b"hello").unwrap();
        s.remove_attempts(ID).unwrap();
        assert!(!a1.exists() && !a2.exists());
        fs::create_dir_all(&a2).unwrap();
        fs::write(a2.join("x.json"), b"hello").unwrap();
        // A stale final directory from a lost attempt is replaced.
        fs::create_dir_all(s.job_dir(ID).unwrap()).unwrap();
        fs::write(s.job_dir(ID).unwrap().join("old"), b"old").unwrap();
        s.promote(ID, 2).unwrap();
        let (_, len) = s.open_file(ID, "x.json").unwrap();
        assert_eq!(len, 5);
        assert!(matches!(s.open_file(ID, "old"), Err(JobsError::NotFound)));
        s.remove_job(ID).unwrap();
        s.remove_job(ID).unwrap();
        assert!(!s.job_dir(ID).unwrap().exists());
    }
}
