//! Errors: one [`Error`] type whose [`ErrorKind`] is an RSM error code.
//!
//! Every fallible call in OpenRSM returns [`Result`]. The kind keeps the numeric value of the RSM
//! error (`ERROR_INVALID_HANDLE` = 6, `ERROR_OBJECT_NOT_FOUND` = 4312, ...) so that bindings and
//! exported data stay faithful to `ntmsapi.h`.
//!
//! ```
//! use openrsm::{Error, ErrorKind};
//! let err = Error::new(ErrorKind::NotEmpty, "pool Backup still holds 3 media");
//! assert_eq!(err.kind().code(), 4307);
//! assert_eq!(err.kind().name(), "NOT_EMPTY");
//! assert_eq!(ErrorKind::from_code(4307), Some(ErrorKind::NotEmpty));
//! ```

use std::fmt;

macro_rules! error_kinds {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $name:literal; )*) => {
        /// The RSM error codes OpenRSM reports (spec §4).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        #[non_exhaustive]
        pub enum ErrorKind {
            $( $(#[$doc])* $variant, )*
        }

        impl ErrorKind {
            /// Every kind, in code order, so that bindings can test their mapping exhaustively.
            pub const ALL: &'static [ErrorKind] = &[ $( ErrorKind::$variant, )* ];

            /// The RSM numeric value (`ERROR_<NAME>` in `ntmsapi.h`/`winerror.h`).
            pub const fn code(self) -> u32 {
                match self { $( ErrorKind::$variant => $code, )* }
            }

            /// The RSM name without the `ERROR_` prefix, e.g. `"INVALID_HANDLE"`.
            pub const fn name(self) -> &'static str {
                match self { $( ErrorKind::$variant => $name, )* }
            }

            /// The kind with this RSM numeric value, if OpenRSM knows it.
            pub const fn from_code(code: u32) -> Option<ErrorKind> {
                match code { $( $code => Some(ErrorKind::$variant), )* _ => None }
            }

            /// The kind with this RSM name (with or without the `ERROR_` prefix, any case).
            pub fn from_name(name: &str) -> Option<ErrorKind> {
                let upper = name.to_ascii_uppercase();
                let bare = upper.strip_prefix("ERROR_").unwrap_or(&upper);
                Self::ALL.iter().copied().find(|k| k.name() == bare)
            }
        }
    };
}

error_kinds! {
    /// The caller lacks the right the function needs.
    AccessDenied = 5, "ACCESS_DENIED";
    /// A closed session, notification or other handle was used.
    InvalidHandle = 6, "INVALID_HANDLE";
    /// A label library does not recognise the label.
    BadFormat = 11, "BAD_FORMAT";
    /// The service or device is not ready (e.g. the home is owned by another process).
    NotReady = 21, "NOT_READY";
    /// An argument is out of range, malformed or not applicable.
    InvalidParameter = 87, "INVALID_PARAMETER";
    /// The notification channel broke (the subscriber fell behind): re-read state and subscribe again.
    NoData = 232, "NO_DATA";
    /// The server name is not valid.
    InvalidComputerName = 1210, "INVALID_COMPUTERNAME";
    /// The time given for the operation passed.
    Timeout = 1460, "TIMEOUT";
    /// No connection to the named server.
    NotConnected = 2250, "NOT_CONNECTED";
    /// The media object is not valid for this operation.
    InvalidMedia = 4300, "INVALID_MEDIA";
    /// The library object is not valid for this operation.
    InvalidLibrary = 4301, "INVALID_LIBRARY";
    /// The media pool is not valid for this operation.
    InvalidMediaPool = 4302, "INVALID_MEDIA_POOL";
    /// The medium's type cannot be used in the drive.
    DriveMediaMismatch = 4303, "DRIVE_MEDIA_MISMATCH";
    /// The medium is offline (not in any online library).
    MediaOffline = 4304, "MEDIA_OFFLINE";
    /// The library is offline.
    LibraryOffline = 4305, "LIBRARY_OFFLINE";
    /// The pool, slot or element is empty.
    Empty = 4306, "EMPTY";
    /// The object is not empty (e.g. deleting a pool that still holds media).
    NotEmpty = 4307, "NOT_EMPTY";
    /// No medium is available (e.g. none to allocate).
    MediaUnavailable = 4308, "MEDIA_UNAVAILABLE";
    /// The object is disabled.
    ResourceDisabled = 4309, "RESOURCE_DISABLED";
    /// The cleaner is not valid.
    InvalidCleaner = 4310, "INVALID_CLEANER";
    /// The drive could not be cleaned.
    UnableToClean = 4311, "UNABLE_TO_CLEAN";
    /// No object has that id or name.
    ObjectNotFound = 4312, "OBJECT_NOT_FOUND";
    /// The database failed or is damaged.
    DatabaseFailure = 4313, "DATABASE_FAILURE";
    /// The database is full.
    DatabaseFull = 4314, "DATABASE_FULL";
    /// The medium is incompatible with the request.
    MediaIncompatible = 4315, "MEDIA_INCOMPATIBLE";
    /// The resource is not present.
    ResourceNotPresent = 4316, "RESOURCE_NOT_PRESENT";
    /// The operation is not valid in the object's current state.
    InvalidOperation = 4317, "INVALID_OPERATION";
    /// The medium is not available (in use, mounted, or in the wrong state).
    MediaNotAvailable = 4318, "MEDIA_NOT_AVAILABLE";
    /// No drive or device is available.
    DeviceNotAvailable = 4319, "DEVICE_NOT_AVAILABLE";
    /// The request was refused (cancelled, or refused by an operator).
    RequestRefused = 4320, "REQUEST_REFUSED";
    /// The drive object is not valid.
    InvalidDriveObject = 4321, "INVALID_DRIVE_OBJECT";
    /// The library has no free slot.
    LibraryFull = 4322, "LIBRARY_FULL";
    /// The medium cannot be reached by the robot.
    MediumNotAccessible = 4323, "MEDIUM_NOT_ACCESSIBLE";
    /// The drive could not load the medium.
    UnableToLoadMedium = 4324, "UNABLE_TO_LOAD_MEDIUM";
    /// A drive could not be inventoried.
    UnableToInventoryDrive = 4325, "UNABLE_TO_INVENTORY_DRIVE";
    /// A slot could not be inventoried.
    UnableToInventorySlot = 4326, "UNABLE_TO_INVENTORY_SLOT";
    /// The transport could not be inventoried.
    UnableToInventoryTransport = 4327, "UNABLE_TO_INVENTORY_TRANSPORT";
    /// The transport (robot hand) is full.
    TransportFull = 4328, "TRANSPORT_FULL";
    /// Another request controls the IE port.
    ControllingIeport = 4329, "CONTROLLING_IEPORT";
    /// A mounted medium cannot be ejected.
    UnableToEjectMountedMedia = 4330, "UNABLE_TO_EJECT_MOUNTED_MEDIA";
    /// A cleaner slot is already set.
    CleanerSlotSet = 4331, "CLEANER_SLOT_SET";
    /// No cleaner slot is set.
    CleanerSlotNotSet = 4332, "CLEANER_SLOT_NOT_SET";
    /// The cleaner cartridge has no uses left.
    CleanerCartridgeSpent = 4333, "CLEANER_CARTRIDGE_SPENT";
    /// The on-media identifier is not the expected one.
    UnexpectedOmid = 4334, "UNEXPECTED_OMID";
    /// The last item of its kind cannot be deleted.
    CantDeleteLastItem = 4335, "CANT_DELETE_LAST_ITEM";
    /// The message is too large.
    MessageExceedsMaxSize = 4336, "MESSAGE_EXCEEDS_MAX_SIZE";
    /// The volume contains system files.
    VolumeContainsSysFiles = 4337, "VOLUME_CONTAINS_SYS_FILES";
    /// The media type is built in and cannot be changed or deleted.
    IndigenousType = 4338, "INDIGENOUS_TYPE";
    /// No drive supports the media type.
    NoSupportingDrives = 4339, "NO_SUPPORTING_DRIVES";
    /// A cleaner cartridge is already installed.
    CleanerCartridgeInstalled = 4340, "CLEANER_CARTRIDGE_INSTALLED";
    /// The IE port is full.
    IeportFull = 4341, "IEPORT_FULL";
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name(), self.code())
    }
}

/// An OpenRSM error: an RSM [`ErrorKind`], a message for people, and the underlying cause if any.
#[derive(Debug, thiserror::Error)]
#[error("{kind}: {message}")]
pub struct Error {
    kind: ErrorKind,
    message: String,
    #[source]
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

/// The result type of every fallible OpenRSM call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error of `kind` with a message for people.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into(), source: None }
    }

    /// Attach the underlying cause.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// The RSM error kind.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The RSM numeric code, a shortcut for `self.kind().code()`.
    pub fn code(&self) -> u32 {
        self.kind.code()
    }

    /// The message without the kind.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The message followed by the chain of causes, `": "`-separated.
    pub fn full_message(&self) -> String {
        let mut text = self.message.clone();
        let mut cause = std::error::Error::source(self);
        while let Some(c) = cause {
            text.push_str(": ");
            text.push_str(&c.to_string());
            cause = c.source();
        }
        text
    }

    /// Put `context` in front of the message ("cannot open X: database error").
    pub fn with_context(mut self, context: impl fmt::Display) -> Self {
        self.message = format!("{context}: {}", self.message);
        self
    }

    pub(crate) fn not_found(what: impl fmt::Display) -> Self {
        Self::new(ErrorKind::ObjectNotFound, format!("{what} not found"))
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidParameter, message)
    }

    pub(crate) fn closed(what: &str) -> Self {
        Self::new(ErrorKind::InvalidHandle, format!("the {what} is closed"))
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        let kind = match err.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull) => ErrorKind::DatabaseFull,
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => ErrorKind::NotReady,
            _ => ErrorKind::DatabaseFailure,
        };
        Error::new(kind, "database error").with_source(err)
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        let kind = match err.kind() {
            std::io::ErrorKind::PermissionDenied => ErrorKind::AccessDenied,
            std::io::ErrorKind::NotFound => ErrorKind::ObjectNotFound,
            std::io::ErrorKind::TimedOut => ErrorKind::Timeout,
            _ => ErrorKind::DatabaseFailure,
        };
        Error::new(kind, "I/O error").with_source(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for kind in ErrorKind::ALL {
            assert!(seen.insert(kind.code()), "duplicate code {}", kind.code());
            assert_eq!(ErrorKind::from_code(kind.code()), Some(*kind));
            assert_eq!(ErrorKind::from_name(kind.name()), Some(*kind));
            assert_eq!(ErrorKind::from_name(&format!("error_{}", kind.name())), Some(*kind));
        }
        assert_eq!(ErrorKind::from_code(0), None);
        assert!(ErrorKind::ALL.len() >= 50);
    }

    #[test]
    fn display_and_chain() {
        let io = std::io::Error::other("disk on fire");
        let err = Error::new(ErrorKind::DatabaseFailure, "cannot write").with_source(io);
        assert_eq!(err.to_string(), "DATABASE_FAILURE (4313): cannot write");
        assert_eq!(err.full_message(), "cannot write: disk on fire");
    }
}
