//! Library control on a real SCSI library: tgt's SMC changer and SSC drives over iSCSI, driven
//! end to end through the public session API (skipped with a message where tgt cannot run).

mod support;

use std::process::Command;

use openrsm::library::{Changer, DismountOptions, EjectOptions, ElementType, InjectOptions, MountOptions};
use openrsm::scsi::{Readiness, ScsiChanger, ScsiDevice, ScsiLibrarySpec};
use openrsm::{Detail, ErrorKind, LocationKind, ObjectType, Session, SessionOptions};
use support::tgt::{Vtl, DRIVE_FIRST, IE_FIRST, SLOT_FIRST};

fn session() -> (tempfile::TempDir, Session) {
    let home = tempfile::tempdir().unwrap();
    let session = Session::open(SessionOptions::default().home(home.path()).application("scsi-test")).unwrap();
    (home, session)
}

fn location(session: &Session, media: openrsm::ObjectId) -> LocationKind {
    match session.object(media).unwrap().detail {
        Detail::PhysicalMedia(info) => info.location.kind,
        other => panic!("not a medium: {other:?}"),
    }
}

/// What tgt's changer says is at `address`.
fn tag_at(vtl: &Vtl, address: u16) -> Option<String> {
    let changer = ScsiChanger::open(&vtl.url, &[]).unwrap();
    let all = changer.element_status_blocking(&[]).unwrap();
    let e = all.iter().find(|e| e.address == address).expect("element");
    e.full.then(|| e.volume_tag.clone().unwrap_or_default())
}

#[test]
fn add_library_discovers_drives_and_inventories_barcodes() {
    let Some(vtl) = Vtl::start(2, 10, 8, 2) else { return };
    let (_home, session) = session();
    let library = session.add_scsi_library("Tapes", &ScsiLibrarySpec::new(&vtl.url)).unwrap();
    let Detail::Library(info) = &library.detail else { panic!() };
    let driver = info.driver.clone().unwrap();
    // Both drives were found and matched to their elements (by device identifier, then prefix).
    assert_eq!(driver, format!("scsi:{};drive={};drive={}", vtl.url, vtl.drive_url(1), vtl.drive_url(2)));
    let drives = session.enumerate(Some(library.id), ObjectType::Drive).unwrap();
    assert_eq!(drives.len(), 2);
    let slots = session.enumerate(Some(library.id), ObjectType::StorageSlot).unwrap();
    assert_eq!(slots.len(), 10);
    assert_eq!(session.enumerate(Some(library.id), ObjectType::IePort).unwrap().len(), 2);
    let media = session.enumerate(Some(library.id), ObjectType::PhysicalMedia).unwrap();
    let mut barcodes: Vec<String> = media
        .iter()
        .map(|m| match &m.detail {
            Detail::PhysicalMedia(i) => i.barcode.clone().unwrap(),
            _ => unreachable!(),
        })
        .collect();
    barcodes.sort();
    assert_eq!(barcodes, (1..=8).map(|i| format!("OR{i:04}L6")).collect::<Vec<_>>());
    assert!(session.verify_library(library.id).unwrap().is_empty());
    // The same name twice is refused; a tape drive is not a changer.
    let err = session.add_scsi_library("Tapes", &ScsiLibrarySpec::new(&vtl.url)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    let err = session.add_scsi_library("Drive", &ScsiLibrarySpec::new(vtl.drive_url(1))).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidLibrary);
}

#[test]
fn mount_makes_the_drive_ready_and_dismount_returns_the_tape() {
    let Some(vtl) = Vtl::start(2, 10, 8, 2) else { return };
    let (_home, session) = session();
    let library = session.add_scsi_library("Tapes", &ScsiLibrarySpec::new(&vtl.url)).unwrap();
    let tape = session.resolve(Some(ObjectType::PhysicalMedia), "OR0004L6").unwrap();
    let mounted = session.mount(&[tape.id], &MountOptions::default().write()).unwrap();
    let path = mounted[0].device_path.clone().expect("the drive's device");
    assert!(path.starts_with("iscsi://"));
    assert_eq!(location(&session, tape.id), LocationKind::Drive);

    // The application side: the drive LUN is ready and its first block can be written and read.
    let drive = ScsiDevice::open(&path).unwrap();
    assert_eq!(drive.test_unit_ready().unwrap(), Readiness::Ready);
    let mut label = b"VOL1OR0004".to_vec();
    label.resize(80, b' ');
    drive.rewind().unwrap();
    drive.write_block(&label).unwrap();
    drive.write_filemarks(1).unwrap();
    drive.rewind().unwrap();
    assert_eq!(drive.read_block(65536, None).unwrap().data, label);

    session.dismount(&[tape.id], &DismountOptions::immediate()).unwrap();
    assert_eq!(location(&session, tape.id), LocationKind::Slot);
    assert_eq!(drive.test_unit_ready().unwrap(), Readiness::NoMedium);
    assert_eq!(tag_at(&vtl, SLOT_FIRST + 3).as_deref(), Some("OR0004L6"));
    assert!(session.verify_library(library.id).unwrap().is_empty());
}

#[test]
fn eject_and_inject_through_the_ie_ports() {
    let Some(vtl) = Vtl::start(2, 10, 8, 2) else { return };
    let (_home, session) = session();
    let library = session.add_scsi_library("Tapes", &ScsiLibrarySpec::new(&vtl.url)).unwrap();
    let tape = session.resolve(Some(ObjectType::PhysicalMedia), "OR0002L6").unwrap();
    session.eject(&[tape.id], &EjectOptions::default()).unwrap();
    let in_port = [IE_FIRST, IE_FIRST + 1].iter().find_map(|a| tag_at(&vtl, *a));
    assert_eq!(in_port.as_deref(), Some("OR0002L6"));
    assert_eq!(tag_at(&vtl, SLOT_FIRST + 1), None);

    // The cartridge is still in the port: injecting takes it back into a slot.
    let injected = session.inject(library.id, &InjectOptions::default()).unwrap();
    assert_eq!(injected.len(), 1);
    assert_eq!(location(&session, tape.id), LocationKind::Slot);
    assert!([IE_FIRST, IE_FIRST + 1].iter().all(|a| tag_at(&vtl, *a).is_none()));

    // An operator puts a new cartridge in a port (tgtadm plays the operator).
    let media_home = vtl.dir().join("media");
    let ok = Command::new("tgtimg")
        .args(["--op", "new", "--device-type", "tape", "--barcode", "NEW001L6", "--size", "16", "--type", "data"])
        .arg("--thin-provisioning")
        .arg(format!("--file={}", media_home.join("NEW001L6").display()))
        .output()
        .unwrap();
    assert!(ok.status.success());
    let ok = Command::new("tgtadm")
        .args(["-C", &vtl.control(), "--lld", "iscsi", "--mode", "logicalunit", "--op", "update"])
        .args(["--tid", "1", "--lun", &(vtl.drives + 1).to_string()])
        .args(["--params", &format!("element_type=3,address={},barcode=NEW001L6,sides=1", IE_FIRST + 1)])
        .status()
        .unwrap();
    assert!(ok.success());
    let injected = session.inject(library.id, &InjectOptions::default()).unwrap();
    assert_eq!(injected.len(), 1);
    let new = session.resolve(Some(ObjectType::PhysicalMedia), "NEW001L6").unwrap();
    assert_eq!(location(&session, new.id), LocationKind::Slot);
    assert!(session.verify_library(library.id).unwrap().is_empty());
}

#[test]
fn changer_errors_for_empty_sources_and_full_destinations() {
    let Some(vtl) = Vtl::start(2, 10, 8, 2) else { return };
    let changer = ScsiChanger::open(&vtl.url, &[]).unwrap();
    openrsm::runtime::block_on(async {
        let layout = changer.layout().await.unwrap();
        assert_eq!(layout.data_transfer.first, DRIVE_FIRST);
        // Slot 9 is empty.
        let err = changer.move_medium(SLOT_FIRST + 8, DRIVE_FIRST).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MediumNotAccessible);
        assert!(err.message().contains("3B/0E"));
        let err = changer.move_medium(SLOT_FIRST, SLOT_FIRST + 1).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotEmpty);
        changer.move_medium(SLOT_FIRST, IE_FIRST).await.unwrap();
        let err = changer.move_medium(SLOT_FIRST + 1, IE_FIRST).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::IeportFull);
        assert!(err.message().contains("3B/0D"));
        let err = changer.load(SLOT_FIRST).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidDriveObject);
        // A drive with nothing in it cannot be loaded; unloading it is a no-op.
        assert_eq!(changer.load(DRIVE_FIRST).await.unwrap_err().kind(), ErrorKind::UnableToLoadMedium);
        changer.unload(DRIVE_FIRST).await.unwrap();
        // tgt implements neither door locking nor port extension: both are accepted as no-ops.
        changer.lock_door(true).await.unwrap();
        assert!(changer.door_status().await.unwrap().locked);
        changer.set_port_extended(IE_FIRST, true).await.unwrap();
        changer.scan().await.unwrap();
        // Reading the label of a fresh (blank) tape gives no bytes, not an error.
        changer.move_medium(SLOT_FIRST + 1, DRIVE_FIRST + 1).await.unwrap();
        changer.load(DRIVE_FIRST + 1).await.unwrap();
        assert!(changer.read_medium(DRIVE_FIRST + 1, 4096).await.unwrap().is_empty());
        let status = changer.element_status(&[ElementType::DataTransfer]).await.unwrap();
        let d = status.iter().find(|s| s.address == DRIVE_FIRST + 1).unwrap();
        assert_eq!((d.full, d.source, d.volume_tag.as_deref()), (true, Some(SLOT_FIRST + 1), Some("OR0002L6")));
        assert_eq!(d.media_type.as_deref(), Some("LTO-6"));
        assert!(d.accessible, "tgt never sets ACCESS: elements count as reachable");
    })
    .unwrap();
}
