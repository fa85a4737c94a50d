//! Mounting and dismounting on a virtual library, through the public API.

mod support;

use std::time::Duration;

use openrsm::library::{VirtualDelays, VirtualFault, VirtualLibrarySpec};
use openrsm::{
    AllocateOptions, DismountOptions, DriveState, ErrorKind, LibRequestState, LocationKind, MediaState, MediaTypeSpec,
    MountOptions, ObjectChanges, ObjectType, OpRequestKind, Operation, OperationalState, PoolOptions, ReadWrite,
    Timeout,
};
use support::*;

fn spec() -> VirtualLibrarySpec {
    VirtualLibrarySpec::new(2, 10, 2).media("LTO-6", 6).barcode_prefix("T")
}

#[test]
fn mount_and_immediate_dismount_move_the_medium_and_count() {
    let h = home();
    let lib = h.library("Robot", spec());
    let tape = lib.medium("T0001");
    let home_slot = info(&tape).home_slot.unwrap();
    let events =
        h.session.open_notification(&[ObjectType::Drive, ObjectType::PhysicalMedia, ObjectType::LibRequest]).unwrap();

    let mounted = h.session.mount(&[tape.id], &MountOptions::default().write()).unwrap();
    assert_eq!(mounted.len(), 1);
    let drive_id = mounted[0].drive.expect("a drive");
    let path = mounted[0].device_path.clone().expect("a device path");
    assert!(std::fs::symlink_metadata(&path).is_ok(), "the device path {path} exists while mounted");
    let d = drive(&h.session.object(drive_id).unwrap());
    assert_eq!(d.drive_state, DriveState::Mounted);
    assert_eq!(d.media, Some(tape.id));
    assert_eq!(d.mount_count, 1);
    let t = info(&h.session.object(tape.id).unwrap());
    assert_eq!(t.media_state, MediaState::Mounted);
    assert_eq!(t.location.element, Some(drive_id));
    assert!(t.mounted_side.is_some());
    lib.assert_consistent();

    // Writing through the device path reaches the medium's image.
    std::fs::write(&path, b"hello").unwrap();
    assert_eq!(lib.vlib.read_medium_bytes("T0001", 5).unwrap(), b"hello");

    h.session.dismount(&[tape.id], &DismountOptions::immediate()).unwrap();
    let t = info(&h.session.object(tape.id).unwrap());
    assert_eq!(t.location.kind, LocationKind::Slot);
    assert_eq!(t.location.element, Some(home_slot), "back home");
    assert_eq!(t.media_state, MediaState::Idle);
    assert_eq!(drive(&h.session.object(drive_id).unwrap()).drive_state, DriveState::Dismounted);
    assert!(std::fs::symlink_metadata(&path).is_err(), "no device while empty");
    lib.assert_consistent();

    let seen = drain(&events);
    let request_id = mounted[0].request;
    for op in [Operation::Insert, Operation::Update, Operation::EventSignal, Operation::EventComplete] {
        assert!(seen.iter().any(|e| e.object_id == request_id && e.operation == op), "mount request {op} notified");
    }
    assert!(seen.iter().any(|e| e.object_id == tape.id && e.operation == Operation::Update));
    assert!(seen.iter().any(|e| e.object_id == drive_id && e.operation == Operation::Update));
    let r = req_info(&h.session.object(request_id).unwrap());
    assert_eq!(r.request_state, LibRequestState::Passed);
    assert_eq!(r.drive, Some(drive_id));
    assert!(r.started.is_some() && r.completed.is_some());
}

#[test]
fn several_media_at_once_and_specific_drives() {
    let h = home();
    let lib = h.library("Robot", spec());
    let (a, b) = (lib.medium("T0001"), lib.medium("T0002"));
    let drives = lib.drives();
    let options = MountOptions::default().drive(drives[1].id).drive(drives[0].id);
    let mounted = h.session.mount(&[a.id, b.id], &options).unwrap();
    assert_eq!(mounted[0].drive, Some(drives[1].id));
    assert_eq!(mounted[1].drive, Some(drives[0].id));
    lib.assert_consistent();
    h.session.dismount(&[a.id, b.id], &DismountOptions::immediate()).unwrap();
    lib.assert_consistent();

    // Bad arguments are refused before anything moves.
    let err = h.session.mount(&[a.id, a.id], &MountOptions::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    let err = h.session.mount(&[a.id, b.id], &MountOptions::default().drive(drives[0].id)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    let err = h.session.mount(&[a.id], &MountOptions::default().priority(16)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    let pool = h.session.enumerate(None, ObjectType::MediaPool).unwrap()[0].id;
    assert_eq!(h.session.mount(&[pool], &MountOptions::default()).unwrap_err().kind(), ErrorKind::InvalidMedia);
}

#[test]
fn write_refuses_complete_and_read_only_media() {
    let h = home();
    let lib = h.library("Robot", spec());
    let lto = h.session.resolve(Some(ObjectType::MediaType), "LTO-6").unwrap();
    let pool = h.session.create_media_pool("Backup", PoolOptions::default().media_type(lto.id)).unwrap();
    let logical = h.session.allocate_media(pool.id, AllocateOptions::default()).unwrap();
    h.session.set_media_complete(logical.id).unwrap();
    let err = h.session.mount(&[logical.id], &MountOptions::default().write()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MediaNotAvailable);
    assert!(err.message().contains("complete"));
    // Reading a complete side is fine.
    let mounted = h.session.mount(&[logical.id], &MountOptions::default()).unwrap();
    h.session.dismount(&[mounted[0].physical_media], &DismountOptions::immediate()).unwrap();

    let rom = h.session.add_media_type(MediaTypeSpec::new("CD-ROM").read_write(ReadWrite::ReadOnly)).unwrap();
    let disc = h.session.create_media(openrsm::MediaSpec::new(rom.id).barcode("DISC01")).unwrap();
    let err = h.session.mount(&[disc.id], &MountOptions::default().write().error_if_offline()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MediaIncompatible);
    lib.assert_consistent();
}

#[test]
fn deferred_dismount_serves_the_next_mount_without_a_robot_move() {
    let h = home();
    let lib = h.library("Robot", spec());
    let tape = lib.medium("T0003");
    let mounted = h.session.mount(&[tape.id], &MountOptions::default()).unwrap();
    let drive_id = mounted[0].drive.unwrap();
    h.session.dismount(&[tape.id], &DismountOptions::deferred()).unwrap();
    let d = drive(&h.session.object(drive_id).unwrap());
    assert_eq!(d.drive_state, DriveState::Dismountable);
    assert_eq!(d.media, Some(tape.id));
    assert_eq!(info(&h.session.object(tape.id).unwrap()).media_state, MediaState::Loaded);
    lib.assert_consistent();

    let calls_before = h.session.library_statistics(lib.id).unwrap().changer_calls;
    let again = h.session.mount(&[tape.id], &MountOptions::default()).unwrap();
    assert_eq!(again[0].drive, Some(drive_id));
    let calls_after = h.session.library_statistics(lib.id).unwrap().changer_calls;
    assert_eq!(calls_before, calls_after, "no robot move for a medium already in its drive");
    assert_eq!(drive(&h.session.object(drive_id).unwrap()).mount_count, 2);

    // A DISMOUNTABLE medium is put away when its drive is needed for another.
    h.session.dismount(&[tape.id], &DismountOptions::deferred()).unwrap();
    h.session.set_object_info(lib.drives()[1].id, &ObjectChanges { ..Default::default() }).unwrap();
    h.session.disable(lib.drives()[1].id).unwrap();
    let other = lib.medium("T0004");
    let mounted = h.session.mount(&[other.id], &MountOptions::default()).unwrap();
    assert_eq!(mounted[0].drive, Some(drive_id));
    assert_eq!(info(&h.session.object(tape.id).unwrap()).location.kind, LocationKind::Slot);
    lib.assert_consistent();
    h.session.dismount(&[other.id], &DismountOptions::immediate()).unwrap();
    lib.assert_consistent();
}

#[test]
fn deferred_dismount_puts_the_medium_away_after_the_drive_delay() {
    let h = home();
    let lib = h.library("Robot", spec());
    let tape = lib.medium("T0001");
    let mounted = h.session.mount(&[tape.id], &MountOptions::default()).unwrap();
    let drive_id = mounted[0].drive.unwrap();
    h.session
        .set_object_info(drive_id, &ObjectChanges { deferred_dismount_seconds: Some(0), ..Default::default() })
        .unwrap();
    h.session.dismount(&[tape.id], &DismountOptions::deferred()).unwrap();
    assert!(
        eventually(Duration::from_secs(5), || info(&h.session.object(tape.id).unwrap()).location.kind
            == LocationKind::Slot),
        "the deferred dismount completed by itself"
    );
    assert_eq!(drive(&h.session.object(drive_id).unwrap()).drive_state, DriveState::Dismounted);
    lib.assert_consistent();
}

#[test]
fn busy_drives_make_mounts_wait_or_fail() {
    let h = home();
    let lib = h.library("Robot", VirtualLibrarySpec::new(1, 6, 1).media("LTO-6", 4).barcode_prefix("T"));
    let (a, b) = (lib.medium("T0001"), lib.medium("T0002"));
    h.session.mount(&[a.id], &MountOptions::default()).unwrap();
    let err = h.session.mount(&[b.id], &MountOptions::default().error_if_unavailable()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DeviceNotAvailable);
    let err = h.session.mount(&[a.id], &MountOptions::default().error_if_unavailable()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MediaNotAvailable, "a mounted medium is not available");

    // Without ERROR_IF_UNAVAILABLE the mount waits, and goes ahead once the drive is free.
    let queued = h.session.mount(&[b.id], &MountOptions::default().nowait()).unwrap();
    let request_id = queued[0].request;
    assert!(queued[0].drive.is_none());
    assert!(eventually(Duration::from_secs(2), || request_state(&h.session, request_id) == LibRequestState::Waiting));
    h.session.dismount(&[a.id], &DismountOptions::immediate()).unwrap();
    let done = h.session.wait_request(request_id, Timeout::from_millis(5000)).unwrap();
    assert_eq!(req_info(&done).request_state, LibRequestState::Passed);
    assert_eq!(info(&h.session.object(b.id).unwrap()).media_state, MediaState::Mounted);
    lib.assert_consistent();

    // A waiting mount times out with nothing done.
    let err = h.session.mount(&[a.id], &MountOptions::default().timeout(Duration::from_millis(200))).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(info(&h.session.object(a.id).unwrap()).location.kind, LocationKind::Slot);
    lib.assert_consistent();
}

#[test]
fn a_timeout_during_robot_moves_leaves_nothing_half_done() {
    let h = home();
    let lib = h.library("Robot", spec());
    let tape = lib.medium("T0001");
    let slot_before = info(&tape).location;
    lib.vlib
        .set_delays(VirtualDelays {
            move_medium: Duration::from_millis(150),
            load: Duration::from_millis(150),
            ..Default::default()
        })
        .unwrap();
    let err = h.session.mount(&[tape.id], &MountOptions::default().timeout(Duration::from_millis(200))).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    let t = info(&h.session.object(tape.id).unwrap());
    assert_eq!(t.location, slot_before, "the medium went back to its slot");
    assert_ne!(t.media_state, MediaState::Mounted);
    for d in lib.drives() {
        assert_eq!(drive(&d).drive_state, DriveState::Dismounted);
    }
    let requests = h.session.library_requests(Some(lib.id), false).unwrap();
    assert_eq!(req_info(&requests[0]).request_state, LibRequestState::Cancelled);
    lib.assert_consistent();
}

#[test]
fn closing_the_session_cancels_its_outstanding_mounts() {
    let h = home();
    let lib = h.library("Robot", VirtualLibrarySpec::new(1, 6, 1).media("LTO-6", 4).barcode_prefix("T"));
    let (a, b) = (lib.medium("T0001"), lib.medium("T0002"));
    h.session.mount(&[a.id], &MountOptions::default()).unwrap();

    let other = openrsm::Session::open(openrsm::SessionOptions::default().home(h.dir.path())).unwrap();
    let waiting = {
        let other = other.clone();
        std::thread::spawn(move || other.mount(&[b.id], &MountOptions::default()))
    };
    assert!(eventually(Duration::from_secs(2), || {
        h.session
            .library_requests(Some(lib.id), true)
            .unwrap()
            .iter()
            .any(|r| req_info(r).request_state == LibRequestState::Waiting)
    }));
    other.close();
    let result = waiting.join().unwrap();
    assert_eq!(result.unwrap_err().kind(), ErrorKind::InvalidHandle);
    assert!(eventually(Duration::from_secs(2), || h.session.library_requests(Some(lib.id), true).unwrap().is_empty()));
    let cancelled = h.session.library_requests(Some(lib.id), false).unwrap();
    assert!(cancelled.iter().any(|r| req_info(r).request_state == LibRequestState::Cancelled));
    assert_eq!(info(&h.session.object(b.id).unwrap()).location.kind, LocationKind::Slot);
    lib.assert_consistent();
}

#[test]
fn offline_media_raise_an_operator_request_and_the_mount_waits() {
    let h = home();
    let lib = h.library("Robot", spec());
    let tape = lib.medium("T0005");
    // Take it out of the library: eject, and the operator removes it from the port.
    h.session.eject(&[tape.id], &Default::default()).unwrap();
    lib.vlib.take_from_port(0).unwrap();
    h.session.inventory(lib.id, &openrsm::InventoryOptions::fast()).unwrap();
    assert_eq!(info(&h.session.object(tape.id).unwrap()).location.kind, LocationKind::Offline);

    let err = h.session.mount(&[tape.id], &MountOptions::default().error_if_offline()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MediaOffline);

    let session = h.session.clone();
    let id = tape.id;
    let mounting =
        std::thread::spawn(move || session.mount(&[id], &MountOptions::default().timeout(Duration::from_secs(10))));
    assert!(eventually(Duration::from_secs(2), || !h.session.operator_requests(true).unwrap().is_empty()));
    let op = h.session.operator_requests(true).unwrap().remove(0);
    match &op.detail {
        openrsm::Detail::OpRequest(i) => {
            assert_eq!(i.kind, OpRequestKind::MoveMedia);
            assert!(i.arguments.contains(&tape.id));
        }
        _ => unreachable!(),
    }
    // The operator brings it back.
    lib.vlib.insert_into_port(1, openrsm::library::CartridgeSpec::new("T0005")).unwrap();
    h.session.inject(lib.id, &Default::default()).unwrap();
    let mounted = mounting.join().unwrap().unwrap();
    assert!(mounted[0].drive.is_some());
    assert_eq!(info(&h.session.object(tape.id).unwrap()).media_state, MediaState::Mounted);
    assert!(h.session.operator_requests(true).unwrap().is_empty(), "the operator request was resolved");
    lib.assert_consistent();

    // A refused operator request fails the mount.
    h.session.dismount(&[tape.id], &DismountOptions::immediate()).unwrap();
    h.session.eject(&[tape.id], &Default::default()).unwrap();
    lib.vlib.take_from_port(0).unwrap();
    h.session.inventory(lib.id, &openrsm::InventoryOptions::fast()).unwrap();
    let session = h.session.clone();
    let mounting = std::thread::spawn(move || session.mount(&[id], &MountOptions::default()));
    assert!(eventually(Duration::from_secs(2), || !h.session.operator_requests(true).unwrap().is_empty()));
    let op = h.session.operator_requests(true).unwrap().remove(0);
    h.session.cancel_operator_request(op.id).unwrap();
    assert_eq!(mounting.join().unwrap().unwrap_err().kind(), ErrorKind::RequestRefused);
    lib.assert_consistent();
}

#[test]
fn a_drive_that_fails_to_load_fails_the_request_and_asks_for_service() {
    let h = home();
    let lib = h.library("Robot", spec());
    let tape = lib.medium("T0001");
    let before = info(&tape).location;
    lib.vlib.set_fault(VirtualFault::DriveLoadFailure { drive: 0 }).unwrap();
    let drive0 = lib.drives()[0].id;
    let err = h.session.mount(&[tape.id], &MountOptions::default().drive(drive0)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnableToLoadMedium);
    assert_eq!(info(&h.session.object(tape.id).unwrap()).location, before, "the medium went back");
    assert_eq!(h.session.object(drive0).unwrap().state, OperationalState::NeedsService);
    let ops = h.session.operator_requests(true).unwrap();
    assert!(ops.iter().any(|o| matches!(&o.detail, openrsm::Detail::OpRequest(i) if i.kind == OpRequestKind::DeviceService && i.arguments.contains(&drive0))));
    let failed = h.session.library_requests(Some(lib.id), false).unwrap();
    let r = req_info(failed.last().unwrap());
    assert_eq!(r.request_state, LibRequestState::Failed);
    assert_eq!(r.error_code, Some(ErrorKind::UnableToLoadMedium.code()));
    lib.assert_consistent();

    // Other mounts use the other drive meanwhile; servicing the drive brings it back.
    let mounted = h.session.mount(&[tape.id], &MountOptions::default()).unwrap();
    assert_ne!(mounted[0].drive, Some(drive0));
    h.session.dismount(&[tape.id], &DismountOptions::immediate()).unwrap();
    lib.vlib.clear_faults().unwrap();
    for op in h.session.operator_requests(true).unwrap() {
        h.session.satisfy_operator_request(op.id).unwrap();
    }
    assert_eq!(h.session.object(drive0).unwrap().state, OperationalState::Ready);
    h.session.mount(&[tape.id], &MountOptions::default().drive(drive0)).unwrap();
    lib.assert_consistent();
}

#[test]
fn a_jammed_move_leaves_the_medium_in_the_robot_until_serviced() {
    let h = home();
    let lib = h.library("Robot", spec());
    let tape = lib.medium("T0002");
    lib.vlib.set_fault(VirtualFault::MoveJam).unwrap();
    let err = h.session.mount(&[tape.id], &MountOptions::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotReady);
    assert!(err.message().contains("jammed"), "{err}");
    let t = info(&h.session.object(tape.id).unwrap());
    assert_eq!(t.location.kind, LocationKind::Transport, "the database says where the medium really is");
    let changer = h.session.enumerate(Some(lib.id), ObjectType::Changer).unwrap().remove(0);
    assert_eq!(changer.state, OperationalState::NeedsService);
    let ops = h.session.operator_requests(true).unwrap();
    assert!(ops.iter().any(|o| matches!(&o.detail, openrsm::Detail::OpRequest(i) if i.kind == OpRequestKind::DeviceService && i.arguments.contains(&changer.id))));
    lib.assert_consistent();
    // Nothing moves until an operator clears the jam.
    let other = lib.medium("T0003");
    assert_eq!(h.session.mount(&[other.id], &MountOptions::default()).unwrap_err().kind(), ErrorKind::NotReady);
    lib.vlib.clear_jam().unwrap();
    h.session.inventory(lib.id, &openrsm::InventoryOptions::fast()).unwrap();
    assert_eq!(info(&h.session.object(tape.id).unwrap()).location.kind, LocationKind::Slot);
    assert_eq!(h.session.object(changer.id).unwrap().state, OperationalState::Ready);
    assert!(h.session.operator_requests(true).unwrap().is_empty(), "the service request closed with the jam");
    h.session.mount(&[tape.id], &MountOptions::default()).unwrap();
    lib.assert_consistent();
}

#[test]
fn dismount_drive_and_errors() {
    let h = home();
    let lib = h.library("Robot", spec());
    let tape = lib.medium("T0001");
    assert_eq!(
        h.session.dismount(&[tape.id], &DismountOptions::immediate()).unwrap_err().kind(),
        ErrorKind::InvalidMedia
    );
    let drive0 = lib.drives()[0].id;
    assert_eq!(h.session.dismount_drive(drive0).unwrap_err().kind(), ErrorKind::Empty);
    h.session.mount(&[tape.id], &MountOptions::default().drive(drive0)).unwrap();
    h.session.dismount_drive(drive0).unwrap();
    assert_eq!(drive(&h.session.object(drive0).unwrap()).drive_state, DriveState::Dismounted);
    lib.assert_consistent();
}

#[test]
fn mounting_from_async_code() {
    let h = home();
    let lib = h.library("Robot", spec());
    let tape = lib.medium("T0001");
    let session = h.session.clone();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async move {
        // Blocking calls are refused inside a runtime; the async forms work.
        assert_eq!(
            session.mount(&[tape.id], &MountOptions::default()).unwrap_err().kind(),
            ErrorKind::InvalidOperation
        );
        let mounted = session.mount_async(&[tape.id], &MountOptions::default()).await.unwrap();
        assert!(mounted[0].drive.is_some());
        session.dismount_async(&[tape.id], &DismountOptions::immediate()).await.unwrap();
    });
    lib.assert_consistent();
}

fn unfinished(lib: &Library) -> usize {
    lib.session.library_requests(Some(lib.id), true).unwrap().len()
}

fn settle(lib: &Library) {
    let until = std::time::Instant::now() + Duration::from_secs(10);
    while unfinished(lib) > 0 {
        assert!(std::time::Instant::now() < until, "the abandoned mount ends");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn an_abandoned_async_mount_is_cancelled_and_leaves_nothing_mounted() {
    let h = home();
    let delays = VirtualDelays {
        move_medium: Duration::from_millis(200),
        load: Duration::from_millis(200),
        ..VirtualDelays::none()
    };
    let lib = h.library("Robot", spec().delays(delays));
    let tape = lib.medium("T0001");
    let home_slot = info(&tape).location;

    // Dropped while the robot works on it.
    let session = h.session.clone();
    let task = openrsm::runtime::handle()
        .spawn(async move { session.mount_async(&[tape.id], &MountOptions::default()).await });
    std::thread::sleep(Duration::from_millis(100));
    task.abort();
    settle(&lib);
    let requests = h.session.library_requests(Some(lib.id), false).unwrap();
    let mount = requests.iter().find(|r| req_info(r).operation == openrsm::LibRequestOperation::Mount).unwrap();
    assert_eq!(req_info(mount).request_state, LibRequestState::Cancelled);
    assert_eq!(info(&h.session.object(tape.id).unwrap()).location, home_slot);
    assert!(lib.drives().iter().all(|d| drive(d).media.is_none()));
    lib.assert_consistent();

    // Dropped while still queued behind another request: cancelled before it starts.
    let other = lib.medium("T0002");
    let (first, library) = (h.session.clone(), lib.id);
    let busy = openrsm::runtime::handle()
        .spawn(async move { first.inventory_async(library, &openrsm::InventoryOptions::fast()).await });
    std::thread::sleep(Duration::from_millis(20));
    let session = h.session.clone();
    let task = openrsm::runtime::handle()
        .spawn(async move { session.mount_async(&[other.id], &MountOptions::default()).await });
    std::thread::sleep(Duration::from_millis(50));
    task.abort();
    openrsm::runtime::block_on(busy).unwrap().unwrap().unwrap();
    settle(&lib);
    assert_eq!(info(&h.session.object(other.id).unwrap()).location.kind, LocationKind::Slot);
    assert!(lib.drives().iter().all(|d| drive(d).media.is_none()));
    lib.assert_consistent();

    // The library goes on working.
    h.session.mount(&[tape.id], &MountOptions::default()).unwrap();
    lib.assert_consistent();
}
