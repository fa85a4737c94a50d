//! Object management (`EnumerateNtmsObject`, `Get/SetNtmsObjectInformation`, named attributes,
//! `Enable/DisableNtmsObject`, deletion) on `Session` and `AsyncSession`.
//!
//! Wherever an object is expected, an object, a `uuid.UUID`, an id string or a name is accepted.

use openrsm::{InventoryMethod, ObjectChanges, ObjectType};
#[allow(unused_imports)] // pyo3's async method expansion names `Py` unqualified
use pyo3::prelude::*;

use crate::convert::{ByteArg, Bytes, Target};
use crate::enums::Arg;
use crate::model::{Obj, Objs};
use crate::session::session_methods;

session_methods! {
    /// The objects of `object_type` inside `container` (`EnumerateNtmsObject`), or all of that
    /// type when `container` is None, as an `ObjectList`.
    #[pyo3(signature = (object_type, container = None))]
    fn enumerate(session, object_type: Arg<ObjectType>, container: Option<Target>) -> Objs {
        let container = crate::convert::opt_id(session, &container, None)?;
        session.enumerate(container, object_type.0).map(Objs)
    }

    /// One object by id or name (`GetNtmsObjectInformation`), as an instance of its class.
    fn object(session, target: Target) -> Obj {
        match target {
            Target::Id(id) => session.object(id).map(Obj),
            Target::Name(name) => session.resolve(None, &name).map(Obj),
        }
    }

    /// Objects named `name`, of one type or of any type.
    #[pyo3(signature = (name, object_type = None))]
    fn find_by_name(session, name: String, object_type: Option<Arg<ObjectType>>) -> Objs {
        session.find_by_name(object_type.map(|t| t.0), &name).map(Objs)
    }

    /// The one object an id, a name, a pool path or a barcode stands for (of `object_type` if
    /// given); `ObjectNotFoundError` if none, `InvalidParameterError` if several.
    #[pyo3(signature = (id_or_name, object_type = None))]
    fn resolve(session, id_or_name: String, object_type: Option<Arg<ObjectType>>) -> Obj {
        session.resolve(object_type.map(|t| t.0), &id_or_name).map(Obj)
    }

    /// Change the writable fields of an object (`SetNtmsObjectInformation`) and return it as
    /// stored. Fields left None stay as they are; one that does not apply to the object's type
    /// raises `InvalidParameterError` and changes nothing.
    #[pyo3(signature = (target, *, name = None, description = None, inventory_method = None,
        auto_recovery = None, deferred_dismount_seconds = None, max_open_seconds = None,
        max_extend_seconds = None, draw_from_free = None, return_to_free = None, max_allocations = None,
        barcode = None, librequest_purge_seconds = None, oprequest_purge_seconds = None, priority = None))]
    #[allow(clippy::too_many_arguments)]
    fn set_object_info(
        session,
        target: Target,
        name: Option<String>,
        description: Option<String>,
        inventory_method: Option<Arg<InventoryMethod>>,
        auto_recovery: Option<bool>,
        deferred_dismount_seconds: Option<u32>,
        max_open_seconds: Option<u32>,
        max_extend_seconds: Option<u32>,
        draw_from_free: Option<bool>,
        return_to_free: Option<bool>,
        max_allocations: Option<u32>,
        barcode: Option<String>,
        librequest_purge_seconds: Option<u32>,
        oprequest_purge_seconds: Option<u32>,
        priority: Option<i32>,
    ) -> Obj {
        let changes = ObjectChanges {
            name,
            description,
            inventory_method: inventory_method.map(|m| m.0),
            auto_recovery,
            deferred_dismount_seconds,
            max_open_seconds,
            max_extend_seconds,
            draw_from_free,
            return_to_free,
            max_allocations,
            barcode,
            librequest_purge_seconds,
            oprequest_purge_seconds,
            priority,
        };
        session.set_object_info(target.id(session, None)?, &changes).map(Obj)
    }

    /// A named attribute of an object as `bytes` (`GetNtmsObjectAttribute`);
    /// `ObjectNotFoundError` if it has none by that name.
    fn attribute(session, target: Target, name: String) -> Bytes {
        session.attribute(target.id(session, None)?, &name).map(Bytes)
    }

    /// Set a named attribute (`SetNtmsObjectAttribute`) to `bytes` of at most 64 KiB.
    fn set_attribute(session, target: Target, name: String, value: ByteArg) -> () {
        session.set_attribute(target.id(session, None)?, &name, &value.0)
    }

    /// Remove a named attribute; `ObjectNotFoundError` if there is none by that name.
    fn delete_attribute(session, target: Target, name: String) -> () {
        session.delete_attribute(target.id(session, None)?, &name)
    }

    /// The names of an object's attributes, sorted.
    fn attribute_names(session, target: Target) -> Vec<String> {
        session.attribute_names(target.id(session, None)?)
    }

    /// Enable an object (`EnableNtmsObject`).
    fn enable(session, target: Target) -> () {
        session.enable(target.id(session, None)?)
    }

    /// Disable an object (`DisableNtmsObject`): a disabled library, drive, medium or pool is not used.
    fn disable(session, target: Target) -> () {
        session.disable(target.id(session, None)?)
    }

    /// Delete an object where RSM allows it: empty media pools, media types, offline physical
    /// media, finished library requests and operator requests.
    fn delete_object(session, target: Target) -> () {
        session.delete_object(target.id(session, None)?)
    }
}
