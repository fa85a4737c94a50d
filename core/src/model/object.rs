//! RSM objects: the fields every object has, and the fields of each type.

use serde::{Deserialize, Serialize};

use super::enums::*;
use super::id::ObjectId;
use super::time::Timestamp;

/// Longest object name, in characters.
pub const MAX_NAME_LEN: usize = 64;
/// Longest object description, in characters.
pub const MAX_DESCRIPTION_LEN: usize = 127;
/// Longest barcode, in characters.
pub const MAX_BARCODE_LEN: usize = 64;
/// Largest named attribute value, in bytes.
pub const MAX_ATTRIBUTE_SIZE: usize = 64 * 1024;

/// An RSM object as read from the database: the common fields and the fields of its type.
///
/// ```no_run
/// # fn main() -> openrsm::Result<()> {
/// use openrsm::{Detail, ObjectType, Session, SessionOptions};
/// let session = Session::open(SessionOptions::default())?;
/// for pool in session.enumerate(None, ObjectType::MediaPool)? {
///     if let Detail::MediaPool(info) = &pool.detail {
///         println!("{} ({:?})", info.path, info.kind);
///     }
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Object {
    /// The object's GUID.
    pub id: ObjectId,
    /// The object's type.
    #[serde(rename = "type")]
    pub object_type: ObjectType,
    /// Its name (≤ 64 characters).
    pub name: String,
    /// Its description (≤ 127 characters).
    pub description: String,
    /// When it was created.
    pub created: Timestamp,
    /// When it last changed.
    pub modified: Timestamp,
    /// Whether it is enabled.
    pub enabled: bool,
    /// Its operational state.
    pub state: OperationalState,
    /// The fields of its type.
    pub detail: Detail,
}

/// The fields of each object type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Detail {
    /// The computer running the service.
    Computer(ComputerInfo),
    /// A library.
    Library(LibraryInfo),
    /// A changer (robot).
    Changer(ChangerInfo),
    /// A changer model.
    ChangerType(DeviceTypeInfo),
    /// A drive.
    Drive(DriveInfo),
    /// A drive model.
    DriveType(DeviceTypeInfo),
    /// A library door.
    IeDoor(IeDoorInfo),
    /// An import/export port.
    IePort(IePortInfo),
    /// A storage slot.
    StorageSlot(SlotInfo),
    /// A media type.
    MediaType(MediaTypeInfo),
    /// A cartridge, disc or disk.
    PhysicalMedia(PhysicalMediaInfo),
    /// A side.
    Partition(PartitionInfo),
    /// An allocated side.
    LogicalMedia(LogicalMediaInfo),
    /// A media pool.
    MediaPool(MediaPoolInfo),
    /// A library request.
    LibRequest(LibRequestInfo),
    /// An operator request.
    OpRequest(OpRequestInfo),
}

/// The computer running the service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComputerInfo {
    /// Finished library requests older than this are purged (seconds).
    pub librequest_purge_seconds: u32,
    /// Finished operator requests older than this are purged (seconds).
    pub oprequest_purge_seconds: u32,
}

/// A library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibraryInfo {
    /// Offline (shelf), online (robotic) or standalone (one drive).
    pub library_type: LibraryType,
    /// The slot reserved for a cleaner cartridge, if any.
    pub cleaner_slot: Option<ObjectId>,
    /// Uses left on the installed cleaner; `None` when none is installed.
    pub cleaner_uses_left: Option<u32>,
    /// Whether the changer reads barcodes.
    pub barcode_reader: bool,
    /// How inventories are done by default.
    pub inventory_method: InventoryMethod,
    /// Whether failed drives are recovered automatically.
    pub auto_recovery: bool,
    /// Which driver controls the changer (`virtual:/path`, `iscsi://...`, ...), if any.
    pub driver: Option<String>,
}

/// A changer (robot).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangerInfo {
    /// Its library.
    pub library: ObjectId,
    /// Its make and model.
    pub changer_type: Option<ObjectId>,
    /// Its device path.
    pub device_path: Option<String>,
    /// Its serial number.
    pub serial: Option<String>,
}

/// The make and model of a changer or drive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeviceTypeInfo {
    /// Vendor (SCSI INQUIRY vendor).
    pub vendor: String,
    /// Product (SCSI INQUIRY product).
    pub product: String,
    /// SCSI peripheral device type (1 tape, 5 optical, 8 changer, ...).
    pub device_type: u32,
}

/// A drive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DriveInfo {
    /// Its library.
    pub library: ObjectId,
    /// Its number in the library, from 0.
    pub number: u32,
    /// What it holds and how.
    pub drive_state: DriveState,
    /// Its make and model.
    pub drive_type: Option<ObjectId>,
    /// Its device path, e.g. `/dev/nst0`.
    pub device_path: Option<String>,
    /// Its serial number.
    pub serial: Option<String>,
    /// How many times media were mounted in it.
    pub mount_count: u64,
    /// When it was last cleaned.
    pub last_cleaned: Option<Timestamp>,
    /// How long a deferred dismount leaves media in it (seconds).
    pub deferred_dismount_seconds: u32,
    /// The physical medium in it, if any.
    pub media: Option<ObjectId>,
    /// Its element address in the changer (SCSI SMC data transfer element), if it has a changer.
    pub element_address: Option<u32>,
}

/// A storage slot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlotInfo {
    /// Its library.
    pub library: ObjectId,
    /// Its number in the library, from 0.
    pub number: u32,
    /// Full, empty, ...
    pub slot_state: SlotState,
    /// The physical medium in it, if any.
    pub media: Option<ObjectId>,
    /// Its element address in the changer (SCSI SMC storage element).
    pub element_address: Option<u32>,
}

/// A library door.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IeDoorInfo {
    /// Its library.
    pub library: ObjectId,
    /// Open or closed.
    pub door_state: DoorState,
    /// How long it may stay open (seconds).
    pub max_open_seconds: u32,
}

/// An import/export port.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IePortInfo {
    /// Its library.
    pub library: ObjectId,
    /// Its number in the library, from 0.
    pub number: u32,
    /// Full or empty.
    pub content: PortContent,
    /// Extended or retracted.
    pub position: PortPosition,
    /// How long it may stay extended (seconds).
    pub max_extend_seconds: u32,
    /// The physical medium in it, if any.
    pub media: Option<ObjectId>,
    /// Its element address in the changer (SCSI SMC import/export element).
    pub element_address: Option<u32>,
}

/// A media type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediaTypeInfo {
    /// Sides per medium.
    pub sides: u32,
    /// Rewritable, WORM or read-only.
    pub read_write: ReadWrite,
}

/// Where a physical medium is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// Offline, slot, drive, IE port or transport.
    pub kind: LocationKind,
    /// The slot, drive or IE port; `None` when offline or in the transport.
    pub element: Option<ObjectId>,
}

impl Location {
    /// Not in any library.
    pub const OFFLINE: Location = Location { kind: LocationKind::Offline, element: None };
}

/// A cartridge, disc or disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhysicalMediaInfo {
    /// Its library, `None` when offline.
    pub library: Option<ObjectId>,
    /// Where it is.
    pub location: Location,
    /// The slot it returns to.
    pub home_slot: Option<ObjectId>,
    /// Its media type.
    pub media_type: ObjectId,
    /// The pool it belongs to.
    pub pool: ObjectId,
    /// Its barcode, if it has one.
    pub barcode: Option<String>,
    /// Whether the barcode was readable.
    pub barcode_state: BarcodeState,
    /// Idle, mounted, ...
    pub media_state: MediaState,
    /// How many sides it has.
    pub sides: u32,
    /// The side mounted now, if any.
    pub mounted_side: Option<ObjectId>,
}

/// An on-media identifier: what a label library read from a side, or what an application wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Omid {
    /// The label type (e.g. `"VOL1"`, `"LTFS"`, `"ISO9660"`).
    pub label_type: String,
    /// The label id (volume serial, volume id, ...).
    pub label_id: String,
    /// The application that wrote it, if known.
    pub application: Option<String>,
}

/// A side of a physical medium.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartitionInfo {
    /// Its physical medium.
    pub physical_media: ObjectId,
    /// Its side number, from 0.
    pub side: u32,
    /// New, available, allocated, ...
    pub partition_state: PartitionState,
    /// What is written on it, if known.
    pub omid: Option<Omid>,
    /// Capacity in bytes, 0 when unknown.
    pub capacity: u64,
    /// How many times it was mounted.
    pub mount_count: u64,
    /// How many times it was allocated.
    pub allocation_count: u32,
    /// Its logical media while allocated.
    pub logical_media: Option<ObjectId>,
}

/// An allocated side as the application sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogicalMediaInfo {
    /// The side it stands for.
    pub partition: ObjectId,
    /// The physical medium of that side.
    pub physical_media: ObjectId,
    /// The application pool it was allocated from.
    pub pool: ObjectId,
}

/// A media pool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediaPoolInfo {
    /// Free, Import, Unrecognized (system pools) or Application.
    pub kind: PoolKind,
    /// The media type of its media; `None` for an application pool that has not chosen one.
    pub media_type: Option<ObjectId>,
    /// Its parent pool, `None` at the top.
    pub parent: Option<ObjectId>,
    /// Its full path, e.g. `Application/Backup/Weekly` or `Free/LTO-6`.
    pub path: String,
    /// When empty, draw media from the Free pool of its media type.
    pub draw_from_free: bool,
    /// Deallocated media go back to the Free pool.
    pub return_to_free: bool,
    /// Allocations per side before the side is decommissioned; 0 = no limit.
    pub max_allocations: u32,
}

/// A library request: queued work on a library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibRequestInfo {
    /// What it does.
    pub operation: LibRequestOperation,
    /// Where it is.
    pub request_state: LibRequestState,
    /// −15..+15, higher first.
    pub priority: i32,
    /// The library it works on.
    pub library: Option<ObjectId>,
    /// The drive it works on, if any.
    pub drive: Option<ObjectId>,
    /// The physical medium it works on, if any.
    pub media: Option<ObjectId>,
    /// When it was submitted.
    pub submitted: Timestamp,
    /// When it started.
    pub started: Option<Timestamp>,
    /// When it finished.
    pub completed: Option<Timestamp>,
    /// The application that asked.
    pub application: String,
    /// The user that asked.
    pub user: String,
    /// Why it failed, if it did: the RSM error code.
    pub error_code: Option<u32>,
    /// Why it failed, for people.
    pub error_message: Option<String>,
    /// Work done so far (e.g. elements inventoried), out of `progress_total`.
    pub progress_done: u64,
    /// Work to do in all; 0 while unknown.
    pub progress_total: u64,
}

/// A request to an operator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpRequestInfo {
    /// What it asks for.
    pub kind: OpRequestKind,
    /// Where it is.
    pub request_state: OpRequestState,
    /// The message for the operator.
    pub message: String,
    /// The objects it is about.
    pub arguments: Vec<ObjectId>,
    /// When it was submitted.
    pub submitted: Timestamp,
    /// The application that asked.
    pub application: String,
    /// The user that asked.
    pub user: String,
}

/// The writable fields of an object, for `Session::set_object_info`. Fields left `None` stay as they
/// are; a field that does not apply to the object's type is refused with `INVALID_PARAMETER`.
///
/// ```
/// use openrsm::ObjectChanges;
/// let changes = ObjectChanges { description: Some("weekly full backups".into()), ..Default::default() };
/// assert!(changes.name.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ObjectChanges {
    /// New name (any type).
    pub name: Option<String>,
    /// New description (any type).
    pub description: Option<String>,
    /// Library: inventory method.
    pub inventory_method: Option<InventoryMethod>,
    /// Library: automatic drive recovery.
    pub auto_recovery: Option<bool>,
    /// Drive: deferred dismount delay (seconds).
    pub deferred_dismount_seconds: Option<u32>,
    /// IE door: max open time (seconds).
    pub max_open_seconds: Option<u32>,
    /// IE port: max extend time (seconds).
    pub max_extend_seconds: Option<u32>,
    /// Media pool: draw from Free when empty.
    pub draw_from_free: Option<bool>,
    /// Media pool: return deallocated media to Free.
    pub return_to_free: Option<bool>,
    /// Media pool: allocations per side before decommission (0 = no limit).
    pub max_allocations: Option<u32>,
    /// Physical media: barcode.
    pub barcode: Option<String>,
    /// Computer: library request purge time (seconds).
    pub librequest_purge_seconds: Option<u32>,
    /// Computer: operator request purge time (seconds).
    pub oprequest_purge_seconds: Option<u32>,
    /// Library request: priority −15..+15.
    pub priority: Option<i32>,
}
