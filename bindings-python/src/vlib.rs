//! The virtual library seen from outside the robot (`Session.virtual_library(lib)`): operators at
//! the IE ports, the door and standalone drives, media images, and fault injection (`Fault`).

use openrsm::library::{CartridgeSpec, ElementType, VirtualFault};
use pyo3::prelude::*;

use crate::convert::{ByteArg, Bytes};
use crate::errors::IntoPyResult;

/// A fault injected into a virtual library: `Fault.move_jam()`, `Fault.drive_load_failure(0)`,
/// `Fault.door_left_open()`, `Fault.ieport_full(0)`, `Fault.unreadable_barcode("T0001")`,
/// `Fault.cleaner_spent()`.
#[pyclass(frozen, eq, hash, module = "openrsm")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Fault(VirtualFault);

#[pymethods]
impl Fault {
    /// The next move jams: the medium stays in the robot's hand until `clear_jam()`.
    #[staticmethod]
    fn move_jam() -> Fault {
        Fault(VirtualFault::MoveJam)
    }

    /// Drive `drive` (from 0) fails to load media.
    #[staticmethod]
    fn drive_load_failure(drive: u32) -> Fault {
        Fault(VirtualFault::DriveLoadFailure { drive })
    }

    /// The door is left open: the robot does not move.
    #[staticmethod]
    fn door_left_open() -> Fault {
        Fault(VirtualFault::DoorLeftOpen)
    }

    /// IE port `port` (from 0) is blocked: it reports full and takes no medium.
    #[staticmethod]
    fn ieport_full(port: u32) -> Fault {
        Fault(VirtualFault::IePortFull { port })
    }

    /// The barcode label of this cartridge cannot be read.
    #[staticmethod]
    fn unreadable_barcode(barcode: String) -> Fault {
        Fault(VirtualFault::UnreadableBarcode { barcode })
    }

    /// Every cleaning cartridge is spent.
    #[staticmethod]
    fn cleaner_spent() -> Fault {
        Fault(VirtualFault::CleanerSpent)
    }

    fn __repr__(&self) -> String {
        match &self.0 {
            VirtualFault::MoveJam => "Fault.move_jam()".into(),
            VirtualFault::DriveLoadFailure { drive } => format!("Fault.drive_load_failure({drive})"),
            VirtualFault::DoorLeftOpen => "Fault.door_left_open()".into(),
            VirtualFault::IePortFull { port } => format!("Fault.ieport_full({port})"),
            VirtualFault::UnreadableBarcode { barcode } => format!("Fault.unreadable_barcode({barcode:?})"),
            VirtualFault::CleanerSpent => "Fault.cleaner_spent()".into(),
        }
    }
}

fn element_type_name(t: ElementType) -> &'static str {
    match t {
        ElementType::Transport => "transport",
        ElementType::Storage => "slot",
        ElementType::ImportExport => "port",
        ElementType::DataTransfer => "drive",
    }
}

fn cartridge(
    barcode: Option<String>,
    media_type: Option<String>,
    label: Option<ByteArg>,
    cleaner_uses: Option<u32>,
) -> CartridgeSpec {
    CartridgeSpec { barcode, media_type, label: label.map(|l| l.0).unwrap_or_default(), cleaner_uses }
}

/// A virtual library's outside: what operators do and what faults happen. Element numbers count
/// from 0; `operator_move` takes element addresses (`Drive.element_address`, ...).
#[pyclass(frozen, module = "openrsm")]
pub struct VirtualLibrary(openrsm::library::VirtualLibrary);

impl VirtualLibrary {
    /// Wrap the core handle.
    pub fn new(inner: openrsm::library::VirtualLibrary) -> Self {
        VirtualLibrary(inner)
    }
}

#[pymethods]
impl VirtualLibrary {
    /// Its directory (state and media images).
    #[getter]
    fn dir(&self) -> std::path::PathBuf {
        self.0.dir().to_path_buf()
    }

    /// An operator puts a cartridge into IE port `port`; `IePortFullError` if it holds one.
    #[pyo3(signature = (port, barcode = None, *, media_type = None, label = None, cleaner_uses = None))]
    fn insert_into_port(
        &self,
        py: Python<'_>,
        port: u32,
        barcode: Option<String>,
        media_type: Option<String>,
        label: Option<ByteArg>,
        cleaner_uses: Option<u32>,
    ) -> PyResult<()> {
        let spec = cartridge(barcode, media_type, label, cleaner_uses);
        py.detach(|| self.0.insert_into_port(port, spec)).py()
    }

    /// An operator takes the cartridge out of IE port `port`; its barcode, None if it has none.
    fn take_from_port(&self, py: Python<'_>, port: u32) -> PyResult<Option<String>> {
        py.detach(|| self.0.take_from_port(port)).py()
    }

    /// An operator puts a medium into standalone drive `drive`.
    #[pyo3(signature = (drive, barcode = None, *, media_type = None, label = None))]
    fn insert_into_drive(
        &self,
        py: Python<'_>,
        drive: u32,
        barcode: Option<String>,
        media_type: Option<String>,
        label: Option<ByteArg>,
    ) -> PyResult<()> {
        let spec = cartridge(barcode, media_type, label, None);
        py.detach(|| self.0.insert_into_drive(drive, spec)).py()
    }

    /// An operator takes the medium out of standalone drive `drive`; its barcode.
    fn remove_from_drive(&self, py: Python<'_>, drive: u32) -> PyResult<Option<String>> {
        py.detach(|| self.0.remove_from_drive(drive)).py()
    }

    /// An operator opens the door (`NotReadyError` while it is locked).
    fn open_door(&self, py: Python<'_>) -> PyResult<()> {
        py.detach(|| self.0.open_door()).py()
    }

    /// An operator closes the door.
    fn close_door(&self, py: Python<'_>) -> PyResult<()> {
        py.detach(|| self.0.close_door()).py()
    }

    /// An operator moves a cartridge by hand between element addresses (door open).
    fn operator_move(&self, py: Python<'_>, source: u16, destination: u16) -> PyResult<()> {
        py.detach(|| self.0.operator_move(source, destination)).py()
    }

    /// An operator clears a jam: the medium in the robot's hand goes back.
    fn clear_jam(&self, py: Python<'_>) -> PyResult<()> {
        py.detach(|| self.0.clear_jam()).py()
    }

    /// Whether the robot is jammed.
    #[getter]
    fn jammed(&self) -> bool {
        self.0.is_jammed()
    }

    /// Write bytes at the start of the medium with this barcode (a label).
    fn write_medium(&self, py: Python<'_>, barcode: String, data: ByteArg) -> PyResult<()> {
        py.detach(|| self.0.write_medium(&barcode, &data.0)).py()
    }

    /// Read up to `length` bytes from the start of the medium with this barcode.
    fn read_medium(&self, py: Python<'_>, barcode: String, length: usize) -> PyResult<Bytes> {
        py.detach(|| self.0.read_medium_bytes(&barcode, length)).py().map(Bytes)
    }

    /// Where each cartridge really is: `(barcode, element kind, element address)` in address
    /// order; the kind is `"slot"`, `"drive"`, `"port"` or `"transport"`.
    fn contents(&self) -> Vec<(Option<String>, &'static str, u16)> {
        self.0.contents().into_iter().map(|(b, t, a)| (b, element_type_name(t), a)).collect()
    }

    /// Cleaning uses left on the cleaner with this barcode; None if it is not a cleaner.
    fn cleaner_uses(&self, barcode: &str) -> Option<u32> {
        self.0.cleaner_uses(barcode)
    }

    /// Inject a fault.
    fn set_fault(&self, py: Python<'_>, fault: PyRef<'_, Fault>) -> PyResult<()> {
        let fault = fault.0.clone();
        py.detach(|| self.0.set_fault(fault)).py()
    }

    /// Clear one fault.
    fn clear_fault(&self, py: Python<'_>, fault: PyRef<'_, Fault>) -> PyResult<()> {
        let fault = fault.0.clone();
        py.detach(|| self.0.clear_fault(&fault)).py()
    }

    /// Clear every fault.
    fn clear_faults(&self, py: Python<'_>) -> PyResult<()> {
        py.detach(|| self.0.clear_faults()).py()
    }

    /// The faults in force.
    #[getter]
    fn faults(&self) -> Vec<Fault> {
        self.0.faults().into_iter().map(Fault).collect()
    }

    fn __repr__(&self) -> String {
        format!("<openrsm.VirtualLibrary {}>", self.0.dir().display())
    }
}

/// Add this module's classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Fault>()?;
    m.add_class::<VirtualLibrary>()?;
    Ok(())
}
