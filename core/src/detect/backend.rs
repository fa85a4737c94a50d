//! The backend interface: plain, serde-able device descriptions and events, and the trait a
//! platform implements to scan devices and stream their changes.

use std::pin::Pin;

use futures::Stream;
use serde::{Deserialize, Serialize};

use crate::error::Result;

/// Set to `off` (or `0`, `false`, `no`) to keep the embedded service from looking at hardware.
pub const DETECTION_ENV: &str = "OPENRSM_DEVICE_DETECTION";

/// What kind of removable-media device this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DeviceKind {
    /// A SCSI tape drive (`scsi_tape`, `/dev/st*`, `/dev/nst*`).
    TapeDrive,
    /// A SCSI media changer (`scsi_changer`, `/dev/sch*`, or SCSI peripheral type 8).
    Changer,
    /// An optical drive (`/dev/sr*`).
    OpticalDrive,
    /// A removable block device: USB stick, card reader (`removable` = 1).
    RemovableDisk,
}

impl DeviceKind {
    /// The name of the media type of media found in a drive of this kind.
    pub fn media_type_name(self) -> &'static str {
        match self {
            DeviceKind::TapeDrive | DeviceKind::Changer => "Tape",
            DeviceKind::OpticalDrive => "Optical disc",
            DeviceKind::RemovableDisk => "Removable disk",
        }
    }

    /// The SCSI peripheral device type code (SPC) recorded in the drive or changer type.
    pub fn scsi_type(self) -> u32 {
        match self {
            DeviceKind::TapeDrive => 1,
            DeviceKind::Changer => 8,
            DeviceKind::OpticalDrive => 5,
            DeviceKind::RemovableDisk => 0,
        }
    }

    /// Whether it is a drive (it becomes a STANDALONE library with one drive).
    pub fn is_drive(self) -> bool {
        self != DeviceKind::Changer
    }
}

/// Whether a drive holds a medium, as far as the device tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MediaPresence {
    /// A medium is in the drive.
    Present,
    /// The drive is empty.
    Absent,
    /// The device does not say (tape drives, changers).
    Unknown,
}

/// One device as a backend sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceInfo {
    /// What it is.
    pub kind: DeviceKind,
    /// Its stable identity: `wwn:...`, `serial:VENDOR:MODEL:SERIAL`, or failing both
    /// `path:...` (the bus path), which is stable as long as the device stays in the same port.
    pub identity: String,
    /// SCSI vendor or USB vendor.
    pub vendor: String,
    /// SCSI product or USB model.
    pub model: String,
    /// Serial number, if the device reports one.
    pub serial: Option<String>,
    /// World wide name, if the device reports one.
    pub wwn: Option<String>,
    /// The main device node, e.g. `/dev/st0` or `/dev/sr0`.
    pub devnode: Option<String>,
    /// Every device path that reaches it: the node, its non-rewinding twin and udev's links.
    pub paths: Vec<String>,
    /// The kernel's name for it (changes across re-plugging: not an identity).
    pub sysname: String,
    /// Its sysfs path.
    pub syspath: String,
    /// Whether a medium is in it.
    pub media: MediaPresence,
    /// The medium's size in bytes, when known (0 otherwise).
    pub media_size: u64,
}

/// A change reported by a backend (notify-rs style: plain data, with an explicit "rescan").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum DeviceEvent {
    /// A device appeared.
    Added(DeviceInfo),
    /// A device changed: most often a medium was inserted or removed.
    Changed(DeviceInfo),
    /// A device went away; only its sysfs path and kernel name are known for sure.
    Removed {
        /// Its sysfs path.
        syspath: String,
        /// Its kernel name.
        sysname: String,
    },
    /// Events were lost (the kernel socket overflowed, or the backend restarted): the consumer
    /// must scan again to learn the current state.
    Rescan {
        /// Why.
        reason: String,
    },
}

/// The events of a backend, as a stream that ends only when the backend stops.
pub type DeviceEventStream = Pin<Box<dyn Stream<Item = DeviceEvent> + Send>>;

/// A platform's way of finding devices.
pub trait DeviceBackend: Send + Sync {
    /// A short name, e.g. `"udev"`.
    fn name(&self) -> &str;
    /// The removable-media devices present now.
    fn scan(&self) -> Result<Vec<DeviceInfo>>;
    /// Fresh facts about one device by its sysfs path (`None` when it is gone or not ours).
    fn device(&self, syspath: &str) -> Result<Option<DeviceInfo>>;
    /// Start listening: every event after this call is delivered, none is dropped silently.
    fn events(&self) -> Result<DeviceEventStream>;
}

/// The backend of this platform, or `None` where there is none (another OS, or a build without
/// the `udev` feature) or when [`DETECTION_ENV`] turns detection off.
pub fn default_backend() -> Option<Box<dyn DeviceBackend>> {
    if std::env::var(DETECTION_ENV)
        .is_ok_and(|v| matches!(v.to_ascii_lowercase().as_str(), "off" | "0" | "false" | "no"))
    {
        return None;
    }
    #[cfg(all(target_os = "linux", feature = "udev"))]
    {
        Some(Box::new(super::linux::UdevBackend::new()))
    }
    #[cfg(not(all(target_os = "linux", feature = "udev")))]
    {
        None
    }
}
