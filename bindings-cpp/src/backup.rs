//! Database export and import. Paths cross as bytes, so that any path the system accepts works.

use std::path::PathBuf;

use openrsm::SnapshotInfo;

use crate::bridge::ffi;
use crate::convert::millis;
use crate::errors::{guard, BridgeResult};
use crate::session::SessionHandle;

/// A path from its bytes (on Unix, any bytes; elsewhere, UTF-8).
pub(crate) fn path_from_bytes(bytes: &[u8]) -> openrsm::Result<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Ok(PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(bytes.to_vec())
            .map(PathBuf::from)
            .map_err(|_| openrsm::Error::new(openrsm::ErrorKind::InvalidParameter, "a path must be UTF-8 here"))
    }
}

/// The bytes of a path.
pub(crate) fn path_to_bytes(path: PathBuf) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        path.into_os_string().into_vec()
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned().into_bytes()
    }
}

impl From<SnapshotInfo> for ffi::SnapshotInfo {
    fn from(info: SnapshotInfo) -> Self {
        ffi::SnapshotInfo {
            path: path_to_bytes(info.path),
            format_version: info.format_version,
            schema_version: info.schema_version,
            created: millis(info.created),
            payload_bytes: info.payload_bytes,
            sha256: info.sha256,
            objects: info.objects,
        }
    }
}

impl SessionHandle {
    /// Export the whole database to a file.
    pub(crate) fn export_database(&self, path: &[u8]) -> BridgeResult<ffi::SnapshotInfo> {
        guard(|| Ok(self.session.export_database(path_from_bytes(path)?)?.into()))
    }

    /// Replace the whole database with an export.
    pub(crate) fn import_database(&self, path: &[u8]) -> BridgeResult<ffi::SnapshotInfo> {
        guard(|| Ok(self.session.import_database(path_from_bytes(path)?)?.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip_as_bytes() {
        let path = PathBuf::from("/tmp/a b/é.rsmdb");
        assert_eq!(path_from_bytes(&path_to_bytes(path.clone())).unwrap(), path);
        #[cfg(unix)]
        assert_eq!(path_to_bytes(path_from_bytes(b"/tmp/\xff").unwrap()), b"/tmp/\xff");
    }
}
