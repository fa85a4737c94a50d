//! Database export and import on a session (`ExportNtmsDatabase` / `ImportNtmsDatabase`).

use chrono::{DateTime, Utc};
use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::blocking::run;
use crate::session::Session;

/// What an export file holds, as written by `exportDatabase` or accepted by `importDatabase`.
#[napi(object)]
pub struct SnapshotInfo {
    /// The export file.
    pub path: String,
    /// Envelope format version.
    pub format_version: u32,
    /// Schema version of the database in it (before any migration on import).
    pub schema_version: u32,
    /// When it was exported.
    pub created: DateTime<Utc>,
    /// Size of the database payload in bytes.
    pub payload_bytes: i64,
    /// SHA-256 over the header fields and the payload, lowercase hex.
    pub sha256: String,
    /// How many objects the database holds.
    pub objects: i64,
}

impl From<openrsm::SnapshotInfo> for SnapshotInfo {
    fn from(s: openrsm::SnapshotInfo) -> Self {
        SnapshotInfo {
            path: s.path.to_string_lossy().into_owned(),
            format_version: s.format_version,
            schema_version: s.schema_version,
            created: s.created,
            payload_bytes: i64::try_from(s.payload_bytes).unwrap_or(i64::MAX),
            sha256: s.sha256,
            objects: i64::try_from(s.objects).unwrap_or(i64::MAX),
        }
    }
}

#[napi]
impl Session {
    /// Write a consistent snapshot of the whole database to `path` (`ExportNtmsDatabase`) while
    /// the service keeps running; the file appears only when complete.
    #[napi]
    pub async fn export_database(&self, path: String) -> Result<SnapshotInfo> {
        let session = self.inner.clone();
        run(move || session.export_database(path)).await.map(Into::into)
    }

    /// Replace the whole database with an export (`ImportNtmsDatabase`), after checking all of it:
    /// a damaged or foreign file is refused (`DatabaseFailureError` / `InvalidParameterError`) and
    /// changes nothing. Afterwards every subscription of this service fails with `NoDataError`.
    #[napi]
    pub async fn import_database(&self, path: String) -> Result<SnapshotInfo> {
        let session = self.inner.clone();
        run(move || session.import_database(path)).await.map(Into::into)
    }
}
