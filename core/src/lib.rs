//! # OpenRSM
//!
//! A modern, open Removable Storage Manager: a database of removable media libraries (tape
//! libraries, optical jukeboxes, standalone drives), their drives, slots, ports and media, media
//! pools and requests, with sessions, database notifications and library control.
//!
//! Everything starts with a [`Session`]:
//!
//! ```
//! # fn main() -> openrsm::Result<()> {
//! use openrsm::{ObjectType, Session, SessionOptions};
//! let home = tempfile::tempdir().unwrap();
//! let session = Session::open(SessionOptions::default().home(home.path()).application("example"))?;
//! let lto = session.add_media_type(openrsm::MediaTypeSpec::new("LTO-6"))?;
//! let pool = session.create_media_pool("Backup/Weekly", openrsm::PoolOptions::default().media_type(lto.id).create_parents())?;
//! assert_eq!(session.media_pool_name(pool.id)?, "Backup/Weekly");
//! # Ok(()) }
//! ```
//!
//! Modules, one per concept: [`error`] (RSM error codes), [`model`] (object types and fields),
//! `db` (the embedded SQLite database), [`session`], [`notify`] (notifications), `objects`
//! (object management), [`media`] (media types, pools, allocation), [`library`] (changers, the
//! virtual library, library requests: mount, inject, eject, inventory, cleaning), [`oprequest`]
//! (operator requests).
#![deny(missing_docs)]

pub mod backup;
mod db;
pub mod detect;
pub mod error;
mod home;
pub mod library;
pub mod media;
pub mod model;
pub mod notify;
mod objects;
pub mod oprequest;
pub mod runtime;
pub mod scsi;
mod service;
pub mod session;

pub use backup::SnapshotInfo;
pub use db::SCHEMA_VERSION;
pub use detect::{DeviceEvent, DeviceInfo, DeviceKind, DeviceRecord};
pub use error::{Error, ErrorKind, Result};
pub use home::{default_home, HOME_ENV};
pub use library::{
    DismountOptions, EjectMode, EjectOptions, InjectOptions, InventoryOptions, InventorySummary, MountOptions,
    MountedMedia, VirtualLibrarySpec,
};
pub use media::MediaOverview;
pub use media::{AllocateOptions, MediaSpec, MediaTypeSpec, PoolOptions};
pub use model::*;
pub use notify::{Event, Notification, NotificationStream, Timeout};
pub use session::{Session, SessionOptions};
