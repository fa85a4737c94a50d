//! RSM objects as plain typed JavaScript objects, and the conversions of ids, numbers and times.
//!
//! An object has the fields every object has plus one field named after its type holding that
//! type's fields (`pool.mediaPool.path`, `tape.physicalMedia.barcode`), the others absent. Ids are
//! GUID strings, times are `Date`s, counters are numbers.

use chrono::{DateTime, Utc};
use napi_derive::napi;
use openrsm::{Detail, ObjectId};

use crate::enums::*;
use crate::errors::invalid;

/// Parse a GUID given by JavaScript.
pub(crate) fn parse_id(text: &str) -> napi::Result<ObjectId> {
    text.parse::<ObjectId>().map_err(crate::errors::to_napi)
}

/// Parse an optional GUID given by JavaScript.
pub(crate) fn parse_opt_id(text: Option<&str>) -> napi::Result<Option<ObjectId>> {
    text.map(parse_id).transpose()
}

/// A JavaScript timeout in milliseconds: `undefined`/`null` → `None`, `Infinity` → infinite, a
/// negative or NaN value is refused.
pub(crate) fn parse_timeout(ms: Option<f64>) -> napi::Result<Option<openrsm::Timeout>> {
    match ms {
        None => Ok(None),
        Some(ms) if ms.is_nan() || ms < 0.0 => {
            Err(invalid(format!("a timeout is a number of milliseconds ≥ 0, not {ms}")))
        }
        Some(ms) if ms.is_infinite() => Ok(Some(openrsm::Timeout::Infinite)),
        Some(ms) => Ok(Some(openrsm::Timeout::After(std::time::Duration::from_secs_f64(ms / 1000.0)))),
    }
}

fn id(value: ObjectId) -> String {
    value.to_string()
}

fn opt_id(value: Option<ObjectId>) -> Option<String> {
    value.map(id)
}

/// A counter as a JavaScript number (exact below 2^53, far beyond any RSM counter).
pub(crate) fn count(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// An RSM object: the fields every object has, and under the name of its type the fields of that
/// type (only that one is present).
#[napi(object)]
pub struct RsmObject {
    /// Its GUID.
    pub id: String,
    /// Its type.
    #[napi(js_name = "type")]
    pub object_type: ObjectType,
    /// Its name (≤ 64 characters).
    pub name: String,
    /// Its description (≤ 127 characters).
    pub description: String,
    /// When it was created.
    pub created: DateTime<Utc>,
    /// When it last changed.
    pub modified: DateTime<Utc>,
    /// Whether it is enabled.
    pub enabled: bool,
    /// Its operational state.
    pub state: OperationalState,
    /// The fields of a computer.
    pub computer: Option<ComputerInfo>,
    /// The fields of a library.
    pub library: Option<LibraryInfo>,
    /// The fields of a changer.
    pub changer: Option<ChangerInfo>,
    /// The fields of a changer model.
    pub changer_type: Option<DeviceTypeInfo>,
    /// The fields of a drive.
    pub drive: Option<DriveInfo>,
    /// The fields of a drive model.
    pub drive_type: Option<DeviceTypeInfo>,
    /// The fields of a library door.
    pub ie_door: Option<IeDoorInfo>,
    /// The fields of an import/export port.
    pub ie_port: Option<IePortInfo>,
    /// The fields of a storage slot.
    pub storage_slot: Option<SlotInfo>,
    /// The fields of a media type.
    pub media_type: Option<MediaTypeInfo>,
    /// The fields of a physical medium.
    pub physical_media: Option<PhysicalMediaInfo>,
    /// The fields of a side.
    pub partition: Option<PartitionInfo>,
    /// The fields of an allocated side.
    pub logical_media: Option<LogicalMediaInfo>,
    /// The fields of a media pool.
    pub media_pool: Option<MediaPoolInfo>,
    /// The fields of a library request.
    pub lib_request: Option<LibRequestInfo>,
    /// The fields of an operator request.
    pub op_request: Option<OpRequestInfo>,
}

/// The computer running the service.
#[napi(object)]
pub struct ComputerInfo {
    /// Finished library requests older than this are purged (seconds).
    pub librequest_purge_seconds: u32,
    /// Finished operator requests older than this are purged (seconds).
    pub oprequest_purge_seconds: u32,
}

/// A library.
#[napi(object)]
pub struct LibraryInfo {
    /// Offline (shelf), online (robotic) or standalone (one drive).
    pub library_type: LibraryType,
    /// The slot reserved for a cleaner cartridge, if any.
    pub cleaner_slot: Option<String>,
    /// Uses left on the installed cleaner; absent when none is installed.
    pub cleaner_uses_left: Option<u32>,
    /// Whether the changer reads barcodes.
    pub barcode_reader: bool,
    /// How inventories are done by default.
    pub inventory_method: InventoryMethod,
    /// Whether failed drives are recovered automatically.
    pub auto_recovery: bool,
    /// Which driver controls the changer (`virtual:/path`, ...), if any.
    pub driver: Option<String>,
}

/// A changer (robot).
#[napi(object)]
pub struct ChangerInfo {
    /// Its library.
    pub library: String,
    /// Its make and model.
    pub changer_type: Option<String>,
    /// Its device path.
    pub device_path: Option<String>,
    /// Its serial number.
    pub serial: Option<String>,
}

/// The make and model of a changer or drive.
#[napi(object)]
pub struct DeviceTypeInfo {
    /// Vendor (SCSI INQUIRY vendor).
    pub vendor: String,
    /// Product (SCSI INQUIRY product).
    pub product: String,
    /// SCSI peripheral device type (1 tape, 5 optical, 8 changer, ...).
    pub device_type: u32,
}

/// A drive.
#[napi(object)]
pub struct DriveInfo {
    /// Its library.
    pub library: String,
    /// Its number in the library, from 0.
    pub number: u32,
    /// What it holds and how.
    pub drive_state: DriveState,
    /// Its make and model.
    pub drive_type: Option<String>,
    /// Its device path, e.g. `/dev/nst0`.
    pub device_path: Option<String>,
    /// Its serial number.
    pub serial: Option<String>,
    /// How many times media were mounted in it.
    pub mount_count: i64,
    /// When it was last cleaned.
    pub last_cleaned: Option<DateTime<Utc>>,
    /// How long a deferred dismount leaves media in it (seconds).
    pub deferred_dismount_seconds: u32,
    /// The physical medium in it, if any.
    pub media: Option<String>,
    /// Its element address in the changer (SCSI SMC), when the changer reports one.
    pub element_address: Option<u32>,
}

/// A storage slot.
#[napi(object)]
pub struct SlotInfo {
    /// Its library.
    pub library: String,
    /// Its number in the library, from 0.
    pub number: u32,
    /// Full, empty, ...
    pub slot_state: SlotState,
    /// The physical medium in it, if any.
    pub media: Option<String>,
    /// Its element address in the changer (SCSI SMC), when the changer reports one.
    pub element_address: Option<u32>,
}

/// A library door.
#[napi(object)]
pub struct IeDoorInfo {
    /// Its library.
    pub library: String,
    /// Open or closed.
    pub door_state: DoorState,
    /// How long it may stay open (seconds).
    pub max_open_seconds: u32,
}

/// An import/export port.
#[napi(object)]
pub struct IePortInfo {
    /// Its library.
    pub library: String,
    /// Its number in the library, from 0.
    pub number: u32,
    /// Full or empty.
    pub content: PortContent,
    /// Extended or retracted.
    pub position: PortPosition,
    /// How long it may stay extended (seconds).
    pub max_extend_seconds: u32,
    /// The physical medium in it, if any.
    pub media: Option<String>,
    /// Its element address in the changer (SCSI SMC), when the changer reports one.
    pub element_address: Option<u32>,
}

/// A media type.
#[napi(object)]
pub struct MediaTypeInfo {
    /// Sides per medium.
    pub sides: u32,
    /// Rewritable, WORM or read-only.
    pub read_write: ReadWrite,
}

/// Where a physical medium is.
#[napi(object)]
pub struct Location {
    /// Offline, slot, drive, IE port or transport.
    pub kind: LocationKind,
    /// The slot, drive or IE port; absent when offline or in the transport.
    pub element: Option<String>,
}

/// A cartridge, disc or disk.
#[napi(object)]
pub struct PhysicalMediaInfo {
    /// Its library, absent when offline.
    pub library: Option<String>,
    /// Where it is.
    pub location: Location,
    /// The slot it returns to.
    pub home_slot: Option<String>,
    /// Its media type.
    pub media_type: String,
    /// The pool it belongs to.
    pub pool: String,
    /// Its barcode, if it has one.
    pub barcode: Option<String>,
    /// Whether the barcode was readable.
    pub barcode_state: BarcodeState,
    /// Idle, mounted, ...
    pub media_state: MediaState,
    /// How many sides it has.
    pub sides: u32,
    /// The side mounted now, if any.
    pub mounted_side: Option<String>,
}

/// An on-media identifier: what a label library read from a side, or what an application wrote.
#[napi(object)]
pub struct Omid {
    /// The label type (e.g. `VOL1`, `LTFS`, `ISO9660`).
    pub label_type: String,
    /// The label id (volume serial, volume id, ...).
    pub label_id: String,
    /// The application that wrote it, if known.
    pub application: Option<String>,
}

/// A side of a physical medium.
#[napi(object)]
pub struct PartitionInfo {
    /// Its physical medium.
    pub physical_media: String,
    /// Its side number, from 0.
    pub side: u32,
    /// New, available, allocated, ...
    pub partition_state: PartitionState,
    /// What is written on it, if known.
    pub omid: Option<Omid>,
    /// Capacity in bytes, 0 when unknown.
    pub capacity: i64,
    /// How many times it was mounted.
    pub mount_count: i64,
    /// How many times it was allocated.
    pub allocation_count: u32,
    /// Its logical media while allocated.
    pub logical_media: Option<String>,
}

/// An allocated side as the application sees it.
#[napi(object)]
pub struct LogicalMediaInfo {
    /// The side it stands for.
    pub partition: String,
    /// The physical medium of that side.
    pub physical_media: String,
    /// The application pool it was allocated from.
    pub pool: String,
}

/// A media pool.
#[napi(object)]
pub struct MediaPoolInfo {
    /// Free, Import, Unrecognized (system pools) or Application.
    pub kind: PoolKind,
    /// The media type of its media; absent for an application pool that has not chosen one.
    pub media_type: Option<String>,
    /// Its parent pool, absent at the top.
    pub parent: Option<String>,
    /// Its full path, e.g. `Backup/Weekly` or `Free/LTO-6`.
    pub path: String,
    /// When empty, draw media from the Free pool of its media type.
    pub draw_from_free: bool,
    /// Deallocated media go back to the Free pool.
    pub return_to_free: bool,
    /// Allocations per side before the side is decommissioned; 0 = no limit.
    pub max_allocations: u32,
}

/// A library request: queued work on a library.
#[napi(object)]
pub struct LibRequestInfo {
    /// What it does.
    pub operation: LibRequestOperation,
    /// Where it is.
    pub request_state: LibRequestState,
    /// −15..+15, higher first.
    pub priority: i32,
    /// The library it works on.
    pub library: Option<String>,
    /// The drive it works on, if any.
    pub drive: Option<String>,
    /// The physical medium it works on, if any.
    pub media: Option<String>,
    /// When it was submitted.
    pub submitted: DateTime<Utc>,
    /// When it started.
    pub started: Option<DateTime<Utc>>,
    /// When it finished.
    pub completed: Option<DateTime<Utc>>,
    /// The application that asked.
    pub application: String,
    /// The user that asked.
    pub user: String,
    /// Why it failed, if it did: the RSM error code.
    pub error_code: Option<u32>,
    /// Why it failed, for people.
    pub error_message: Option<String>,
    /// Work done so far (e.g. elements inventoried), out of `progressTotal`.
    pub progress_done: i64,
    /// The work to do in all; 0 when unknown.
    pub progress_total: i64,
}

/// A request to an operator.
#[napi(object)]
pub struct OpRequestInfo {
    /// What it asks for.
    pub kind: OpRequestKind,
    /// Where it is.
    pub request_state: OpRequestState,
    /// The message for the operator.
    pub message: String,
    /// The objects it is about.
    pub arguments: Vec<String>,
    /// When it was submitted.
    pub submitted: DateTime<Utc>,
    /// The application that asked.
    pub application: String,
    /// The user that asked.
    pub user: String,
}

impl From<openrsm::Object> for RsmObject {
    fn from(o: openrsm::Object) -> Self {
        let mut object = RsmObject {
            id: id(o.id),
            object_type: o.object_type.into(),
            name: o.name,
            description: o.description,
            created: o.created,
            modified: o.modified,
            enabled: o.enabled,
            state: o.state.into(),
            computer: None,
            library: None,
            changer: None,
            changer_type: None,
            drive: None,
            drive_type: None,
            ie_door: None,
            ie_port: None,
            storage_slot: None,
            media_type: None,
            physical_media: None,
            partition: None,
            logical_media: None,
            media_pool: None,
            lib_request: None,
            op_request: None,
        };
        match o.detail {
            Detail::Computer(d) => {
                object.computer = Some(ComputerInfo {
                    librequest_purge_seconds: d.librequest_purge_seconds,
                    oprequest_purge_seconds: d.oprequest_purge_seconds,
                })
            }
            Detail::Library(d) => {
                object.library = Some(LibraryInfo {
                    library_type: d.library_type.into(),
                    cleaner_slot: opt_id(d.cleaner_slot),
                    cleaner_uses_left: d.cleaner_uses_left,
                    barcode_reader: d.barcode_reader,
                    inventory_method: d.inventory_method.into(),
                    auto_recovery: d.auto_recovery,
                    driver: d.driver,
                })
            }
            Detail::Changer(d) => {
                object.changer = Some(ChangerInfo {
                    library: id(d.library),
                    changer_type: opt_id(d.changer_type),
                    device_path: d.device_path,
                    serial: d.serial,
                })
            }
            Detail::ChangerType(d) => object.changer_type = Some(d.into()),
            Detail::Drive(d) => {
                object.drive = Some(DriveInfo {
                    library: id(d.library),
                    number: d.number,
                    drive_state: d.drive_state.into(),
                    drive_type: opt_id(d.drive_type),
                    device_path: d.device_path,
                    serial: d.serial,
                    mount_count: count(d.mount_count),
                    last_cleaned: d.last_cleaned,
                    deferred_dismount_seconds: d.deferred_dismount_seconds,
                    media: opt_id(d.media),
                    element_address: d.element_address,
                })
            }
            Detail::DriveType(d) => object.drive_type = Some(d.into()),
            Detail::IeDoor(d) => {
                object.ie_door = Some(IeDoorInfo {
                    library: id(d.library),
                    door_state: d.door_state.into(),
                    max_open_seconds: d.max_open_seconds,
                })
            }
            Detail::IePort(d) => {
                object.ie_port = Some(IePortInfo {
                    library: id(d.library),
                    number: d.number,
                    content: d.content.into(),
                    position: d.position.into(),
                    max_extend_seconds: d.max_extend_seconds,
                    media: opt_id(d.media),
                    element_address: d.element_address,
                })
            }
            Detail::StorageSlot(d) => {
                object.storage_slot = Some(SlotInfo {
                    library: id(d.library),
                    number: d.number,
                    slot_state: d.slot_state.into(),
                    media: opt_id(d.media),
                    element_address: d.element_address,
                })
            }
            Detail::MediaType(d) => {
                object.media_type = Some(MediaTypeInfo { sides: d.sides, read_write: d.read_write.into() })
            }
            Detail::PhysicalMedia(d) => {
                object.physical_media = Some(PhysicalMediaInfo {
                    library: opt_id(d.library),
                    location: Location { kind: d.location.kind.into(), element: opt_id(d.location.element) },
                    home_slot: opt_id(d.home_slot),
                    media_type: id(d.media_type),
                    pool: id(d.pool),
                    barcode: d.barcode,
                    barcode_state: d.barcode_state.into(),
                    media_state: d.media_state.into(),
                    sides: d.sides,
                    mounted_side: opt_id(d.mounted_side),
                })
            }
            Detail::Partition(d) => {
                object.partition = Some(PartitionInfo {
                    physical_media: id(d.physical_media),
                    side: d.side,
                    partition_state: d.partition_state.into(),
                    omid: d.omid.map(|o| Omid {
                        label_type: o.label_type,
                        label_id: o.label_id,
                        application: o.application,
                    }),
                    capacity: count(d.capacity),
                    mount_count: count(d.mount_count),
                    allocation_count: d.allocation_count,
                    logical_media: opt_id(d.logical_media),
                })
            }
            Detail::LogicalMedia(d) => {
                object.logical_media = Some(LogicalMediaInfo {
                    partition: id(d.partition),
                    physical_media: id(d.physical_media),
                    pool: id(d.pool),
                })
            }
            Detail::MediaPool(d) => {
                object.media_pool = Some(MediaPoolInfo {
                    kind: d.kind.into(),
                    media_type: opt_id(d.media_type),
                    parent: opt_id(d.parent),
                    path: d.path,
                    draw_from_free: d.draw_from_free,
                    return_to_free: d.return_to_free,
                    max_allocations: d.max_allocations,
                })
            }
            Detail::LibRequest(d) => {
                object.lib_request = Some(LibRequestInfo {
                    operation: d.operation.into(),
                    request_state: d.request_state.into(),
                    priority: d.priority,
                    library: opt_id(d.library),
                    drive: opt_id(d.drive),
                    media: opt_id(d.media),
                    submitted: d.submitted,
                    started: d.started,
                    completed: d.completed,
                    application: d.application,
                    user: d.user,
                    error_code: d.error_code,
                    error_message: d.error_message,
                    progress_done: count(d.progress_done),
                    progress_total: count(d.progress_total),
                })
            }
            Detail::OpRequest(d) => {
                object.op_request = Some(OpRequestInfo {
                    kind: d.kind.into(),
                    request_state: d.request_state.into(),
                    message: d.message,
                    arguments: d.arguments.into_iter().map(id).collect(),
                    submitted: d.submitted,
                    application: d.application,
                    user: d.user,
                })
            }
            // A type this binding does not know yet keeps its common fields.
            _ => {}
        }
        object
    }
}

impl From<openrsm::Omid> for Omid {
    fn from(o: openrsm::Omid) -> Self {
        Omid { label_type: o.label_type, label_id: o.label_id, application: o.application }
    }
}

impl From<openrsm::DeviceTypeInfo> for DeviceTypeInfo {
    fn from(d: openrsm::DeviceTypeInfo) -> Self {
        DeviceTypeInfo { vendor: d.vendor, product: d.product, device_type: d.device_type }
    }
}

/// Convert a list of core objects.
pub(crate) fn objects(list: Vec<openrsm::Object>) -> Vec<RsmObject> {
    list.into_iter().map(RsmObject::from).collect()
}

/// The writable fields of an object, for `Session.setObjectInfo`. Fields left out stay as they
/// are; a field that does not apply to the object's type is refused with `INVALID_PARAMETER`.
#[napi(object)]
#[derive(Default)]
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

impl From<ObjectChanges> for openrsm::ObjectChanges {
    fn from(c: ObjectChanges) -> Self {
        openrsm::ObjectChanges {
            name: c.name,
            description: c.description,
            inventory_method: c.inventory_method.map(Into::into),
            auto_recovery: c.auto_recovery,
            deferred_dismount_seconds: c.deferred_dismount_seconds,
            max_open_seconds: c.max_open_seconds,
            max_extend_seconds: c.max_extend_seconds,
            draw_from_free: c.draw_from_free,
            return_to_free: c.return_to_free,
            max_allocations: c.max_allocations,
            barcode: c.barcode,
            librequest_purge_seconds: c.librequest_purge_seconds,
            oprequest_purge_seconds: c.oprequest_purge_seconds,
            priority: c.priority,
        }
    }
}
