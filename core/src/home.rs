//! The home directory of an embedded service: where the database lives, and the lock that makes
//! one process its only owner.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Result};

/// The environment variable that names the home directory.
pub const HOME_ENV: &str = "OPENRSM_HOME";

/// The home used when none is given: `$OPENRSM_HOME`, else `$XDG_DATA_HOME/openrsm`, else
/// `~/.local/share/openrsm`.
///
/// ```
/// let home = openrsm::default_home().unwrap();
/// assert!(home.is_absolute() || std::env::var_os("OPENRSM_HOME").is_some());
/// ```
pub fn default_home() -> Result<PathBuf> {
    if let Some(home) = std::env::var_os(HOME_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(home));
    }
    if let Some(data) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(data).join("openrsm"));
    }
    match std::env::var_os("HOME").filter(|v| !v.is_empty()) {
        Some(home) => Ok(PathBuf::from(home).join(".local/share/openrsm")),
        None => Err(Error::new(ErrorKind::InvalidParameter, "no home directory: set OPENRSM_HOME or pass a home")),
    }
}

/// An exclusive claim on a home directory, held for as long as this value lives.
#[derive(Debug)]
pub(crate) struct HomeLock {
    _file: File,
    dir: PathBuf,
}

impl HomeLock {
    /// Create the directory if needed and take its lock; fail with `NOT_READY` naming the owner's
    /// pid when another process holds it.
    pub fn acquire(dir: &Path) -> Result<HomeLock> {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::from(e).with_context(format!("cannot create home {}", dir.display())))?;
        let dir = dir.canonicalize()?;
        let path = dir.join("openrsm.lock");
        let mut file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut owner = String::new();
                let _ = file.read_to_string(&mut owner);
                let owner = owner.trim();
                let owner = if owner.is_empty() { "another process".to_owned() } else { format!("process {owner}") };
                return Err(Error::new(
                    ErrorKind::NotReady,
                    format!(
                        "the OpenRSM home {} is in use by {owner}; stop it or connect through its server",
                        dir.display()
                    ),
                ));
            }
            Err(TryLockError::Error(e)) => return Err(Error::from(e).with_context("cannot lock the home")),
        }
        file.set_len(0)?;
        file.seek(SeekFrom::Start(0))?;
        write!(file, "{}", std::process::id())?;
        file.flush()?;
        Ok(HomeLock { _file: file, dir })
    }

    /// The canonical home directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}
