//! Object management and named attributes.

use openrsm::ObjectId;

use crate::bridge::ffi;
use crate::convert::objects;
use crate::enums::from_number;
use crate::errors::{guard, BridgeResult};
use crate::session::SessionHandle;

fn object_type(value: &ffi::OptU32) -> openrsm::Result<Option<openrsm::ObjectType>> {
    Option::<u32>::from(value).map(from_number).transpose()
}

impl SessionHandle {
    /// The objects of a type, in a container or everywhere.
    pub(crate) fn enumerate(&self, container: &ffi::OptId, object_type: u32) -> BridgeResult<Vec<ffi::Object>> {
        guard(|| Ok(objects(self.session.enumerate(container.into(), from_number(object_type)?)?)))
    }

    /// One object.
    pub(crate) fn object(&self, id: &ffi::Id) -> BridgeResult<ffi::Object> {
        guard(|| Ok(self.session.object((*id).into())?.into()))
    }

    /// Objects by name.
    pub(crate) fn find_by_name(&self, object_type_: &ffi::OptU32, name: &str) -> BridgeResult<Vec<ffi::Object>> {
        guard(|| Ok(objects(self.session.find_by_name(object_type(object_type_)?, name)?)))
    }

    /// One object by id, name, pool path or barcode.
    pub(crate) fn resolve(&self, object_type_: &ffi::OptU32, id_or_name: &str) -> BridgeResult<ffi::Object> {
        guard(|| Ok(self.session.resolve(object_type(object_type_)?, id_or_name)?.into()))
    }

    /// Change writable fields.
    pub(crate) fn set_object_info(&self, id: &ffi::Id, changes: &ffi::ObjectChanges) -> BridgeResult<ffi::Object> {
        guard(|| Ok(self.session.set_object_info((*id).into(), &changes.try_into()?)?.into()))
    }

    /// Enable an object.
    pub(crate) fn enable(&self, id: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.enable((*id).into()))
    }

    /// Disable an object.
    pub(crate) fn disable(&self, id: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.disable((*id).into()))
    }

    /// Delete an object.
    pub(crate) fn delete_object(&self, id: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.delete_object((*id).into()))
    }

    /// A named attribute.
    pub(crate) fn attribute(&self, id: &ffi::Id, name: &str) -> BridgeResult<Vec<u8>> {
        guard(|| self.session.attribute(ObjectId::from(*id), name))
    }

    /// The names of an object's attributes.
    pub(crate) fn attribute_names(&self, id: &ffi::Id) -> BridgeResult<Vec<String>> {
        guard(|| self.session.attribute_names((*id).into()))
    }

    /// Set a named attribute.
    pub(crate) fn set_attribute(&self, id: &ffi::Id, name: &str, value: &[u8]) -> BridgeResult<()> {
        guard(|| self.session.set_attribute((*id).into(), name, value))
    }

    /// Remove a named attribute.
    pub(crate) fn delete_attribute(&self, id: &ffi::Id, name: &str) -> BridgeResult<()> {
        guard(|| self.session.delete_attribute((*id).into(), name))
    }
}
