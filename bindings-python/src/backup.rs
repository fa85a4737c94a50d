//! Database backup on `Session` and `AsyncSession`: `export_database(path)` and
//! `import_database(path)` (`ExportNtmsDatabase` / `ImportNtmsDatabase`), each returning a
//! `SnapshotInfo` that describes the export file.

use std::path::PathBuf;

use pyo3::prelude::*;

use crate::convert::ToPy;
use crate::session::session_methods;

/// What an export file holds: its path, envelope format and schema versions, creation time,
/// payload size, SHA-256 and number of objects.
#[pyclass(frozen, module = "openrsm")]
pub struct SnapshotInfo(openrsm::SnapshotInfo);

#[pymethods]
impl SnapshotInfo {
    /// The export file.
    #[getter]
    fn path(&self) -> PathBuf {
        self.0.path.clone()
    }

    /// The envelope format version.
    #[getter]
    fn format_version(&self) -> u32 {
        self.0.format_version
    }

    /// The schema version of the database in the file.
    #[getter]
    fn schema_version(&self) -> u32 {
        self.0.schema_version
    }

    /// When it was exported (UTC).
    #[getter]
    fn created<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.created.to_py(py)
    }

    /// Size of the database payload in bytes.
    #[getter]
    fn payload_bytes(&self) -> u64 {
        self.0.payload_bytes
    }

    /// SHA-256 over the header fields and the payload, lowercase hex.
    #[getter]
    fn sha256(&self) -> &str {
        &self.0.sha256
    }

    /// How many objects the database holds.
    #[getter]
    fn objects(&self) -> u64 {
        self.0.objects
    }

    fn __repr__(&self) -> String {
        format!(
            "<openrsm.SnapshotInfo {:?} schema={} objects={} bytes={}>",
            self.0.path.display().to_string(),
            self.0.schema_version,
            self.0.objects,
            self.0.payload_bytes
        )
    }
}

session_methods! {
    /// Write a consistent copy of the whole database to `path` (`ExportNtmsDatabase`) while the
    /// service keeps running; `path` never holds half an export.
    fn export_database(session, path: PathBuf) -> SnapshotInfo {
        session.export_database(path).map(SnapshotInfo)
    }

    /// Replace the whole database with an export (`ImportNtmsDatabase`). A damaged, truncated or
    /// foreign file raises `DatabaseFailureError` or `InvalidParameterError` and leaves the live
    /// database untouched. Afterwards every subscription raises `NoDataError` on its next wait.
    fn import_database(session, path: PathBuf) -> SnapshotInfo {
        session.import_database(path).map(SnapshotInfo)
    }
}
