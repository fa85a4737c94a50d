//! RSM enumerations across the bridge: they travel as their RSM numbers; this module turns numbers
//! back into core values (refusing unknown ones with `INVALID_PARAMETER`) and gives C++ the core's
//! own tables, so its tests can check the hand-written `enum class`es against them.

use openrsm::{Error, ErrorKind};

use crate::bridge::ffi::EnumEntry;
use crate::errors::{guard, BridgeResult};

/// An RSM enumeration of the core.
pub(crate) trait RsmEnum: Sized + Copy + std::str::FromStr<Err = Error> + 'static {
    /// Its name, as the C++ `enum class` is named.
    const NAME: &'static str;
    /// Every value.
    fn all() -> &'static [Self];
    /// The RSM number.
    fn number(self) -> u32;
    /// The RSM name.
    fn rsm_name(self) -> &'static str;
    /// The value with this RSM number.
    fn from_number(value: u32) -> Option<Self>;
}

macro_rules! rsm_enums {
    ($($name:ident),* $(,)?) => {
        $(
            impl RsmEnum for openrsm::$name {
                const NAME: &'static str = stringify!($name);
                fn all() -> &'static [Self] { openrsm::$name::ALL }
                fn number(self) -> u32 { self.value() }
                fn rsm_name(self) -> &'static str { self.name() }
                fn from_number(value: u32) -> Option<Self> { openrsm::$name::from_value(value) }
            }
        )*

        /// Call `$f::<E>()` for the enumeration named `name`.
        macro_rules! with_enum {
            ($enum_name:expr, $f:ident $args:tt) => {
                match $enum_name {
                    $( stringify!($name) => $f::<openrsm::$name> $args, )*
                    other => Err(Error::new(ErrorKind::InvalidParameter, format!("{other:?} is not an RSM enumeration"))),
                }
            };
        }
    };
}

rsm_enums!(
    ObjectType,
    OperationalState,
    LibraryType,
    InventoryMethod,
    DriveState,
    SlotState,
    DoorState,
    PortContent,
    PortPosition,
    ReadWrite,
    BarcodeState,
    MediaState,
    PartitionState,
    PoolKind,
    LibRequestOperation,
    LibRequestState,
    OpRequestKind,
    OpRequestState,
    Operation,
    LocationKind,
);

/// The core value with RSM number `value`, or `INVALID_PARAMETER`.
pub(crate) fn from_number<E: RsmEnum>(value: u32) -> openrsm::Result<E> {
    E::from_number(value)
        .ok_or_else(|| Error::new(ErrorKind::InvalidParameter, format!("{value} is not a valid {}", E::NAME)))
}

fn entries<E: RsmEnum>() -> openrsm::Result<Vec<EnumEntry>> {
    Ok(E::all().iter().map(|v| EnumEntry { value: v.number(), name: v.rsm_name().to_string() }).collect())
}

fn parse<E: RsmEnum>(text: &str) -> openrsm::Result<u32> {
    text.parse::<E>().map(E::number)
}

/// The values of the enumeration named `enum_name`.
pub(crate) fn enum_entries(enum_name: &str) -> BridgeResult<Vec<EnumEntry>> {
    guard(|| match binding_enum(enum_name) {
        Some(table) => Ok(table),
        None => with_enum!(enum_name, entries()),
    })
}

/// The tables of the binding's own enumerations (numbered by the binding, not by RSM).
fn binding_enum(enum_name: &str) -> Option<Vec<EnumEntry>> {
    crate::library::binding_enum(enum_name).or_else(|| crate::detect::binding_enum(enum_name))
}

/// A value of a binding enumeration by name (any case, `-` or `_`) or number.
fn parse_binding(table: &[EnumEntry], enum_name: &str, text: &str) -> openrsm::Result<u32> {
    let wanted = text.trim().replace('-', "_");
    table
        .iter()
        .find(|e| e.name.eq_ignore_ascii_case(&wanted) || e.value.to_string() == wanted)
        .map(|e| e.value)
        .ok_or_else(|| Error::new(ErrorKind::InvalidParameter, format!("{text:?} is not a valid {enum_name}")))
}

/// Parse `text` as a value of the enumeration named `enum_name`; `ErrorKind` takes a name (with or
/// without `ERROR_`) or a code.
pub(crate) fn enum_parse(enum_name: &str, text: &str) -> BridgeResult<u32> {
    guard(|| {
        if enum_name == "ErrorKind" {
            let text = text.trim();
            let kind = text.parse().ok().and_then(ErrorKind::from_code).or_else(|| ErrorKind::from_name(text));
            return kind.map(ErrorKind::code).ok_or_else(|| {
                Error::new(ErrorKind::InvalidParameter, format!("{text:?} is not an RSM error OpenRSM knows"))
            });
        }
        if let Some(table) = binding_enum(enum_name) {
            return parse_binding(&table, enum_name, text);
        }
        with_enum!(enum_name, parse(text))
    })
}

/// Every error kind of the core.
pub(crate) fn error_kinds() -> BridgeResult<Vec<EnumEntry>> {
    guard(|| Ok(ErrorKind::ALL.iter().map(|k| EnumEntry { value: k.code(), name: k.name().to_string() }).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_and_parsing_come_from_the_core() {
        let types = enum_entries("ObjectType").unwrap();
        assert_eq!(types.len(), openrsm::ObjectType::ALL.len());
        assert!(types.iter().any(|e| e.value == 15 && e.name == "PHYSICAL_MEDIA"));
        assert_eq!(enum_parse("ObjectType", "physical-media").unwrap(), 15);
        assert_eq!(enum_parse("PoolKind", "1000").unwrap(), 1000);
        assert!(enum_parse("ObjectType", "tape").is_err());
        assert!(enum_entries("NoSuchEnum").is_err());
        assert_eq!(error_kinds().unwrap().len(), ErrorKind::ALL.len());
        assert_eq!(enum_parse("ErrorKind", "error_object_not_found").unwrap(), 4312);
        assert_eq!(enum_parse("ErrorKind", "4307").unwrap(), 4307);
        assert!(enum_parse("ErrorKind", "1359").is_err());
        assert_eq!(enum_parse("DeviceKind", "tape-drive").unwrap(), 0);
        assert_eq!(enum_parse("FaultKind", "4").unwrap(), 4);
        assert!(enum_parse("EjectMode", "later").is_err());
    }

    #[test]
    fn unknown_numbers_are_invalid_parameters() {
        assert_eq!(from_number::<openrsm::ObjectType>(15).unwrap(), openrsm::ObjectType::PhysicalMedia);
        let err = from_number::<openrsm::ObjectType>(999).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    }
}
