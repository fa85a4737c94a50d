//! Object management on a session: enumerate, get and set information, named attributes, enable
//! and disable, delete (`EnumerateNtmsObject`, `Get/SetNtmsObjectInformation`,
//! `Get/SetNtmsObjectAttribute`, `Enable/DisableNtmsObject`).

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::blocking::run;
use crate::enums::ObjectType;
use crate::model::{objects, parse_id, parse_opt_id, ObjectChanges, RsmObject};
use crate::session::Session;

#[napi]
impl Session {
    /// The objects of `type` inside `container` (an id), or every object of that type when no
    /// container is given (`EnumerateNtmsObject`).
    #[napi]
    pub async fn enumerate(&self, object_type: ObjectType, container: Option<String>) -> Result<Vec<RsmObject>> {
        let (session, container) = (self.inner.clone(), parse_opt_id(container.as_deref())?);
        run(move || session.enumerate(container, object_type.into())).await.map(objects)
    }

    /// One object by id (`GetNtmsObjectInformation`).
    #[napi]
    pub async fn object(&self, id: String) -> Result<RsmObject> {
        let (session, id) = (self.inner.clone(), parse_id(&id)?);
        run(move || session.object(id)).await.map(Into::into)
    }

    /// The objects named `name`, of one type or of any type.
    #[napi]
    pub async fn find_by_name(&self, name: String, object_type: Option<ObjectType>) -> Result<Vec<RsmObject>> {
        let session = self.inner.clone();
        run(move || session.find_by_name(object_type.map(Into::into), &name)).await.map(objects)
    }

    /// The one object an id, a name (of `type` when given), a media pool path or a barcode stands for.
    #[napi]
    pub async fn resolve(&self, id_or_name: String, object_type: Option<ObjectType>) -> Result<RsmObject> {
        let session = self.inner.clone();
        run(move || session.resolve(object_type.map(Into::into), &id_or_name)).await.map(Into::into)
    }

    /// Change the writable fields of an object (`SetNtmsObjectInformation`); the changed object.
    #[napi]
    pub async fn set_object_info(&self, id: String, changes: ObjectChanges) -> Result<RsmObject> {
        let (session, id) = (self.inner.clone(), parse_id(&id)?);
        let changes = changes.into();
        run(move || session.set_object_info(id, &changes)).await.map(Into::into)
    }

    /// A named attribute of an object (`GetNtmsObjectAttribute`); `ObjectNotFoundError` if it has
    /// none by that name.
    #[napi]
    pub async fn attribute(&self, id: String, name: String) -> Result<Buffer> {
        let (session, id) = (self.inner.clone(), parse_id(&id)?);
        run(move || session.attribute(id, &name)).await.map(Buffer::from)
    }

    /// Set a named attribute (`SetNtmsObjectAttribute`), at most 64 KiB.
    #[napi]
    pub async fn set_attribute(&self, id: String, name: String, value: Uint8Array) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&id)?);
        let value = value.to_vec();
        run(move || session.set_attribute(id, &name, &value)).await
    }

    /// Remove a named attribute; `ObjectNotFoundError` if there is none by that name.
    #[napi]
    pub async fn delete_attribute(&self, id: String, name: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&id)?);
        run(move || session.delete_attribute(id, &name)).await
    }

    /// The names of an object's attributes, sorted.
    #[napi]
    pub async fn attribute_names(&self, id: String) -> Result<Vec<String>> {
        let (session, id) = (self.inner.clone(), parse_id(&id)?);
        run(move || session.attribute_names(id)).await
    }

    /// Enable an object (`EnableNtmsObject`).
    #[napi]
    pub async fn enable(&self, id: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&id)?);
        run(move || session.enable(id)).await
    }

    /// Disable an object (`DisableNtmsObject`): a disabled library, drive, medium or pool is not used.
    #[napi]
    pub async fn disable(&self, id: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&id)?);
        run(move || session.disable(id)).await
    }

    /// Delete an object where RSM allows it: empty media pools, unused media types, offline
    /// physical media, finished library and operator requests.
    #[napi]
    pub async fn delete_object(&self, id: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&id)?);
        run(move || session.delete_object(id)).await
    }
}
