//! Device change detection (`BeginNtmsDeviceChangeDetection`, `SetNtmsDeviceChangeDetection`,
//! `EndNtmsDeviceChangeDetection`): noticing media put in or taken out by hand — into an IE port or
//! a standalone drive — without waiting for an inventory. What is found is reconciled into the
//! database like an inventory, so it shows as INSERT and UPDATE notifications.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::changer::ElementType;
use super::elements::library_info;
use super::runtime::Job;
use crate::db;
use crate::error::{Error, ErrorKind, Result};
use crate::model::*;
use crate::session::Session;

/// What a detection watches: objects of one type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetectionTargets {
    /// These libraries.
    Libraries(Vec<ObjectId>),
    /// Media of these types, wherever they may appear (every library).
    MediaTypes(Vec<ObjectId>),
    /// These physical media, wherever they may appear (every library).
    Media(Vec<ObjectId>),
}

impl Default for DetectionTargets {
    fn default() -> Self {
        DetectionTargets::Libraries(Vec::new())
    }
}

impl DetectionTargets {
    fn ids(&self) -> &[ObjectId] {
        match self {
            DetectionTargets::Libraries(ids) | DetectionTargets::MediaTypes(ids) | DetectionTargets::Media(ids) => ids,
        }
    }

    fn object_type(&self) -> ObjectType {
        match self {
            DetectionTargets::Libraries(_) => ObjectType::Library,
            DetectionTargets::MediaTypes(_) => ObjectType::MediaType,
            DetectionTargets::Media(_) => ObjectType::PhysicalMedia,
        }
    }
}

/// A running device change detection (`BeginNtmsDeviceChangeDetection`). It looks at its targets
/// every [`interval`](DeviceChangeDetection::set_interval) until [`end`](DeviceChangeDetection::end)
/// is called, it is dropped, or its session closes.
///
/// ```
/// # fn main() -> openrsm::Result<()> {
/// use openrsm::library::{DetectionTargets, VirtualLibrarySpec};
/// use openrsm::{Session, SessionOptions};
/// let home = tempfile::tempdir().unwrap();
/// let session = Session::open(SessionOptions::default().home(home.path()))?;
/// let library = session.create_virtual_library("Robot", VirtualLibrarySpec::new(1, 4, 1))?;
/// let detection = session.begin_device_change_detection()?;
/// detection.set_targets(DetectionTargets::Libraries(vec![library.id]))?;
/// detection.end();
/// # Ok(()) }
/// ```
pub struct DeviceChangeDetection {
    session: Session,
    targets: Arc<Mutex<DetectionTargets>>,
    interval: Arc<Mutex<Duration>>,
    stop: CancellationToken,
}

impl std::fmt::Debug for DeviceChangeDetection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceChangeDetection").field("targets", &self.targets()).finish()
    }
}

/// How often a detection looks by default.
pub const DEFAULT_DETECTION_INTERVAL: Duration = Duration::from_millis(250);

impl DeviceChangeDetection {
    /// Watch these targets from now on (`SetNtmsDeviceChangeDetection`); they must exist and be of
    /// the type the variant names.
    pub fn set_targets(&self, targets: DetectionTargets) -> Result<()> {
        self.session.check_detection_targets(&targets)?;
        *self.targets.lock().unwrap_or_else(|p| p.into_inner()) = targets;
        Ok(())
    }

    /// What it watches.
    pub fn targets(&self) -> DetectionTargets {
        self.targets.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Look this often (at least every 10 ms).
    pub fn set_interval(&self, interval: Duration) {
        *self.interval.lock().unwrap_or_else(|p| p.into_inner()) = interval.max(Duration::from_millis(10));
    }

    /// Stop watching (`EndNtmsDeviceChangeDetection`); idempotent.
    pub fn end(&self) {
        self.stop.cancel();
    }

    /// Whether it stopped (ended, or its session closed).
    pub fn is_ended(&self) -> bool {
        self.stop.is_cancelled() || self.session.is_closed()
    }
}

impl Drop for DeviceChangeDetection {
    fn drop(&mut self) {
        self.stop.cancel();
    }
}

impl Session {
    fn check_detection_targets(&self, targets: &DetectionTargets) -> Result<()> {
        let t = targets.object_type();
        self.db()?.read(|conn| {
            for id in targets.ids() {
                db::load_as(conn, *id, t)?;
            }
            Ok(())
        })
    }

    /// The libraries to look at for these targets.
    fn detection_libraries(&self, targets: &DetectionTargets) -> Result<Vec<ObjectId>> {
        self.db()?.read(|conn| {
            let libraries = match targets {
                DetectionTargets::Libraries(ids) => {
                    ids.iter().map(|id| db::load_as(conn, *id, ObjectType::Library)).collect::<Result<Vec<_>>>()?
                }
                _ => db::query(conn, ObjectType::Library, "t.driver IS NOT NULL", [])?,
            };
            Ok(libraries
                .into_iter()
                .filter(|l| l.enabled && library_info(l).is_ok_and(|i| i.driver.is_some()))
                .map(|l| l.id)
                .collect())
        })
    }

    /// Start a device change detection with no targets yet (`BeginNtmsDeviceChangeDetection`).
    pub fn begin_device_change_detection(&self) -> Result<DeviceChangeDetection> {
        self.inner.check()?;
        let detection = DeviceChangeDetection {
            session: self.clone(),
            targets: Arc::new(Mutex::new(DetectionTargets::default())),
            interval: Arc::new(Mutex::new(DEFAULT_DETECTION_INTERVAL)),
            stop: self.inner.cancel.child_token(),
        };
        let session = self.clone();
        let targets = detection.targets.clone();
        let interval = detection.interval.clone();
        let stop = detection.stop.clone();
        self.watch_udev_targets(Arc::downgrade(&targets), stop.clone());
        crate::runtime::handle().spawn(async move {
            loop {
                let wait = *interval.lock().unwrap_or_else(|p| p.into_inner());
                tokio::select! {
                    _ = stop.cancelled() => return,
                    _ = tokio::time::sleep(wait) => {}
                }
                let current = targets.lock().unwrap_or_else(|p| p.into_inner()).clone();
                if current.ids().is_empty() {
                    continue;
                }
                if session.detect_device_changes_async(&current).await.is_err() && session.is_closed() {
                    return;
                }
            }
        });
        Ok(detection)
    }

    /// Look once for media put in or taken out by hand in the libraries of `targets` (the one-shot
    /// form of detection). Returns how many database objects changed; each change is notified.
    pub fn detect_device_changes(&self, targets: &DetectionTargets) -> Result<u32> {
        crate::runtime::block_on(self.detect_device_changes_async(targets))?
    }

    /// Like [`detect_device_changes`](Session::detect_device_changes), asynchronously.
    pub async fn detect_device_changes_async(&self, targets: &DetectionTargets) -> Result<u32> {
        self.check_detection_targets(targets)?;
        let mut changed = 0;
        for library in self.detection_libraries(targets)? {
            let rt = self.library_runtime(library).await?;
            let mut types = vec![ElementType::ImportExport];
            if rt.identity.standalone {
                types.push(ElementType::DataTransfer);
            }
            let outcome = rt
                .run_internal(Job::Detect(types))
                .await
                .map_err(|_| Error::new(ErrorKind::RequestRefused, "the library stopped"))??;
            changed += outcome.inventory.map_or(0, |i| i.changed);
        }
        changed += self.detect_udev_media(targets)?;
        Ok(changed)
    }
}
