//! Library control: changers, the virtual library, and the queued work of each library — mounts and
//! dismounts, inject and eject, inventories, cleaning and door access — with its requests,
//! operator requests and change detection.
//!
//! * [`changer`](Changer) — the interface to a robot, in SCSI SMC terms (element addresses and
//!   READ ELEMENT STATUS); [`VirtualLibrary`] implements it, and a SCSI driver plugs in with
//!   [`register_changer_driver`].
//! * Each library has a scheduler running on the OpenRSM runtime: library requests (`LIBREQUEST`
//!   objects) queue in order of priority (−15..+15), then arrival, and are carried out one robot
//!   operation at a time. Their progress is published as UPDATE, EVENT_SIGNAL and EVENT_COMPLETE
//!   notifications on the request.
//! * The database is changed only to match what the changer reports, and every change is notified;
//!   [`Session::verify_library`](crate::Session::verify_library) compares the two.
//!
//! ```
//! # fn main() -> openrsm::Result<()> {
//! use openrsm::library::VirtualLibrarySpec;
//! use openrsm::{DismountOptions, MountOptions, Session, SessionOptions};
//! let home = tempfile::tempdir().unwrap();
//! let session = Session::open(SessionOptions::default().home(home.path()))?;
//! let library = session.create_virtual_library("Robot", VirtualLibrarySpec::new(2, 10, 1).media("LTO-6", 4))?;
//! let tape = session.resolve(Some(openrsm::ObjectType::PhysicalMedia), "ROB0001")?;
//! let mounted = session.mount(&[tape.id], &MountOptions::default().write())?;
//! assert!(mounted[0].drive.is_some());
//! session.dismount(&[tape.id], &DismountOptions::default())?;
//! assert!(session.verify_library(library.id)?.is_empty());
//! # Ok(()) }
//! ```

pub mod changer;
mod cleaning;
mod detect;
mod elements;
mod ieport;
mod inventory;
mod mount;
mod register;
mod registry;
mod requests;
mod runtime;
mod verify;
mod virtual_lib;

pub use changer::{
    open_changer, register_changer_driver, Changer, ChangerIdentity, ChangerLayout, ChangerOpener, ChangerTimeouts,
    DoorStatus, ElementAddress, ElementRange, ElementStatus, ElementType,
};
pub use detect::{DetectionTargets, DeviceChangeDetection};
pub use ieport::{EjectMode, EjectOptions, InjectOptions};
pub use inventory::{InventoryOptions, InventorySummary};
pub use mount::{DismountOptions, MountOptions, MountedMedia};
pub use registry::VirtualLibrarySpec;
pub use requests::LibraryStatistics;
pub use verify::Discrepancy;
pub use virtual_lib::{
    CartridgeSpec, VirtualConfig, VirtualDelays, VirtualFault, VirtualLibrary, CLEANER_PREFIX, DEFAULT_CLEANER_USES,
    FIRST_DRIVE_ADDRESS, FIRST_PORT_ADDRESS, FIRST_SLOT_ADDRESS, TRANSPORT_ADDRESS,
};

pub(crate) use inventory::{apply_label, label_bytes};
pub(crate) use register::{device_type, insert_library, NewDrive, NewLibrary};
pub(crate) use runtime::Runtimes;
