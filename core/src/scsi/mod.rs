//! SCSI for tape libraries: the command layer OpenRSM uses to drive SMC-3 media changers and SSC
//! tape drives.
//!
//! - [`cdb`]: command descriptor blocks (INQUIRY, MODE SENSE, READ ELEMENT STATUS, MOVE MEDIUM, ...).
//! - [`sense`]: fixed and descriptor sense data, ASC/ASCQ descriptions, mapping to RSM errors.
//! - [`parse`]: response parsers, lenient on short data and never reading past it.
//! - [`transport`]: the [`ScsiTransport`] trait, SCSI status, retry policy.
//! - `sg` (Linux): `SG_IO` on `/dev/sg*`, `/dev/sch*`, `/dev/nst*`.
//! - `iscsi` (when built with libiscsi): `iscsi://host:port/iqn/lun`.
//! - [`device`]: [`ScsiDevice`], one logical unit with typed commands.
//!
//! ```no_run
//! use openrsm::scsi::ScsiDevice;
//! let changer = ScsiDevice::open("/dev/sch0")?;
//! let inquiry = changer.inquiry()?;
//! println!("{} {} rev {}", inquiry.vendor, inquiry.product, inquiry.revision);
//! # Ok::<(), openrsm::Error>(())
//! ```

pub mod cdb;
pub mod changer;
pub mod device;
#[cfg(openrsm_iscsi)]
pub mod iscsi;
mod library;
pub mod parse;
pub mod sense;
#[cfg(target_os = "linux")]
pub mod sg;
pub mod transport;

pub use changer::{ScsiChanger, ScsiLibraryConfig};
pub use device::{open_transport, total_stats, CommandStats, Readiness, ScsiDevice, TapeRead, ISCSI_SUPPORTED};
pub use library::ScsiLibrarySpec;
pub use sense::{Sense, SenseKey};
pub use transport::{Response, RetryPolicy, ScsiStatus, ScsiTransport};
