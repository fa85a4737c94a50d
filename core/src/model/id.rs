//! Object identifiers: RSM GUIDs.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorKind};

/// The GUID of an RSM object: stable for the object's whole life, never reused.
///
/// ```
/// use openrsm::ObjectId;
/// let id = ObjectId::new();
/// let text = id.to_string();
/// assert_eq!(text.parse::<ObjectId>().unwrap(), id);
/// assert!("not-a-guid".parse::<ObjectId>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct ObjectId(uuid::Uuid);

impl ObjectId {
    /// A new random id.
    pub fn new() -> Self {
        Self(uuid::Uuid::new_v4())
    }

    /// The id with these 16 bytes.
    pub const fn from_bytes(bytes: [u8; 16]) -> Self {
        Self(uuid::Uuid::from_bytes(bytes))
    }

    /// The 16 bytes of the id.
    pub fn as_bytes(&self) -> &[u8; 16] {
        self.0.as_bytes()
    }

    /// The id as a `uuid::Uuid`.
    pub fn as_uuid(&self) -> uuid::Uuid {
        self.0
    }
}

impl Default for ObjectId {
    fn default() -> Self {
        Self::new()
    }
}

impl From<uuid::Uuid> for ObjectId {
    fn from(u: uuid::Uuid) -> Self {
        Self(u)
    }
}

impl fmt::Display for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

impl fmt::Debug for ObjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ObjectId({})", self.0.hyphenated())
    }
}

impl FromStr for ObjectId {
    type Err = Error;

    /// Parses a GUID, with or without braces or hyphens.
    fn from_str(text: &str) -> Result<Self, Error> {
        let bare = text.trim().trim_start_matches('{').trim_end_matches('}');
        uuid::Uuid::parse_str(bare).map(Self).map_err(|e| {
            Error::new(ErrorKind::InvalidParameter, format!("{text:?} is not an object id (GUID)")).with_source(e)
        })
    }
}

impl rusqlite::types::ToSql for ObjectId {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(rusqlite::types::ToSqlOutput::Borrowed(rusqlite::types::ValueRef::Blob(self.as_bytes())))
    }
}

impl rusqlite::types::FromSql for ObjectId {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let blob = v.as_blob()?;
        let bytes: [u8; 16] = blob
            .try_into()
            .map_err(|_| rusqlite::types::FromSqlError::InvalidBlobSize { expected_size: 16, blob_size: blob.len() })?;
        Ok(Self::from_bytes(bytes))
    }
}
