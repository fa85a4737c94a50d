//! Device discovery and change detection: finding the removable-media hardware of this computer
//! (tape drives, media changers, optical drives, removable disks), keeping it in the database under
//! stable identities, and turning hot-plug and media-change events into RSM notifications.
//!
//! * A [`DeviceBackend`] scans the devices present and streams [`DeviceEvent`]s; on Linux the
//!   libudev backend ([`default_backend`], cargo feature `udev`, on by default) listens on the
//!   "udev" netlink source when udevd runs and on the "kernel" source when it does not.
//! * The embedded service scans once when it opens and then follows hot-plug events: every device
//!   becomes a library object (an ONLINE library for a changer, a STANDALONE library with one drive
//!   for a drive) identified by its WWN or serial number, never by its kernel name, so re-plugging
//!   a device updates its objects. Devices that go away become `NOT_PRESENT`; their records stay.
//! * Media put in or taken out of a standalone drive are recorded only while a
//!   [device change detection](crate::library::DeviceChangeDetection) watches that drive's library
//!   or media type, or on a one-shot [`Session::detect_device_changes`](crate::Session::detect_device_changes).
//! * Set `OPENRSM_DEVICE_DETECTION=off` to keep the service from looking at hardware at all.
//!
//! ```
//! # fn main() -> openrsm::Result<()> {
//! use openrsm::{Session, SessionOptions};
//! let home = tempfile::tempdir().unwrap();
//! let session = Session::open(SessionOptions::default().home(home.path()))?;
//! // What was found, with identities (empty on a machine without removable hardware).
//! for device in session.devices()? {
//!     let info = &device.info;
//!     println!("{} {} {} {:?}", info.identity, info.vendor, info.model, info.devnode);
//! }
//! # Ok(()) }
//! ```

mod apply;
mod backend;
#[cfg(all(target_os = "linux", feature = "udev"))]
mod linux;
mod watch;

pub use apply::{DeviceRecord, DEVICE_IDENTITY_ATTRIBUTE, DEVICE_INFO_ATTRIBUTE};
pub use backend::{
    default_backend, DeviceBackend, DeviceEvent, DeviceEventStream, DeviceInfo, DeviceKind, MediaPresence,
    DETECTION_ENV,
};
#[cfg(all(target_os = "linux", feature = "udev"))]
pub use linux::{udevd_running, UdevBackend, UdevSource, LOOP_ENV};

pub use watch::DeviceEvents;
pub(crate) use watch::{start as start_watch, ServiceDevices};
