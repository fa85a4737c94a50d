//! The core's RSM enumerations as Python `enum.IntEnum`s, built when the module loads from the
//! core's own tables (`ALL`, `value()`, `name()`), so that member names and numbers cannot drift
//! from the core. A member's `.name` is the RSM name and its `.value` the RSM number.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString};

/// The Python class of an enumeration and its members, indexed like the core's `ALL`.
pub struct EnumTable {
    class: Py<PyAny>,
    members: Vec<(u32, Py<PyAny>)>,
}

/// A core enumeration with a Python `IntEnum` twin.
pub trait PyEnum: Copy + Send + 'static {
    /// The Python class name.
    const NAME: &'static str;
    /// Every value, as the core lists them.
    fn all() -> &'static [Self];
    /// The RSM number.
    fn number(self) -> u32;
    /// The RSM name.
    fn rsm_name(self) -> &'static str;
    /// Where the Python class is kept once built.
    fn table() -> &'static PyOnceLock<EnumTable>;

    /// The Python member for this value.
    fn to_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let table = table_of::<Self>(py)?;
        let number = self.number();
        match table.members.iter().find(|(n, _)| *n == number) {
            Some((_, member)) => Ok(member.bind(py).clone()),
            None => Err(PyValueError::new_err(format!("{} has no member {number}", Self::NAME))),
        }
    }

    /// The value for a Python member, an RSM number, or an RSM name (any case).
    fn from_py(ob: &Bound<'_, PyAny>) -> PyResult<Self> {
        let found = if let Ok(number) = ob.extract::<u32>() {
            Self::all().iter().copied().find(|v| v.number() == number)
        } else if let Ok(text) = ob.cast::<PyString>() {
            let wanted = text.to_cow()?.trim().to_ascii_uppercase().replace('-', "_");
            Self::all().iter().copied().find(|v| v.rsm_name() == wanted)
        } else {
            None
        };
        found.ok_or_else(|| {
            let names: Vec<&str> = Self::all().iter().map(|v| v.rsm_name()).collect();
            PyValueError::new_err(format!(
                "{} is not a {}; expected one of {}",
                ob.repr().map(|r| r.to_string()).unwrap_or_default(),
                Self::NAME,
                names.join(", ")
            ))
        })
    }

    /// The Python class.
    fn class(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        Ok(table_of::<Self>(py)?.class.bind(py).clone())
    }
}

fn table_of<T: PyEnum>(py: Python<'_>) -> PyResult<&'static EnumTable> {
    T::table().get_or_try_init(py, || build::<T>(py))
}

fn build<T: PyEnum>(py: Python<'_>) -> PyResult<EnumTable> {
    let members = PyList::empty(py);
    for v in T::all() {
        members.append((v.rsm_name(), v.number()))?;
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item("module", "openrsm")?;
    kwargs.set_item("qualname", T::NAME)?;
    let class = py.import("enum")?.getattr("IntEnum")?.call((T::NAME, members), Some(&kwargs))?;
    let mut table = Vec::with_capacity(T::all().len());
    for v in T::all() {
        table.push((v.number(), class.getattr(v.rsm_name())?.unbind()));
    }
    Ok(EnumTable { class: class.unbind(), members: table })
}

/// A core enumeration taken as an argument: a member, an RSM number or an RSM name.
#[derive(Clone, Copy)]
pub struct Arg<T>(pub T);

impl<'a, 'py, T: PyEnum> FromPyObject<'a, 'py> for Arg<T> {
    type Error = PyErr;
    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        T::from_py(&ob).map(Arg)
    }
}

macro_rules! py_enums {
    ($( $ty:path => $name:literal, $number:ident; )*) => {
        $(
            impl PyEnum for $ty {
                const NAME: &'static str = $name;
                fn all() -> &'static [Self] {
                    <$ty>::ALL
                }
                fn number(self) -> u32 {
                    self.$number()
                }
                fn rsm_name(self) -> &'static str {
                    self.name()
                }
                fn table() -> &'static PyOnceLock<EnumTable> {
                    static TABLE: PyOnceLock<EnumTable> = PyOnceLock::new();
                    &TABLE
                }
            }
        )*

        /// Add every enumeration's class to the module.
        pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            let names = PyList::empty(m.py());
            $(
                m.add($name, <$ty as PyEnum>::class(m.py())?)?;
                names.append($name)?;
            )*
            m.add("ENUM_NAMES", names)?;
            Ok(())
        }
    };
}

py_enums! {
    openrsm::ErrorKind => "ErrorKind", code;
    openrsm::ObjectType => "ObjectType", value;
    openrsm::OperationalState => "OperationalState", value;
    openrsm::LibraryType => "LibraryType", value;
    openrsm::InventoryMethod => "InventoryMethod", value;
    openrsm::DriveState => "DriveState", value;
    openrsm::SlotState => "SlotState", value;
    openrsm::DoorState => "DoorState", value;
    openrsm::PortContent => "PortContent", value;
    openrsm::PortPosition => "PortPosition", value;
    openrsm::ReadWrite => "ReadWrite", value;
    openrsm::BarcodeState => "BarcodeState", value;
    openrsm::MediaState => "MediaState", value;
    openrsm::PartitionState => "PartitionState", value;
    openrsm::PoolKind => "PoolKind", value;
    openrsm::LibRequestOperation => "LibRequestOperation", value;
    openrsm::LibRequestState => "LibRequestState", value;
    openrsm::OpRequestKind => "OpRequestKind", value;
    openrsm::OpRequestState => "OpRequestState", value;
    openrsm::Operation => "Operation", value;
    openrsm::LocationKind => "LocationKind", value;
}
