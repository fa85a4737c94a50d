//! Adding a SCSI library to the database ([`Session::add_scsi_library`], `rsm library add`).

use super::changer::{BlockingChanger, ScsiLibraryConfig};
use crate::db::{self, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::library::{
    device_type, insert_library, ChangerIdentity, ChangerLayout, InventoryOptions, NewDrive, NewLibrary,
};
use crate::model::*;
use crate::objects::check_name;
use crate::session::Session;

/// A SCSI library to add: its changer and, optionally, its drives in element address order.
///
/// ```
/// use openrsm::scsi::ScsiLibrarySpec;
/// let spec = ScsiLibrarySpec::new("iscsi://10.0.0.5/iqn.2000-01.com.example:lib/0")
///     .drive("iscsi://10.0.0.5/iqn.2000-01.com.example:lib/1");
/// assert_eq!(spec.drives.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScsiLibrarySpec {
    /// The changer: an `iscsi://` URL or a device node (`/dev/sch0`, `/dev/sg3`).
    pub changer: String,
    /// The drives (`iscsi://` URLs or `/dev/nst*`), in element address order; empty to discover.
    pub drives: Vec<String>,
    /// Run a FAST inventory (barcodes) once the library is added, so its media appear (default).
    pub inventory: bool,
}

impl ScsiLibrarySpec {
    /// A library with this changer; drives discovered.
    pub fn new(changer: impl Into<String>) -> Self {
        ScsiLibrarySpec { changer: changer.into(), drives: Vec::new(), inventory: true }
    }

    /// Add the next drive.
    pub fn drive(mut self, device: impl Into<String>) -> Self {
        self.drives.push(device.into());
        self
    }

    /// Skip the first inventory.
    pub fn without_inventory(mut self) -> Self {
        self.inventory = false;
        self
    }
}

struct Found {
    config: ScsiLibraryConfig,
    identity: ChangerIdentity,
    layout: ChangerLayout,
    /// (vendor, product, serial) of each drive that answered.
    drives: Vec<Option<(String, String, String)>>,
}

fn probe(spec: &ScsiLibrarySpec) -> Result<Found> {
    let changer = BlockingChanger::open(&spec.changer, &spec.drives)?;
    let identity = changer.identity_blocking()?;
    let a = changer.device().element_address_assignment()?;
    let range = |r: super::parse::AddressRange| crate::library::ElementRange { first: r.first, count: r.count };
    let layout = ChangerLayout {
        transport: range(a.transport),
        storage: range(a.storage),
        import_export: range(a.import_export),
        data_transfer: range(a.data_transfer),
    };
    let drives = changer
        .drive_specs()
        .iter()
        .map(|d| {
            let device = super::ScsiDevice::open(d).ok()?;
            let inquiry = device.inquiry().ok()?;
            let serial = device.unit_serial().ok().flatten().unwrap_or_default();
            Some((inquiry.vendor, inquiry.product, serial))
        })
        .collect();
    Ok(Found { config: changer.config(), identity, layout, drives })
}

impl Session {
    /// Add a SCSI tape library (an SMC changer reached over iSCSI or SG_IO) as an ONLINE library
    /// with driver `scsi:...`: its changer, door, drives, slots and IE ports by element address,
    /// then (unless the spec says not to) a FAST inventory that records the media it holds.
    ///
    /// Fails with `INVALID_PARAMETER` for a name in use or a malformed device, `INVALID_LIBRARY`
    /// when the device is not a media changer, `DEVICE_NOT_AVAILABLE` when it cannot be reached.
    pub fn add_scsi_library(&self, name: &str, spec: &ScsiLibrarySpec) -> Result<Object> {
        check_name(name)?;
        let taken =
            self.db()?.read(|conn| Ok(!db::query(conn, ObjectType::Library, "o.name = ?1", [name])?.is_empty()))?;
        if taken {
            return Err(Error::invalid(format!("a library named {name:?} exists already")));
        }
        let found = if tokio::runtime::Handle::try_current().is_ok() {
            tokio::task::block_in_place(|| probe(spec))?
        } else {
            probe(spec)?
        };
        let library = self.register_scsi(name, &found)?;
        if spec.inventory {
            self.inventory(library.id, &InventoryOptions::fast())
                .map_err(|e| e.with_context(format!("library {name} was added, but its first inventory failed")))?;
        }
        self.db()?.read(|conn| db::load_as(conn, library.id, ObjectType::Library))
    }

    fn register_scsi(&self, name: &str, found: &Found) -> Result<Object> {
        let Found { config, identity, layout, drives } = found;
        if layout.data_transfer.count == 0 && layout.storage.count == 0 {
            return Err(Error::new(
                ErrorKind::InvalidLibrary,
                format!("{} reports no drives and no slots", config.changer),
            ));
        }
        self.db()?.write(|tx| {
            let changer_type = device_type(tx, ObjectType::ChangerType, &identity.vendor, &identity.product, 8)?;
            let new = NewLibrary {
                name,
                description: format!("{} {} at {}", identity.vendor, identity.product, config.changer),
                info: LibraryInfo {
                    library_type: LibraryType::Online,
                    cleaner_slot: None,
                    cleaner_uses_left: None,
                    barcode_reader: identity.barcode_reader,
                    inventory_method: InventoryMethod::Fast,
                    auto_recovery: true,
                    driver: Some(config.driver_string()),
                },
                changer: ChangerInfo {
                    library: ObjectId::default(),
                    changer_type: Some(changer_type),
                    device_path: Some(config.changer.clone()),
                    serial: Some(identity.serial.clone()).filter(|s| !s.is_empty()),
                },
                layout: *layout,
            };
            let drive = |tx: &mut Tx<'_>, number: usize| {
                let known = drives.get(number).cloned().flatten();
                let drive_type = match &known {
                    Some((vendor, product, _)) => Some(device_type(tx, ObjectType::DriveType, vendor, product, 1)?),
                    None => None,
                };
                Ok(NewDrive {
                    drive_type,
                    device_path: config.drives.get(number).cloned().filter(|d| !d.is_empty()),
                    serial: known.map(|(_, _, s)| s).filter(|s| !s.is_empty()),
                })
            };
            let (library, _) = insert_library(tx, new, drive, |_, _, _, _| Ok(()))?;
            Ok(library)
        })
    }
}
