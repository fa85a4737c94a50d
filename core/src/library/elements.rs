//! The database side of a library's elements: drives, slots and IE ports by element address, and
//! recording where a medium went.

use rusqlite::Connection;

use super::changer::{ChangerLayout, ElementAddress, ElementType};
use crate::db::{self, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::model::*;

/// The object type of the database element of a changer element type (`None` for the transport).
pub(crate) fn object_type_of(t: ElementType) -> Option<ObjectType> {
    match t {
        ElementType::Transport => None,
        ElementType::Storage => Some(ObjectType::StorageSlot),
        ElementType::ImportExport => Some(ObjectType::IePort),
        ElementType::DataTransfer => Some(ObjectType::Drive),
    }
}

/// The location kind of a medium in an element of this type.
pub(crate) fn location_kind_of(t: ElementType) -> LocationKind {
    match t {
        ElementType::Transport => LocationKind::Transport,
        ElementType::Storage => LocationKind::Slot,
        ElementType::ImportExport => LocationKind::IePort,
        ElementType::DataTransfer => LocationKind::Drive,
    }
}

/// The element address of a drive, slot or IE port.
pub(crate) fn address_of(object: &Object) -> Option<ElementAddress> {
    let address = match &object.detail {
        Detail::Drive(d) => d.element_address,
        Detail::StorageSlot(s) => s.element_address,
        Detail::IePort(p) => p.element_address,
        _ => None,
    };
    address.and_then(|a| ElementAddress::try_from(a).ok())
}

/// The medium a drive, slot or IE port holds, as the database says.
pub(crate) fn media_of(object: &Object) -> Option<ObjectId> {
    match &object.detail {
        Detail::Drive(d) => d.media,
        Detail::StorageSlot(s) => s.media,
        Detail::IePort(p) => p.media,
        _ => None,
    }
}

/// The database element at `address` of a library (`None` for the transport or an address with
/// no object).
pub(crate) fn element_at(
    conn: &Connection,
    library: ObjectId,
    layout: &ChangerLayout,
    address: ElementAddress,
) -> Result<Option<Object>> {
    let t = layout
        .element_type(address)
        .ok_or_else(|| Error::new(ErrorKind::ResourceNotPresent, format!("the changer has no element {address}")))?;
    let Some(object_type) = object_type_of(t) else { return Ok(None) };
    let found = db::query(
        conn,
        object_type,
        "t.library = ?1 AND t.element_address = ?2",
        rusqlite::params![library, u32::from(address)],
    )?;
    Ok(found.into_iter().next())
}

/// Every drive, slot and IE port of a library, in element address order.
pub(crate) fn all_elements(conn: &Connection, library: ObjectId) -> Result<Vec<Object>> {
    let mut all = Vec::new();
    for t in [ObjectType::Drive, ObjectType::StorageSlot, ObjectType::IePort] {
        all.extend(db::query(conn, t, "t.library = ?1", [library])?);
    }
    all.sort_by_key(|o| address_of(o).unwrap_or(u16::MAX));
    Ok(all)
}

pub(crate) fn drive_info_mut(object: &mut Object) -> &mut DriveInfo {
    match &mut object.detail {
        Detail::Drive(d) => d,
        _ => unreachable!("drive_info_mut on a {}", object.object_type),
    }
}

pub(crate) fn drive_info(object: &Object) -> Result<&DriveInfo> {
    match &object.detail {
        Detail::Drive(d) => Ok(d),
        _ => Err(Error::new(
            ErrorKind::InvalidDriveObject,
            format!("{} is a {}, not a drive", object.id, object.object_type),
        )),
    }
}

pub(crate) fn library_info(object: &Object) -> Result<&LibraryInfo> {
    match &object.detail {
        Detail::Library(l) => Ok(l),
        _ => Err(Error::new(
            ErrorKind::InvalidLibrary,
            format!("{} is a {}, not a library", object.id, object.object_type),
        )),
    }
}

pub(crate) fn library_info_mut(object: &mut Object) -> &mut LibraryInfo {
    match &mut object.detail {
        Detail::Library(l) => l,
        _ => unreachable!("library_info_mut on a {}", object.object_type),
    }
}

/// Set what an element holds, in the terms of its type. Returns whether anything changed.
pub(crate) fn set_element_media(object: &mut Object, media: Option<ObjectId>, full: bool) -> bool {
    let before = object.detail.clone();
    match &mut object.detail {
        Detail::StorageSlot(s) => {
            s.media = media;
            s.slot_state = if full || media.is_some() { SlotState::Full } else { SlotState::Empty };
        }
        Detail::IePort(p) => {
            p.media = media;
            p.content = if full || media.is_some() { PortContent::Full } else { PortContent::Empty };
        }
        Detail::Drive(d) => {
            if d.media != media || media.is_none() {
                d.drive_state = if media.is_some() {
                    DriveState::Loaded
                } else if full {
                    DriveState::BeingCleaned
                } else {
                    DriveState::Dismounted
                };
            }
            d.media = media;
        }
        _ => {}
    }
    object.detail != before
}

/// Record in the database that the medium moved from element `from` to element `to` of the
/// library (both changed in this transaction, with their notifications).
pub(crate) fn record_move(
    tx: &mut Tx<'_>,
    library: ObjectId,
    layout: &ChangerLayout,
    media: ObjectId,
    from: ElementAddress,
    to: ElementAddress,
) -> Result<Object> {
    if let Some(mut source) = element_at(tx, library, layout, from)? {
        let held = media_of(&source);
        if (held == Some(media) || held.is_none()) && set_element_media(&mut source, None, false) {
            db::save(tx, &mut source)?;
        }
    }
    let to_type = layout
        .element_type(to)
        .ok_or_else(|| Error::new(ErrorKind::ResourceNotPresent, format!("the changer has no element {to}")))?;
    let destination = element_at(tx, library, layout, to)?;
    if let Some(mut destination) = destination.clone() {
        if set_element_media(&mut destination, Some(media), true) {
            db::save(tx, &mut destination)?;
        }
    }
    let mut object = db::load_as(tx, media, ObjectType::PhysicalMedia)?;
    let info = crate::media::media_info_mut(&mut object);
    info.library = Some(library);
    info.location = Location { kind: location_kind_of(to_type), element: destination.as_ref().map(|d| d.id) };
    info.media_state = match to_type {
        ElementType::DataTransfer => MediaState::Loaded,
        ElementType::Transport => MediaState::InUse,
        _ => MediaState::Idle,
    };
    if to_type != ElementType::DataTransfer {
        info.mounted_side = None;
    }
    if to_type == ElementType::Storage {
        info.home_slot = destination.as_ref().map(|d| d.id);
    }
    db::save(tx, &mut object)?;
    Ok(object)
}

/// The slot a medium should go back to: its home slot if that is free, else the first free slot
/// (never the cleaner slot). `LIBRARY_FULL` when there is none.
pub(crate) fn slot_for(conn: &Connection, library: ObjectId, home: Option<ObjectId>) -> Result<Object> {
    let cleaner = cleaner_slot(conn, library)?;
    if let Some(home) = home.filter(|h| Some(*h) != cleaner) {
        if let Ok(slot) = db::load_as(conn, home, ObjectType::StorageSlot) {
            if let Detail::StorageSlot(s) = &slot.detail {
                if s.library == library && s.media.is_none() && s.slot_state == SlotState::Empty && slot.enabled {
                    return Ok(slot);
                }
            }
        }
    }
    let free = db::query(
        conn,
        ObjectType::StorageSlot,
        "t.library = ?1 AND t.media IS NULL AND t.slot_state = 2 AND o.enabled AND t.id IS NOT ?2
         ORDER BY t.number LIMIT 1",
        rusqlite::params![library, cleaner],
    )?;
    free.into_iter().next().ok_or_else(|| Error::new(ErrorKind::LibraryFull, "the library has no free slot"))
}

/// The slot reserved for the library's cleaner, if any.
pub(crate) fn cleaner_slot(conn: &Connection, library: ObjectId) -> Result<Option<ObjectId>> {
    let object = db::load_as(conn, library, ObjectType::Library)?;
    Ok(library_info(&object)?.cleaner_slot)
}

/// Set the state of a library door, notifying only a change.
pub(crate) fn set_door_state(tx: &mut Tx<'_>, door: ObjectId, state: DoorState) -> Result<()> {
    let mut object = db::load_as(tx, door, ObjectType::IeDoor)?;
    if let Detail::IeDoor(d) = &mut object.detail {
        if d.door_state != state {
            d.door_state = state;
            db::save(tx, &mut object)?;
        }
    }
    Ok(())
}

/// Set the operational state of an object, notifying only a change.
pub(crate) fn set_operational_state(tx: &mut Tx<'_>, id: ObjectId, state: OperationalState) -> Result<()> {
    let mut object = db::load(tx, id)?;
    if object.state != state {
        object.state = state;
        db::save(tx, &mut object)?;
    }
    Ok(())
}

/// The changer object of a library, if it has one.
pub(crate) fn changer_of(conn: &Connection, library: ObjectId) -> Result<Option<Object>> {
    Ok(db::query(conn, ObjectType::Changer, "t.library = ?1", [library])?.into_iter().next())
}
