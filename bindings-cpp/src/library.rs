//! Library control: virtual and SCSI libraries, mount and dismount, inject and eject, inventory,
//! cleaning, library and operator requests, and what an operator does to a virtual library.
//!
//! The binding's own enumerations (`EjectMode`, `FaultKind`, `ElementType`) are numbered here with
//! exhaustive matches on the core's types, so a new core variant fails the build until it has a
//! number; [`binding_enum`] gives C++ the tables its tests compare against.

use std::mem::ManuallyDrop;
use std::time::Duration;

use openrsm::library::{
    CartridgeSpec, Discrepancy, ElementType, LibraryStatistics, VirtualDelays, VirtualFault, VirtualLibrary,
};
use openrsm::scsi::ScsiLibrarySpec;
use openrsm::{
    DismountOptions, EjectMode, EjectOptions, Error, ErrorKind, InjectOptions, InventoryOptions, InventorySummary,
    MountOptions, MountedMedia, ObjectId, Omid, VirtualLibrarySpec,
};

use crate::bridge::ffi;
use crate::enums::from_number;
use crate::errors::{drop_guarded, guard, BridgeResult};
use crate::session::SessionHandle;

// ---- the binding's enumerations ----

fn eject_mode_number(mode: EjectMode) -> u32 {
    match mode {
        EjectMode::Immediate => 0,
        EjectMode::Queue => 1,
    }
}

fn eject_mode_name(mode: EjectMode) -> &'static str {
    match mode {
        EjectMode::Immediate => "IMMEDIATE",
        EjectMode::Queue => "QUEUE",
    }
}

fn eject_mode(number: u32) -> openrsm::Result<EjectMode> {
    [EjectMode::Immediate, EjectMode::Queue]
        .into_iter()
        .find(|m| eject_mode_number(*m) == number)
        .ok_or_else(|| invalid(number, "EjectMode"))
}

/// Every fault kind, with placeholder arguments.
fn fault_samples() -> [VirtualFault; 6] {
    [
        VirtualFault::MoveJam,
        VirtualFault::DriveLoadFailure { drive: 0 },
        VirtualFault::DoorLeftOpen,
        VirtualFault::IePortFull { port: 0 },
        VirtualFault::UnreadableBarcode { barcode: String::new() },
        VirtualFault::CleanerSpent,
    ]
}

fn fault_kind(fault: &VirtualFault) -> (u32, &'static str) {
    match fault {
        VirtualFault::MoveJam => (0, "MOVE_JAM"),
        VirtualFault::DriveLoadFailure { .. } => (1, "DRIVE_LOAD_FAILURE"),
        VirtualFault::DoorLeftOpen => (2, "DOOR_LEFT_OPEN"),
        VirtualFault::IePortFull { .. } => (3, "IEPORT_FULL"),
        VirtualFault::UnreadableBarcode { .. } => (4, "UNREADABLE_BARCODE"),
        VirtualFault::CleanerSpent => (5, "CLEANER_SPENT"),
    }
}

fn element_type_name(t: ElementType) -> &'static str {
    match t {
        ElementType::Transport => "TRANSPORT",
        ElementType::Storage => "STORAGE",
        ElementType::ImportExport => "IMPORT_EXPORT",
        ElementType::DataTransfer => "DATA_TRANSFER",
    }
}

fn invalid(number: u32, what: &str) -> Error {
    Error::new(ErrorKind::InvalidParameter, format!("{number} is not a valid {what}"))
}

/// The table of a binding enumeration of this module, by its C++ name.
pub(crate) fn binding_enum(name: &str) -> Option<Vec<ffi::EnumEntry>> {
    let entry = |value: u32, name: &str| ffi::EnumEntry { value, name: name.to_string() };
    match name {
        "EjectMode" => Some(
            [EjectMode::Immediate, EjectMode::Queue]
                .into_iter()
                .map(|m| entry(eject_mode_number(m), eject_mode_name(m)))
                .collect(),
        ),
        "FaultKind" => Some(
            fault_samples()
                .iter()
                .map(|f| {
                    let (value, name) = fault_kind(f);
                    entry(value, name)
                })
                .collect(),
        ),
        "ElementType" => {
            Some(ElementType::ALL.into_iter().map(|t| entry(u32::from(t.code()), element_type_name(t))).collect())
        }
        _ => None,
    }
}

// ---- conversions ----

fn ids(list: &[ffi::Id]) -> Vec<ObjectId> {
    list.iter().map(|id| (*id).into()).collect()
}

fn to_ids(list: Vec<ObjectId>) -> Vec<ffi::Id> {
    list.into_iter().map(Into::into).collect()
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

impl From<&ffi::VirtualDelays> for VirtualDelays {
    fn from(d: &ffi::VirtualDelays) -> Self {
        VirtualDelays {
            move_medium: Duration::from_millis(d.move_medium),
            load: Duration::from_millis(d.load),
            unload: Duration::from_millis(d.unload),
            scan: Duration::from_millis(d.scan),
            door: Duration::from_millis(d.door),
        }
    }
}

impl From<&ffi::VirtualLibrarySpec> for VirtualLibrarySpec {
    fn from(s: &ffi::VirtualLibrarySpec) -> Self {
        let mut spec = VirtualLibrarySpec::new(s.drives, s.slots, s.ieports);
        spec.media = s.media.iter().map(|m| (m.media_type.clone(), m.count)).collect();
        spec.barcode_prefix = (&s.barcode_prefix).into();
        spec.cleaner = (&s.cleaner).into();
        spec.standalone = s.standalone;
        spec.delays = (&s.delays).into();
        spec.dir = Option::<String>::from(&s.dir).map(Into::into);
        spec
    }
}

impl From<&ffi::CartridgeSpec> for CartridgeSpec {
    fn from(c: &ffi::CartridgeSpec) -> Self {
        CartridgeSpec {
            barcode: (&c.barcode).into(),
            media_type: (&c.media_type).into(),
            label: c.label.clone(),
            cleaner_uses: (&c.cleaner_uses).into(),
        }
    }
}

impl TryFrom<&ffi::Fault> for VirtualFault {
    type Error = Error;

    fn try_from(f: &ffi::Fault) -> openrsm::Result<Self> {
        Ok(match f.kind {
            0 => VirtualFault::MoveJam,
            1 => VirtualFault::DriveLoadFailure { drive: f.number },
            2 => VirtualFault::DoorLeftOpen,
            3 => VirtualFault::IePortFull { port: f.number },
            4 => VirtualFault::UnreadableBarcode { barcode: f.barcode.clone() },
            5 => VirtualFault::CleanerSpent,
            other => return Err(invalid(other, "FaultKind")),
        })
    }
}

impl From<&VirtualFault> for ffi::Fault {
    fn from(f: &VirtualFault) -> Self {
        let (kind, _) = fault_kind(f);
        let (number, barcode) = match f {
            VirtualFault::DriveLoadFailure { drive } => (*drive, String::new()),
            VirtualFault::IePortFull { port } => (*port, String::new()),
            VirtualFault::UnreadableBarcode { barcode } => (0, barcode.clone()),
            VirtualFault::MoveJam | VirtualFault::DoorLeftOpen | VirtualFault::CleanerSpent => (0, String::new()),
        };
        ffi::Fault { kind, number, barcode }
    }
}

impl From<&ffi::MountOptions> for MountOptions {
    fn from(o: &ffi::MountOptions) -> Self {
        MountOptions {
            read: o.read,
            write: o.write,
            error_if_unavailable: o.error_if_unavailable,
            error_if_offline: o.error_if_offline,
            drives: ids(&o.drives),
            nowait: o.nowait,
            priority: o.priority,
            timeout: (&o.timeout).into(),
        }
    }
}

impl From<MountedMedia> for ffi::MountedMedia {
    fn from(m: MountedMedia) -> Self {
        ffi::MountedMedia {
            media: m.media.into(),
            physical_media: m.physical_media.into(),
            side: m.side.into(),
            request: m.request.into(),
            drive: m.drive.into(),
            device_path: m.device_path.into(),
        }
    }
}

impl From<&ffi::DismountOptions> for DismountOptions {
    fn from(o: &ffi::DismountOptions) -> Self {
        DismountOptions { deferred: o.deferred, priority: o.priority, timeout: (&o.timeout).into() }
    }
}

impl From<&ffi::InjectOptions> for InjectOptions {
    fn from(o: &ffi::InjectOptions) -> Self {
        InjectOptions { port: (&o.port).into(), priority: o.priority, timeout: (&o.timeout).into() }
    }
}

impl TryFrom<&ffi::EjectOptions> for EjectOptions {
    type Error = Error;

    fn try_from(o: &ffi::EjectOptions) -> openrsm::Result<Self> {
        Ok(EjectOptions {
            mode: eject_mode(o.mode)?,
            force: o.force,
            port: (&o.port).into(),
            nowait: o.nowait,
            priority: o.priority,
            timeout: (&o.timeout).into(),
        })
    }
}

impl TryFrom<&ffi::InventoryOptions> for InventoryOptions {
    type Error = Error;

    fn try_from(o: &ffi::InventoryOptions) -> openrsm::Result<Self> {
        Ok(InventoryOptions { method: from_number(o.method)?, priority: o.priority, timeout: (&o.timeout).into() })
    }
}

impl From<InventorySummary> for ffi::InventorySummary {
    fn from(s: InventorySummary) -> Self {
        ffi::InventorySummary {
            request: s.request.into(),
            elements: s.elements,
            media: s.media,
            added: to_ids(s.added),
            removed: to_ids(s.removed),
            moved: to_ids(s.moved),
            identified: to_ids(s.identified),
            changed: s.changed,
        }
    }
}

impl From<LibraryStatistics> for ffi::LibraryStatistics {
    fn from(s: LibraryStatistics) -> Self {
        ffi::LibraryStatistics {
            requests: s.requests,
            pending: s.pending,
            changer_calls: s.changer_calls,
            changer_time: millis(s.changer_time),
        }
    }
}

impl From<Discrepancy> for ffi::Discrepancy {
    fn from(d: Discrepancy) -> Self {
        ffi::Discrepancy {
            element: d.element.into(),
            address: d.address.map(u32::from).into(),
            media: d.media.into(),
            message: d.message,
        }
    }
}

fn wait(timeout: openrsm::Timeout) -> ffi::Wait {
    match timeout {
        openrsm::Timeout::Infinite => ffi::Wait { infinite: true, millis: 0 },
        openrsm::Timeout::After(d) => ffi::Wait { infinite: false, millis: millis(d) },
    }
}

/// The core's default options, as they cross the bridge.
pub(crate) fn library_option_defaults() -> BridgeResult<ffi::LibraryOptionDefaults> {
    guard(|| {
        let m = MountOptions::default();
        let d = DismountOptions::default();
        let i = InjectOptions::default();
        let e = EjectOptions::default();
        let v = InventoryOptions::default();
        Ok(ffi::LibraryOptionDefaults {
            mount: ffi::MountOptions {
                read: m.read,
                write: m.write,
                error_if_unavailable: m.error_if_unavailable,
                error_if_offline: m.error_if_offline,
                drives: to_ids(m.drives),
                nowait: m.nowait,
                priority: m.priority,
                timeout: wait(m.timeout),
            },
            dismount: ffi::DismountOptions { deferred: d.deferred, priority: d.priority, timeout: wait(d.timeout) },
            inject: ffi::InjectOptions { port: i.port.into(), priority: i.priority, timeout: wait(i.timeout) },
            eject: ffi::EjectOptions {
                mode: eject_mode_number(e.mode),
                force: e.force,
                port: e.port.into(),
                nowait: e.nowait,
                priority: e.priority,
                timeout: wait(e.timeout),
            },
            inventory: ffi::InventoryOptions {
                method: v.method.value(),
                priority: v.priority,
                timeout: wait(v.timeout),
            },
        })
    })
}

fn objects(list: Vec<openrsm::Object>) -> Vec<ffi::Object> {
    list.into_iter().map(Into::into).collect()
}

// ---- the calls ----

impl SessionHandle {
    /// Create and register a virtual library.
    pub(crate) fn create_virtual_library(
        &self,
        name: &str,
        spec: &ffi::VirtualLibrarySpec,
    ) -> BridgeResult<ffi::Object> {
        guard(|| Ok(self.session.create_virtual_library(name, spec.into())?.into()))
    }

    /// Add a library whose changer speaks SCSI.
    pub(crate) fn add_scsi_library(&self, name: &str, spec: &ffi::ScsiLibrarySpec) -> BridgeResult<ffi::Object> {
        guard(|| {
            let mut core = ScsiLibrarySpec::new(spec.changer.clone());
            core.drives = spec.drives.clone();
            core.inventory = spec.inventory;
            Ok(self.session.add_scsi_library(name, &core)?.into())
        })
    }

    /// Delete a library with its elements.
    pub(crate) fn delete_library(&self, library: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.delete_library((*library).into()))
    }

    /// Delete a drive.
    pub(crate) fn delete_drive(&self, drive: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.delete_drive((*drive).into()))
    }

    /// Mount media.
    pub(crate) fn mount(&self, media: &[ffi::Id], options: &ffi::MountOptions) -> BridgeResult<Vec<ffi::MountedMedia>> {
        guard(|| Ok(self.session.mount(&ids(media), &options.into())?.into_iter().map(Into::into).collect()))
    }

    /// Dismount media.
    pub(crate) fn dismount(&self, media: &[ffi::Id], options: &ffi::DismountOptions) -> BridgeResult<()> {
        guard(|| self.session.dismount(&ids(media), &options.into()))
    }

    /// Dismount whatever is in a drive.
    pub(crate) fn dismount_drive(&self, drive: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.dismount_drive((*drive).into()))
    }

    /// Take in what is in the IE ports.
    pub(crate) fn inject(&self, library: &ffi::Id, options: &ffi::InjectOptions) -> BridgeResult<Vec<ffi::Id>> {
        guard(|| Ok(to_ids(self.session.inject((*library).into(), &options.into())?)))
    }

    /// Open the IE ports for an operator until stop_inject.
    pub(crate) fn start_inject(&self, library: &ffi::Id, options: &ffi::InjectOptions) -> BridgeResult<ffi::Id> {
        guard(|| Ok(self.session.start_inject((*library).into(), &options.into())?.into()))
    }

    /// End a started inject.
    pub(crate) fn stop_inject(&self, request: &ffi::Id) -> BridgeResult<Vec<ffi::Id>> {
        guard(|| Ok(to_ids(self.session.stop_inject((*request).into())?)))
    }

    /// Eject media.
    pub(crate) fn eject(&self, media: &[ffi::Id], options: &ffi::EjectOptions) -> BridgeResult<Vec<ffi::Id>> {
        guard(|| Ok(to_ids(self.session.eject(&ids(media), &options.try_into()?)?)))
    }

    /// Stop a queued eject.
    pub(crate) fn stop_eject(&self, request: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.stop_eject((*request).into()))
    }

    /// Unlock the door for an operator.
    pub(crate) fn access_door(&self, library: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.access_door((*library).into()))
    }

    /// Inventory a library.
    pub(crate) fn inventory(
        &self,
        library: &ffi::Id,
        options: &ffi::InventoryOptions,
    ) -> BridgeResult<ffi::InventorySummary> {
        guard(|| Ok(self.session.inventory((*library).into(), &options.try_into()?)?.into()))
    }

    /// Queue an inventory.
    pub(crate) fn start_inventory(&self, library: &ffi::Id, options: &ffi::InventoryOptions) -> BridgeResult<ffi::Id> {
        guard(|| Ok(self.session.start_inventory((*library).into(), &options.try_into()?)?.into()))
    }

    /// Identify the medium in a slot.
    pub(crate) fn identify_slot(&self, slot: &ffi::Id) -> BridgeResult<ffi::OptId> {
        guard(|| Ok(self.session.identify_slot((*slot).into())?.into()))
    }

    /// Record what an application wrote on a side.
    pub(crate) fn update_omid_info(&self, side: &ffi::Id, omid: &ffi::Omid) -> BridgeResult<()> {
        guard(|| {
            let omid = Omid {
                label_type: omid.label_type.clone(),
                label_id: omid.label_id.clone(),
                application: (&omid.application).into(),
            };
            self.session.update_omid_info((*side).into(), omid)
        })
    }

    /// Make a slot the cleaner slot.
    pub(crate) fn reserve_cleaner_slot(&self, library: &ffi::Id, slot: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.reserve_cleaner_slot((*library).into(), (*slot).into()))
    }

    /// Give the cleaner slot back.
    pub(crate) fn release_cleaner_slot(&self, library: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.release_cleaner_slot((*library).into()))
    }

    /// Take a cleaner in.
    pub(crate) fn inject_cleaner(&self, library: &ffi::Id, uses: u32, port: &ffi::OptId) -> BridgeResult<()> {
        guard(|| self.session.inject_cleaner((*library).into(), uses, port.into()))
    }

    /// Put the cleaner out.
    pub(crate) fn eject_cleaner(&self, library: &ffi::Id, port: &ffi::OptId) -> BridgeResult<()> {
        guard(|| self.session.eject_cleaner((*library).into(), port.into()))
    }

    /// Clean a drive.
    pub(crate) fn clean_drive(&self, drive: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.clean_drive((*drive).into()))
    }

    /// Wait for a library request to end.
    pub(crate) fn wait_request(&self, request: &ffi::Id, timeout: &ffi::Wait) -> BridgeResult<ffi::Object> {
        guard(|| Ok(self.session.wait_request((*request).into(), openrsm::Timeout::from(timeout))?.into()))
    }

    /// Cancel a library request.
    pub(crate) fn cancel_request(&self, request: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.cancel_request((*request).into()))
    }

    /// Delete an ended library request.
    pub(crate) fn delete_request(&self, request: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.delete_request((*request).into()))
    }

    /// Library requests, of one library or all.
    pub(crate) fn library_requests(
        &self,
        library: &ffi::OptId,
        unfinished_only: bool,
    ) -> BridgeResult<Vec<ffi::Object>> {
        guard(|| Ok(objects(self.session.library_requests(library.into(), unfinished_only)?)))
    }

    /// The queued requests of a library, in order.
    pub(crate) fn request_queue(&self, library: &ffi::Id) -> BridgeResult<Vec<ffi::Object>> {
        guard(|| Ok(objects(self.session.request_queue((*library).into())?)))
    }

    /// A queued request's position.
    pub(crate) fn request_order(&self, request: &ffi::Id) -> BridgeResult<u32> {
        guard(|| self.session.request_order((*request).into()))
    }

    /// Move a queued request.
    pub(crate) fn set_request_order(&self, request: &ffi::Id, position: u32) -> BridgeResult<()> {
        guard(|| self.session.set_request_order((*request).into(), position))
    }

    /// A library's counters.
    pub(crate) fn library_statistics(&self, library: &ffi::Id) -> BridgeResult<ffi::LibraryStatistics> {
        guard(|| Ok(self.session.library_statistics((*library).into())?.into()))
    }

    /// Compare the database with a library.
    pub(crate) fn verify_library(&self, library: &ffi::Id) -> BridgeResult<Vec<ffi::Discrepancy>> {
        guard(|| Ok(self.session.verify_library((*library).into())?.into_iter().map(Into::into).collect()))
    }

    /// Submit an operator request.
    pub(crate) fn submit_operator_request(
        &self,
        kind: u32,
        message: &str,
        arguments: &[ffi::Id],
    ) -> BridgeResult<ffi::Object> {
        guard(|| Ok(self.session.submit_operator_request(from_number(kind)?, message, &ids(arguments))?.into()))
    }

    /// Wait for an operator request to end.
    pub(crate) fn wait_operator_request(&self, request: &ffi::Id, timeout: &ffi::Wait) -> BridgeResult<ffi::Object> {
        guard(|| Ok(self.session.wait_operator_request((*request).into(), openrsm::Timeout::from(timeout))?.into()))
    }

    /// Mark an operator request done.
    pub(crate) fn satisfy_operator_request(&self, request: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.satisfy_operator_request((*request).into()))
    }

    /// Cancel an operator request.
    pub(crate) fn cancel_operator_request(&self, request: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.cancel_operator_request((*request).into()))
    }

    /// Operator requests.
    pub(crate) fn operator_requests(&self, open_only: bool) -> BridgeResult<Vec<ffi::Object>> {
        guard(|| Ok(objects(self.session.operator_requests(open_only)?)))
    }

    /// The virtual library behind a library object.
    pub(crate) fn virtual_library(&self, library: &ffi::Id) -> BridgeResult<Box<VirtualLibraryHandle>> {
        guard(|| {
            let library = self.session.virtual_library((*library).into())?;
            Ok(Box::new(VirtualLibraryHandle { library: ManuallyDrop::new(library) }))
        })
    }
}

/// A virtual library as an operator and a tester reach it.
pub(crate) struct VirtualLibraryHandle {
    library: ManuallyDrop<VirtualLibrary>,
}

impl Drop for VirtualLibraryHandle {
    fn drop(&mut self) {
        // SAFETY: `library` is not used again after this.
        drop_guarded(unsafe { ManuallyDrop::take(&mut self.library) });
    }
}

fn opt_string(value: Option<String>) -> ffi::OptString {
    value.into()
}

impl VirtualLibraryHandle {
    /// Its directory.
    pub(crate) fn dir(&self) -> BridgeResult<String> {
        guard(|| Ok(self.library.dir().to_string_lossy().into_owned()))
    }

    /// Set the robot's delays.
    pub(crate) fn set_delays(&self, delays: &ffi::VirtualDelays) -> BridgeResult<()> {
        guard(|| self.library.set_delays(delays.into()))
    }

    /// Give it a fault.
    pub(crate) fn set_fault(&self, fault: &ffi::Fault) -> BridgeResult<()> {
        guard(|| self.library.set_fault(fault.try_into()?))
    }

    /// Repair a fault.
    pub(crate) fn clear_fault(&self, fault: &ffi::Fault) -> BridgeResult<()> {
        guard(|| self.library.clear_fault(&fault.try_into()?))
    }

    /// Repair every fault.
    pub(crate) fn clear_faults(&self) -> BridgeResult<()> {
        guard(|| self.library.clear_faults())
    }

    /// Its faults now.
    pub(crate) fn faults(&self) -> BridgeResult<Vec<ffi::Fault>> {
        guard(|| Ok(self.library.faults().iter().map(Into::into).collect()))
    }

    /// Whether the robot is jammed.
    pub(crate) fn is_jammed(&self) -> BridgeResult<bool> {
        guard(|| Ok(self.library.is_jammed()))
    }

    /// An operator clears a jam.
    pub(crate) fn clear_jam(&self) -> BridgeResult<()> {
        guard(|| self.library.clear_jam())
    }

    /// An operator opens the door.
    pub(crate) fn open_door(&self) -> BridgeResult<()> {
        guard(|| self.library.open_door())
    }

    /// An operator closes the door.
    pub(crate) fn close_door(&self) -> BridgeResult<()> {
        guard(|| self.library.close_door())
    }

    /// An operator moves a cartridge by hand.
    pub(crate) fn operator_move(&self, source: u16, destination: u16) -> BridgeResult<()> {
        guard(|| self.library.operator_move(source, destination))
    }

    /// An operator puts a cartridge into an IE port.
    pub(crate) fn insert_into_port(&self, port: u32, cartridge: &ffi::CartridgeSpec) -> BridgeResult<()> {
        guard(|| self.library.insert_into_port(port, cartridge.into()))
    }

    /// An operator takes the cartridge out of an IE port.
    pub(crate) fn take_from_port(&self, port: u32) -> BridgeResult<ffi::OptString> {
        guard(|| Ok(opt_string(self.library.take_from_port(port)?)))
    }

    /// An operator puts a medium into a standalone drive.
    pub(crate) fn insert_into_drive(&self, drive: u32, cartridge: &ffi::CartridgeSpec) -> BridgeResult<()> {
        guard(|| self.library.insert_into_drive(drive, cartridge.into()))
    }

    /// An operator takes the medium out of a standalone drive.
    pub(crate) fn remove_from_drive(&self, drive: u32) -> BridgeResult<ffi::OptString> {
        guard(|| Ok(opt_string(self.library.remove_from_drive(drive)?)))
    }

    /// Write bytes at the start of a medium.
    pub(crate) fn write_medium(&self, barcode: &str, bytes: &[u8]) -> BridgeResult<()> {
        guard(|| self.library.write_medium(barcode, bytes))
    }

    /// Read bytes from the start of a medium.
    pub(crate) fn read_medium_bytes(&self, barcode: &str, len: usize) -> BridgeResult<Vec<u8>> {
        guard(|| self.library.read_medium_bytes(barcode, len))
    }

    /// Where each cartridge is.
    pub(crate) fn contents(&self) -> BridgeResult<Vec<ffi::ElementContent>> {
        guard(|| {
            Ok(self
                .library
                .contents()
                .into_iter()
                .map(|(barcode, element_type, address)| ffi::ElementContent {
                    barcode: barcode.into(),
                    element_type: u32::from(element_type.code()),
                    address,
                })
                .collect())
        })
    }

    /// Cleaning uses left on a cleaner.
    pub(crate) fn cleaner_uses(&self, barcode: &str) -> BridgeResult<ffi::OptU32> {
        guard(|| Ok(self.library.cleaner_uses(barcode).into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_survive_the_round_trip() {
        for fault in [
            VirtualFault::MoveJam,
            VirtualFault::DriveLoadFailure { drive: 2 },
            VirtualFault::DoorLeftOpen,
            VirtualFault::IePortFull { port: 1 },
            VirtualFault::UnreadableBarcode { barcode: "AB0001".into() },
            VirtualFault::CleanerSpent,
        ] {
            let back = VirtualFault::try_from(&ffi::Fault::from(&fault)).unwrap();
            assert_eq!(back, fault);
        }
        let bad = ffi::Fault { kind: 99, ..Default::default() };
        assert_eq!(VirtualFault::try_from(&bad).unwrap_err().kind(), ErrorKind::InvalidParameter);
    }

    #[test]
    fn tables_number_every_value_once() {
        for name in ["EjectMode", "FaultKind", "ElementType"] {
            let table = binding_enum(name).unwrap();
            let mut values: Vec<u32> = table.iter().map(|e| e.value).collect();
            values.dedup();
            assert_eq!(values.len(), table.len(), "{name}");
        }
        assert_eq!(eject_mode(1).unwrap(), EjectMode::Queue);
        assert!(eject_mode(2).is_err());
    }
}
