//! Device change detection (`Begin/Set/EndNtmsDeviceChangeDetection`, `DetectNtmsDeviceChanges`)
//! and the devices found on this computer (`devices()`, `device_events()`, ...).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use openrsm::detect::{DeviceEvent, DeviceKind, MediaPresence};
use openrsm::library::DetectionTargets;
use openrsm::{ObjectId, ObjectType};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::convert::{records, Seconds, Target, Targets, ToPy, Value};
use crate::errors::IntoPyResult;
use crate::media::SLICE;
use crate::session::{future_methods, session_methods};

impl ToPy for DeviceKind {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let name = match self {
            DeviceKind::TapeDrive => "TAPE_DRIVE",
            DeviceKind::Changer => "CHANGER",
            DeviceKind::OpticalDrive => "OPTICAL_DRIVE",
            DeviceKind::RemovableDisk => "REMOVABLE_DISK",
        };
        name.to_py(py)
    }
}

impl ToPy for &'static str {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pyo3::types::PyString::new(py, self).into_any())
    }
}

impl ToPy for MediaPresence {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let name = match self {
            MediaPresence::Present => "PRESENT",
            MediaPresence::Absent => "ABSENT",
            MediaPresence::Unknown => "UNKNOWN",
        };
        name.to_py(py)
    }
}

records! {
    /// A device as the platform reports it: `kind` (`"TAPE_DRIVE"`, `"CHANGER"`,
    /// `"OPTICAL_DRIVE"`, `"REMOVABLE_DISK"`), stable `identity`, vendor, model, serial, wwn,
    /// device node and paths, kernel names, `media` (`"PRESENT"`, `"ABSENT"`, `"UNKNOWN"`) and
    /// `media_size`.
    DeviceInfo(openrsm::DeviceInfo) { kind, identity, vendor, model, serial, wwn, devnode, paths, sysname, syspath, media, media_size }
    /// A device recorded in the database: its library, drive or changer object, state (READY or
    /// NOT_PRESENT), the medium in it, and its `DeviceInfo`.
    DeviceRecord(openrsm::DeviceRecord) { library, drive, changer, state, media, info }
}

/// What a detection watches, from keyword arguments: exactly one of `libraries`, `media_types`
/// or `media`.
fn targets(
    session: &openrsm::Session,
    libraries: &Option<Targets>,
    media_types: &Option<Targets>,
    media: &Option<Targets>,
) -> openrsm::Result<DetectionTargets> {
    match (libraries, media_types, media) {
        (Some(t), None, None) => Ok(DetectionTargets::Libraries(t.ids(session, Some(ObjectType::Library))?)),
        (None, Some(t), None) => Ok(DetectionTargets::MediaTypes(t.ids(session, Some(ObjectType::MediaType))?)),
        (None, None, Some(t)) => Ok(DetectionTargets::Media(t.ids(session, Some(ObjectType::PhysicalMedia))?)),
        (None, None, None) => Ok(DetectionTargets::Libraries(Vec::new())),
        _ => Err(openrsm::Error::new(
            openrsm::ErrorKind::InvalidParameter,
            "name libraries, media_types or media, not several",
        )),
    }
}

session_methods! {
    /// Start watching for device changes (`BeginNtmsDeviceChangeDetection`); returns a
    /// `DeviceChangeDetection` (a context manager) to set targets on and end.
    fn begin_device_change_detection(session) -> DeviceChangeDetection {
        session.begin_device_change_detection().map(|d| DeviceChangeDetection { inner: d, session: session.clone() })
    }

    /// The devices found on this computer, present or not, as `DeviceRecord`s (empty on a
    /// machine with none).
    fn devices(session) -> Value<Vec<openrsm::DeviceRecord>> {
        session.devices().map(Value)
    }

    /// What the device watch is doing, in words.
    fn device_detection_status(session) -> String {
        session.device_detection_status()
    }

    /// Scan the devices now; returns how many are present.
    fn rescan_devices(session) -> usize {
        session.rescan_devices()
    }

    /// Subscribe to raw device events (added, changed, removed, rescan): a `DeviceEvents`.
    fn device_events(session) -> DeviceEvents {
        session.device_events().map(|e| DeviceEvents { inner: Mutex::new(e) })
    }

    /// Eject the medium of a detected standalone drive (`EjectDiskFromSADrive`).
    fn eject_disk_from_sa_drive(session, drive: Target) -> () {
        session.eject_disk_from_sa_drive(drive.id(session, Some(ObjectType::Drive))?)
    }

    /// The device paths of the volumes on the medium in a detected standalone drive
    /// (`GetVolumesFromDrive`).
    fn volumes_from_drive(session, drive: Target) -> Vec<String> {
        session.volumes_from_drive(drive.id(session, Some(ObjectType::Drive))?)
    }
}

future_methods! {
    /// Look once for changes (`DetectNtmsDeviceChanges`) in `libraries`, or where media of
    /// `media_types` or the `media` may be (every library); changes found are applied and
    /// notified. Returns how many objects changed.
    #[pyo3(signature = (*, libraries = None, media_types = None, media = None))]
    fn detect_device_changes(session, libraries: Option<Targets>, media_types: Option<Targets>, media: Option<Targets>) -> u32 {
        let targets = targets(session, &libraries, &media_types, &media)?;
        session.detect_device_changes_async(&targets).await
    }
}

/// A running device change detection: `set_targets(libraries=[...])`, `interval`, `end()`. It
/// also ends when left as a context manager or when its session closes.
#[pyclass(frozen, module = "openrsm")]
pub struct DeviceChangeDetection {
    inner: openrsm::library::DeviceChangeDetection,
    session: openrsm::Session,
}

#[pymethods]
impl DeviceChangeDetection {
    /// Watch `libraries`, or media of `media_types`, or the `media` (exactly one).
    #[pyo3(signature = (*, libraries = None, media_types = None, media = None))]
    fn set_targets(
        &self,
        py: Python<'_>,
        libraries: Option<Targets>,
        media_types: Option<Targets>,
        media: Option<Targets>,
    ) -> PyResult<()> {
        py.detach(|| self.inner.set_targets(targets(&self.session, &libraries, &media_types, &media)?)).py()
    }

    /// Look every `seconds`.
    fn set_interval(&self, seconds: Seconds) -> PyResult<()> {
        let interval = seconds.0.ok_or_else(|| PyValueError::new_err("an interval must be finite"))?;
        self.inner.set_interval(interval);
        Ok(())
    }

    /// The ids being watched.
    #[getter]
    fn targets(&self) -> Vec<uuid::Uuid> {
        let ids: Vec<ObjectId> = match self.inner.targets() {
            DetectionTargets::Libraries(ids) | DetectionTargets::MediaTypes(ids) | DetectionTargets::Media(ids) => ids,
        };
        ids.into_iter().map(|i| i.as_uuid()).collect()
    }

    /// Stop watching (`EndNtmsDeviceChangeDetection`); idempotent.
    fn end(&self) {
        self.inner.end();
    }

    /// Whether it has ended.
    #[getter]
    fn ended(&self) -> bool {
        self.inner.is_ended()
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_exc))]
    fn __exit__(&self, _exc: &Bound<'_, pyo3::types::PyTuple>) -> bool {
        self.inner.end();
        false
    }
}

/// A raw device event: `kind` (`"ADDED"`, `"CHANGED"`, `"REMOVED"`, `"RESCAN"`), the `device`
/// (a `DeviceInfo`, for added and changed), `syspath` and `sysname` (removed) or `reason` (rescan).
#[pyclass(frozen, module = "openrsm", name = "DeviceEvent")]
pub struct DeviceEventRecord(DeviceEvent);

#[pymethods]
impl DeviceEventRecord {
    /// What happened.
    #[getter]
    fn kind(&self) -> &'static str {
        match self.0 {
            DeviceEvent::Added(_) => "ADDED",
            DeviceEvent::Changed(_) => "CHANGED",
            DeviceEvent::Removed { .. } => "REMOVED",
            DeviceEvent::Rescan { .. } => "RESCAN",
        }
    }

    /// The device, for ADDED and CHANGED.
    #[getter]
    fn device<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        match &self.0 {
            DeviceEvent::Added(i) | DeviceEvent::Changed(i) => Some(i.to_py(py)).transpose(),
            _ => Ok(None),
        }
    }

    /// The sysfs path of the device.
    #[getter]
    fn syspath(&self) -> Option<String> {
        match &self.0 {
            DeviceEvent::Added(i) | DeviceEvent::Changed(i) => Some(i.syspath.clone()),
            DeviceEvent::Removed { syspath, .. } => Some(syspath.clone()),
            DeviceEvent::Rescan { .. } => None,
        }
    }

    /// Why a rescan is needed, for RESCAN.
    #[getter]
    fn reason(&self) -> Option<String> {
        match &self.0 {
            DeviceEvent::Rescan { reason } => Some(reason.clone()),
            _ => None,
        }
    }

    fn __repr__(&self) -> String {
        format!("DeviceEvent({}, {:?})", self.kind(), self.syspath().or(self.reason()).unwrap_or_default())
    }
}

/// A subscription to raw device events: `wait(timeout=None)` returns a `DeviceEvent` or None on
/// timeout.
#[pyclass(frozen, module = "openrsm", name = "DeviceEvents")]
pub struct DeviceEvents {
    inner: Mutex<openrsm::detect::DeviceEvents>,
}

#[pymethods]
impl DeviceEvents {
    /// The next event, or None after `timeout` seconds (None: wait without limit, interruptible
    /// by Ctrl-C).
    #[pyo3(signature = (timeout = None))]
    fn wait(&self, py: Python<'_>, timeout: Option<Seconds>) -> PyResult<Option<DeviceEventRecord>> {
        let until = timeout.and_then(|s| s.0).and_then(|d| Instant::now().checked_add(d));
        loop {
            let slice = until.map_or(SLICE, |t| t.saturating_duration_since(Instant::now()).min(SLICE));
            let next = py.detach(|| self.inner.lock().expect("device events lock").next_timeout(slice)).py()?;
            if let Some(event) = next {
                return Ok(Some(DeviceEventRecord(event)));
            }
            if until.is_some_and(|t| Instant::now() >= t) {
                return Ok(None);
            }
            py.check_signals()?;
            if slice == Duration::ZERO {
                return Ok(None);
            }
        }
    }
}

/// Add this module's classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    register_records(m)?;
    m.add_class::<DeviceChangeDetection>()?;
    m.add_class::<DeviceEventRecord>()?;
    m.add_class::<DeviceEvents>()?;
    Ok(())
}
