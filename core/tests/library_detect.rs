//! Device change detection, standalone virtual drives, the virtual library's own behaviour
//! (state surviving a restart), and deleting libraries and drives.

mod support;

use std::time::Duration;

use openrsm::library::{
    CartridgeSpec, Changer, DetectionTargets, ElementType, VirtualConfig, VirtualFault, VirtualLibrary,
    VirtualLibrarySpec, FIRST_DRIVE_ADDRESS, FIRST_SLOT_ADDRESS,
};
use openrsm::{
    DismountOptions, DriveState, ErrorKind, LibraryType, LocationKind, MountOptions, ObjectType, Operation, Timeout,
};
use support::*;

#[test]
fn a_medium_dropped_into_an_ie_port_from_outside_shows_up() {
    let h = home();
    let lib = h.library("Robot", VirtualLibrarySpec::new(1, 6, 2).media("LTO-6", 2).barcode_prefix("D"));
    let events = h.session.open_notification(&[ObjectType::PhysicalMedia, ObjectType::IePort]).unwrap();
    let detection = h.session.begin_device_change_detection().unwrap();
    detection.set_interval(Duration::from_millis(20));
    detection.set_targets(DetectionTargets::Libraries(vec![lib.id])).unwrap();
    assert_eq!(detection.targets(), DetectionTargets::Libraries(vec![lib.id]));

    // Another process (here: plain file operations) drops an image into port 1's directory.
    let port_dir = lib.vlib.dir().join("ieports").join("1");
    std::fs::write(port_dir.join(".DROP01.img.partial"), b"").unwrap();
    std::fs::write(port_dir.join("DROP01.img"), vec![0u8; 4096]).unwrap();
    let inserted = loop {
        let e = events.wait(Timeout::from_millis(5000)).expect("the new medium is notified");
        if e.operation == Operation::Insert && e.object_type == ObjectType::PhysicalMedia {
            break e.object_id;
        }
    };
    let medium = h.session.object(inserted).unwrap();
    assert_eq!(info(&medium).barcode.as_deref(), Some("DROP01"));
    assert_eq!(info(&medium).location.kind, LocationKind::IePort);
    assert!(eventually(Duration::from_secs(2), || port(&lib.ports()[1]).media == Some(inserted)));
    lib.assert_consistent();

    // Taken away from outside: it goes offline, notified as an update.
    std::fs::remove_file(port_dir.join("DROP01.img")).unwrap();
    wait_event(&events, inserted, Operation::Update);
    assert!(eventually(Duration::from_secs(2), || info(&h.session.object(inserted).unwrap()).location.kind
        == LocationKind::Offline));
    lib.assert_consistent();

    // Ended, it no longer looks.
    detection.end();
    assert!(detection.is_ended());
    std::fs::write(port_dir.join("LATE01.img"), b"").unwrap();
    std::thread::sleep(Duration::from_millis(150));
    assert!(h.session.resolve(Some(ObjectType::PhysicalMedia), "LATE01").is_err());
    // A one-shot check finds it.
    assert!(h.session.detect_device_changes(&DetectionTargets::Libraries(vec![lib.id])).unwrap() > 0);
    assert!(h.session.resolve(Some(ObjectType::PhysicalMedia), "LATE01").is_ok());
    let media_type = h.session.resolve(Some(ObjectType::MediaType), "LTO-6").unwrap();
    h.session.detect_device_changes(&DetectionTargets::MediaTypes(vec![media_type.id])).unwrap();
    assert_eq!(
        h.session.detect_device_changes(&DetectionTargets::Libraries(vec![media_type.id])).unwrap_err().kind(),
        ErrorKind::ObjectNotFound
    );
    lib.assert_consistent();
}

#[test]
fn a_standalone_drive_reports_media_only_with_detection_on() {
    let h = home();
    let lib = h.library("Desk", VirtualLibrarySpec::standalone());
    assert_eq!(library_info(&lib.object()).library_type, LibraryType::Standalone);
    assert!(lib.slots().is_empty());
    let events = h.session.open_notification(&[ObjectType::PhysicalMedia, ObjectType::Drive]).unwrap();

    // Without detection nothing is noticed.
    lib.vlib
        .insert_into_drive(0, CartridgeSpec::unlabeled().media_type("DVD").label(b"\x7fELF not a label".to_vec()))
        .unwrap();
    std::thread::sleep(Duration::from_millis(100));
    assert!(lib.media().is_empty());
    assert!(drain(&events).is_empty());

    let detection = h.session.begin_device_change_detection().unwrap();
    detection.set_interval(Duration::from_millis(20));
    let media_type = h.session.ensure_media_type("DVD").unwrap();
    detection.set_targets(DetectionTargets::MediaTypes(vec![media_type.id])).unwrap();
    let inserted = loop {
        let e = events.wait(Timeout::from_millis(5000)).unwrap();
        if e.operation == Operation::Insert && e.object_type == ObjectType::PhysicalMedia {
            break e.object_id;
        }
    };
    assert!(eventually(Duration::from_secs(2), || pool_of(&h.session, &h.session.object(inserted).unwrap())
        == "Unrecognized/DVD"));
    let d = lib.drives().remove(0);
    assert_eq!(drive(&d).media, Some(inserted));
    // Mounting it needs no robot.
    let mounted = h.session.mount(&[inserted], &MountOptions::default()).unwrap();
    assert_eq!(mounted[0].drive, Some(d.id));
    h.session.dismount(&[inserted], &DismountOptions::deferred()).unwrap();
    lib.assert_consistent();

    // Taken out by hand: the medium goes offline, the drive is empty.
    lib.vlib.remove_from_drive(0).unwrap();
    wait_event(&events, inserted, Operation::Update);
    assert!(eventually(Duration::from_secs(2), || drive(&lib.drives()[0]).drive_state == DriveState::Dismounted));
    assert_eq!(info(&h.session.object(inserted).unwrap()).location.kind, LocationKind::Offline);
    detection.end();
    lib.assert_consistent();
}

#[test]
fn the_virtual_library_survives_a_restart() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let path = dir.path().join("vlib");
    {
        let vlib =
            VirtualLibrary::create(&path, VirtualConfig::new(2, 5, 1).media("LTO-6", 3).barcode_prefix("P")).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            vlib.move_medium(FIRST_SLOT_ADDRESS, FIRST_DRIVE_ADDRESS).await.unwrap();
            vlib.load(FIRST_DRIVE_ADDRESS).await.unwrap();
            assert_eq!(
                vlib.move_medium(FIRST_DRIVE_ADDRESS, FIRST_SLOT_ADDRESS).await.unwrap_err().kind(),
                ErrorKind::NotReady
            );
        });
        vlib.set_fault(VirtualFault::DriveLoadFailure { drive: 1 }).unwrap();
        vlib.insert_into_port(0, CartridgeSpec::new("PORT01")).unwrap();
        // Opening the same directory again in this process gives the same library.
        let again = VirtualLibrary::open(&path).unwrap();
        assert_eq!(again.faults(), vlib.faults());
    }
    let vlib = VirtualLibrary::open(&path).unwrap();
    assert_eq!(vlib.faults(), vec![VirtualFault::DriveLoadFailure { drive: 1 }]);
    let contents = vlib.contents();
    assert!(contents.contains(&(Some("P0001".into()), ElementType::DataTransfer, FIRST_DRIVE_ADDRESS)));
    assert!(contents.iter().any(|(b, t, _)| b.as_deref() == Some("PORT01") && *t == ElementType::ImportExport));
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let status = vlib.element_status(&[ElementType::DataTransfer]).await.unwrap();
        assert!(status[0].full);
        assert_eq!(status[0].source, Some(FIRST_SLOT_ADDRESS));
        assert!(vlib.read_medium(FIRST_DRIVE_ADDRESS, 16).await.unwrap().iter().all(|b| *b == 0), "blank");
        vlib.unload(FIRST_DRIVE_ADDRESS).await.unwrap();
        vlib.move_medium(FIRST_DRIVE_ADDRESS, FIRST_SLOT_ADDRESS).await.unwrap();
        vlib.move_medium(FIRST_SLOT_ADDRESS + 1, FIRST_DRIVE_ADDRESS + 1).await.unwrap();
        assert_eq!(vlib.load(FIRST_DRIVE_ADDRESS + 1).await.unwrap_err().kind(), ErrorKind::UnableToLoadMedium);
        assert_eq!(
            vlib.move_medium(FIRST_SLOT_ADDRESS + 4, FIRST_SLOT_ADDRESS).await.unwrap_err().kind(),
            ErrorKind::MediumNotAccessible
        );
        assert_eq!(
            vlib.move_medium(FIRST_SLOT_ADDRESS + 2, FIRST_SLOT_ADDRESS).await.unwrap_err().kind(),
            ErrorKind::NotEmpty
        );
        assert_eq!(vlib.move_medium(9999, FIRST_SLOT_ADDRESS).await.unwrap_err().kind(), ErrorKind::ResourceNotPresent);
    });
    assert_eq!(VirtualLibrary::create(&path, VirtualConfig::new(1, 1, 0)).unwrap_err().kind(), ErrorKind::NotEmpty);
    assert_eq!(
        VirtualLibrary::create(dir.path().join("x"), VirtualConfig::new(1, 2, 0).media("LTO-6", 3)).unwrap_err().kind(),
        ErrorKind::InvalidParameter
    );
}

#[test]
fn a_registered_library_keeps_working_after_the_process_restarts() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let (library, tape) = {
        let h = openrsm::Session::open(openrsm::SessionOptions::default().home(dir.path())).unwrap();
        let lib = h
            .create_virtual_library("Robot", VirtualLibrarySpec::new(1, 4, 1).media("LTO-6", 2).barcode_prefix("K"))
            .unwrap();
        let tape = h.resolve(Some(ObjectType::PhysicalMedia), "K0001").unwrap();
        h.mount(&[tape.id], &MountOptions::default()).unwrap();
        h.close();
        (lib.id, tape.id)
    };
    let session = loop {
        match openrsm::Session::open(openrsm::SessionOptions::default().home(dir.path())) {
            Ok(s) => break s,
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    };
    assert_consistent(&session, library);
    session.dismount(&[tape], &DismountOptions::immediate()).unwrap();
    assert_consistent(&session, library);
}

#[test]
fn deleting_drives_and_libraries() {
    let h = home();
    let lib = h.library("Robot", VirtualLibrarySpec::new(2, 6, 1).media("LTO-6", 3).barcode_prefix("X"));
    let tape = lib.medium("X0001");
    let drives = lib.drives();
    h.session.mount(&[tape.id], &MountOptions::default().drive(drives[0].id)).unwrap();
    assert_eq!(h.session.delete_drive(drives[0].id).unwrap_err().kind(), ErrorKind::NotEmpty);
    assert_eq!(h.session.delete_library(lib.id).unwrap_err().kind(), ErrorKind::MediaNotAvailable);
    h.session.delete_drive(drives[1].id).unwrap();
    assert_eq!(lib.drives().len(), 1);
    h.session.dismount(&[tape.id], &DismountOptions::immediate()).unwrap();

    let dir = lib.vlib.dir().to_path_buf();
    let events = h.session.open_notification(&[ObjectType::Library, ObjectType::PhysicalMedia]).unwrap();
    h.session.delete_library(lib.id).unwrap();
    assert_eq!(h.session.object(lib.id).unwrap_err().kind(), ErrorKind::ObjectNotFound);
    let seen = drain(&events);
    assert!(seen.iter().any(|e| e.object_id == lib.id && e.operation == Operation::Delete));
    assert!(seen.iter().any(|e| e.object_id == tape.id && e.operation == Operation::Update));
    let t = info(&h.session.object(tape.id).unwrap());
    assert_eq!(t.location.kind, LocationKind::Offline);
    assert!(t.library.is_none());
    assert!(h.session.enumerate(None, ObjectType::StorageSlot).unwrap().is_empty());
    assert!(!dir.join("state.json").exists(), "its directory under the home went too");
    // The name can be used again.
    h.library("Robot", VirtualLibrarySpec::new(1, 6, 1).media("LTO-6", 3).barcode_prefix("X"));
    assert_eq!(
        h.session.create_virtual_library("Robot", VirtualLibrarySpec::new(1, 2, 0)).unwrap_err().kind(),
        ErrorKind::InvalidParameter
    );
    let _ = drop(dir);
}
