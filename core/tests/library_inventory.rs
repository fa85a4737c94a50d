//! Inventories, reconciliation, labels and on-media identifiers, through the public API.

mod support;

use std::collections::HashSet;
use std::time::Duration;

use openrsm::library::{CartridgeSpec, VirtualDelays, VirtualFault, VirtualLibrarySpec};
use openrsm::{
    BarcodeState, Detail, ErrorKind, InventoryOptions, LibRequestState, LocationKind, MountOptions, ObjectType, Omid,
    Operation, Timeout,
};
use support::*;

fn spec() -> VirtualLibrarySpec {
    VirtualLibrarySpec::new(2, 12, 2).media("LTO-6", 6).barcode_prefix("I")
}

#[test]
fn a_fresh_library_matches_and_a_fast_inventory_changes_nothing() {
    let h = home();
    let lib = h.library("Robot", spec());
    lib.assert_consistent();
    assert_eq!(lib.media().len(), 6);
    let events = h.session.open_notification(&[ObjectType::PhysicalMedia, ObjectType::StorageSlot]).unwrap();
    let summary = h.session.inventory(lib.id, &InventoryOptions::fast()).unwrap();
    assert_eq!(summary.changed, 0);
    assert_eq!(summary.media, 6);
    assert_eq!(summary.elements as usize, 1 + 12 + 2 + 2);
    assert!(drain(&events).is_empty(), "nothing changed, nothing notified");
    lib.assert_consistent();
}

#[test]
fn reconciliation_follows_the_changer_and_notifies_every_change() {
    let h = home();
    let lib = h.library("Robot", spec());
    let vlib = &lib.vlib;
    h.session.access_door(lib.id).unwrap();
    vlib.open_door().unwrap();
    // By hand: swap two cartridges' places, move one into a drive, take one out through a port.
    let tape_before = lib.medium("I0001");
    let address = |barcode: &str| -> u16 {
        vlib.contents().into_iter().find(|(b, _, _)| b.as_deref() == Some(barcode)).unwrap().2
    };
    let free = lib
        .slots()
        .into_iter()
        .filter(|s| slot(s).media.is_none())
        .map(|s| slot(&s).element_address.unwrap() as u16)
        .collect::<Vec<_>>();
    vlib.operator_move(address("I0001"), free[0]).unwrap();
    vlib.operator_move(address("I0002"), openrsm::library::FIRST_DRIVE_ADDRESS).unwrap();
    vlib.operator_move(address("I0003"), openrsm::library::FIRST_PORT_ADDRESS).unwrap();
    vlib.take_from_port(0).unwrap();
    vlib.close_door().unwrap();
    vlib.insert_into_port(1, CartridgeSpec::new("STRANGER").media_type("LTO-7")).unwrap();

    let events = h
        .session
        .open_notification(&[ObjectType::PhysicalMedia, ObjectType::StorageSlot, ObjectType::Drive, ObjectType::IePort])
        .unwrap();
    // Closing the door after access makes the library look again before its next request; the
    // inventory then finds everything in place.
    h.session.inventory(lib.id, &InventoryOptions::fast()).unwrap();
    let moved = [lib.medium("I0001").id, lib.medium("I0002").id];
    let removed = lib.medium("I0003").id;
    let stranger = lib.medium("STRANGER");
    assert_eq!(info(&stranger).location.kind, LocationKind::IePort);
    assert_eq!(pool_of(&h.session, &stranger), "Unrecognized/LTO-7", "unknown media stay unrecognized until read");
    let gone = lib.medium("I0003");
    assert_eq!(info(&gone).location.kind, LocationKind::Offline);
    let in_drive = h.session.object(lib.drives()[0].id).unwrap();
    assert_eq!(drive(&in_drive).media, Some(lib.medium("I0002").id));
    assert_eq!(drive(&in_drive).drive_state, openrsm::DriveState::Dismountable);

    let seen = drain(&events);
    let updated: HashSet<_> = seen.iter().filter(|e| e.operation == Operation::Update).map(|e| e.object_id).collect();
    for id in moved.iter().chain([&removed]) {
        assert!(updated.contains(id), "every moved or removed medium is notified");
    }
    assert_ne!(info(&lib.medium("I0001")).location, info(&tape_before).location);
    assert!(seen.iter().any(|e| e.operation == Operation::Insert && e.object_id == stranger.id));
    assert!(updated.contains(&in_drive.id));
    lib.assert_consistent();

    // A medium found in a drive serves a mount there.
    let mounted = h.session.mount(&[lib.medium("I0002").id], &MountOptions::default()).unwrap();
    assert_eq!(mounted[0].drive, Some(in_drive.id));
    lib.assert_consistent();
}

#[test]
fn full_inventory_reads_every_label_with_progress() {
    let h = home();
    let lib = h.library("Robot", spec());
    lib.vlib.write_medium("I0004", b"written by someone else").unwrap();
    let events = h.session.open_notification(&[ObjectType::LibRequest]).unwrap();
    let summary = h.session.inventory(lib.id, &InventoryOptions::full()).unwrap();
    assert_eq!(summary.identified.len(), 6);
    assert_eq!(pool_of(&h.session, &lib.medium("I0004")), "Unrecognized/LTO-6");
    assert_eq!(pool_of(&h.session, &lib.medium("I0005")), "Free/LTO-6");
    let request = summary.request.unwrap();
    let r = req_info(&h.session.object(request).unwrap());
    assert_eq!(r.request_state, LibRequestState::Passed);
    assert_eq!((r.progress_done, r.progress_total), (6, 6));
    let signals =
        drain(&events).iter().filter(|e| e.object_id == request && e.operation == Operation::EventSignal).count();
    assert!(signals >= 6, "progress is signalled ({signals})");
    lib.assert_consistent();

    // Blanked again, it goes back to Free on the next full inventory.
    lib.vlib.write_medium("I0004", &[0; 64]).unwrap();
    h.session.inventory(lib.id, &InventoryOptions::full()).unwrap();
    assert_eq!(pool_of(&h.session, &lib.medium("I0004")), "Free/LTO-6");
}

#[test]
fn an_inventory_can_be_followed_and_cancelled() {
    let h = home();
    let lib = h.library("Robot", spec());
    lib.vlib.set_delays(VirtualDelays { move_medium: Duration::from_millis(30), ..Default::default() }).unwrap();
    let events = h.session.open_notification(&[ObjectType::LibRequest]).unwrap();
    let request = h.session.start_inventory(lib.id, &InventoryOptions::full()).unwrap();
    // Wait for some progress, then cancel.
    loop {
        let e = events.wait(Timeout::from_millis(5000)).unwrap();
        if e.object_id == request && e.operation == Operation::EventSignal {
            let r = req_info(&h.session.object(request).unwrap());
            if r.progress_done >= 1 && r.progress_total == 6 {
                break;
            }
        }
    }
    h.session.cancel_request(request).unwrap();
    let err = h.session.wait_request(request, Timeout::from_millis(5000)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RequestRefused);
    assert_eq!(request_state(&h.session, request), LibRequestState::Cancelled);
    wait_event(&events, request, Operation::EventComplete);
    lib.vlib.set_delays(VirtualDelays::none()).unwrap();
    lib.assert_consistent();
}

#[test]
fn an_unreadable_barcode_keeps_the_medium_and_says_so() {
    let h = home();
    let lib = h.library("Robot", spec());
    let tape = lib.medium("I0002");
    lib.vlib.set_fault(VirtualFault::UnreadableBarcode { barcode: "I0002".into() }).unwrap();
    let summary = h.session.inventory(lib.id, &InventoryOptions::fast()).unwrap();
    assert!(summary.added.is_empty() && summary.removed.is_empty());
    let t = info(&h.session.object(tape.id).unwrap());
    assert_eq!(t.barcode_state, BarcodeState::Unreadable);
    assert_eq!(t.location.kind, LocationKind::Slot);
    // It can still be mounted and put back by location.
    h.session.mount(&[tape.id], &MountOptions::default()).unwrap();
    h.session.dismount(&[tape.id], &openrsm::DismountOptions::immediate()).unwrap();
    lib.vlib.clear_faults().unwrap();
    h.session.inventory(lib.id, &InventoryOptions::fast()).unwrap();
    assert_eq!(info(&h.session.object(tape.id).unwrap()).barcode_state, BarcodeState::Ok);
    lib.assert_consistent();

    // A new cartridge whose barcode cannot be read is created without one.
    lib.vlib.set_fault(VirtualFault::UnreadableBarcode { barcode: "NEW7".into() }).unwrap();
    lib.vlib.insert_into_port(0, CartridgeSpec::new("NEW7")).unwrap();
    let injected = h.session.inject(lib.id, &Default::default()).unwrap();
    assert_eq!(injected.len(), 1);
    let new = info(&h.session.object(injected[0]).unwrap());
    assert_eq!(new.barcode, None);
    assert_eq!(new.barcode_state, BarcodeState::Unreadable);
    assert_eq!(new.location.kind, LocationKind::Slot);
    let problems = h.session.verify_library(lib.id).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn identify_slot_reads_the_label_of_one_slot() {
    let h = home();
    let lib = h.library("Robot", spec());
    lib.vlib.write_medium("I0006", b"\x01\x02 not blank").unwrap();
    let tape = lib.medium("I0006");
    let slot_id = info(&tape).location.element.unwrap();
    assert_eq!(h.session.identify_slot(slot_id).unwrap(), Some(tape.id));
    assert_eq!(pool_of(&h.session, &lib.medium("I0006")), "Unrecognized/LTO-6");
    let empty = lib.slots().into_iter().find(|s| slot(s).media.is_none()).unwrap();
    assert_eq!(h.session.identify_slot(empty.id).unwrap(), None);
    lib.assert_consistent();
}

#[test]
fn update_omid_info_records_what_an_application_wrote() {
    let h = home();
    let lib = h.library("Robot", spec());
    let tape = lib.medium("I0001");
    let omid = Omid { label_type: "OPENRSM".into(), label_id: "I0001-A".into(), application: Some("backup".into()) };
    h.session.update_omid_info(tape.id, omid.clone()).unwrap();
    let side = h.session.enumerate(Some(tape.id), ObjectType::Partition).unwrap().remove(0);
    match &side.detail {
        Detail::Partition(p) => assert_eq!(p.omid.as_ref(), Some(&omid)),
        _ => unreachable!(),
    }
    let err = h.session.update_omid_info(tape.id, Omid::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    assert_eq!(h.session.update_omid_info(lib.id, omid).unwrap_err().kind(), ErrorKind::InvalidMedia);
}

#[test]
fn inventory_errors() {
    let h = home();
    let lib = h.library("Robot", spec());
    let options = InventoryOptions { method: openrsm::InventoryMethod::Stop, ..Default::default() };
    assert_eq!(h.session.inventory(lib.id, &options).unwrap_err().kind(), ErrorKind::InvalidParameter);
    h.session.disable(lib.id).unwrap();
    assert_eq!(h.session.inventory(lib.id, &InventoryOptions::fast()).unwrap_err().kind(), ErrorKind::ResourceDisabled);
    h.session.enable(lib.id).unwrap();
    let pool = h.session.enumerate(None, ObjectType::MediaPool).unwrap()[0].id;
    assert_eq!(h.session.inventory(pool, &InventoryOptions::fast()).unwrap_err().kind(), ErrorKind::ObjectNotFound);
}

#[test]
fn a_large_library_inventories() {
    // The 10,000-slot case is in the benchmark; this keeps the test suite fast.
    let h = home();
    let lib = h.library("Big", VirtualLibrarySpec::new(4, 1_000, 4).media("LTO-8", 900).barcode_prefix("B"));
    let summary = h.session.inventory(lib.id, &InventoryOptions::fast()).unwrap();
    assert_eq!(summary.media, 900);
    assert_eq!(summary.changed, 0);
    let counts = h.session.enumerate(Some(lib.id), ObjectType::StorageSlot).unwrap().len();
    assert_eq!(counts, 1_000);
    lib.assert_consistent();
}
