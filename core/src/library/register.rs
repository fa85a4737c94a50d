//! Registering a library in the database: the objects every library has (library, changer, door,
//! drives, IE ports, slots) laid out as its changer reports them. Shared by virtual libraries, SCSI
//! libraries and detected devices.

use super::changer::{ChangerLayout, ElementAddress};
use crate::db::{self, Tx};
use crate::error::Result;
use crate::model::*;

/// The changer or drive type with this vendor and product, created on first use.
pub(crate) fn device_type(tx: &mut Tx<'_>, t: ObjectType, vendor: &str, product: &str, code: u32) -> Result<ObjectId> {
    let existing = db::query(tx, t, "t.vendor = ?1 AND t.product = ?2", rusqlite::params![vendor, product])?;
    if let Some(found) = existing.into_iter().next() {
        return Ok(found.id);
    }
    let info = DeviceTypeInfo { vendor: vendor.into(), product: product.into(), device_type: code };
    let detail = if t == ObjectType::ChangerType { Detail::ChangerType(info) } else { Detail::DriveType(info) };
    let name: String = format!("{vendor} {product}").trim().chars().take(MAX_NAME_LEN).collect();
    let object = db::new_object(if name.is_empty() { "unknown device".into() } else { name }, detail);
    db::insert(tx, &object)?;
    Ok(object.id)
}

/// A library about to be registered.
pub(crate) struct NewLibrary<'a> {
    pub name: &'a str,
    pub description: String,
    pub info: LibraryInfo,
    pub changer: ChangerInfo,
    pub layout: ChangerLayout,
}

/// What is known of a new library's drive.
#[derive(Default)]
pub(crate) struct NewDrive {
    pub drive_type: Option<ObjectId>,
    pub device_path: Option<String>,
    pub serial: Option<String>,
}

/// Insert a library with its changer, door, drives, IE ports and slots (one per element of the
/// layout). `drive(tx, number)` says what is known of each drive; `fill_slot(tx, library, slot,
/// address)` may put media in a slot before it is inserted. Returns the library and its slot ids
/// in slot order.
pub(crate) fn insert_library(
    tx: &mut Tx<'_>,
    new: NewLibrary<'_>,
    mut drive: impl FnMut(&mut Tx<'_>, usize) -> Result<NewDrive>,
    mut fill_slot: impl FnMut(&mut Tx<'_>, ObjectId, &mut Object, ElementAddress) -> Result<()>,
) -> Result<(Object, Vec<ObjectId>)> {
    let NewLibrary { name, description, info, mut changer, layout } = new;
    let mut library = db::new_object(name, Detail::Library(info));
    library.description = description;
    db::insert(tx, &library)?;
    changer.library = library.id;
    db::insert(tx, &db::new_object(format!("{name} changer"), Detail::Changer(changer)))?;
    let door = IeDoorInfo { library: library.id, door_state: DoorState::Closed, max_open_seconds: 300 };
    db::insert(tx, &db::new_object(format!("{name} door"), Detail::IeDoor(door)))?;
    for (number, address) in layout.data_transfer.addresses().enumerate() {
        let known = drive(tx, number)?;
        let info = DriveInfo {
            library: library.id,
            number: number as u32,
            drive_state: DriveState::Dismounted,
            drive_type: known.drive_type,
            device_path: known.device_path,
            serial: known.serial,
            mount_count: 0,
            last_cleaned: None,
            deferred_dismount_seconds: 60,
            media: None,
            element_address: Some(u32::from(address)),
        };
        db::insert(tx, &db::new_object(format!("{name} drive {number}"), Detail::Drive(info)))?;
    }
    for (number, address) in layout.import_export.addresses().enumerate() {
        let port = IePortInfo {
            library: library.id,
            number: number as u32,
            content: PortContent::Empty,
            position: PortPosition::Retracted,
            max_extend_seconds: 300,
            media: None,
            element_address: Some(u32::from(address)),
        };
        db::insert(tx, &db::new_object(format!("{name} port {number}"), Detail::IePort(port)))?;
    }
    let mut slots = Vec::with_capacity(usize::from(layout.storage.count));
    for (number, address) in layout.storage.addresses().enumerate() {
        let info = SlotInfo {
            library: library.id,
            number: number as u32,
            slot_state: SlotState::Empty,
            media: None,
            element_address: Some(u32::from(address)),
        };
        let mut slot = db::new_object(format!("{name} slot {number}"), Detail::StorageSlot(info));
        fill_slot(tx, library.id, &mut slot, address)?;
        db::insert(tx, &slot)?;
        slots.push(slot.id);
    }
    Ok((library, slots))
}
