//! Output files written by a background thread, with `O_DIRECT` where the file system allows.
//!
//! A generation writes gigabytes once and does not read them back. Through the page cache every
//! byte costs a kernel copy, and on virtual machines a fault per fresh page; measured here that
//! was slower than the generator itself. Direct I/O hands aligned blocks to the device without
//! the copy. The writes run on a thread of their own so that the device time overlaps with
//! hashing and encoding. Where direct I/O is refused (tmpfs, other platforms) the same thread
//! writes through the page cache; the bytes in the file are the same either way.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread::JoinHandle;

/// Alignment of buffers, offsets and lengths for direct I/O (the usual logical block size).
const ALIGN: usize = 4096;

/// Bytes handed to the writing thread at a time.
const BLOCK: usize = 4 << 20;

/// A heap buffer whose usable part starts on an [`ALIGN`] boundary. It is allocated once and
/// never grows, so the alignment holds for its life.
struct AlignedBuf {
    raw: Vec<u8>,
    start: usize,
    len: usize,
}

impl AlignedBuf {
    fn new() -> Self {
        let raw = vec![0u8; BLOCK + ALIGN];
        // For a byte pointer the offset is always found (it is below ALIGN).
        let start = raw.as_ptr().align_offset(ALIGN).min(ALIGN);
        AlignedBuf { raw, start, len: 0 }
    }

    fn filled(&self) -> &[u8] {
        &self.raw[self.start..self.start + self.len]
    }

    /// Copies as much of `data` as fits; returns how much.
    fn fill_from(&mut self, data: &[u8]) -> usize {
        let room = BLOCK - self.len;
        let n = room.min(data.len());
        let at = self.start + self.len;
        self.raw[at..at + n].copy_from_slice(&data[..n]);
        self.len += n;
        n
    }

    fn is_full(&self) -> bool {
        self.len == BLOCK
    }
}

enum Job {
    /// Write the whole buffer (a multiple of [`ALIGN`] bytes) and send it back.
    Block(AlignedBuf),
    /// Write the buffer's contents (any length) as the end of the file, then close it.
    Last(AlignedBuf),
}

/// A file being written in order by a background thread. Call [`DirectFile::finish`]; dropping
/// it without finishing leaves the file incomplete (the caller removes it).
pub(crate) struct DirectFile {
    current: Option<AlignedBuf>,
    jobs: Option<SyncSender<Job>>,
    free: Receiver<io::Result<AlignedBuf>>,
    thread: Option<JoinHandle<io::Result<()>>>,
    /// Whether the file is open with `O_DIRECT` (read by the tests).
    #[cfg_attr(not(test), allow(dead_code))]
    direct: bool,
}

impl DirectFile {
    /// Creates (truncates) `path`. With `try_direct` the file is opened for direct I/O when the
    /// platform and file system allow it. With `sync` the data reaches stable storage before
    /// [`DirectFile::finish`] returns.
    pub(crate) fn create(path: &Path, try_direct: bool, sync: bool) -> io::Result<DirectFile> {
        let (file, direct) = open(path, try_direct)?;
        let (job_tx, job_rx) = mpsc::sync_channel::<Job>(1);
        let (free_tx, free_rx) = mpsc::sync_channel::<io::Result<AlignedBuf>>(2);
        let owned = path.to_path_buf();
        let thread = std::thread::Builder::new()
            .name("milmed-write".into())
            .spawn(move || write_loop(file, direct, sync, owned, job_rx, free_tx))?;
        Ok(DirectFile {
            current: Some(AlignedBuf::new()),
            jobs: Some(job_tx),
            free: free_rx,
            thread: Some(thread),
            direct,
        })
    }

    /// Hands a full buffer to the writing thread and takes back a free one.
    fn hand_over(&mut self, full: AlignedBuf) -> io::Result<AlignedBuf> {
        let sent = self
            .jobs
            .as_ref()
            .map(|tx| tx.send(Job::Block(full)).is_ok())
            .unwrap_or(false);
        if !sent {
            return Err(self.thread_error());
        }
        match self.free.recv() {
            Ok(Ok(mut buf)) => {
                buf.len = 0;
                Ok(buf)
            }
            Ok(Err(e)) => Err(e),
            Err(_) => Err(self.thread_error()),
        }
    }

    /// The writing thread's error once it has stopped early.
    fn thread_error(&mut self) -> io::Error {
        self.jobs = None;
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(Err(e))) => e,
            _ => io::Error::other("the file writer stopped"),
        }
    }

    /// Writes what is buffered, closes the file and waits for the writing thread.
    pub(crate) fn finish(mut self) -> io::Result<()> {
        let last = self.current.take().unwrap_or_else(AlignedBuf::new);
        let sent = self
            .jobs
            .take()
            .map(|tx| tx.send(Job::Last(last)).is_ok())
            .unwrap_or(false);
        let joined = self.thread.take().map(JoinHandle::join);
        match joined {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(io::Error::other("the file writer panicked")),
            None => Err(io::Error::other("the file writer stopped")),
        }
        .and_then(|()| {
            if sent {
                Ok(())
            } else {
                Err(io::Error::other("the file writer stopped"))
            }
        })
    }
}

impl Write for DirectFile {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let mut buf = match self.current.take() {
            Some(b) => b,
            None => return Err(io::Error::other("the file writer stopped")),
        };
        let n = buf.fill_from(data);
        if buf.is_full() {
            buf = self.hand_over(buf)?;
        }
        self.current = Some(buf);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        // Data leaves in whole blocks; the last partial block is written by `finish`.
        Ok(())
    }
}

impl Drop for DirectFile {
    fn drop(&mut self) {
        // Unfinished: stop the thread without writing the rest.
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn open(path: &Path, try_direct: bool) -> io::Result<(File, bool)> {
    if try_direct {
        if let Some(file) = open_direct(path) {
            return Ok((file, true));
        }
    }
    Ok((File::create(path)?, false))
}

#[cfg(target_os = "linux")]
fn open_direct(path: &Path) -> Option<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .custom_flags(libc::O_DIRECT)
        .open(path)
        .ok()
}

#[cfg(not(target_os = "linux"))]
fn open_direct(_path: &Path) -> Option<File> {
    None
}

fn write_loop(
    mut file: File,
    direct: bool,
    sync: bool,
    path: PathBuf,
    jobs: Receiver<Job>,
    free: SyncSender<io::Result<AlignedBuf>>,
) -> io::Result<()> {
    // The spare buffer: the producer fills one while this thread writes the other.
    if free.send(Ok(AlignedBuf::new())).is_err() {
        return Ok(());
    }
    for job in jobs {
        match job {
            Job::Block(buf) => {
                if let Err(e) = file.write_all(buf.filled()) {
                    let kind = e.kind();
                    let _ = free.send(Err(io::Error::new(kind, e.to_string())));
                    return Err(e);
                }
                if free.send(Ok(buf)).is_err() {
                    return Ok(());
                }
            }
            Job::Last(buf) => {
                let data = buf.filled();
                let aligned = if direct {
                    data.len() / ALIGN * ALIGN
                } else {
                    data.len()
                };
                file.write_all(&data[..aligned])?;
                if aligned < data.len() {
                    // Direct I/O takes whole blocks only: the tail goes through the page cache.
                    drop(file);
                    file = OpenOptions::new().append(true).open(&path)?;
                    file.write_all(&data[aligned..])?;
                }
                if sync {
                    file.sync_all()?;
                }
                return Ok(());
            }
        }
    }
    // The producer went away without finishing: leave the file as it is (it gets removed).
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(n: usize) -> Vec<u8> {
        (0..n).map(|i| (i * 31 % 251) as u8).collect()
    }

    fn write_in_pieces(path: &Path, data: &[u8], piece: usize, direct: bool) -> bool {
        let mut f = DirectFile::create(path, direct, false).expect("create");
        let used_direct = f.direct;
        for part in data.chunks(piece.max(1)) {
            f.write_all(part).expect("write");
        }
        f.finish().expect("finish");
        used_direct
    }

    #[test]
    fn bytes_are_exact_for_awkward_sizes_with_and_without_direct_io() {
        let dir = tempfile::tempdir().expect("temp dir");
        for size in [
            0,
            1,
            ALIGN - 1,
            ALIGN,
            ALIGN + 1,
            BLOCK - 1,
            BLOCK,
            BLOCK + 1,
            3 * BLOCK + 12_345,
        ] {
            let data = pattern(size);
            for direct in [false, true] {
                for piece in [1000, 1 << 20, 5 << 20] {
                    let path = dir.path().join(format!("f-{size}-{direct}-{piece}"));
                    let used_direct = write_in_pieces(&path, &data, piece, direct);
                    assert!(direct || !used_direct, "direct I/O only when asked for");
                    let back = std::fs::read(&path).expect("read back");
                    assert!(back == data, "size {size}, direct {direct}, piece {piece}");
                }
            }
        }
    }

    #[test]
    fn an_unfinished_file_stops_its_thread() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("dropped");
        let mut f = DirectFile::create(&path, true, false).expect("create");
        f.write_all(&pattern(BLOCK * 2 + 5)).expect("write");
        drop(f);
        let len = std::fs::metadata(&path).expect("exists").len() as usize;
        assert!(
            len <= BLOCK * 2,
            "the tail of an unfinished file is not written: {len}"
        );
    }
}
