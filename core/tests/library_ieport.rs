//! Inject, eject and door access on a virtual library, through the public API.

mod support;

use std::time::Duration;

use openrsm::library::{CartridgeSpec, VirtualFault, VirtualLibrarySpec};
use openrsm::{
    AllocateOptions, DoorState, EjectOptions, ErrorKind, InjectOptions, InventoryOptions, LibRequestState,
    LocationKind, MountOptions, ObjectType, OpRequestKind, PoolKind, PoolOptions, PortPosition, Timeout,
};
use support::*;

fn spec() -> VirtualLibrarySpec {
    VirtualLibrarySpec::new(2, 8, 2).media("LTO-6", 4).barcode_prefix("E")
}

#[test]
fn eject_then_inject_back_keeps_the_records() {
    let h = home();
    let lib = h.library("Robot", spec());
    let lto = h.session.resolve(Some(ObjectType::MediaType), "LTO-6").unwrap();
    let pool = h.session.create_media_pool("Backup", PoolOptions::default().media_type(lto.id)).unwrap();
    let logical = h.session.allocate_media(pool.id, AllocateOptions::default()).unwrap();
    let tape = match &logical.detail {
        openrsm::Detail::LogicalMedia(l) => h.session.object(l.physical_media).unwrap(),
        _ => unreachable!(),
    };
    let home_slot = info(&tape).home_slot;

    let requests = h.session.eject(&[tape.id], &EjectOptions::default()).unwrap();
    assert_eq!(request_state(&h.session, requests[0]), LibRequestState::Passed);
    let t = info(&h.session.object(tape.id).unwrap());
    assert_eq!(t.location.kind, LocationKind::IePort);
    let port0 = lib.ports()[0].clone();
    assert_eq!(port(&port0).media, Some(tape.id));
    assert_eq!(port(&port0).position, PortPosition::Extended, "the port opens for the operator");
    lib.assert_consistent();

    // Injected back, it returns to its home slot, still allocated in its pool.
    let injected = h.session.inject(lib.id, &InjectOptions::default()).unwrap();
    assert_eq!(injected, vec![tape.id]);
    let t = info(&h.session.object(tape.id).unwrap());
    assert_eq!(t.location.kind, LocationKind::Slot);
    assert_eq!(t.home_slot, home_slot);
    assert_eq!(t.pool, pool.id);
    lib.assert_consistent();

    // Ejected and taken away by the operator, it goes offline and keeps its records.
    h.session.eject(&[tape.id], &EjectOptions::default()).unwrap();
    assert_eq!(lib.vlib.take_from_port(0).unwrap().as_deref(), Some(info(&tape).barcode.unwrap().as_str()));
    let events = h.session.open_notification(&[ObjectType::PhysicalMedia]).unwrap();
    let changed =
        h.session.detect_device_changes(&openrsm::library::DetectionTargets::Libraries(vec![lib.id])).unwrap();
    assert!(changed > 0);
    let t = info(&h.session.object(tape.id).unwrap());
    assert_eq!(t.location.kind, LocationKind::Offline);
    assert!(t.library.is_none());
    assert_eq!(t.pool, pool.id, "offline media keep their pool and allocation");
    wait_event(&events, tape.id, openrsm::Operation::Update);
    lib.assert_consistent();
}

#[test]
fn injected_media_land_in_the_pool_their_label_says() {
    let h = home();
    let lib = h.library("Robot", spec());
    lib.vlib.insert_into_port(0, CartridgeSpec::new("NEW001").media_type("LTO-6")).unwrap();
    lib.vlib
        .insert_into_port(
            1,
            CartridgeSpec::new("JUNK01").media_type("LTO-6").label(b"some bytes no label library claims".to_vec()),
        )
        .unwrap();
    let events = h.session.open_notification(&[ObjectType::PhysicalMedia]).unwrap();
    let injected = h.session.inject(lib.id, &InjectOptions::default()).unwrap();
    assert_eq!(injected.len(), 2);
    let blank = lib.medium("NEW001");
    let junk = lib.medium("JUNK01");
    assert_eq!(pool_of(&h.session, &blank), "Free/LTO-6");
    assert_eq!(pool_of(&h.session, &junk), "Unrecognized/LTO-6");
    assert_eq!(info(&blank).location.kind, LocationKind::Slot);
    let inserted: Vec<_> =
        drain(&events).into_iter().filter(|e| e.operation == openrsm::Operation::Insert).map(|e| e.object_id).collect();
    assert!(inserted.contains(&blank.id) && inserted.contains(&junk.id), "new media are notified as INSERT");
    lib.assert_consistent();

    // A free medium found later with a foreign label goes to Import, with what the label says.
    let label = openrsm::media::label::sample_label("VOL1", "NEW001").unwrap();
    lib.vlib.write_medium("NEW001", &label).unwrap();
    h.session.inventory(lib.id, &InventoryOptions::full()).unwrap();
    let found = lib.medium("NEW001");
    assert_eq!(pool_of(&h.session, &found), "Import/LTO-6");
    let side = h.session.enumerate(Some(found.id), ObjectType::Partition).unwrap().remove(0);
    match &side.detail {
        openrsm::Detail::Partition(p) => {
            assert_eq!(p.partition_state, openrsm::PartitionState::Import);
            assert_eq!(p.omid.as_ref().map(|o| o.label_id.as_str()), Some("NEW001"));
        }
        _ => unreachable!(),
    }
    lib.assert_consistent();

    // Injected with a Bareos label, a medium lands in Import at once.
    let label = openrsm::media::label::sample_label("bareos", "Full-0007").unwrap();
    lib.vlib.insert_into_port(0, CartridgeSpec::new("BAR007").media_type("LTO-6").label(label)).unwrap();
    h.session.inject(lib.id, &InjectOptions::default()).unwrap();
    assert_eq!(pool_of(&h.session, &lib.medium("BAR007")), "Import/LTO-6");
    lib.assert_consistent();
}

#[test]
fn start_and_stop_inject_open_the_ports_for_an_operator() {
    let h = home();
    let lib = h.library("Robot", spec());
    let request = h.session.start_inject(lib.id, &InjectOptions::default()).unwrap();
    assert!(eventually(Duration::from_secs(2), || request_state(&h.session, request) == LibRequestState::Waiting));
    assert!(eventually(Duration::from_secs(2), || lib
        .ports()
        .iter()
        .all(|p| port(p).position == PortPosition::Extended)));
    // Something else can run while the ports are open.
    let tape = lib.medium("E0001");
    h.session.mount(&[tape.id], &MountOptions::default()).unwrap();
    lib.vlib.insert_into_port(0, CartridgeSpec::new("OPS001")).unwrap();
    let injected = h.session.stop_inject(request).unwrap();
    assert_eq!(injected, vec![lib.medium("OPS001").id]);
    assert_eq!(request_state(&h.session, request), LibRequestState::Passed);
    assert!(lib.ports().iter().all(|p| port(p).position == PortPosition::Retracted));
    assert_eq!(h.session.stop_inject(request).unwrap_err().kind(), ErrorKind::InvalidOperation);
    lib.assert_consistent();

    // A started inject can be cancelled: the ports close again.
    let request = h.session.start_inject(lib.id, &InjectOptions::default()).unwrap();
    assert!(eventually(Duration::from_secs(2), || request_state(&h.session, request) == LibRequestState::Waiting));
    h.session.cancel_request(request).unwrap();
    assert_eq!(request_state(&h.session, request), LibRequestState::Cancelled);
    assert!(eventually(Duration::from_secs(2), || lib
        .ports()
        .iter()
        .all(|p| port(p).position == PortPosition::Retracted)));
    lib.assert_consistent();
}

#[test]
fn eject_modes_force_and_full_ports() {
    let h = home();
    let lib = h.library("Robot", spec());
    let media: Vec<_> = (1..=4).map(|n| lib.medium(&format!("E{n:04}"))).collect();
    let ids: Vec<_> = media.iter().map(|m| m.id).collect();

    // Immediate: three media, two ports: nothing is ejected.
    let err = h.session.eject(&ids[..3], &EjectOptions::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::IeportFull);
    assert!(ids.iter().all(|id| info(&h.session.object(*id).unwrap()).location.kind == LocationKind::Slot));

    // Mounted media need force.
    h.session.mount(&[ids[3]], &MountOptions::default()).unwrap();
    let err = h.session.eject(&[ids[3]], &EjectOptions::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnableToEjectMountedMedia);
    h.session.eject(&[ids[3]], &EjectOptions::default().force()).unwrap();
    assert_eq!(info(&h.session.object(ids[3]).unwrap()).location.kind, LocationKind::IePort);
    for d in lib.drives() {
        assert!(drive(&d).media.is_none());
    }
    lib.assert_consistent();

    // Queue: one port left for two media; the second waits until the operator empties a port.
    let requests = h.session.eject(&ids[..2], &EjectOptions::default().queue().nowait()).unwrap();
    assert!(eventually(Duration::from_secs(2), || request_state(&h.session, requests[0]) == LibRequestState::Passed));
    assert!(eventually(Duration::from_secs(2), || request_state(&h.session, requests[1]) == LibRequestState::Waiting));
    lib.vlib.take_from_port(1).unwrap();
    let done = h.session.wait_request(requests[1], Timeout::from_millis(5000)).unwrap();
    assert_eq!(req_info(&done).request_state, LibRequestState::Passed);
    lib.assert_consistent();

    // A queued eject can be stopped: its medium stays.
    let request = h.session.eject(&[ids[2]], &EjectOptions::default().queue().nowait()).unwrap()[0];
    assert!(eventually(Duration::from_secs(2), || request_state(&h.session, request) == LibRequestState::Waiting));
    h.session.stop_eject(request).unwrap();
    assert_eq!(request_state(&h.session, request), LibRequestState::Stopped);
    assert_eq!(info(&h.session.object(ids[2]).unwrap()).location.kind, LocationKind::Slot);
    lib.assert_consistent();
}

#[test]
fn a_blocked_ie_port_fails_ejects_clearly() {
    let h = home();
    let lib = h.library("Robot", VirtualLibrarySpec::new(1, 6, 1).media("LTO-6", 3).barcode_prefix("E"));
    lib.vlib.set_fault(VirtualFault::IePortFull { port: 0 }).unwrap();
    let tape = lib.medium("E0001");
    // The database does not know yet: the eject is tried and fails with the port full.
    let err = h.session.eject(&[tape.id], &EjectOptions::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::IeportFull);
    let failed = h.session.library_requests(Some(lib.id), false).unwrap();
    assert_eq!(req_info(failed.last().unwrap()).request_state, LibRequestState::Failed);
    assert_eq!(info(&h.session.object(tape.id).unwrap()).location.kind, LocationKind::Slot);
    assert_eq!(port(&lib.ports()[0]).content, openrsm::PortContent::Full, "the blocked port is recorded full");
    lib.assert_consistent();
    // Now known full, a new eject is refused at once.
    assert_eq!(h.session.eject(&[tape.id], &EjectOptions::default()).unwrap_err().kind(), ErrorKind::IeportFull);
    lib.vlib.clear_faults().unwrap();
    h.session.detect_device_changes(&openrsm::library::DetectionTargets::Libraries(vec![lib.id])).unwrap();
    h.session.eject(&[tape.id], &EjectOptions::default()).unwrap();
    lib.assert_consistent();
}

#[test]
fn door_access_and_a_door_left_open() {
    let h = home();
    let lib = h.library("Robot", spec());
    let door = h.session.enumerate(Some(lib.id), ObjectType::IeDoor).unwrap().remove(0);
    assert_eq!(lib.vlib.open_door().unwrap_err().kind(), ErrorKind::NotReady, "locked until access is granted");
    h.session.access_door(lib.id).unwrap();
    lib.vlib.open_door().unwrap();
    // While the door is open the robot stops, and an operator is asked to close it.
    let tape = lib.medium("E0001");
    let slot_before = info(&tape).location.element.unwrap();
    let err = h.session.mount(&[tape.id], &MountOptions::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotReady);
    let ops = h.session.operator_requests(true).unwrap();
    assert!(ops.iter().any(|o| matches!(&o.detail, openrsm::Detail::OpRequest(i) if i.kind == OpRequestKind::DeviceService && i.arguments.contains(&lib.id))));
    match &h.session.object(door.id).unwrap().detail {
        openrsm::Detail::IeDoor(d) => assert_eq!(d.door_state, DoorState::Open),
        _ => unreachable!(),
    }
    // The operator moves a cartridge by hand, then closes the door: the library is looked at again.
    let free = lib.slots().into_iter().find(|s| slot(s).media.is_none()).unwrap();
    let from = slot(&h.session.object(slot_before).unwrap()).element_address.unwrap() as u16;
    let to = slot(&free).element_address.unwrap() as u16;
    lib.vlib.operator_move(from, to).unwrap();
    lib.vlib.close_door().unwrap();
    h.session.mount(&[tape.id], &MountOptions::default()).unwrap();
    assert!(h.session.operator_requests(true).unwrap().is_empty(), "closing the door answered the request");
    h.session.dismount(&[tape.id], &openrsm::DismountOptions::immediate()).unwrap();
    assert_eq!(
        info(&h.session.object(tape.id).unwrap()).location.element,
        Some(free.id),
        "found where the operator put it"
    );
    lib.assert_consistent();

    // A door left open by a fault.
    lib.vlib.set_fault(VirtualFault::DoorLeftOpen).unwrap();
    let err = h.session.inventory(lib.id, &InventoryOptions::fast()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotReady);
    assert!(err.message().contains("door"));
    assert_eq!(lib.vlib.close_door().unwrap_err().kind(), ErrorKind::NotReady);
    lib.vlib.clear_faults().unwrap();
    h.session.inventory(lib.id, &InventoryOptions::fast()).unwrap();
    lib.assert_consistent();
}
