//! Object ids (GUIDs) across the bridge: 16 bytes each way.

use openrsm::ObjectId;

use crate::bridge::ffi::{Id, OptId};
use crate::errors::{guard, BridgeResult};

impl From<ObjectId> for Id {
    fn from(id: ObjectId) -> Self {
        Id { bytes: *id.as_bytes() }
    }
}

impl From<Id> for ObjectId {
    fn from(id: Id) -> Self {
        ObjectId::from_bytes(id.bytes)
    }
}

impl From<Option<ObjectId>> for OptId {
    fn from(id: Option<ObjectId>) -> Self {
        match id {
            Some(id) => OptId { present: true, id: id.into() },
            None => OptId::default(),
        }
    }
}

impl From<&OptId> for Option<ObjectId> {
    fn from(id: &OptId) -> Self {
        id.present.then(|| id.id.into())
    }
}

/// Parse a GUID with the core's rules.
pub(crate) fn object_id_parse(text: &str) -> BridgeResult<Id> {
    guard(|| text.parse::<ObjectId>().map(Id::from))
}

/// A new random id.
pub(crate) fn object_id_new() -> BridgeResult<Id> {
    guard(|| Ok(ObjectId::new().into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        let id = ObjectId::new();
        assert_eq!(ObjectId::from(Id::from(id)), id);
        assert_eq!(object_id_parse(&format!("{{{id}}}")).unwrap(), Id::from(id));
        assert!(object_id_parse("nope").is_err());
        assert_eq!(Option::<ObjectId>::from(&OptId::from(Some(id))), Some(id));
        assert_eq!(Option::<ObjectId>::from(&OptId::default()), None);
    }
}
