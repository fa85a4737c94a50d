//! The RSM enumerations as TypeScript enums that keep the RSM numbers (`ObjectType.PhysicalMedia ===
//! 15`), and their conversions to and from the core's.
//!
//! The `conversions!` list at the end ties each enum to the core's: the conversions are exhaustive
//! both ways and every number is asserted equal at compile time. The tests compare the enums as
//! JavaScript sees them with the core's `ALL` tables, which [`enum_tables`] exports.

use napi_derive::napi;

/// One value of an RSM enumeration, as the core defines it.
#[napi(object)]
pub struct EnumValue {
    /// Its member name in the TypeScript enum, e.g. `PhysicalMedia`.
    pub member: String,
    /// Its RSM name, e.g. `PHYSICAL_MEDIA`.
    pub name: String,
    /// Its RSM number, e.g. 15.
    pub value: u32,
}

macro_rules! conversions {
    ($( $name:ident { $( $variant:ident ),* $(,)? } )*) => {
        $(
            // Same variants, same numbers as the core.
            const _: () = { $( assert!($name::$variant as u32 == openrsm::$name::$variant as u32); )* };

            impl From<openrsm::$name> for $name {
                fn from(value: openrsm::$name) -> Self {
                    match value { $( openrsm::$name::$variant => $name::$variant, )* }
                }
            }

            impl From<$name> for openrsm::$name {
                fn from(value: $name) -> Self {
                    match value { $( $name::$variant => openrsm::$name::$variant, )* }
                }
            }
        )*

        /// The core's table of each enumeration: its values in the core's `ALL` order.
        #[napi]
        pub fn enum_tables() -> std::collections::HashMap<String, Vec<EnumValue>> {
            let mut tables = std::collections::HashMap::new();
            $(
                let values = openrsm::$name::ALL
                    .iter()
                    .map(|v| EnumValue { member: format!("{v:?}"), name: v.name().to_owned(), value: v.value() })
                    .collect();
                tables.insert(stringify!($name).to_owned(), values);
            )*
            tables
        }
    };
}

/// The type of an RSM object (`NTMS_OBJECTTYPE`).
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum ObjectType {
    /// Unknown or any type.
    Unknown = 0,
    /// Any object (used as a wildcard).
    Object = 1,
    /// A robot (media changer) of a library.
    Changer = 2,
    /// The make and model of a changer.
    ChangerType = 3,
    /// The computer running the service.
    Computer = 4,
    /// A drive.
    Drive = 5,
    /// The make and model of a drive.
    DriveType = 6,
    /// The door of a library.
    IeDoor = 7,
    /// An import/export port ("mail slot").
    IePort = 8,
    /// A library.
    Library = 9,
    /// Queued work on a library.
    LibRequest = 10,
    /// An allocated side as the application sees it.
    LogicalMedia = 11,
    /// A media pool.
    MediaPool = 12,
    /// A media type.
    MediaType = 13,
    /// A side of a physical medium.
    Partition = 14,
    /// A cartridge, disc or disk.
    PhysicalMedia = 15,
    /// A storage slot.
    StorageSlot = 16,
    /// A request to an operator.
    OpRequest = 17,
    /// Where operator requests are shown.
    UiDestination = 18,
}

/// The operational state every object has.
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum OperationalState {
    /// Working.
    Ready = 0,
    /// Starting up.
    Initializing = 10,
    /// Needs an operator's attention.
    NeedsService = 20,
    /// Not present (unplugged, removed); kept for its history.
    NotPresent = 21,
}

/// The kind of a library.
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum LibraryType {
    /// Shelf media: no robot, no drive.
    Offline = 1,
    /// A robotic changer.
    Online = 2,
    /// One drive, no robot.
    Standalone = 3,
}

/// How a library is inventoried.
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum InventoryMethod {
    /// No inventory.
    None = 0,
    /// Barcodes only.
    Fast = 1,
    /// Load each medium and read its on-media identifier.
    Omid = 2,
    /// The library's default.
    Default = 3,
    /// Slot status only.
    Slot = 4,
    /// Stop a running inventory.
    Stop = 5,
}

/// The state of a drive.
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum DriveState {
    /// Empty.
    Dismounted = 0,
    /// A medium is loaded and mounted for an application.
    Mounted = 1,
    /// A medium is loaded.
    Loaded = 2,
    /// A medium is unloaded but still in the drive.
    Unloaded = 5,
    /// A cleaner is in the drive.
    BeingCleaned = 6,
    /// A medium stays after a deferred dismount and can satisfy the next mount.
    Dismountable = 7,
}

/// The state of a storage slot.
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum SlotState {
    /// Holds a medium.
    Full = 1,
    /// Holds nothing.
    Empty = 2,
    /// Not present in the library.
    NotPresent = 3,
    /// Unknown until the next inventory.
    NeedsInventory = 4,
}

/// The state of a library door.
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum DoorState {
    /// Unknown.
    Unknown = 0,
    /// Closed.
    Closed = 1,
    /// Open.
    Open = 2,
}

/// What an IE port holds.
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum PortContent {
    /// Unknown.
    Unknown = 0,
    /// Holds a medium.
    Full = 1,
    /// Holds nothing.
    Empty = 2,
}

/// Where an IE port's tray is.
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum PortPosition {
    /// Unknown.
    Unknown = 0,
    /// Out, reachable by an operator.
    Extended = 1,
    /// In, reachable by the robot.
    Retracted = 2,
}

/// Whether media of a type can be written.
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum ReadWrite {
    /// Can be written many times.
    Rewritable = 1,
    /// Write once, read many.
    Worm = 2,
    /// Read only.
    ReadOnly = 3,
}

/// Whether a barcode could be read.
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum BarcodeState {
    /// Read.
    Ok = 1,
    /// Could not be read.
    Unreadable = 2,
}

/// The state of a physical medium.
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum MediaState {
    /// At rest.
    Idle = 0,
    /// Being moved or worked on.
    InUse = 1,
    /// Mounted in a drive for an application.
    Mounted = 2,
    /// Loaded in a drive.
    Loaded = 3,
    /// Unloaded in a drive.
    Unloaded = 4,
    /// An operation on it failed.
    OpError = 5,
    /// Waiting for an operator.
    OpReq = 6,
}

/// The state of a side (partition).
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum PartitionState {
    /// Never seen written.
    New = 0,
    /// Not prepared for use.
    Unprepared = 1,
    /// Not usable in this system.
    Incompatible = 2,
    /// Retired.
    Decommissioned = 3,
    /// Free to allocate.
    Available = 4,
    /// Allocated to an application.
    Allocated = 5,
    /// Allocated and full: no more writes.
    Complete = 6,
    /// Written by a program no label library claims.
    Foreign = 7,
    /// Written by a known program, not yet taken into a pool.
    Import = 8,
    /// Reserved for an allocation in progress.
    Reserved = 9,
}

/// The kind of a media pool (`NTMS_POOLTYPE`).
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum PoolKind {
    /// Scratch media, free to allocate.
    Free = 1,
    /// Media no label library claims.
    Unrecognized = 2,
    /// Media claimed by a label library but not taken into an application pool.
    Import = 3,
    /// An application's pool.
    Application = 1000,
}

/// The operation of a library request (`NTMS_LM_*`).
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum LibRequestOperation {
    /// Remove a medium.
    Remove = 0,
    /// Disable a library or changer.
    DisableLibrary = 1,
    /// Enable a library or changer.
    EnableLibrary = 2,
    /// Disable a drive.
    DisableDrive = 3,
    /// Enable a drive.
    EnableDrive = 4,
    /// Disable a medium.
    DisableMedia = 5,
    /// Enable a medium.
    EnableMedia = 6,
    /// Update an on-media identifier.
    UpdateOmid = 7,
    /// Inventory a library.
    Inventory = 8,
    /// Open the library door.
    DoorAccess = 9,
    /// Eject media through an IE port.
    Eject = 10,
    /// Eject a cleaner.
    EjectCleaner = 11,
    /// Inject media through an IE port.
    Inject = 12,
    /// Inject a cleaner.
    InjectCleaner = 13,
    /// Read and classify an on-media identifier.
    ProcessOmid = 14,
    /// Clean a drive.
    CleanDrive = 15,
    /// Dismount media.
    Dismount = 16,
    /// Mount media.
    Mount = 17,
    /// Write a scratch label.
    WriteScratch = 18,
    /// Classify media.
    Classify = 19,
    /// Reserve the cleaner slot.
    ReserveCleaner = 20,
    /// Release the cleaner slot.
    ReleaseCleaner = 21,
}

/// The state of a library request.
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum LibRequestState {
    /// Waiting in the queue.
    Queued = 0,
    /// Being carried out.
    InProcess = 1,
    /// Done.
    Passed = 2,
    /// Failed; the request's error says why.
    Failed = 3,
    /// Not valid.
    Invalid = 4,
    /// Waiting for a resource or an operator.
    Waiting = 5,
    /// Deferred.
    Deferred = 6,
    /// Cancelled before it finished.
    Cancelled = 7,
    /// Stopped.
    Stopped = 8,
}

/// What an operator request asks for.
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum OpRequestKind {
    /// Unknown.
    Unknown = 0,
    /// Add new media.
    NewMedia = 1,
    /// Replace or insert a cleaner.
    Cleaner = 2,
    /// A device needs service.
    DeviceService = 3,
    /// Move (e.g. bring an offline medium into a library).
    MoveMedia = 4,
    /// A free-text message.
    Message = 5,
}

/// The state of an operator request.
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum OpRequestState {
    /// Unknown.
    Unknown = 0,
    /// Submitted, not yet shown.
    Submitted = 1,
    /// Shown to operators.
    Active = 2,
    /// An operator is working on it.
    InProgress = 3,
    /// Refused or cancelled.
    Refused = 4,
    /// Satisfied.
    Complete = 5,
}

/// What happened to an object, in a notification.
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum Operation {
    /// The object changed.
    Update = 1,
    /// The object was created.
    Insert = 2,
    /// The object was deleted.
    Delete = 3,
    /// A request made progress.
    EventSignal = 4,
    /// A request finished.
    EventComplete = 5,
}

/// Where a physical medium is.
#[napi]
#[derive(Debug, PartialEq, Eq)]
pub enum LocationKind {
    /// Not in any library: on a shelf.
    Offline = 0,
    /// In a storage slot.
    Slot = 1,
    /// In a drive.
    Drive = 2,
    /// In an IE port.
    IePort = 3,
    /// In the robot's hand.
    Transport = 4,
}

conversions! {
    ObjectType { Unknown, Object, Changer, ChangerType, Computer, Drive, DriveType, IeDoor, IePort, Library, LibRequest, LogicalMedia, MediaPool, MediaType, Partition, PhysicalMedia, StorageSlot, OpRequest, UiDestination }
    OperationalState { Ready, Initializing, NeedsService, NotPresent }
    LibraryType { Offline, Online, Standalone }
    InventoryMethod { None, Fast, Omid, Default, Slot, Stop }
    DriveState { Dismounted, Mounted, Loaded, Unloaded, BeingCleaned, Dismountable }
    SlotState { Full, Empty, NotPresent, NeedsInventory }
    DoorState { Unknown, Closed, Open }
    PortContent { Unknown, Full, Empty }
    PortPosition { Unknown, Extended, Retracted }
    ReadWrite { Rewritable, Worm, ReadOnly }
    BarcodeState { Ok, Unreadable }
    MediaState { Idle, InUse, Mounted, Loaded, Unloaded, OpError, OpReq }
    PartitionState { New, Unprepared, Incompatible, Decommissioned, Available, Allocated, Complete, Foreign, Import, Reserved }
    PoolKind { Free, Unrecognized, Import, Application }
    LibRequestOperation { Remove, DisableLibrary, EnableLibrary, DisableDrive, EnableDrive, DisableMedia, EnableMedia, UpdateOmid, Inventory, DoorAccess, Eject, EjectCleaner, Inject, InjectCleaner, ProcessOmid, CleanDrive, Dismount, Mount, WriteScratch, Classify, ReserveCleaner, ReleaseCleaner }
    LibRequestState { Queued, InProcess, Passed, Failed, Invalid, Waiting, Deferred, Cancelled, Stopped }
    OpRequestKind { Unknown, NewMedia, Cleaner, DeviceService, MoveMedia, Message }
    OpRequestState { Unknown, Submitted, Active, InProgress, Refused, Complete }
    Operation { Update, Insert, Delete, EventSignal, EventComplete }
    LocationKind { Offline, Slot, Drive, IePort, Transport }
}
