//! Cleaner management: reserve and release the cleaner slot, inject and eject the cleaner, clean
//! drives, count uses down, and ask for a new cleaner when it is spent.

mod support;

use openrsm::library::{CartridgeSpec, VirtualFault, VirtualLibrarySpec};
use openrsm::{
    DismountOptions, DriveState, ErrorKind, LibRequestState, MountOptions, ObjectType, OpRequestKind, SlotState,
};
use support::*;

fn cleaner_requests(h: &Home) -> usize {
    h.session
        .operator_requests(true)
        .unwrap()
        .iter()
        .filter(|o| matches!(&o.detail, openrsm::Detail::OpRequest(i) if i.kind == OpRequestKind::Cleaner))
        .count()
}

#[test]
fn cleaning_counts_uses_down_and_a_spent_cleaner_asks_for_a_new_one() {
    let h = home();
    let lib = h.library("Robot", VirtualLibrarySpec::new(2, 8, 1).media("LTO-6", 4).barcode_prefix("C").cleaner(2));
    let info0 = library_info(&lib.object());
    let cleaner_slot = info0.cleaner_slot.expect("a cleaner slot");
    assert_eq!(info0.cleaner_uses_left, Some(2));
    assert_eq!(slot(&h.session.object(cleaner_slot).unwrap()).slot_state, SlotState::Full);
    lib.assert_consistent();

    // A drive holding a medium left by a deferred dismount is emptied first.
    let drive0 = lib.drives()[0].id;
    let tape = lib.medium("C0001");
    h.session.mount(&[tape.id], &MountOptions::default().drive(drive0)).unwrap();
    h.session.dismount(&[tape.id], &DismountOptions::deferred()).unwrap();
    h.session.clean_drive(drive0).unwrap();
    let d = drive(&h.session.object(drive0).unwrap());
    assert!(d.last_cleaned.is_some());
    assert_eq!(d.drive_state, DriveState::Dismounted);
    assert_eq!(library_info(&lib.object()).cleaner_uses_left, Some(1));
    assert_eq!(info(&h.session.object(tape.id).unwrap()).location.kind, openrsm::LocationKind::Slot);
    assert_eq!(cleaner_requests(&h), 0);
    lib.assert_consistent();

    // The last use raises a CLEANER operator request; the next cleaning is refused.
    h.session.clean_drive(lib.drives()[1].id).unwrap();
    assert_eq!(library_info(&lib.object()).cleaner_uses_left, Some(0));
    assert_eq!(cleaner_requests(&h), 1);
    let err = h.session.clean_drive(drive0).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::CleanerCartridgeSpent);
    let last = h.session.library_requests(Some(lib.id), false).unwrap().pop().unwrap();
    assert_eq!(req_info(&last).request_state, LibRequestState::Failed);
    assert_eq!(cleaner_requests(&h), 1, "one request per condition");
    lib.assert_consistent();

    // Replace it: eject the old one, the operator puts a new one in, inject it.
    h.session.eject_cleaner(lib.id, None).unwrap();
    assert_eq!(library_info(&lib.object()).cleaner_uses_left, None);
    assert_eq!(slot(&h.session.object(cleaner_slot).unwrap()).slot_state, SlotState::Empty);
    lib.assert_consistent();
    lib.vlib.take_from_port(0).unwrap();
    lib.vlib.insert_into_port(0, CartridgeSpec::new("CLN777").cleaner(30)).unwrap();
    h.session.inject_cleaner(lib.id, 30, None).unwrap();
    assert_eq!(library_info(&lib.object()).cleaner_uses_left, Some(30));
    assert_eq!(cleaner_requests(&h), 0, "the new cleaner answered the request");
    h.session.clean_drive(drive0).unwrap();
    assert_eq!(library_info(&lib.object()).cleaner_uses_left, Some(29));
    assert_eq!(lib.vlib.cleaner_uses("CLN777"), Some(29));
    lib.assert_consistent();
}

#[test]
fn a_cleaner_the_drive_refuses_as_spent() {
    let h = home();
    let lib = h.library("Robot", VirtualLibrarySpec::new(1, 6, 1).media("LTO-6", 2).barcode_prefix("C").cleaner(10));
    lib.vlib.set_fault(VirtualFault::CleanerSpent).unwrap();
    let err = h.session.clean_drive(lib.drives()[0].id).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::CleanerCartridgeSpent);
    assert_eq!(library_info(&lib.object()).cleaner_uses_left, Some(0), "the count follows what the drive said");
    assert_eq!(cleaner_requests(&h), 1);
    let cleaner_slot = library_info(&lib.object()).cleaner_slot.unwrap();
    assert_eq!(slot(&h.session.object(cleaner_slot).unwrap()).slot_state, SlotState::Full, "the cleaner went back");
    assert_eq!(drive(&lib.drives()[0]).drive_state, DriveState::Dismounted);
    lib.assert_consistent();
}

#[test]
fn reserving_and_releasing_the_cleaner_slot() {
    let h = home();
    let lib = h.library("Robot", VirtualLibrarySpec::new(1, 6, 1).media("LTO-6", 2).barcode_prefix("C"));
    let drive0 = lib.drives()[0].id;
    assert_eq!(h.session.clean_drive(drive0).unwrap_err().kind(), ErrorKind::CleanerSlotNotSet);
    assert_eq!(h.session.release_cleaner_slot(lib.id).unwrap_err().kind(), ErrorKind::CleanerSlotNotSet);
    assert_eq!(h.session.inject_cleaner(lib.id, 5, None).unwrap_err().kind(), ErrorKind::CleanerSlotNotSet);
    let slots = lib.slots();
    let full = slots.iter().find(|s| slot(s).media.is_some()).unwrap();
    assert_eq!(h.session.reserve_cleaner_slot(lib.id, full.id).unwrap_err().kind(), ErrorKind::NotEmpty);
    let empty = slots.iter().rev().find(|s| slot(s).media.is_none()).unwrap();
    h.session.reserve_cleaner_slot(lib.id, empty.id).unwrap();
    assert_eq!(h.session.reserve_cleaner_slot(lib.id, empty.id).unwrap_err().kind(), ErrorKind::CleanerSlotSet);
    assert_eq!(h.session.clean_drive(drive0).unwrap_err().kind(), ErrorKind::InvalidCleaner);
    // No cleaner in the port: refused clearly.
    assert_eq!(h.session.inject_cleaner(lib.id, 5, None).unwrap_err().kind(), ErrorKind::InvalidCleaner);
    lib.vlib.insert_into_port(0, CartridgeSpec::new("CLN001").cleaner(5)).unwrap();
    h.session.inject_cleaner(lib.id, 5, None).unwrap();
    assert_eq!(h.session.inject_cleaner(lib.id, 5, None).unwrap_err().kind(), ErrorKind::CleanerCartridgeInstalled);
    assert_eq!(h.session.release_cleaner_slot(lib.id).unwrap_err().kind(), ErrorKind::CleanerCartridgeInstalled);
    // Media never go into the cleaner slot.
    let tape = lib.medium("C0001");
    h.session.mount(&[tape.id], &MountOptions::default()).unwrap();
    h.session.dismount(&[tape.id], &DismountOptions::immediate()).unwrap();
    assert_ne!(info(&h.session.object(tape.id).unwrap()).location.element, Some(empty.id));
    h.session.eject_cleaner(lib.id, None).unwrap();
    h.session.release_cleaner_slot(lib.id).unwrap();
    assert_eq!(library_info(&lib.object()).cleaner_slot, None);
    let _ = ObjectType::Library;
    lib.assert_consistent();
}
