//! Device detection: device change detection on libraries (`BeginNtmsDeviceChangeDetection`), the
//! devices the platform reports, and their raw events.
//!
//! The binding numbers `DetectionTargetKind`, `DeviceKind`, `MediaPresence` and `DeviceEventKind`
//! here with exhaustive matches, so a new core variant fails the build; [`binding_enum`] gives C++
//! the tables.

use std::mem::ManuallyDrop;
use std::sync::Mutex;
use std::time::Duration;

use openrsm::detect::{DeviceEvents, MediaPresence};
use openrsm::library::{DetectionTargets, DeviceChangeDetection};
use openrsm::{DeviceEvent, DeviceInfo, DeviceKind, DeviceRecord, Error, ErrorKind, ObjectId};

use crate::bridge::ffi;
use crate::errors::{drop_guarded, guard, BridgeResult};
use crate::session::SessionHandle;

fn device_kind(kind: DeviceKind) -> (u32, &'static str) {
    match kind {
        DeviceKind::TapeDrive => (0, "TAPE_DRIVE"),
        DeviceKind::Changer => (1, "CHANGER"),
        DeviceKind::OpticalDrive => (2, "OPTICAL_DRIVE"),
        DeviceKind::RemovableDisk => (3, "REMOVABLE_DISK"),
    }
}

fn media_presence(media: MediaPresence) -> (u32, &'static str) {
    match media {
        MediaPresence::Present => (0, "PRESENT"),
        MediaPresence::Absent => (1, "ABSENT"),
        MediaPresence::Unknown => (2, "UNKNOWN"),
    }
}

fn event_kind(event: &DeviceEvent) -> (u32, &'static str) {
    match event {
        DeviceEvent::Added(_) => (0, "ADDED"),
        DeviceEvent::Changed(_) => (1, "CHANGED"),
        DeviceEvent::Removed { .. } => (2, "REMOVED"),
        DeviceEvent::Rescan { .. } => (3, "RESCAN"),
    }
}

fn target_kind(targets: &DetectionTargets) -> (u32, &'static str) {
    match targets {
        DetectionTargets::Libraries(_) => (0, "LIBRARIES"),
        DetectionTargets::MediaTypes(_) => (1, "MEDIA_TYPES"),
        DetectionTargets::Media(_) => (2, "MEDIA"),
    }
}

/// The table of a binding enumeration of this module, by its C++ name.
pub(crate) fn binding_enum(name: &str) -> Option<Vec<ffi::EnumEntry>> {
    let table = |pairs: Vec<(u32, &str)>| {
        Some(pairs.into_iter().map(|(value, name)| ffi::EnumEntry { value, name: name.to_string() }).collect())
    };
    match name {
        "DeviceKind" => table(
            [DeviceKind::TapeDrive, DeviceKind::Changer, DeviceKind::OpticalDrive, DeviceKind::RemovableDisk]
                .into_iter()
                .map(device_kind)
                .collect(),
        ),
        "MediaPresence" => table(
            [MediaPresence::Present, MediaPresence::Absent, MediaPresence::Unknown]
                .into_iter()
                .map(media_presence)
                .collect(),
        ),
        "DeviceEventKind" => {
            let info = sample_info();
            table(
                [
                    DeviceEvent::Added(info.clone()),
                    DeviceEvent::Changed(info),
                    DeviceEvent::Removed { syspath: String::new(), sysname: String::new() },
                    DeviceEvent::Rescan { reason: String::new() },
                ]
                .iter()
                .map(event_kind)
                .collect(),
            )
        }
        "DetectionTargetKind" => table(
            [
                DetectionTargets::Libraries(Vec::new()),
                DetectionTargets::MediaTypes(Vec::new()),
                DetectionTargets::Media(Vec::new()),
            ]
            .iter()
            .map(target_kind)
            .collect(),
        ),
        _ => None,
    }
}

fn sample_info() -> DeviceInfo {
    DeviceInfo {
        kind: DeviceKind::TapeDrive,
        identity: String::new(),
        vendor: String::new(),
        model: String::new(),
        serial: None,
        wwn: None,
        devnode: None,
        paths: Vec::new(),
        sysname: String::new(),
        syspath: String::new(),
        media: MediaPresence::Unknown,
        media_size: 0,
    }
}

impl TryFrom<&ffi::DetectionTargets> for DetectionTargets {
    type Error = Error;

    fn try_from(t: &ffi::DetectionTargets) -> openrsm::Result<Self> {
        let ids: Vec<ObjectId> = t.ids.iter().map(|id| (*id).into()).collect();
        Ok(match t.kind {
            0 => DetectionTargets::Libraries(ids),
            1 => DetectionTargets::MediaTypes(ids),
            2 => DetectionTargets::Media(ids),
            other => {
                return Err(Error::new(
                    ErrorKind::InvalidParameter,
                    format!("{other} is not a valid DetectionTargetKind"),
                ))
            }
        })
    }
}

impl From<DetectionTargets> for ffi::DetectionTargets {
    fn from(t: DetectionTargets) -> Self {
        let (kind, _) = target_kind(&t);
        let ids = match t {
            DetectionTargets::Libraries(ids) | DetectionTargets::MediaTypes(ids) | DetectionTargets::Media(ids) => ids,
        };
        ffi::DetectionTargets { kind, ids: ids.into_iter().map(Into::into).collect() }
    }
}

impl From<DeviceInfo> for ffi::DeviceInfo {
    fn from(d: DeviceInfo) -> Self {
        ffi::DeviceInfo {
            kind: device_kind(d.kind).0,
            identity: d.identity,
            vendor: d.vendor,
            model: d.model,
            serial: d.serial.into(),
            wwn: d.wwn.into(),
            devnode: d.devnode.into(),
            paths: d.paths,
            sysname: d.sysname,
            syspath: d.syspath,
            media: media_presence(d.media).0,
            media_size: d.media_size,
        }
    }
}

impl From<DeviceRecord> for ffi::DeviceRecord {
    fn from(r: DeviceRecord) -> Self {
        ffi::DeviceRecord {
            library: r.library.into(),
            drive: r.drive.into(),
            changer: r.changer.into(),
            state: r.state.value(),
            media: r.media.into(),
            info: r.info.into(),
        }
    }
}

impl From<DeviceEvent> for ffi::MaybeDeviceEvent {
    fn from(e: DeviceEvent) -> Self {
        let mut out = ffi::MaybeDeviceEvent { present: true, kind: event_kind(&e).0, ..Default::default() };
        match e {
            DeviceEvent::Added(info) | DeviceEvent::Changed(info) => out.info = info.into(),
            DeviceEvent::Removed { syspath, sysname } => {
                out.syspath = syspath;
                out.sysname = sysname;
            }
            DeviceEvent::Rescan { reason } => out.reason = reason,
        }
        out
    }
}

/// A running device change detection; it stops when ended, when dropped, or when its session
/// closes.
pub(crate) struct DetectionHandle {
    detection: ManuallyDrop<DeviceChangeDetection>,
}

impl Drop for DetectionHandle {
    fn drop(&mut self) {
        // SAFETY: `detection` is not used again after this.
        drop_guarded(unsafe { ManuallyDrop::take(&mut self.detection) });
    }
}

impl DetectionHandle {
    /// Watch these targets from now on.
    pub(crate) fn set_targets(&self, targets: &ffi::DetectionTargets) -> BridgeResult<()> {
        guard(|| self.detection.set_targets(targets.try_into()?))
    }

    /// What it watches.
    pub(crate) fn targets(&self) -> BridgeResult<ffi::DetectionTargets> {
        guard(|| Ok(self.detection.targets().into()))
    }

    /// Look this often.
    pub(crate) fn set_interval(&self, millis: u64) -> BridgeResult<()> {
        guard(|| {
            self.detection.set_interval(Duration::from_millis(millis));
            Ok(())
        })
    }

    /// Stop watching.
    pub(crate) fn end(&self) -> BridgeResult<()> {
        guard(|| {
            self.detection.end();
            Ok(())
        })
    }

    /// Whether it stopped.
    pub(crate) fn is_ended(&self) -> BridgeResult<bool> {
        guard(|| Ok(self.detection.is_ended()))
    }
}

/// A subscription to raw device events. `next` needs the subscription to itself, hence the lock:
/// C++ may call it from several threads, one at a time gets an event.
pub(crate) struct DeviceEventsHandle {
    events: Mutex<DeviceEvents>,
}

impl DeviceEventsHandle {
    /// The next event, or none when the time passes.
    pub(crate) fn next(&self, timeout: &ffi::Wait) -> BridgeResult<ffi::MaybeDeviceEvent> {
        guard(|| {
            let mut events = self.events.lock().unwrap_or_else(|p| p.into_inner());
            let event = if timeout.infinite {
                Some(openrsm::runtime::block_on(events.next())??)
            } else {
                events.next_timeout(Duration::from_millis(timeout.millis))?
            };
            Ok(event.map(Into::into).unwrap_or_default())
        })
    }
}

impl SessionHandle {
    /// Begin a device change detection.
    pub(crate) fn begin_device_change_detection(&self) -> BridgeResult<Box<DetectionHandle>> {
        guard(|| {
            let detection = self.session.begin_device_change_detection()?;
            Ok(Box::new(DetectionHandle { detection: ManuallyDrop::new(detection) }))
        })
    }

    /// Look once at these targets; how many media changes were found.
    pub(crate) fn detect_device_changes(&self, targets: &ffi::DetectionTargets) -> BridgeResult<u32> {
        guard(|| self.session.detect_device_changes(&targets.try_into()?))
    }

    /// The devices the database knows.
    pub(crate) fn devices(&self) -> BridgeResult<Vec<ffi::DeviceRecord>> {
        guard(|| Ok(self.session.devices()?.into_iter().map(Into::into).collect()))
    }

    /// How device detection runs, for people.
    pub(crate) fn device_detection_status(&self) -> BridgeResult<String> {
        guard(|| self.session.device_detection_status())
    }

    /// Scan for devices again.
    pub(crate) fn rescan_devices(&self) -> BridgeResult<usize> {
        guard(|| self.session.rescan_devices())
    }

    /// Eject the disc or disk of a standalone drive.
    pub(crate) fn eject_disk_from_sa_drive(&self, drive: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.eject_disk_from_sa_drive((*drive).into()))
    }

    /// The mounted file systems of a standalone drive's medium.
    pub(crate) fn volumes_from_drive(&self, drive: &ffi::Id) -> BridgeResult<Vec<String>> {
        guard(|| self.session.volumes_from_drive((*drive).into()))
    }

    /// Subscribe to the raw device events.
    pub(crate) fn device_events(&self) -> BridgeResult<Box<DeviceEventsHandle>> {
        guard(|| Ok(Box::new(DeviceEventsHandle { events: Mutex::new(self.session.device_events()?) })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_survive_the_round_trip() {
        let id = ObjectId::new();
        for targets in [
            DetectionTargets::Libraries(vec![id]),
            DetectionTargets::MediaTypes(vec![id]),
            DetectionTargets::Media(Vec::new()),
        ] {
            let back = DetectionTargets::try_from(&ffi::DetectionTargets::from(targets.clone())).unwrap();
            assert_eq!(back, targets);
        }
        let bad = ffi::DetectionTargets { kind: 7, ids: Vec::new() };
        assert!(DetectionTargets::try_from(&bad).is_err());
    }
}
