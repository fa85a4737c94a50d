//! Device detection: change detection on libraries (`Begin/Set/EndNtmsDeviceChangeDetection`),
//! the devices found on this computer, their raw events, and standalone drives
//! (`EjectDiskFromSADrive`, `GetVolumesFromDrive`).

use std::sync::Arc;
use std::time::Duration;

use napi::bindgen_prelude::*;
use napi_derive::napi;
use openrsm::library::DetectionTargets as CoreTargets;

use crate::abort::{spawn_abortable, OnAbort, SignalOptions};
use crate::blocking::run;
use crate::enums::OperationalState;
use crate::errors::{invalid, to_napi};
use crate::model::{count, parse_id, parse_timeout};
use crate::mount::parse_ids;
use crate::session::Session;

/// What a detection watches: give exactly one of the three lists.
#[napi(object)]
#[derive(Default)]
pub struct DetectionTargets {
    /// These libraries.
    pub libraries: Option<Vec<String>>,
    /// Media of these media types, wherever they appear.
    pub media_types: Option<Vec<String>>,
    /// These physical media, wherever they appear.
    pub media: Option<Vec<String>>,
}

impl DetectionTargets {
    fn into_core(self) -> Result<CoreTargets> {
        match (self.libraries, self.media_types, self.media) {
            (Some(ids), None, None) => Ok(CoreTargets::Libraries(parse_ids(&ids)?)),
            (None, Some(ids), None) => Ok(CoreTargets::MediaTypes(parse_ids(&ids)?)),
            (None, None, Some(ids)) => Ok(CoreTargets::Media(parse_ids(&ids)?)),
            (None, None, None) => Ok(CoreTargets::default()),
            _ => Err(invalid("detection targets are libraries, mediaTypes or media: give one list")),
        }
    }
}

impl From<CoreTargets> for DetectionTargets {
    fn from(t: CoreTargets) -> Self {
        let strings = |ids: Vec<openrsm::ObjectId>| Some(ids.into_iter().map(|id| id.to_string()).collect());
        match t {
            CoreTargets::Libraries(ids) => DetectionTargets { libraries: strings(ids), ..Default::default() },
            CoreTargets::MediaTypes(ids) => DetectionTargets { media_types: strings(ids), ..Default::default() },
            CoreTargets::Media(ids) => DetectionTargets { media: strings(ids), ..Default::default() },
        }
    }
}

/// A running device change detection (`BeginNtmsDeviceChangeDetection`): it looks at its targets
/// every interval until `end()` or its session closes, and the changes it finds are notified.
#[napi]
pub struct DeviceChangeDetection {
    inner: Arc<openrsm::library::DeviceChangeDetection>,
}

#[napi]
impl DeviceChangeDetection {
    /// Watch these targets from now on (`SetNtmsDeviceChangeDetection`).
    #[napi]
    pub async fn set_targets(&self, targets: DetectionTargets) -> Result<()> {
        let (inner, targets) = (self.inner.clone(), targets.into_core()?);
        run(move || inner.set_targets(targets)).await
    }

    /// What it watches.
    #[napi(getter)]
    pub fn targets(&self) -> DetectionTargets {
        self.inner.targets().into()
    }

    /// Look this often (milliseconds, at least 10).
    #[napi]
    pub fn set_interval(&self, interval_ms: u32) {
        self.inner.set_interval(Duration::from_millis(u64::from(interval_ms)));
    }

    /// Stop watching (`EndNtmsDeviceChangeDetection`); ending it again does nothing.
    #[napi]
    pub fn end(&self) {
        self.inner.end();
    }

    /// Whether it stopped (ended, or its session closed).
    #[napi(getter)]
    pub fn ended(&self) -> bool {
        self.inner.is_ended()
    }
}

/// What kind of removable-media device this is.
#[napi(string_enum)]
pub enum DeviceKind {
    /// A SCSI tape drive.
    #[napi(value = "TAPE_DRIVE")]
    TapeDrive,
    /// A SCSI media changer.
    #[napi(value = "CHANGER")]
    Changer,
    /// An optical drive.
    #[napi(value = "OPTICAL_DRIVE")]
    OpticalDrive,
    /// A removable block device (USB stick, card reader).
    #[napi(value = "REMOVABLE_DISK")]
    RemovableDisk,
}

/// Whether a drive holds a medium, as far as the device tells.
#[napi(string_enum)]
pub enum MediaPresence {
    /// A medium is in the drive.
    #[napi(value = "PRESENT")]
    Present,
    /// The drive is empty.
    #[napi(value = "ABSENT")]
    Absent,
    /// The device does not say.
    #[napi(value = "UNKNOWN")]
    Unknown,
}

/// One device as the platform sees it.
#[napi(object)]
pub struct DeviceInfo {
    /// Tape drive, changer, optical drive or removable disk.
    pub kind: DeviceKind,
    /// A stable identity (WWN, serial, or path), the key of its record.
    pub identity: String,
    /// Vendor.
    pub vendor: String,
    /// Model.
    pub model: String,
    /// Serial number, if known.
    pub serial: Option<String>,
    /// World wide name, if known.
    pub wwn: Option<String>,
    /// Its device node, e.g. `/dev/nst0`.
    pub devnode: Option<String>,
    /// Other paths to it (`/dev/tape/by-id/...`).
    pub paths: Vec<String>,
    /// Its kernel name.
    pub sysname: String,
    /// Its sysfs path.
    pub syspath: String,
    /// Whether it holds a medium.
    pub media: MediaPresence,
    /// The medium's size in bytes, 0 when unknown.
    pub media_size: i64,
}

impl From<openrsm::DeviceInfo> for DeviceInfo {
    fn from(d: openrsm::DeviceInfo) -> Self {
        DeviceInfo {
            kind: match d.kind {
                openrsm::DeviceKind::TapeDrive => DeviceKind::TapeDrive,
                openrsm::DeviceKind::Changer => DeviceKind::Changer,
                openrsm::DeviceKind::OpticalDrive => DeviceKind::OpticalDrive,
                openrsm::DeviceKind::RemovableDisk => DeviceKind::RemovableDisk,
            },
            identity: d.identity,
            vendor: d.vendor,
            model: d.model,
            serial: d.serial,
            wwn: d.wwn,
            devnode: d.devnode,
            paths: d.paths,
            sysname: d.sysname,
            syspath: d.syspath,
            media: match d.media {
                openrsm::detect::MediaPresence::Present => MediaPresence::Present,
                openrsm::detect::MediaPresence::Absent => MediaPresence::Absent,
                openrsm::detect::MediaPresence::Unknown => MediaPresence::Unknown,
            },
            media_size: count(d.media_size),
        }
    }
}

/// A device found on this computer and what it was recorded as.
#[napi(object)]
pub struct DeviceRecord {
    /// The library made for it (a standalone library for a drive).
    pub library: String,
    /// Its drive object, for a drive.
    pub drive: Option<String>,
    /// Its changer object, for a changer.
    pub changer: Option<String>,
    /// Ready, or not present when it went away.
    pub state: OperationalState,
    /// The medium recorded in it, if any.
    pub media: Option<String>,
    /// What the platform says about it.
    pub info: DeviceInfo,
}

impl From<openrsm::DeviceRecord> for DeviceRecord {
    fn from(r: openrsm::DeviceRecord) -> Self {
        DeviceRecord {
            library: r.library.to_string(),
            drive: r.drive.map(|d| d.to_string()),
            changer: r.changer.map(|c| c.to_string()),
            state: r.state.into(),
            media: r.media.map(|m| m.to_string()),
            info: r.info.into(),
        }
    }
}

/// What happened to a device, in a `DeviceEvent`.
#[napi(string_enum)]
pub enum DeviceEventKind {
    /// A device appeared (`device`).
    #[napi(value = "added")]
    Added,
    /// A device changed, most often a medium went in or out (`device`).
    #[napi(value = "changed")]
    Changed,
    /// A device went away (`syspath`, `sysname`).
    #[napi(value = "removed")]
    Removed,
    /// Events were lost: scan again (`reason`).
    #[napi(value = "rescan")]
    Rescan,
}

/// A raw device event.
#[napi(object)]
pub struct DeviceEvent {
    /// What happened.
    pub kind: DeviceEventKind,
    /// The device, for `added` and `changed`.
    pub device: Option<DeviceInfo>,
    /// Its sysfs path, for `removed`.
    pub syspath: Option<String>,
    /// Its kernel name, for `removed`.
    pub sysname: Option<String>,
    /// Why, for `rescan`.
    pub reason: Option<String>,
}

impl From<openrsm::DeviceEvent> for DeviceEvent {
    fn from(e: openrsm::DeviceEvent) -> Self {
        let plain = |kind| DeviceEvent { kind, device: None, syspath: None, sysname: None, reason: None };
        match e {
            openrsm::DeviceEvent::Added(d) => DeviceEvent { device: Some(d.into()), ..plain(DeviceEventKind::Added) },
            openrsm::DeviceEvent::Changed(d) => {
                DeviceEvent { device: Some(d.into()), ..plain(DeviceEventKind::Changed) }
            }
            openrsm::DeviceEvent::Removed { syspath, sysname } => {
                DeviceEvent { syspath: Some(syspath), sysname: Some(sysname), ..plain(DeviceEventKind::Removed) }
            }
            openrsm::DeviceEvent::Rescan { reason } => {
                DeviceEvent { reason: Some(reason), ..plain(DeviceEventKind::Rescan) }
            }
        }
    }
}

/// A subscription to the raw device events of the service (`session.deviceEvents()`).
#[napi]
pub struct DeviceEvents {
    inner: Arc<tokio::sync::Mutex<Option<openrsm::detect::DeviceEvents>>>,
}

#[napi]
impl DeviceEvents {
    /// The next event, waiting at most `timeoutMs` (forever when absent); `null` when the time
    /// passes. An `AbortSignal` cancels the wait with an `AbortError`, losing no event. Rejects
    /// with `InvalidHandleError` once closed.
    #[napi(ts_return_type = "Promise<DeviceEvent | null>")]
    pub fn wait<'env>(
        &self,
        env: &'env Env,
        timeout_ms: Option<f64>,
        options: Option<SignalOptions<'env>>,
    ) -> Result<PromiseRaw<'env, Option<DeviceEvent>>> {
        let timeout = parse_timeout(timeout_ms)?.unwrap_or(openrsm::Timeout::Infinite);
        let inner = self.inner.clone();
        let wait = async move {
            let mut guard = inner.lock().await;
            let events = guard.as_mut().ok_or_else(|| {
                openrsm::Error::new(openrsm::ErrorKind::InvalidHandle, "the device event subscription is closed")
            })?;
            match timeout {
                openrsm::Timeout::Infinite => events.next().await.map(Some),
                openrsm::Timeout::After(limit) => match tokio::time::timeout(limit, events.next()).await {
                    Ok(event) => event.map(Some),
                    Err(_) => Ok(None),
                },
            }
        };
        spawn_abortable(env, options.and_then(|o| o.signal), OnAbort::Drop, wait, |outcome| {
            outcome.map(|e| e.map(Into::into)).map_err(to_napi)
        })
    }

    /// End the subscription; closing it again does nothing.
    #[napi]
    pub async fn close(&self) {
        self.inner.lock().await.take();
    }
}

#[napi]
impl Session {
    /// Start a device change detection with no targets yet (`BeginNtmsDeviceChangeDetection`).
    #[napi]
    pub async fn begin_device_change_detection(&self) -> Result<DeviceChangeDetection> {
        let session = self.inner.clone();
        let inner = run(move || session.begin_device_change_detection()).await?;
        Ok(DeviceChangeDetection { inner: Arc::new(inner) })
    }

    /// Look once for media put in or taken out by hand in the targets; how many database objects
    /// changed (each change is notified).
    #[napi]
    pub async fn detect_device_changes(&self, targets: DetectionTargets) -> Result<u32> {
        let (session, targets) = (self.inner.clone(), targets.into_core()?);
        run(move || session.detect_device_changes(&targets)).await
    }

    /// The devices found on this computer, present or not (empty on a machine without removable
    /// hardware).
    #[napi]
    pub async fn devices(&self) -> Result<Vec<DeviceRecord>> {
        let session = self.inner.clone();
        Ok(run(move || session.devices()).await?.into_iter().map(Into::into).collect())
    }

    /// What the device watch is doing, in words.
    #[napi]
    pub async fn device_detection_status(&self) -> Result<String> {
        let session = self.inner.clone();
        run(move || session.device_detection_status()).await
    }

    /// Scan the devices now; how many are present.
    #[napi]
    pub async fn rescan_devices(&self) -> Result<u32> {
        let session = self.inner.clone();
        run(move || session.rescan_devices()).await.map(|n| u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// Subscribe to the raw device events (added, changed, removed, rescan) of this service.
    #[napi]
    pub fn device_events(&self) -> Result<DeviceEvents> {
        let events = self.inner.device_events().map_err(to_napi)?;
        Ok(DeviceEvents { inner: Arc::new(tokio::sync::Mutex::new(Some(events))) })
    }

    /// Eject the medium of a detected standalone drive (`EjectDiskFromSADrive`); it is recorded
    /// offline.
    #[napi]
    pub async fn eject_disk_from_sa_drive(&self, drive: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&drive)?);
        run(move || session.eject_disk_from_sa_drive(id)).await
    }

    /// The volumes on the medium in a detected standalone drive (`GetVolumesFromDrive`): device
    /// paths; empty when the drive is empty.
    #[napi]
    pub async fn volumes_from_drive(&self, drive: String) -> Result<Vec<String>> {
        let (session, id) = (self.inner.clone(), parse_id(&drive)?);
        run(move || session.volumes_from_drive(id)).await
    }
}
