//! The service's device watch: the scan at start, the event loop that follows hot-plug and media
//! changes, the device change detections that are on, and the session calls about devices.

use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use futures::StreamExt;
use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;

use super::apply::{self, DeviceRecord};
use super::backend::{default_backend, DeviceBackend, DeviceEvent, DeviceInfo, MediaPresence};
use crate::db::{self, Db};
use crate::error::{Error, ErrorKind, Result};
use crate::library::DetectionTargets;
use crate::model::*;
use crate::service::Service;
use crate::session::Session;

/// How many device events a slow [`DeviceEvents`] reader may fall behind before it is told it
/// missed some.
const EVENT_BUFFER: usize = 4096;

/// A device change detection that is on: its targets, until its token is cancelled.
pub(crate) type WatchedTargets = (Weak<Mutex<DetectionTargets>>, CancellationToken);

/// The device side of an embedded service.
pub(crate) struct ServiceDevices {
    backend: Option<Arc<dyn DeviceBackend>>,
    stop: CancellationToken,
    events: broadcast::Sender<DeviceEvent>,
    detections: Mutex<Vec<WatchedTargets>>,
    status: Mutex<String>,
}

impl Default for ServiceDevices {
    fn default() -> Self {
        ServiceDevices {
            backend: default_backend().map(Arc::from),
            stop: CancellationToken::new(),
            events: broadcast::channel(EVENT_BUFFER).0,
            detections: Mutex::new(Vec::new()),
            status: Mutex::new("device detection is off".into()),
        }
    }
}

impl Drop for ServiceDevices {
    fn drop(&mut self) {
        self.stop.cancel();
    }
}

impl ServiceDevices {
    fn set_status(&self, status: impl Into<String>) {
        *self.status.lock().unwrap_or_else(|p| p.into_inner()) = status.into();
    }

    /// Register a detection's targets so that media changes it covers are applied.
    pub(crate) fn watch(&self, targets: Weak<Mutex<DetectionTargets>>, stop: CancellationToken) {
        let mut all = self.detections.lock().unwrap_or_else(|p| p.into_inner());
        all.retain(|(t, s)| t.strong_count() > 0 && !s.is_cancelled());
        all.push((targets, stop));
    }

    /// Whether a detection that is on covers media changes in this library.
    fn covered(&self, db: &Db, library: ObjectId, info: &DeviceInfo) -> bool {
        let all: Vec<DetectionTargets> = {
            let mut all = self.detections.lock().unwrap_or_else(|p| p.into_inner());
            all.retain(|(t, s)| t.strong_count() > 0 && !s.is_cancelled());
            all.iter()
                .filter_map(|(t, _)| t.upgrade())
                .map(|t| t.lock().unwrap_or_else(|p| p.into_inner()).clone())
                .collect()
        };
        all.iter().any(|targets| targets_cover(db, targets, library, info).unwrap_or(false))
    }
}

/// Whether these targets cover media changes in a device's library.
fn targets_cover(db: &Db, targets: &DetectionTargets, library: ObjectId, info: &DeviceInfo) -> Result<bool> {
    match targets {
        DetectionTargets::Libraries(ids) => Ok(ids.contains(&library)),
        DetectionTargets::MediaTypes(ids) => db.read(|conn| {
            Ok(crate::media::media_type_by_name(conn, info.kind.media_type_name())?
                .is_some_and(|t| ids.contains(&t.id)))
        }),
        DetectionTargets::Media(ids) => db.read(|conn| {
            let held =
                db::query(conn, ObjectType::Drive, "t.library = ?1", [library])?.into_iter().find_map(|d| {
                    match d.detail {
                        Detail::Drive(i) => i.media,
                        _ => None,
                    }
                });
            Ok(held.is_some_and(|m| ids.contains(&m)))
        }),
    }
}

/// Scan, record what is there, and mark what is not NOT_PRESENT. Media changes are applied for
/// devices `apply_media` accepts. Returns how many devices were found.
fn full_scan(service: &Service, apply_media: impl Fn(ObjectId, &DeviceInfo) -> bool) -> Result<usize> {
    let devices = &service.devices;
    let Some(backend) = &devices.backend else { return Ok(0) };
    let found = backend.scan()?;
    for info in &found {
        let (library, _) = apply::upsert(service.db(), info)?;
        if apply_media(library, info) {
            apply::reconcile_media(service.db(), library, info)?;
        }
    }
    let present: std::collections::HashSet<&str> = found.iter().map(|i| i.identity.as_str()).collect();
    apply::mark_gone(service.db(), |info| !present.contains(info.identity.as_str()))?;
    Ok(found.len())
}

/// Tell every subscriber that the device picture was rebuilt: an EVENT_SIGNAL on the computer.
fn notify_rescan(db: &Db) -> Result<()> {
    db.write(|tx| {
        if let Some(computer) = db::query(tx, ObjectType::Computer, "", [])?.into_iter().next() {
            tx.notify(Operation::EventSignal, ObjectType::Computer, computer.id);
        }
        Ok(())
    })
}

fn handle(service: &Service, event: &DeviceEvent) -> Result<()> {
    let devices = &service.devices;
    match event {
        DeviceEvent::Added(info) | DeviceEvent::Changed(info) => {
            let (library, _) = apply::upsert(service.db(), info)?;
            if devices.covered(service.db(), library, info) {
                apply::reconcile_media(service.db(), library, info)?;
            }
        }
        DeviceEvent::Removed { syspath, .. } => {
            apply::mark_gone(service.db(), |info| &info.syspath == syspath)?;
        }
        DeviceEvent::Rescan { .. } => {
            full_scan(service, |library, info| devices.covered(service.db(), library, info))?;
            notify_rescan(service.db())?;
        }
    }
    Ok(())
}

/// Start the device watch of a service that just opened: a quick scan (nothing is printed when
/// nothing is found), then the event loop on the OpenRSM runtime until the service closes.
pub(crate) fn start(service: &Arc<Service>) {
    let devices = &service.devices;
    let Some(backend) = devices.backend.clone() else { return };
    // Listen first, so that nothing happening during the scan is missed.
    let stream = backend.events();
    let scanned = full_scan(service, |_, _| false);
    match (&stream, &scanned) {
        (Ok(_), Ok(n)) => devices.set_status(format!("{}: watching, {n} device(s) at start", backend.name())),
        (Err(e), _) => devices.set_status(format!("{}: no hot-plug events ({e})", backend.name())),
        (_, Err(e)) => devices.set_status(format!("{}: scan failed ({e})", backend.name())),
    }
    let Ok(mut stream) = stream else { return };
    let weak = Arc::downgrade(service);
    let stop = devices.stop.clone();
    crate::runtime::handle().spawn(async move {
        loop {
            let event = tokio::select! {
                _ = stop.cancelled() => return,
                event = stream.next() => event,
            };
            let Some(event) = event else { return };
            let Some(service) = weak.upgrade() else { return };
            // A failure to apply one event must not end the watch; the next rescan repairs it.
            if let Err(e) = handle(&service, &event) {
                let _ = service
                    .devices
                    .events
                    .send(DeviceEvent::Rescan { reason: format!("applying an event failed: {e}") });
            }
            let _ = service.devices.events.send(event);
        }
    });
}

/// A subscription to the raw device events of the service (for `rsm watch --devices`).
#[derive(Debug)]
pub struct DeviceEvents {
    rx: broadcast::Receiver<DeviceEvent>,
}

impl DeviceEvents {
    /// The next event, waiting at most `timeout`; `None` when the time passed. A reader that fell
    /// behind gets a [`DeviceEvent::Rescan`] saying how many it missed.
    pub fn next_timeout(&mut self, timeout: Duration) -> Result<Option<DeviceEvent>> {
        crate::runtime::block_on(async {
            match tokio::time::timeout(timeout, self.next()).await {
                Ok(event) => event.map(Some),
                Err(_) => Ok(None),
            }
        })?
    }

    /// The next event, asynchronously.
    pub async fn next(&mut self) -> Result<DeviceEvent> {
        match self.rx.recv().await {
            Ok(event) => Ok(event),
            Err(broadcast::error::RecvError::Lagged(n)) => {
                Ok(DeviceEvent::Rescan { reason: format!("this reader missed {n} device events") })
            }
            Err(broadcast::error::RecvError::Closed) => Err(Error::closed("device events")),
        }
    }
}

/// `CDROMEJECT` from `<linux/cdrom.h>`.
#[cfg(target_os = "linux")]
const CDROMEJECT: libc::c_ulong = 0x5309;

/// Ask the device to eject its medium; `false` when it cannot (not an ejecting device).
#[cfg(target_os = "linux")]
fn eject_device(devnode: &str) -> bool {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;
    let Ok(file) = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(devnode) else {
        return false;
    };
    // SAFETY: an ioctl without argument on a descriptor we own.
    #[allow(clippy::useless_conversion)]
    let rc = unsafe { libc::ioctl(file.as_raw_fd(), CDROMEJECT.try_into().unwrap_or_default()) };
    rc == 0
}

#[cfg(not(target_os = "linux"))]
fn eject_device(_devnode: &str) -> bool {
    false
}

impl Session {
    /// The devices found on this computer (`rsm devices`), present or not, with their identities.
    pub fn devices(&self) -> Result<Vec<DeviceRecord>> {
        self.db()?.read(apply::records)
    }

    /// What the device watch is doing, in words (backend, source, devices found at start).
    pub fn device_detection_status(&self) -> Result<String> {
        self.inner.check()?;
        Ok(self.inner.service.devices.status.lock().unwrap_or_else(|p| p.into_inner()).clone())
    }

    /// Scan the devices now: record new ones, update known ones, mark missing ones NOT_PRESENT, and
    /// publish an EVENT_SIGNAL on the computer object. Media are not touched. Returns how many
    /// devices are present.
    pub fn rescan_devices(&self) -> Result<usize> {
        self.inner.check()?;
        let service = &self.inner.service;
        let n = full_scan(service, |_, _| false)?;
        notify_rescan(service.db())?;
        let _ = service.devices.events.send(DeviceEvent::Rescan { reason: "rescan requested".into() });
        Ok(n)
    }

    /// Subscribe to the raw device events (added, changed, removed, rescan) of this service.
    pub fn device_events(&self) -> Result<DeviceEvents> {
        self.inner.check()?;
        Ok(DeviceEvents { rx: self.inner.service.devices.events.subscribe() })
    }

    /// Apply a detection's media changes to the detected standalone drives it covers (the udev
    /// half of a one-shot poll). Returns how many objects changed hands.
    pub(crate) fn detect_udev_media(&self, targets: &DetectionTargets) -> Result<u32> {
        let service = &self.inner.service;
        let Some(backend) = &service.devices.backend else { return Ok(0) };
        let libraries = self.db()?.read(apply::device_libraries)?;
        let mut changed = 0;
        for (library, stored) in libraries {
            if !stored.kind.is_drive() || !targets_cover(service.db(), targets, library.id, &stored)? {
                continue;
            }
            match backend.device(&stored.syspath)? {
                Some(info) if info.identity == stored.identity => {
                    apply::upsert(service.db(), &info)?;
                    changed += apply::reconcile_media(service.db(), library.id, &info)?;
                }
                _ if library.state != OperationalState::NotPresent => {
                    changed += apply::mark_gone(service.db(), |i| i.identity == stored.identity)?.len() as u32;
                }
                _ => {}
            }
        }
        Ok(changed)
    }

    /// Register a detection's targets with the device watch.
    pub(crate) fn watch_udev_targets(&self, targets: Weak<Mutex<DetectionTargets>>, stop: CancellationToken) {
        self.inner.service.devices.watch(targets, stop);
    }

    /// Eject the medium of a detected standalone drive (`EjectDiskFromSADrive`): the device is told
    /// to eject (CDROMEJECT) where it can; the medium is recorded offline either way.
    /// `INVALID_DRIVE_OBJECT` for a drive that is not a detected device, `RESOURCE_NOT_PRESENT` for
    /// one that went away, `EMPTY` for an empty drive.
    pub fn eject_disk_from_sa_drive(&self, drive: ObjectId) -> Result<()> {
        let db = self.db()?;
        let (drive_obj, library, info) = db.read(|conn| apply::drive_device(conn, drive))?;
        if library.state == OperationalState::NotPresent {
            return Err(Error::new(ErrorKind::ResourceNotPresent, format!("{} is not present", drive_obj.name)));
        }
        let held = match &drive_obj.detail {
            Detail::Drive(d) => d.media,
            _ => None,
        };
        if held.is_none() {
            return Err(Error::new(ErrorKind::Empty, format!("{} holds no medium", drive_obj.name)));
        }
        if let Some(node) = &info.devnode {
            eject_device(node);
        }
        let out = DeviceInfo { media: MediaPresence::Absent, media_size: 0, ..info };
        apply::reconcile_media(db, library.id, &out)?;
        Ok(())
    }

    /// The volumes on the medium in a detected standalone drive (`GetVolumesFromDrive`): the
    /// device paths of its partitions, or of the whole medium when it has none; empty when the
    /// drive is empty.
    pub fn volumes_from_drive(&self, drive: ObjectId) -> Result<Vec<String>> {
        let (drive_obj, library, info) = self.db()?.read(|conn| apply::drive_device(conn, drive))?;
        if library.state == OperationalState::NotPresent {
            return Err(Error::new(ErrorKind::ResourceNotPresent, format!("{} is not present", drive_obj.name)));
        }
        let held = matches!(&drive_obj.detail, Detail::Drive(d) if d.media.is_some());
        if !held {
            return Ok(Vec::new());
        }
        let dir = info.devnode.as_deref().and_then(|n| n.rsplit_once('/')).map_or("/dev", |(d, _)| d).to_owned();
        let mut parts: Vec<String> = std::fs::read_dir(&info.syspath)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.starts_with(&info.sysname) && n.len() > info.sysname.len())
                    .map(|n| format!("{dir}/{n}"))
                    .collect()
            })
            .unwrap_or_default();
        parts.sort();
        if parts.is_empty() {
            parts.extend(info.devnode.clone());
        }
        Ok(parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SessionOptions;

    #[test]
    fn a_rescan_event_rebuilds_and_is_notified_on_the_computer() {
        let home = tempfile::tempdir().unwrap();
        let session = Session::open(SessionOptions::default().home(home.path())).unwrap();
        let notification = session.open_notification(&[ObjectType::Computer]).unwrap();
        let mut events = session.device_events().unwrap();
        let reason = "the kernel event socket overflowed (ENOBUFS)".to_owned();
        handle(&session.inner.service, &DeviceEvent::Rescan { reason }).unwrap();
        let event = notification.wait(crate::Timeout::After(Duration::from_secs(5))).unwrap();
        assert_eq!(event.operation, Operation::EventSignal);
        assert_eq!(event.object_type, ObjectType::Computer);
        // A requested rescan says so on the device event stream too.
        session.rescan_devices().unwrap();
        let said = events.next_timeout(Duration::from_secs(5)).unwrap();
        assert!(matches!(said, Some(DeviceEvent::Rescan { .. })), "{said:?}");
        assert_eq!(
            notification.wait(crate::Timeout::After(Duration::from_secs(5))).unwrap().operation,
            Operation::EventSignal
        );
    }

    #[test]
    fn a_removed_device_that_was_never_seen_changes_nothing() {
        let home = tempfile::tempdir().unwrap();
        let session = Session::open(SessionOptions::default().home(home.path())).unwrap();
        let before = session.last_sequence().unwrap();
        let gone = DeviceEvent::Removed { syspath: "/sys/devices/nowhere/st9".into(), sysname: "st9".into() };
        handle(&session.inner.service, &gone).unwrap();
        assert_eq!(session.last_sequence().unwrap(), before);
    }
}
