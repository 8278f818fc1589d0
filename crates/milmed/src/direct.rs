//! Large sequential output files written with `O_DIRECT` where the file system allows it.
//!
//! Generation writes gigabytes once and never reads them back in the same process. Going
//! through the page cache costs a kernel copy plus, on virtual machines, a fault for every
//! fresh page, which made the page cache (not the generator) the bottleneck. Direct I/O hands
//! aligned blocks straight to the device. Where direct I/O is not available (tmpfs, other
//! platforms) the writer falls back to ordinary buffered writes; the bytes are the same.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Block alignment required by direct I/O (covers 512-byte and 4 KiB sector devices).
const ALIGN: usize = 4096;
/// Bytes handed to the device per write.
const BLOCK: usize = 4 << 20;

/// A write-only file with a large aligned buffer.
pub struct DirectFile {
    path: PathBuf,
    file: File,
    direct: bool,
    /// Backing storage; the aligned window starts at `start`.
    storage: Vec<u8>,
    start: usize,
    len: usize,
    written: u64,
}

impl DirectFile {
    /// Creates (truncates) `path`, with direct I/O when possible.
    pub fn create(path: &Path) -> io::Result<Self> {
        let (file, direct) = match open_direct(path) {
            Ok(f) => (f, true),
            Err(_) => (File::create(path)?, false),
        };
        let storage = vec![0u8; BLOCK + ALIGN];
        let start = storage.as_ptr().align_offset(ALIGN).min(ALIGN);
        Ok(DirectFile {
            path: path.to_path_buf(),
            file,
            direct,
            storage,
            start,
            len: 0,
            written: 0,
        })
    }

    fn buffer(&mut self) -> &mut [u8] {
        &mut self.storage[self.start..self.start + BLOCK]
    }

    fn write_block(&mut self, len: usize) -> io::Result<()> {
        let start = self.start;
        let block = &self.storage[start..start + len];
        match self.file.write_all(block) {
            Ok(()) => Ok(()),
            // Some file systems accept O_DIRECT at open but refuse the write: fall back.
            Err(e)
                if self.direct && e.raw_os_error() == Some(libc::EINVAL) && self.written == 0 =>
            {
                self.direct = false;
                self.file = OpenOptions::new()
                    .write(true)
                    .truncate(true)
                    .open(&self.path)?;
                self.file.write_all(&self.storage[start..start + len])
            }
            Err(e) => Err(e),
        }
    }

    /// Writes what is buffered, pads the last direct block and trims the file to its real
    /// length, then syncs. Returns the file.
    pub fn finish(mut self) -> io::Result<File> {
        let total = self.written + self.len as u64;
        if self.len > 0 {
            if self.direct {
                let padded = self.len.div_ceil(ALIGN) * ALIGN;
                let len = self.len;
                self.buffer()[len..padded].fill(0);
                self.write_block(padded)?;
            } else {
                let len = self.len;
                self.write_block(len)?;
            }
        }
        self.file.set_len(total)?;
        self.file.sync_all()?;
        Ok(self.file)
    }
}

impl Write for DirectFile {
    fn write(&mut self, mut data: &[u8]) -> io::Result<usize> {
        let n = data.len();
        while !data.is_empty() {
            let room = BLOCK - self.len;
            let take = room.min(data.len());
            let len = self.len;
            self.buffer()[len..len + take].copy_from_slice(&data[..take]);
            self.len += take;
            data = &data[take..];
            if self.len == BLOCK {
                self.write_block(BLOCK)?;
                self.written += BLOCK as u64;
                self.len = 0;
            }
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        // Direct blocks are written whole; the tail is written by `finish`.
        Ok(())
    }
}

#[cfg(target_os = "linux")]
fn open_direct(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .custom_flags(libc::O_DIRECT)
        .open(path)
}

#[cfg(not(target_os = "linux"))]
fn open_direct(_path: &Path) -> io::Result<File> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "no direct I/O"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn writes_exact_bytes_for_awkward_sizes() {
        let dir = std::env::temp_dir().join(format!("milmed-direct-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for size in [
            0usize,
            1,
            ALIGN - 1,
            ALIGN,
            ALIGN + 1,
            BLOCK - 1,
            BLOCK,
            BLOCK + 7,
            3 * BLOCK + 12345,
        ] {
            let path = dir.join(format!("f{size}"));
            let data: Vec<u8> = (0..size).map(|i| (i * 31 % 251) as u8).collect();
            let mut f = DirectFile::create(&path).unwrap();
            // Uneven pieces exercise the buffer boundaries.
            for piece in data.chunks(777_777) {
                f.write_all(piece).unwrap();
            }
            f.finish().unwrap();
            let mut back = Vec::new();
            File::open(&path).unwrap().read_to_end(&mut back).unwrap();
            assert_eq!(back.len(), size);
            assert!(back == data, "content differs for size {size}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
