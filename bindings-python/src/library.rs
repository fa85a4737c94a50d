//! Library control on `Session` and `AsyncSession`: virtual and SCSI libraries, mount and
//! dismount, inject and eject, door access, inventory, cleaning, library requests, verification
//! and the slot map. The calls that wait for the robot use the core's `_async` forms (see
//! [`future_methods!`]), so a cancelled `await` or a Ctrl-C leaves nothing half-done.

use std::time::Duration;

use openrsm::library::VirtualDelays;
use openrsm::{
    Detail, DismountOptions, EjectMode, EjectOptions, InjectOptions, InventoryMethod, InventoryOptions, MountOptions,
    Object, ObjectId, ObjectType, Omid, VirtualLibrarySpec,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::convert::{opt_id, records, Seconds, Target, Targets, Value};
use crate::enums::Arg;
use crate::model::{display, Obj, Objs};
use crate::session::{future_methods, session_methods};

records! {
    /// A mounted medium (or, with `nowait`, one whose mount is queued): what was asked for
    /// (`media`), the `physical_media`, the `side`, the MOUNT `request`, the `drive` and its
    /// `device_path`, where the application reads and writes.
    MountedMedia(openrsm::MountedMedia) { media, physical_media, side, request, drive, device_path }
    /// What an inventory found: elements looked at, media found, the ids of media added, removed,
    /// moved and identified, and how many database objects changed.
    InventorySummary(openrsm::InventorySummary) { request, elements, media, added, removed, moved, identified, changed }
    /// A library's request counters and the time its changer took (robot time).
    LibraryStatistics(openrsm::library::LibraryStatistics) { requests, pending, changer_calls, changer_time }
    /// A difference between the database and what a library's changer reports.
    Discrepancy(openrsm::library::Discrepancy) { element, address, media, message }
}

/// Media counts for a new virtual library: a dict `{"LTO-6": 10}` or pairs `[("LTO-6", 10)]`.
pub struct MediaCounts(Vec<(String, u32)>);

impl<'a, 'py> FromPyObject<'a, 'py> for MediaCounts {
    type Error = PyErr;
    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(dict) = ob.cast::<PyDict>() {
            return dict
                .iter()
                .map(|(k, v)| Ok((k.extract()?, v.extract()?)))
                .collect::<PyResult<_>>()
                .map(MediaCounts);
        }
        ob.extract::<Vec<(String, u32)>>()
            .map(MediaCounts)
            .map_err(|_| PyTypeError::new_err("media is a dict {media type name: count} or a list of such pairs"))
    }
}

/// The virtual robot's delays: `"none"`, `"realistic"`, or a dict of seconds with any of the
/// keys `move_medium`, `load`, `unload`, `scan`, `door`.
pub struct Delays(VirtualDelays);

impl<'a, 'py> FromPyObject<'a, 'py> for Delays {
    type Error = PyErr;
    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(text) = ob.cast::<PyString>() {
            return match text.to_cow()?.as_ref() {
                "none" => Ok(Delays(VirtualDelays::none())),
                "realistic" => Ok(Delays(VirtualDelays::realistic())),
                other => Err(PyValueError::new_err(format!("delays {other:?} is not \"none\" or \"realistic\""))),
            };
        }
        let dict = ob
            .cast::<PyDict>()
            .map_err(|_| PyTypeError::new_err("delays is \"none\", \"realistic\" or a dict of seconds"))?;
        let mut delays = VirtualDelays::none();
        for (key, value) in dict.iter() {
            let d = value.extract::<Seconds>()?.0.unwrap_or(Duration::MAX);
            match key.extract::<String>()?.as_str() {
                "move_medium" => delays.move_medium = d,
                "load" => delays.load = d,
                "unload" => delays.unload = d,
                "scan" => delays.scan = d,
                "door" => delays.door = d,
                other => return Err(PyValueError::new_err(format!("no delay named {other:?}"))),
            }
        }
        Ok(Delays(delays))
    }
}

session_methods! {
    /// Create a virtual library (`rsm vlib create`) and register it as an ONLINE library (a
    /// STANDALONE one with `standalone=True`): `drives`, `slots` and `ieports` elements, cartridges
    /// in the first slots from `media` (`{"LTO-6": 10}`; media types are created as needed) in the
    /// Free pools of their types, an optional cleaner with `cleaner` uses in the last slot, and the
    /// robot's `delays` (`"none"`, `"realistic"` or a dict of seconds). Its directory goes under
    /// the home unless `dir` says where.
    #[pyo3(signature = (name, *, drives = 2, slots = 20, ieports = 1, media = None, barcode_prefix = None,
        cleaner = None, standalone = false, delays = None, dir = None))]
    #[allow(clippy::too_many_arguments)]
    fn create_virtual_library(
        session,
        name: String,
        drives: u32,
        slots: u32,
        ieports: u32,
        media: Option<MediaCounts>,
        barcode_prefix: Option<String>,
        cleaner: Option<u32>,
        standalone: bool,
        delays: Option<Delays>,
        dir: Option<std::path::PathBuf>,
    ) -> Obj {
        let mut spec = if standalone { VirtualLibrarySpec::standalone() } else { VirtualLibrarySpec::new(drives, slots, ieports) };
        spec.media = media.map(|m| m.0).unwrap_or_default();
        spec.barcode_prefix = barcode_prefix;
        spec.cleaner = cleaner;
        spec.delays = delays.map(|d| d.0).unwrap_or_default();
        spec.dir = dir;
        session.create_virtual_library(&name, spec).map(Obj)
    }

    /// The virtual library behind a library object: operators at its IE ports, door and drives,
    /// and fault injection. `InvalidLibraryError` for a library that is not virtual.
    fn virtual_library(session, library: Target) -> crate::vlib::VirtualLibrary {
        let library = library.id(session, Some(ObjectType::Library))?;
        session.virtual_library(library).map(crate::vlib::VirtualLibrary::new)
    }

    /// Add a SCSI library (`rsm library add`): `changer` is an `iscsi://host:port/iqn/lun` URL or a
    /// device node (`/dev/sch0`); `drives` the drives in element order (empty: discovered); a FAST
    /// inventory runs afterwards unless `inventory=False`.
    #[pyo3(signature = (name, changer, *, drives = Vec::new(), inventory = true))]
    fn add_scsi_library(session, name: String, changer: String, drives: Vec<String>, inventory: bool) -> Obj {
        let spec = openrsm::scsi::ScsiLibrarySpec { changer, drives, inventory };
        session.add_scsi_library(&name, &spec).map(Obj)
    }

    /// Delete a library (`DeleteNtmsLibrary`) with its elements; its media go offline, records
    /// kept.
    fn delete_library(session, library: Target) -> () {
        session.delete_library(library.id(session, Some(ObjectType::Library))?)
    }

    /// Delete a drive (`DeleteNtmsDrive`).
    fn delete_drive(session, drive: Target) -> () {
        session.delete_drive(drive.id(session, Some(ObjectType::Drive))?)
    }

    /// Stop a queued eject (`NTMS_EJECT_STOP`).
    fn stop_eject(session, request: Target) -> () {
        session.stop_eject(request.id(session, Some(ObjectType::LibRequest))?)
    }

    /// Record what is written on a side (`UpdateNtmsOmidInfo`).
    #[pyo3(signature = (side, label_type, label_id, application = None))]
    fn update_omid_info(session, side: Target, label_type: String, label_id: String, application: Option<String>) -> () {
        session.update_omid_info(side.id(session, None)?, Omid { label_type, label_id, application })
    }

    /// Make a slot the library's cleaner slot (`ReserveNtmsCleanerSlot`).
    fn reserve_cleaner_slot(session, library: Target, slot: Target) -> () {
        let library = library.id(session, Some(ObjectType::Library))?;
        session.reserve_cleaner_slot(library, slot.id(session, Some(ObjectType::StorageSlot))?)
    }

    /// Give the cleaner slot back to storage (`ReleaseNtmsCleanerSlot`).
    fn release_cleaner_slot(session, library: Target) -> () {
        session.release_cleaner_slot(library.id(session, Some(ObjectType::Library))?)
    }

    /// Cancel a library request (`CancelNtmsLibraryRequest`).
    fn cancel_request(session, request: Target) -> () {
        session.cancel_request(request.id(session, Some(ObjectType::LibRequest))?)
    }

    /// Delete a finished library request (`DeleteNtmsRequests`).
    fn delete_request(session, request: Target) -> () {
        session.delete_request(request.id(session, Some(ObjectType::LibRequest))?)
    }

    /// Library requests, oldest first: of one library or all; with `unfinished_only`, those
    /// queued, waiting or running.
    #[pyo3(signature = (library = None, unfinished_only = false))]
    fn library_requests(session, library: Option<Target>, unfinished_only: bool) -> Objs {
        let library = opt_id(session, &library, Some(ObjectType::Library))?;
        session.library_requests(library, unfinished_only).map(Objs)
    }

    /// A library's queued requests in the order they will run.
    fn request_queue(session, library: Target) -> Objs {
        session.request_queue(library.id(session, Some(ObjectType::Library))?).map(Objs)
    }

    /// A queued request's position, from 1 (`GetNtmsRequestOrder`).
    fn request_order(session, request: Target) -> u32 {
        session.request_order(request.id(session, Some(ObjectType::LibRequest))?)
    }

    /// Move a queued request to a position, from 1 (`SetNtmsRequestOrder`).
    fn set_request_order(session, request: Target, position: u32) -> () {
        session.set_request_order(request.id(session, Some(ObjectType::LibRequest))?, position)
    }

    /// A library's request counters and robot time.
    fn library_statistics(session, library: Target) -> Value<openrsm::library::LibraryStatistics> {
        session.library_statistics(library.id(session, Some(ObjectType::Library))?).map(Value)
    }

    /// What a library holds, element by element, as a `SlotMap` that Jupyter draws as SVG.
    fn slot_map(session, library: Target) -> SlotMapData {
        let library = match library {
            Target::Id(id) => session.object(id)?,
            Target::Name(name) => session.resolve(Some(ObjectType::Library), &name)?,
        };
        slot_map_data(session, library)
    }
}

future_methods! {
    /// Mount media (`MountNtmsMedia`): each of `media` (a logical media, a side or a physical
    /// medium; one or a list) in a drive of its library, and return a `MountedMedia` each. Waits
    /// until all are mounted (up to `timeout` seconds), or undoes them all and raises. `write`
    /// refuses complete media; `error_if_unavailable` fails at once when busy; `error_if_offline`
    /// fails for media outside every library instead of asking an operator; `drives` names one
    /// drive per medium; `nowait` returns once queued. Cancelling an awaited mount undoes it.
    #[pyo3(signature = (media, *, write = false, read = true, error_if_unavailable = false, error_if_offline = false,
        drives = None, nowait = false, priority = 0, timeout = None))]
    #[allow(clippy::too_many_arguments)]
    fn mount(
        session,
        media: Targets,
        write: bool,
        read: bool,
        error_if_unavailable: bool,
        error_if_offline: bool,
        drives: Option<Targets>,
        nowait: bool,
        priority: i32,
        timeout: Option<Seconds>,
    ) -> Value<Vec<openrsm::MountedMedia>> {
        let ids = media.ids(session, None)?;
        let drives = match &drives {
            Some(d) => d.ids(session, Some(ObjectType::Drive))?,
            None => Vec::new(),
        };
        let options = MountOptions {
            read,
            write,
            error_if_unavailable,
            error_if_offline,
            drives,
            nowait,
            priority,
            timeout: crate::convert::timeout(timeout),
        };
        session.mount_async(&ids, &options).await.map(Value)
    }

    /// Dismount media (`DismountNtmsMedia`): back to their slots now, or with `deferred=True` left
    /// in the drive (DISMOUNTABLE) so that the next mount needs no robot move.
    #[pyo3(signature = (media, *, deferred = false, priority = 0, timeout = None))]
    fn dismount(session, media: Targets, deferred: bool, priority: i32, timeout: Option<Seconds>) -> () {
        let ids = media.ids(session, None)?;
        let options = DismountOptions { deferred, priority, timeout: crate::convert::timeout(timeout) };
        session.dismount_async(&ids, &options).await
    }

    /// Dismount whatever is in a drive (`DismountNtmsDrive`).
    fn dismount_drive(session, drive: Target) -> () {
        let drive = drive.id(session, Some(ObjectType::Drive))?;
        session.dismount_drive_async(drive).await
    }

    /// Inject (`InjectNtmsMedia`): take the media an operator put in the IE ports (or in `port`)
    /// into free slots; returns the ids of the media injected.
    #[pyo3(signature = (library, *, port = None, priority = 0, timeout = None))]
    fn inject(session, library: Target, port: Option<Target>, priority: i32, timeout: Option<Seconds>) -> Value<Vec<ObjectId>> {
        let library = library.id(session, Some(ObjectType::Library))?;
        let options = InjectOptions { port: opt_id(session, &port, Some(ObjectType::IePort))?, priority, timeout: crate::convert::timeout(timeout) };
        session.inject_async(library, &options).await.map(Value)
    }

    /// Start an inject (`NTMS_INJECT_START`): extend the ports for an operator; returns the
    /// request, which `stop_inject` ends.
    #[pyo3(signature = (library, *, port = None, priority = 0))]
    fn start_inject(session, library: Target, port: Option<Target>, priority: i32) -> Value<ObjectId> {
        let library = library.id(session, Some(ObjectType::Library))?;
        let options = InjectOptions { port: opt_id(session, &port, Some(ObjectType::IePort))?, priority, ..Default::default() };
        session.start_inject_async(library, &options).await.map(Value)
    }

    /// End a started inject (`NTMS_INJECT_STOP`); returns the ids of the media injected.
    fn stop_inject(session, request: Target) -> Value<Vec<ObjectId>> {
        let request = request.id(session, Some(ObjectType::LibRequest))?;
        session.stop_inject_async(request).await.map(Value)
    }

    /// Eject media (`EjectNtmsMedia`) through the IE ports (or `port`); they become offline and
    /// keep their records. `queue` lets what does not fit wait for an operator; `force` dismounts
    /// mounted media first. Returns the EJECT requests.
    #[pyo3(signature = (media, *, queue = false, force = false, port = None, nowait = false, priority = 0, timeout = None))]
    #[allow(clippy::too_many_arguments)]
    fn eject(session, media: Targets, queue: bool, force: bool, port: Option<Target>, nowait: bool, priority: i32, timeout: Option<Seconds>) -> Value<Vec<ObjectId>> {
        let ids = media.ids(session, Some(ObjectType::PhysicalMedia))?;
        let options = EjectOptions {
            mode: if queue { EjectMode::Queue } else { EjectMode::Immediate },
            force,
            port: opt_id(session, &port, Some(ObjectType::IePort))?,
            nowait,
            priority,
            timeout: crate::convert::timeout(timeout),
        };
        session.eject_async(&ids, &options).await.map(Value)
    }

    /// Unlock the door for an operator (`AccessNtmsLibraryDoor`).
    fn access_door(session, library: Target) -> () {
        let library = library.id(session, Some(ObjectType::Library))?;
        session.access_door_async(library).await
    }

    /// Inventory a library (`InventoryNtmsLibrary`) and return an `InventorySummary`. `method` is
    /// an `InventoryMethod` (`FAST`: barcodes; `OMID`: read each medium's label; default: the
    /// library's own). The database changes only to match what the changer reports.
    #[pyo3(signature = (library, *, method = None, priority = 0, timeout = None))]
    fn inventory(session, library: Target, method: Option<Arg<InventoryMethod>>, priority: i32, timeout: Option<Seconds>) -> Value<openrsm::InventorySummary> {
        let library = library.id(session, Some(ObjectType::Library))?;
        let options = InventoryOptions { method: method.map_or(InventoryMethod::Default, |m| m.0), priority, timeout: crate::convert::timeout(timeout) };
        session.inventory_async(library, &options).await.map(Value)
    }

    /// Queue an inventory and return its request at once (follow it with `wait_request` or
    /// notifications of LIBREQUEST progress).
    #[pyo3(signature = (library, *, method = None, priority = 0))]
    fn start_inventory(session, library: Target, method: Option<Arg<InventoryMethod>>, priority: i32) -> Value<ObjectId> {
        let library = library.id(session, Some(ObjectType::Library))?;
        let options = InventoryOptions { method: method.map_or(InventoryMethod::Default, |m| m.0), priority, ..Default::default() };
        session.start_inventory_async(library, &options).await.map(Value)
    }

    /// Read the label of the medium in a slot (`IdentifyNtmsSlot`); its id, or None if empty.
    fn identify_slot(session, slot: Target) -> Value<Option<ObjectId>> {
        let slot = slot.id(session, Some(ObjectType::StorageSlot))?;
        session.identify_slot_async(slot).await.map(Value)
    }

    /// Inject a cleaning cartridge with `uses` uses into the cleaner slot (`InjectNtmsCleaner`).
    #[pyo3(signature = (library, uses, *, port = None))]
    fn inject_cleaner(session, library: Target, uses: u32, port: Option<Target>) -> () {
        let library = library.id(session, Some(ObjectType::Library))?;
        let port = opt_id(session, &port, Some(ObjectType::IePort))?;
        session.inject_cleaner_async(library, uses, port).await
    }

    /// Eject the cleaning cartridge (`EjectNtmsCleaner`).
    #[pyo3(signature = (library, *, port = None))]
    fn eject_cleaner(session, library: Target, port: Option<Target>) -> () {
        let library = library.id(session, Some(ObjectType::Library))?;
        let port = opt_id(session, &port, Some(ObjectType::IePort))?;
        session.eject_cleaner_async(library, port).await
    }

    /// Clean a drive with the library's cleaner (`CleanNtmsDrive`).
    fn clean_drive(session, drive: Target) -> () {
        let drive = drive.id(session, Some(ObjectType::Drive))?;
        session.clean_drive_async(drive).await
    }

    /// Wait until a library request finishes and return it (a `LibRequest`) when it PASSED or
    /// was STOPPED; raise its error when it FAILED or was CANCELLED, `TimeoutError` after
    /// `timeout` seconds (None: no limit).
    #[pyo3(signature = (request, timeout = None))]
    fn wait_request(session, request: Target, timeout: Option<Seconds>) -> Obj {
        let request = request.id(session, Some(ObjectType::LibRequest))?;
        session.wait_request_async(request, crate::convert::timeout(timeout)).await.map(Obj)
    }

    /// Compare the database with what a library's changer reports; an empty list means they
    /// agree (no medium in two places, none lost).
    fn verify_library(session, library: Target) -> Value<Vec<openrsm::library::Discrepancy>> {
        let library = library.id(session, Some(ObjectType::Library))?;
        session.verify_library_async(library).await.map(Value)
    }
}

/// One cell of a slot map: kind (`"drive"`, `"port"`, `"slot"`), number, element address,
/// state name, barcode (or medium name) of what it holds, and whether it is the cleaner slot.
type Cell = (&'static str, u32, Option<u32>, String, Option<String>, bool);

/// The contents of a library, element by element, gathered without the GIL.
pub struct SlotMapData {
    name: String,
    id: ObjectId,
    cells: Vec<Cell>,
}

fn slot_map_data(session: &openrsm::Session, library: Object) -> openrsm::Result<SlotMapData> {
    let cleaner = match &library.detail {
        Detail::Library(i) => i.cleaner_slot,
        _ => {
            return Err(openrsm::Error::new(
                openrsm::ErrorKind::InvalidLibrary,
                format!("{} is not a library", library.name),
            ))
        }
    };
    let label = |id: Option<ObjectId>| -> openrsm::Result<Option<String>> {
        Ok(match id {
            Some(m) => match session.object(m)? {
                Object { detail: Detail::PhysicalMedia(p), name, .. } => Some(p.barcode.unwrap_or(name)),
                other => Some(other.name),
            },
            None => None,
        })
    };
    let mut cells: Vec<Cell> = Vec::new();
    for (object_type, kind) in
        [(ObjectType::Drive, "drive"), (ObjectType::IePort, "port"), (ObjectType::StorageSlot, "slot")]
    {
        for element in session.enumerate(Some(library.id), object_type)? {
            let is_cleaner = Some(element.id) == cleaner;
            cells.push(match &element.detail {
                Detail::Drive(i) => {
                    (kind, i.number, i.element_address, i.drive_state.name().into(), label(i.media)?, false)
                }
                Detail::IePort(i) => {
                    (kind, i.number, i.element_address, i.content.name().into(), label(i.media)?, false)
                }
                Detail::StorageSlot(i) => {
                    (kind, i.number, i.element_address, i.slot_state.name().into(), label(i.media)?, is_cleaner)
                }
                _ => continue,
            });
        }
    }
    Ok(SlotMapData { name: library.name, id: library.id, cells })
}

impl<'py> IntoPyObject<'py> for SlotMapData {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let cells = PyList::empty(py);
        for (kind, number, address, state, barcode, cleaner) in self.cells {
            cells.append((kind, number, address, state, barcode, cleaner))?;
        }
        display(py)?.getattr("SlotMap")?.call1((self.name, self.id.as_uuid(), cells))
    }
}

/// Add this module's classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    register_records(m)
}
