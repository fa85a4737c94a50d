//! The SCSI command layer against a real SMC changer and SSC tape drives: tgt over iSCSI on
//! loopback (started per test by scripts/tgt-vtl.sh; skipped with a message where tgt cannot run).

mod support;

use openrsm::scsi::cdb::{self, ElementTypeCode};
use openrsm::scsi::parse::device_type;
use openrsm::scsi::{Readiness, ScsiDevice, SenseKey};
use openrsm::ErrorKind;
use support::tgt::{Vtl, DRIVE_FIRST, IE_FIRST, SLOT_FIRST, TRANSPORT};

fn tag(d: &openrsm::scsi::parse::ElementDescriptor) -> String {
    d.primary_tag.as_ref().map(|t| t.identifier.clone()).unwrap_or_default()
}

#[test]
fn identity_and_layout() {
    let Some(vtl) = Vtl::start(2, 10, 8, 2) else { return };
    let changer = ScsiDevice::open(&vtl.url).unwrap();
    let inq = changer.inquiry().unwrap();
    assert_eq!(inq.device_type, device_type::CHANGER);
    assert_eq!(inq.product, "VIRTUAL-CHANGER");
    assert!(changer.unit_serial().unwrap().is_some_and(|s| !s.is_empty()));
    let layout = changer.element_address_assignment().unwrap();
    assert_eq!((layout.transport.first, layout.transport.count), (TRANSPORT, 1));
    assert_eq!((layout.storage.first, layout.storage.count), (SLOT_FIRST, 10));
    assert_eq!((layout.import_export.first, layout.import_export.count), (IE_FIRST, 2));
    assert_eq!((layout.data_transfer.first, layout.data_transfer.count), (DRIVE_FIRST, 2));
    // MODE SENSE(10) says the same.
    let ten = changer.run(&cdb::mode_sense10(cdb::PAGE_ELEMENT_ADDRESS_ASSIGNMENT, 256)).unwrap();
    assert_eq!(openrsm::scsi::parse::parse_element_address_assignment(&ten, true).unwrap(), layout);

    let drive = ScsiDevice::open(&vtl.drive_url(1)).unwrap();
    let inq = drive.inquiry().unwrap();
    assert_eq!(inq.device_type, device_type::TAPE);
    assert!(!drive.device_identification().unwrap().is_empty());
}

#[test]
fn element_status_per_type() {
    let Some(vtl) = Vtl::start(2, 10, 8, 2) else { return };
    let changer = ScsiDevice::open(&vtl.url).unwrap();
    let slots = changer.read_element_status(ElementTypeCode::Storage, SLOT_FIRST, 10, true, false).unwrap();
    assert_eq!(slots.descriptors.len(), 10);
    for (i, d) in slots.descriptors.iter().enumerate() {
        assert_eq!(d.address, SLOT_FIRST + i as u16);
        assert_eq!(d.full, i < 8);
        assert_eq!(tag(d), if i < 8 { format!("OR{:04}L6", i + 1) } else { String::new() });
    }
    let ports = changer.read_element_status(ElementTypeCode::ImportExport, IE_FIRST, 2, true, false).unwrap();
    assert_eq!(ports.descriptors.iter().map(|d| (d.address, d.full)).collect::<Vec<_>>(), [(16, false), (17, false)]);
    let hand = changer.read_element_status(ElementTypeCode::Transport, TRANSPORT, 1, true, false).unwrap();
    assert_eq!(hand.descriptors.len(), 1);
    let drives = changer.read_element_status(ElementTypeCode::DataTransfer, DRIVE_FIRST, 2, true, true).unwrap();
    assert_eq!(drives.descriptors.len(), 2);
    assert!(drives.descriptors.iter().all(|d| !d.full));
    let id = drives.descriptors[0].device_id.as_ref().expect("tgt reports drive identifiers");
    assert!(id.complete && id.text().contains("VIRTUAL-TAPE"));
}

#[test]
fn large_library_in_one_read() {
    let Some(vtl) = Vtl::start(1, 300, 250, 1) else { return };
    let changer = ScsiDevice::open(&vtl.url).unwrap();
    let slots = changer.read_element_status(ElementTypeCode::Storage, SLOT_FIRST, 300, true, false).unwrap();
    assert_eq!(slots.descriptors.len(), 300);
    assert_eq!(slots.descriptors.iter().filter(|d| d.full).count(), 250);
    assert_eq!(tag(&slots.descriptors[249]), "OR0250L6");
}

#[test]
fn mount_read_label_and_return() {
    let Some(vtl) = Vtl::start(2, 10, 8, 2) else { return };
    let changer = ScsiDevice::open(&vtl.url).unwrap();
    let drive = ScsiDevice::open(&vtl.drive_url(1)).unwrap();
    assert_eq!(drive.test_unit_ready().unwrap(), Readiness::NoMedium);

    changer.move_medium(TRANSPORT, SLOT_FIRST + 2, DRIVE_FIRST).unwrap();
    let drives = changer.read_element_status(ElementTypeCode::DataTransfer, DRIVE_FIRST, 2, true, false).unwrap();
    let d = &drives.descriptors[0];
    assert!(d.full);
    assert_eq!(tag(d), "OR0003L6");
    assert_eq!(d.source, Some(SLOT_FIRST + 2));
    let slots = changer.read_element_status(ElementTypeCode::Storage, SLOT_FIRST, 10, true, false).unwrap();
    assert!(!slots.descriptors[2].full);

    // The drive LUN now holds the tape: ready (after the medium-changed unit attention).
    assert_eq!(drive.test_unit_ready().unwrap(), Readiness::Ready);
    // A fresh tape is blank.
    let blank = drive.read_block(65536, None).unwrap();
    assert!(blank.end_of_data && blank.data.is_empty());
    // Write a label, read it back: data and the short-block sense both arrive.
    let mut label = b"VOL1OR0003".to_vec();
    label.resize(80, b' ');
    drive.rewind().unwrap();
    drive.write_block(&label).unwrap();
    drive.write_filemarks(1).unwrap();
    drive.rewind().unwrap();
    let first = drive.read_block(65536, None).unwrap();
    assert_eq!(first.data, label);
    assert!(!first.truncated && !first.filemark);
    assert!(drive.read_block(65536, None).unwrap().filemark);
    drive.rewind().unwrap();
    // A block longer than asked for: flagged as truncated. A drive returns its beginning; tgt
    // returns no data at all.
    let part = drive.read_block(40, None).unwrap();
    assert!(part.truncated);
    assert!(label.starts_with(&part.data));
    drive.read_position().unwrap();

    drive.unload().unwrap();
    changer.move_medium(TRANSPORT, DRIVE_FIRST, SLOT_FIRST + 2).unwrap();
    assert_eq!(drive.test_unit_ready().unwrap(), Readiness::NoMedium);
    let slots = changer.read_element_status(ElementTypeCode::Storage, SLOT_FIRST, 10, true, false).unwrap();
    assert_eq!(tag(&slots.descriptors[2]), "OR0003L6");

    // The label stays on the tape: mount it in the other drive and read it there.
    changer.move_medium(TRANSPORT, SLOT_FIRST + 2, DRIVE_FIRST + 1).unwrap();
    let other = ScsiDevice::open(&vtl.drive_url(2)).unwrap();
    assert_eq!(other.test_unit_ready().unwrap(), Readiness::Ready);
    assert_eq!(other.read_block(65536, None).unwrap().data, label);
}

#[test]
fn move_errors_carry_sense() {
    let Some(vtl) = Vtl::start(2, 10, 8, 2) else { return };
    let changer = ScsiDevice::open(&vtl.url).unwrap();
    // Slot 9 (address 4104) is empty.
    let err = changer.move_medium(TRANSPORT, SLOT_FIRST + 8, DRIVE_FIRST).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MediumNotAccessible);
    assert!(err.message().contains("3B/0E"), "{}", err.message());
    let err = changer.move_medium(TRANSPORT, SLOT_FIRST, SLOT_FIRST + 1).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotEmpty);
    assert!(err.message().contains("3B/0D (medium destination element full)"), "{}", err.message());
    let err = changer.move_medium(TRANSPORT, 0x7000, DRIVE_FIRST).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    // Nothing moved.
    let slots = changer.read_element_status(ElementTypeCode::Storage, SLOT_FIRST, 10, true, false).unwrap();
    assert_eq!(slots.descriptors.iter().filter(|d| d.full).count(), 8);
    // Optional commands report support instead of failing.
    changer.initialize_element_status().unwrap();
    assert!(!changer.prevent_medium_removal(true).unwrap(), "tgt does not implement PREVENT ALLOW");
    // A raw command tgt does not know comes back as ILLEGAL REQUEST 20/00.
    let response = changer.execute(&cdb::exchange_medium(TRANSPORT, SLOT_FIRST, DRIVE_FIRST, SLOT_FIRST)).unwrap();
    let sense = response.sense().unwrap();
    assert_eq!((sense.key, sense.asc), (SenseKey::IllegalRequest, 0x20));
    assert!(changer.stats().commands >= 7);
}
