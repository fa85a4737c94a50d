//! RSM enumerations. Each keeps its RSM numeric value (`ObjectType::PhysicalMedia as u32 == 15`),
//! converts from it with `from_value`, and prints and parses as its RSM name (`PHYSICAL_MEDIA`).
//!
//! ```
//! use openrsm::ObjectType;
//! assert_eq!(ObjectType::PhysicalMedia as u32, 15);
//! assert_eq!(ObjectType::from_value(15), Some(ObjectType::PhysicalMedia));
//! assert_eq!("physical_media".parse::<ObjectType>().unwrap(), ObjectType::PhysicalMedia);
//! assert_eq!(ObjectType::PhysicalMedia.to_string(), "PHYSICAL_MEDIA");
//! ```

use crate::error::{Error, ErrorKind};

macro_rules! rsm_enum {
    ($(#[$meta:meta])* $name:ident { $( $(#[$doc:meta])* $variant:ident = $value:literal, $text:literal; )* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u32)]
        pub enum $name {
            $( $(#[$doc])* $variant = $value, )*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )* ];

            /// The RSM numeric value.
            pub const fn value(self) -> u32 {
                self as u32
            }

            /// The value with this RSM number, if there is one.
            pub const fn from_value(value: u32) -> Option<Self> {
                match value { $( $value => Some($name::$variant), )* _ => None }
            }

            /// The RSM name, e.g. `"PHYSICAL_MEDIA"`.
            pub const fn name(self) -> &'static str {
                match self { $( $name::$variant => $text, )* }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;

            /// Parses the RSM name in any case, with `-` or `_`, or the RSM number.
            fn from_str(text: &str) -> Result<Self, Error> {
                let wanted = text.trim().to_ascii_uppercase().replace('-', "_");
                if let Ok(number) = wanted.parse::<u32>() {
                    if let Some(v) = Self::from_value(number) {
                        return Ok(v);
                    }
                }
                Self::ALL.iter().copied().find(|v| v.name() == wanted).ok_or_else(|| {
                    let names: Vec<&str> = Self::ALL.iter().map(|v| v.name()).collect();
                    Error::new(
                        ErrorKind::InvalidParameter,
                        format!("{text:?} is not a {}; expected one of {}", stringify!($name), names.join(", ")),
                    )
                })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.value() as i64))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let n = v.as_i64()?;
                u32::try_from(n)
                    .ok()
                    .and_then(Self::from_value)
                    .ok_or(rusqlite::types::FromSqlError::OutOfRange(n))
            }
        }
    };
}

rsm_enum! {
    /// The type of an RSM object (`NTMS_OBJECTTYPE`).
    ObjectType {
        /// Unknown or any type.
        Unknown = 0, "UNKNOWN";
        /// Any object (used as a wildcard).
        Object = 1, "OBJECT";
        /// A robot (media changer) of a library.
        Changer = 2, "CHANGER";
        /// The make and model of a changer.
        ChangerType = 3, "CHANGER_TYPE";
        /// The computer running the service.
        Computer = 4, "COMPUTER";
        /// A drive.
        Drive = 5, "DRIVE";
        /// The make and model of a drive.
        DriveType = 6, "DRIVE_TYPE";
        /// The door of a library.
        IeDoor = 7, "IEDOOR";
        /// An import/export port ("mail slot").
        IePort = 8, "IEPORT";
        /// A library.
        Library = 9, "LIBRARY";
        /// Queued work on a library.
        LibRequest = 10, "LIBREQUEST";
        /// An allocated side as the application sees it.
        LogicalMedia = 11, "LOGICAL_MEDIA";
        /// A media pool.
        MediaPool = 12, "MEDIA_POOL";
        /// A media type.
        MediaType = 13, "MEDIA_TYPE";
        /// A side of a physical medium.
        Partition = 14, "PARTITION";
        /// A cartridge, disc or disk.
        PhysicalMedia = 15, "PHYSICAL_MEDIA";
        /// A storage slot.
        StorageSlot = 16, "STORAGESLOT";
        /// A request to an operator.
        OpRequest = 17, "OPREQUEST";
        /// Where operator requests are shown.
        UiDestination = 18, "UI_DESTINATION";
    }
}

rsm_enum! {
    /// The operational state every object has.
    OperationalState {
        /// Working.
        Ready = 0, "READY";
        /// Starting up.
        Initializing = 10, "INITIALIZING";
        /// Needs an operator's attention.
        NeedsService = 20, "NEEDS_SERVICE";
        /// Not present (unplugged, removed); kept for its history.
        NotPresent = 21, "NOT_PRESENT";
    }
}

rsm_enum! {
    /// The kind of a library.
    LibraryType {
        /// Shelf media: no robot, no drive.
        Offline = 1, "OFFLINE";
        /// A robotic changer.
        Online = 2, "ONLINE";
        /// One drive, no robot.
        Standalone = 3, "STANDALONE";
    }
}

rsm_enum! {
    /// How a library is inventoried.
    InventoryMethod {
        /// No inventory.
        None = 0, "NONE";
        /// Barcodes only.
        Fast = 1, "FAST";
        /// Load each medium and read its on-media identifier.
        Omid = 2, "OMID";
        /// The library's default.
        Default = 3, "DEFAULT";
        /// Slot status only.
        Slot = 4, "SLOT";
        /// Stop a running inventory.
        Stop = 5, "STOP";
    }
}

rsm_enum! {
    /// The state of a drive.
    DriveState {
        /// Empty.
        Dismounted = 0, "DISMOUNTED";
        /// A medium is loaded and mounted for an application.
        Mounted = 1, "MOUNTED";
        /// A medium is loaded.
        Loaded = 2, "LOADED";
        /// A medium is unloaded but still in the drive.
        Unloaded = 5, "UNLOADED";
        /// A cleaner is in the drive.
        BeingCleaned = 6, "BEING_CLEANED";
        /// A medium stays after a deferred dismount and can satisfy the next mount.
        Dismountable = 7, "DISMOUNTABLE";
    }
}

rsm_enum! {
    /// The state of a storage slot.
    SlotState {
        /// Holds a medium.
        Full = 1, "FULL";
        /// Holds nothing.
        Empty = 2, "EMPTY";
        /// Not present in the library.
        NotPresent = 3, "NOTPRESENT";
        /// Unknown until the next inventory.
        NeedsInventory = 4, "NEEDSINVENTORY";
    }
}

rsm_enum! {
    /// The state of a library door.
    DoorState {
        /// Unknown.
        Unknown = 0, "UNKNOWN";
        /// Closed.
        Closed = 1, "CLOSED";
        /// Open.
        Open = 2, "OPEN";
    }
}

rsm_enum! {
    /// What an IE port holds.
    PortContent {
        /// Unknown.
        Unknown = 0, "UNKNOWN";
        /// Holds a medium.
        Full = 1, "FULL";
        /// Holds nothing.
        Empty = 2, "EMPTY";
    }
}

rsm_enum! {
    /// Where an IE port's tray is.
    PortPosition {
        /// Unknown.
        Unknown = 0, "UNKNOWN";
        /// Out, reachable by an operator.
        Extended = 1, "EXTENDED";
        /// In, reachable by the robot.
        Retracted = 2, "RETRACTED";
    }
}

rsm_enum! {
    /// Whether media of a type can be written.
    ReadWrite {
        /// Can be written many times.
        Rewritable = 1, "REWRITABLE";
        /// Write once, read many.
        Worm = 2, "WORM";
        /// Read only.
        ReadOnly = 3, "READONLY";
    }
}

rsm_enum! {
    /// Whether a barcode could be read.
    BarcodeState {
        /// Read.
        Ok = 1, "OK";
        /// Could not be read.
        Unreadable = 2, "UNREADABLE";
    }
}

rsm_enum! {
    /// The state of a physical medium.
    MediaState {
        /// At rest.
        Idle = 0, "IDLE";
        /// Being moved or worked on.
        InUse = 1, "INUSE";
        /// Mounted in a drive for an application.
        Mounted = 2, "MOUNTED";
        /// Loaded in a drive.
        Loaded = 3, "LOADED";
        /// Unloaded in a drive.
        Unloaded = 4, "UNLOADED";
        /// An operation on it failed.
        OpError = 5, "OPERROR";
        /// Waiting for an operator.
        OpReq = 6, "OPREQ";
    }
}

rsm_enum! {
    /// The state of a side (partition).
    PartitionState {
        /// Never seen written.
        New = 0, "NEW";
        /// Not prepared for use.
        Unprepared = 1, "UNPREPARED";
        /// Not usable in this system.
        Incompatible = 2, "INCOMPATIBLE";
        /// Retired.
        Decommissioned = 3, "DECOMMISSIONED";
        /// Free to allocate.
        Available = 4, "AVAILABLE";
        /// Allocated to an application.
        Allocated = 5, "ALLOCATED";
        /// Allocated and full: no more writes.
        Complete = 6, "COMPLETE";
        /// Written by a program no label library claims.
        Foreign = 7, "FOREIGN";
        /// Written by a known program, not yet taken into a pool.
        Import = 8, "IMPORT";
        /// Reserved for an allocation in progress.
        Reserved = 9, "RESERVED";
    }
}

rsm_enum! {
    /// The kind of a media pool (`NTMS_POOLTYPE`).
    PoolKind {
        /// Scratch media, free to allocate.
        Free = 1, "FREE";
        /// Media no label library claims.
        Unrecognized = 2, "UNRECOGNIZED";
        /// Media claimed by a label library but not taken into an application pool.
        Import = 3, "IMPORT";
        /// An application's pool.
        Application = 1000, "APPLICATION";
    }
}

rsm_enum! {
    /// The operation of a library request (`NTMS_LM_*`).
    LibRequestOperation {
        /// Remove a medium.
        Remove = 0, "REMOVE";
        /// Disable a library or changer.
        DisableLibrary = 1, "DISABLELIBRARY";
        /// Enable a library or changer.
        EnableLibrary = 2, "ENABLELIBRARY";
        /// Disable a drive.
        DisableDrive = 3, "DISABLEDRIVE";
        /// Enable a drive.
        EnableDrive = 4, "ENABLEDRIVE";
        /// Disable a medium.
        DisableMedia = 5, "DISABLEMEDIA";
        /// Enable a medium.
        EnableMedia = 6, "ENABLEMEDIA";
        /// Update an on-media identifier.
        UpdateOmid = 7, "UPDATEOMID";
        /// Inventory a library.
        Inventory = 8, "INVENTORY";
        /// Open the library door.
        DoorAccess = 9, "DOORACCESS";
        /// Eject media through an IE port.
        Eject = 10, "EJECT";
        /// Eject a cleaner.
        EjectCleaner = 11, "EJECTCLEANER";
        /// Inject media through an IE port.
        Inject = 12, "INJECT";
        /// Inject a cleaner.
        InjectCleaner = 13, "INJECTCLEANER";
        /// Read and classify an on-media identifier.
        ProcessOmid = 14, "PROCESSOMID";
        /// Clean a drive.
        CleanDrive = 15, "CLEANDRIVE";
        /// Dismount media.
        Dismount = 16, "DISMOUNT";
        /// Mount media.
        Mount = 17, "MOUNT";
        /// Write a scratch label.
        WriteScratch = 18, "WRITESCRATCH";
        /// Classify media.
        Classify = 19, "CLASSIFY";
        /// Reserve the cleaner slot.
        ReserveCleaner = 20, "RESERVECLEANER";
        /// Release the cleaner slot.
        ReleaseCleaner = 21, "RELEASECLEANER";
    }
}

rsm_enum! {
    /// The state of a library request.
    LibRequestState {
        /// Waiting in the queue.
        Queued = 0, "QUEUED";
        /// Being carried out.
        InProcess = 1, "INPROCESS";
        /// Done.
        Passed = 2, "PASSED";
        /// Failed; the request's error says why.
        Failed = 3, "FAILED";
        /// Not valid.
        Invalid = 4, "INVALID";
        /// Waiting for a resource or an operator.
        Waiting = 5, "WAITING";
        /// Deferred.
        Deferred = 6, "DEFERRED";
        /// Cancelled before it finished.
        Cancelled = 7, "CANCELLED";
        /// Stopped.
        Stopped = 8, "STOPPED";
    }
}

rsm_enum! {
    /// What an operator request asks for.
    OpRequestKind {
        /// Unknown.
        Unknown = 0, "UNKNOWN";
        /// Add new media.
        NewMedia = 1, "NEWMEDIA";
        /// Replace or insert a cleaner.
        Cleaner = 2, "CLEANER";
        /// A device needs service.
        DeviceService = 3, "DEVICESERVICE";
        /// Move (e.g. bring an offline medium into a library).
        MoveMedia = 4, "MOVEMEDIA";
        /// A free-text message.
        Message = 5, "MESSAGE";
    }
}

rsm_enum! {
    /// The state of an operator request.
    OpRequestState {
        /// Unknown.
        Unknown = 0, "UNKNOWN";
        /// Submitted, not yet shown.
        Submitted = 1, "SUBMITTED";
        /// Shown to operators.
        Active = 2, "ACTIVE";
        /// An operator is working on it.
        InProgress = 3, "INPROGRESS";
        /// Refused or cancelled.
        Refused = 4, "REFUSED";
        /// Satisfied.
        Complete = 5, "COMPLETE";
    }
}

rsm_enum! {
    /// What happened to an object, in a notification.
    Operation {
        /// The object changed.
        Update = 1, "UPDATE";
        /// The object was created.
        Insert = 2, "INSERT";
        /// The object was deleted.
        Delete = 3, "DELETE";
        /// A request made progress.
        EventSignal = 4, "EVENT_SIGNAL";
        /// A request finished.
        EventComplete = 5, "EVENT_COMPLETE";
    }
}

rsm_enum! {
    /// Where a physical medium is.
    LocationKind {
        /// Not in any library: on a shelf.
        Offline = 0, "OFFLINE";
        /// In a storage slot.
        Slot = 1, "SLOT";
        /// In a drive.
        Drive = 2, "DRIVE";
        /// In an IE port.
        IePort = 3, "IEPORT";
        /// In the robot's hand.
        Transport = 4, "TRANSPORT";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_match_rsm() {
        assert_eq!(ObjectType::PhysicalMedia as u32, 15);
        assert_eq!(ObjectType::OpRequest.value(), 17);
        assert_eq!(DriveState::Dismountable.value(), 7);
        assert_eq!(LibRequestOperation::Mount.value(), 17);
        assert_eq!(PartitionState::Reserved.value(), 9);
        assert_eq!(Operation::EventComplete.value(), 5);
    }

    #[test]
    fn parse_and_print_round_trip() {
        for t in ObjectType::ALL {
            assert_eq!(t.name().parse::<ObjectType>().unwrap(), *t);
            assert_eq!(t.value().to_string().parse::<ObjectType>().unwrap(), *t);
            let json = serde_json::to_string(t).unwrap();
            assert_eq!(serde_json::from_str::<ObjectType>(&json).unwrap(), *t);
        }
        let err = "tape".parse::<ObjectType>().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidParameter);
        assert!(err.message().contains("PHYSICAL_MEDIA"));
    }
}
