//! Object management: enumeration by container, information, validation, attributes,
//! enable/disable, deletion, and lookup by id, name, path or barcode.

mod common;

use common::*;
use openrsm::{
    AllocateOptions, Detail, ErrorKind, InventoryMethod, LocationKind, MediaSpec, Object, ObjectChanges, ObjectId,
    ObjectType, Operation, PoolKind, Session,
};

/// A home with two libraries and something in every container, built through the API where the
/// core has one and with direct SQL for what only library control creates.
struct World {
    _home: tempfile::TempDir,
    s: Session,
    raw: Raw,
    computer: ObjectId,
    lto: ObjectId,
    dlt: ObjectId,
    lib1: ObjectId,
    lib2: ObjectId,
    drives: Vec<ObjectId>,
    slots: Vec<ObjectId>,
    port: ObjectId,
    door: ObjectId,
    changer: ObjectId,
    drive_type: ObjectId,
    changer_type: ObjectId,
    lib2_slot: ObjectId,
    backup: ObjectId,
    weekly: ObjectId,
    daily: ObjectId,
    in_slot: ObjectId,
    in_drive: ObjectId,
    in_port: ObjectId,
    in_lib2: ObjectId,
    shelved: ObjectId,
    dlt_media: ObjectId,
    logical: ObjectId,
    requests: Vec<ObjectId>,
    op_requests: Vec<ObjectId>,
}

fn world() -> World {
    let (home, s) = fresh();
    let raw = Raw::open(home.path());
    let computer = s.enumerate(None, ObjectType::Computer).unwrap()[0].id;
    let lto = media_type(&s, "LTO-6", 2).id;
    let dlt = media_type(&s, "DLT", 1).id;
    let lib1 = raw.library("Library One");
    let lib2 = raw.library("Library Two");
    // Inserted out of order: enumeration orders by number.
    let drives = {
        let d1 = raw.drive(lib1, 1);
        let d0 = raw.drive(lib1, 0);
        vec![d0, d1]
    };
    let slots: Vec<ObjectId> = [2, 0, 1].iter().map(|n| raw.slot(lib1, *n)).collect();
    let slots = vec![slots[1], slots[2], slots[0]];
    let port = raw.ieport(lib1, 0);
    let door = raw.iedoor(lib1);
    let drive_type = raw.device_type(ObjectType::DriveType, "LTO-6 drive");
    let changer_type = raw.device_type(ObjectType::ChangerType, "Robot");
    let changer = raw.changer(lib1, changer_type);
    let lib2_slot = raw.slot(lib2, 0);

    let backup = pool(&s, "Backup", lto).id;
    let weekly = pool(&s, "Backup/Weekly", lto).id;
    let daily = pool(&s, "Backup/Daily", lto).id;
    let in_slot = medium(&s, lto, "S00001", None).id;
    let in_drive = medium(&s, lto, "S00002", None).id;
    let in_port = medium(&s, lto, "S00003", None).id;
    let in_lib2 = medium(&s, lto, "S00004", None).id;
    let shelved = medium(&s, lto, "S00005", Some(backup)).id;
    let dlt_media = medium(&s, dlt, "D00001", None).id;
    raw.place(in_slot, lib1, LocationKind::Slot, slots[0]);
    raw.place(in_drive, lib1, LocationKind::Drive, drives[0]);
    raw.place(in_port, lib1, LocationKind::IePort, port);
    raw.place(in_lib2, lib2, LocationKind::Slot, lib2_slot);
    let logical = s.allocate_media(backup, AllocateOptions::default().new_media()).unwrap().id;
    assert_eq!(logical_info(&s.object(logical).unwrap()).physical_media, shelved);

    let requests = vec![
        raw.lib_request(lib1, None, Some(in_slot), 1, 0),
        raw.lib_request(lib1, Some(drives[0]), Some(in_drive), 2, 0),
        raw.lib_request(lib2, None, None, 3, 2),
    ];
    let op_requests = vec![raw.op_request("Insert cleaner", 10), raw.op_request("Add media", 20)];
    World {
        _home: home,
        s,
        raw,
        computer,
        lto,
        dlt,
        lib1,
        lib2,
        drives,
        slots,
        port,
        door,
        changer,
        drive_type,
        changer_type,
        lib2_slot,
        backup,
        weekly,
        daily,
        in_slot,
        in_drive,
        in_port,
        in_lib2,
        shelved,
        dlt_media,
        logical,
        requests,
        op_requests,
    }
}

fn sorted(mut ids: Vec<ObjectId>) -> Vec<ObjectId> {
    ids.sort();
    ids
}

fn names(objects: &[Object]) -> Vec<&str> {
    objects.iter().map(|o| o.name.as_str()).collect()
}

#[test]
fn enumerate_every_containment_pair() {
    let w = world();
    let s = &w.s;
    let e = |container: ObjectId, t: ObjectType| s.enumerate(Some(container), t).unwrap();
    let sides_of = |m: ObjectId| ids(&sides(s, m));

    // Computer: everything of these types, and the top pools.
    assert_eq!(names(&e(w.computer, ObjectType::Library)), ["Library One", "Library Two"]);
    assert_eq!(names(&e(w.computer, ObjectType::MediaType)), ["DLT", "LTO-6"]);
    assert_eq!(ids(&e(w.computer, ObjectType::OpRequest)), w.op_requests);
    assert_eq!(ids(&e(w.computer, ObjectType::LibRequest)), w.requests);
    assert_eq!(ids(&e(w.computer, ObjectType::DriveType)), [w.drive_type]);
    assert_eq!(ids(&e(w.computer, ObjectType::ChangerType)), [w.changer_type]);
    assert_eq!(names(&e(w.computer, ObjectType::MediaPool)), ["Backup", "Free", "Import", "Unrecognized"]);

    // Library: its own elements, media and requests only.
    assert_eq!(ids(&e(w.lib1, ObjectType::Drive)), w.drives);
    assert_eq!(ids(&e(w.lib1, ObjectType::StorageSlot)), w.slots);
    assert_eq!(ids(&e(w.lib2, ObjectType::StorageSlot)), [w.lib2_slot]);
    assert_eq!(ids(&e(w.lib1, ObjectType::IePort)), [w.port]);
    assert_eq!(ids(&e(w.lib1, ObjectType::IeDoor)), [w.door]);
    assert!(e(w.lib2, ObjectType::IeDoor).is_empty());
    assert_eq!(ids(&e(w.lib1, ObjectType::Changer)), [w.changer]);
    assert_eq!(sorted(ids(&e(w.lib1, ObjectType::PhysicalMedia))), sorted(vec![w.in_slot, w.in_drive, w.in_port]));
    assert_eq!(ids(&e(w.lib2, ObjectType::PhysicalMedia)), [w.in_lib2]);
    assert_eq!(ids(&e(w.lib1, ObjectType::LibRequest)), w.requests[..2]);
    assert_eq!(ids(&e(w.lib2, ObjectType::LibRequest)), w.requests[2..]);

    // Media pools: child pools, media, allocated sides.
    assert_eq!(ids(&e(w.backup, ObjectType::MediaPool)), [w.daily, w.weekly]);
    assert!(e(w.weekly, ObjectType::MediaPool).is_empty());
    assert_eq!(ids(&e(w.backup, ObjectType::PhysicalMedia)), [w.shelved]);
    assert_eq!(ids(&e(w.backup, ObjectType::LogicalMedia)), [w.logical]);
    let free_lto = s.system_pool(PoolKind::Free, Some(w.lto)).unwrap().id;
    assert_eq!(
        sorted(ids(&e(free_lto, ObjectType::PhysicalMedia))),
        sorted(vec![w.in_slot, w.in_drive, w.in_port, w.in_lib2])
    );
    let top_free = s.system_pool(PoolKind::Free, None).unwrap().id;
    assert_eq!(names(&e(top_free, ObjectType::MediaPool)), ["DLT", "LTO-6"]);

    // Media types: their system and application pools, their media.
    let lto_pools = e(w.lto, ObjectType::MediaPool);
    let mut paths: Vec<String> = lto_pools.iter().map(|p| pool_info(p).path.clone()).collect();
    paths.sort();
    assert_eq!(paths, ["Backup", "Backup/Daily", "Backup/Weekly", "Free/LTO-6", "Import/LTO-6", "Unrecognized/LTO-6"]);
    assert_eq!(ids(&e(w.dlt, ObjectType::PhysicalMedia)), [w.dlt_media]);
    assert_eq!(e(w.lto, ObjectType::PhysicalMedia).len(), 5);

    // Physical media: sides (by side number), allocated sides, requests.
    let shelved_sides = e(w.shelved, ObjectType::Partition);
    assert_eq!(names(&shelved_sides), ["S00005:A", "S00005:B"]);
    assert_eq!(shelved_sides.iter().map(|p| side_info(p).side).collect::<Vec<_>>(), [0, 1]);
    assert_eq!(ids(&e(w.shelved, ObjectType::LogicalMedia)), [w.logical]);
    assert!(e(w.in_slot, ObjectType::LogicalMedia).is_empty());
    assert_eq!(ids(&e(w.in_slot, ObjectType::LibRequest)), [w.requests[0]]);
    assert_eq!(ids(&e(w.in_drive, ObjectType::LibRequest)), [w.requests[1]]);

    // A side: its logical media.
    assert_eq!(ids(&e(sides_of(w.shelved)[0], ObjectType::LogicalMedia)), [w.logical]);
    assert!(e(sides_of(w.shelved)[1], ObjectType::LogicalMedia).is_empty());

    // Drives, slots and ports: the medium in them; a drive: its requests.
    assert_eq!(ids(&e(w.drives[0], ObjectType::PhysicalMedia)), [w.in_drive]);
    assert!(e(w.drives[1], ObjectType::PhysicalMedia).is_empty());
    assert_eq!(ids(&e(w.slots[0], ObjectType::PhysicalMedia)), [w.in_slot]);
    assert!(e(w.slots[1], ObjectType::PhysicalMedia).is_empty());
    assert_eq!(ids(&e(w.port, ObjectType::PhysicalMedia)), [w.in_port]);
    assert_eq!(ids(&e(w.drives[0], ObjectType::LibRequest)), [w.requests[1]]);
    assert!(e(w.drives[1], ObjectType::LibRequest).is_empty());

    // All of a type.
    assert_eq!(s.enumerate(None, ObjectType::PhysicalMedia).unwrap().len(), 6);
    assert_eq!(s.enumerate(None, ObjectType::Partition).unwrap().len(), 5 * 2 + 1);
    assert_eq!(ids(&s.enumerate(None, ObjectType::Drive).unwrap()), w.drives);
    assert_eq!(ids(&s.enumerate(None, ObjectType::LibRequest).unwrap()), w.requests);
}

#[test]
fn enumerate_refuses_containers_that_cannot_hold_the_type() {
    let w = world();
    let s = &w.s;
    let refused = [
        (w.backup, ObjectType::Drive),
        (w.shelved, ObjectType::PhysicalMedia),
        (w.lib1, ObjectType::MediaPool),
        (w.computer, ObjectType::PhysicalMedia),
        (w.door, ObjectType::PhysicalMedia),
        (w.changer, ObjectType::Drive),
        (w.logical, ObjectType::Partition),
        (w.requests[0], ObjectType::PhysicalMedia),
        (w.slots[0], ObjectType::LibRequest),
    ];
    for (container, t) in refused {
        let err = s.enumerate(Some(container), t).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidParameter, "{t} in {container}: {err}");
    }
    assert_eq!(kind(s.enumerate(Some(ObjectId::new()), ObjectType::PhysicalMedia)), ErrorKind::ObjectNotFound);
    for t in [ObjectType::Unknown, ObjectType::Object, ObjectType::UiDestination] {
        assert_eq!(kind(s.enumerate(None, t)), ErrorKind::InvalidParameter, "{t}");
    }
}

#[test]
fn objects_read_back_with_their_type_fields() {
    let w = world();
    let s = &w.s;
    let m = s.object(w.in_slot).unwrap();
    assert_eq!(m.object_type, ObjectType::PhysicalMedia);
    assert_eq!(m.name, "S00001");
    assert!(m.enabled);
    let info = media_info(&m);
    assert_eq!(info.library, Some(w.lib1));
    assert_eq!(info.location.kind, LocationKind::Slot);
    assert_eq!(info.location.element, Some(w.slots[0]));
    assert_eq!(info.barcode.as_deref(), Some("S00001"));
    assert_eq!(info.sides, 2);
    assert_eq!(info.media_type, w.lto);
    match s.object(w.drives[1]).unwrap().detail {
        Detail::Drive(d) => {
            assert_eq!((d.library, d.number, d.deferred_dismount_seconds), (w.lib1, 1, 300));
        }
        other => panic!("{other:?}"),
    }
    let weekly = s.object(w.weekly).unwrap();
    assert_eq!(pool_info(&weekly).path, "Backup/Weekly");
    assert_eq!(pool_info(&weekly).parent, Some(w.backup));
    assert_eq!(kind(s.object(ObjectId::new())), ErrorKind::ObjectNotFound);
}

#[test]
fn objects_of_every_stored_type_round_trip_through_serde() {
    let w = world();
    let mut seen = std::collections::HashSet::new();
    for t in ObjectType::ALL {
        for object in w.s.enumerate(None, *t).unwrap_or_default() {
            let json = serde_json::to_value(&object).unwrap();
            assert_eq!(json["type"], t.name());
            assert_eq!(json["id"], object.id.to_string());
            let back: Object = serde_json::from_value(json).unwrap();
            assert_eq!(back, object);
            seen.insert(*t);
        }
    }
    // Every type the world holds: all stored types.
    assert_eq!(seen.len(), 16, "{seen:?}");
    assert_eq!(ObjectType::PhysicalMedia as u32, 15);
}

#[test]
fn find_and_resolve_by_id_name_path_and_barcode() {
    let w = world();
    let s = &w.s;
    let cart = s.create_media(MediaSpec::new(w.dlt).barcode("B00042").name("Cartridge")).unwrap();
    assert_eq!(s.resolve(None, &w.backup.to_string()).unwrap().id, w.backup);
    assert_eq!(s.resolve(None, &format!("{{{}}}", w.backup)).unwrap().id, w.backup);
    assert_eq!(s.resolve(Some(ObjectType::Library), "Library Two").unwrap().id, w.lib2);
    assert_eq!(s.resolve(None, "Backup/Weekly").unwrap().id, w.weekly);
    assert_eq!(s.resolve(None, "Free/DLT").unwrap().id, s.system_pool(PoolKind::Free, Some(w.dlt)).unwrap().id);
    assert_eq!(s.resolve(None, "B00042").unwrap().id, cart.id);
    assert_eq!(s.resolve(Some(ObjectType::PhysicalMedia), "Cartridge").unwrap().id, cart.id);

    // "LTO-6" names a media type and three system pools: ambiguous unless the type is given.
    let err = s.resolve(None, "LTO-6").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    assert!(err.message().contains("4 objects"), "{}", err.message());
    assert_eq!(s.resolve(Some(ObjectType::MediaType), "LTO-6").unwrap().id, w.lto);
    assert_eq!(s.find_by_name(Some(ObjectType::MediaPool), "LTO-6").unwrap().len(), 3);
    assert_eq!(s.find_by_name(None, "LTO-6").unwrap().len(), 4);
    assert!(s.find_by_name(None, "nothing").unwrap().is_empty());

    assert_eq!(kind(s.resolve(Some(ObjectType::MediaType), &w.backup.to_string())), ErrorKind::InvalidParameter);
    assert_eq!(kind(s.resolve(None, "nothing")), ErrorKind::ObjectNotFound);
    assert_eq!(kind(s.resolve(None, "Backup/Monthly")), ErrorKind::ObjectNotFound);
    assert_eq!(kind(s.resolve(None, &ObjectId::new().to_string())), ErrorKind::ObjectNotFound);
}

fn change(s: &Session, id: ObjectId, changes: ObjectChanges) -> openrsm::Result<Object> {
    s.set_object_info(id, &changes)
}

fn named(name: &str) -> ObjectChanges {
    ObjectChanges { name: Some(name.into()), ..Default::default() }
}

fn described(text: &str) -> ObjectChanges {
    ObjectChanges { description: Some(text.into()), ..Default::default() }
}

#[test]
fn names_and_descriptions_are_validated() {
    let w = world();
    let s = &w.s;
    let before = s.object(w.weekly).unwrap();
    let longest = "n".repeat(64);
    let accented = "é".repeat(64);
    assert_eq!(change(s, w.weekly, named(&longest)).unwrap().name, longest);
    assert_eq!(change(s, w.weekly, named(&accented)).unwrap().name, accented);
    for bad in ["", "   ", "a/b", "tab\there", "line\nbreak", &"n".repeat(65), &"é".repeat(65)] {
        let err = change(s, w.weekly, named(bad)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidParameter, "{bad:?}");
    }
    let longest = "d".repeat(127);
    assert_eq!(change(s, w.weekly, described(&longest)).unwrap().description, longest);
    assert_eq!(change(s, w.weekly, described(&"ü".repeat(127))).unwrap().description, "ü".repeat(127));
    assert_eq!(change(s, w.weekly, described("")).unwrap().description, "");
    assert_eq!(kind(change(s, w.weekly, described(&"d".repeat(128)))), ErrorKind::InvalidParameter);

    // A refused change changes nothing, not even its valid parts.
    let now = s.object(w.weekly).unwrap();
    let mixed =
        ObjectChanges { description: Some("valid".into()), name: Some("in/valid".into()), ..Default::default() };
    assert_eq!(kind(change(s, w.weekly, mixed)), ErrorKind::InvalidParameter);
    assert_eq!(s.object(w.weekly).unwrap(), now);
    assert!(now.modified >= before.modified);
    assert_eq!(kind(change(s, ObjectId::new(), described("x"))), ErrorKind::ObjectNotFound);
}

#[test]
fn set_object_info_applies_type_fields_and_refuses_others() {
    let w = world();
    let s = &w.s;
    let n = s.open_notification(&[]).unwrap();

    let lib = change(
        s,
        w.lib1,
        ObjectChanges {
            inventory_method: Some(InventoryMethod::Omid),
            auto_recovery: Some(true),
            ..Default::default()
        },
    )
    .unwrap();
    match &lib.detail {
        Detail::Library(l) => assert_eq!((l.inventory_method, l.auto_recovery), (InventoryMethod::Omid, true)),
        other => panic!("{other:?}"),
    }
    let event = n.wait(SOON).unwrap();
    assert_eq!((event.operation, event.object_type, event.object_id), (Operation::Update, ObjectType::Library, w.lib1));

    let drive = change(s, w.drives[0], ObjectChanges { deferred_dismount_seconds: Some(42), ..Default::default() });
    assert!(matches!(drive.unwrap().detail, Detail::Drive(d) if d.deferred_dismount_seconds == 42));
    let door = change(s, w.door, ObjectChanges { max_open_seconds: Some(7), ..Default::default() });
    assert!(matches!(door.unwrap().detail, Detail::IeDoor(d) if d.max_open_seconds == 7));
    let port = change(s, w.port, ObjectChanges { max_extend_seconds: Some(9), ..Default::default() });
    assert!(matches!(port.unwrap().detail, Detail::IePort(p) if p.max_extend_seconds == 9));
    let computer = change(
        s,
        w.computer,
        ObjectChanges { librequest_purge_seconds: Some(60), oprequest_purge_seconds: Some(120), ..Default::default() },
    )
    .unwrap();
    assert!(matches!(computer.detail, Detail::Computer(c)
        if c.librequest_purge_seconds == 60 && c.oprequest_purge_seconds == 120));
    let pool = change(
        s,
        w.weekly,
        ObjectChanges {
            draw_from_free: Some(false),
            return_to_free: Some(false),
            max_allocations: Some(3),
            ..Default::default()
        },
    )
    .unwrap();
    let p = pool_info(&pool);
    assert_eq!((p.draw_from_free, p.return_to_free, p.max_allocations), (false, false, 3));
    // And they persist.
    assert_eq!(s.object(w.weekly).unwrap(), pool);

    // Barcodes: printable ASCII, at most 64; empty clears it.
    let m = change(s, w.dlt_media, ObjectChanges { barcode: Some("NEW001".into()), ..Default::default() }).unwrap();
    assert_eq!(media_info(&m).barcode.as_deref(), Some("NEW001"));
    for bad in ["has space", "tab\t", &"B".repeat(65), "ünï"] {
        let err = change(s, w.dlt_media, ObjectChanges { barcode: Some(bad.into()), ..Default::default() });
        assert_eq!(kind(err), ErrorKind::InvalidParameter, "{bad:?}");
    }
    let m = change(s, w.dlt_media, ObjectChanges { barcode: Some(String::new()), ..Default::default() }).unwrap();
    assert_eq!(media_info(&m).barcode, None);

    // Fields of another type.
    let refused = [
        (w.backup, ObjectChanges { inventory_method: Some(InventoryMethod::Fast), ..Default::default() }),
        (w.lib1, ObjectChanges { max_allocations: Some(1), ..Default::default() }),
        (w.backup, ObjectChanges { barcode: Some("X1".into()), ..Default::default() }),
        (w.in_slot, ObjectChanges { deferred_dismount_seconds: Some(1), ..Default::default() }),
        (w.lib1, ObjectChanges { librequest_purge_seconds: Some(1), ..Default::default() }),
        (w.backup, ObjectChanges { priority: Some(1), ..Default::default() }),
        (w.drives[0], ObjectChanges { max_open_seconds: Some(1), ..Default::default() }),
    ];
    for (id, changes) in refused {
        assert_eq!(kind(change(s, id, changes.clone())), ErrorKind::InvalidParameter, "{changes:?}");
    }
}

#[test]
fn request_priorities_are_validated() {
    let w = world();
    let s = &w.s;
    let request = w.requests[0];
    for priority in [-15, 0, 15] {
        let r = change(s, request, ObjectChanges { priority: Some(priority), ..Default::default() }).unwrap();
        assert!(matches!(r.detail, Detail::LibRequest(info) if info.priority == priority));
    }
    for priority in [-16, 16, i32::MIN, i32::MAX] {
        let err = change(s, request, ObjectChanges { priority: Some(priority), ..Default::default() });
        assert_eq!(kind(err), ErrorKind::InvalidParameter, "{priority}");
    }
    assert!(matches!(s.object(request).unwrap().detail, Detail::LibRequest(info) if info.priority == 15));
}

#[test]
fn renaming_pools_and_media_types() {
    let w = world();
    let s = &w.s;
    let renamed = change(s, w.backup, named("Archive")).unwrap();
    assert_eq!(pool_info(&renamed).path, "Archive");
    assert_eq!(s.media_pool_name(w.weekly).unwrap(), "Archive/Weekly");
    assert_eq!(s.media_pool_by_path("Archive/Daily").unwrap().id, w.daily);
    // A sibling already has the name.
    assert_eq!(kind(change(s, w.weekly, named("Daily"))), ErrorKind::InvalidParameter);
    // The same name is no conflict.
    change(s, w.weekly, named("Weekly")).unwrap();
    // System pools keep their names.
    let free = s.system_pool(PoolKind::Free, None).unwrap().id;
    assert_eq!(kind(change(s, free, named("Scratch"))), ErrorKind::InvalidOperation);
    let free_lto = s.system_pool(PoolKind::Free, Some(w.lto)).unwrap().id;
    assert_eq!(kind(change(s, free_lto, named("Scratch"))), ErrorKind::InvalidOperation);
    // A media type renamed through its information renames its system pools, as
    // change_media_type does, and its name stays unique.
    change(s, w.lto, named("LTO-6 tape")).unwrap();
    assert_eq!(s.media_pool_name(free_lto).unwrap(), "Free/LTO-6 tape");
    assert_eq!(kind(change(s, w.lto, named("DLT"))), ErrorKind::InvalidParameter);
    assert_eq!(s.object(w.lto).unwrap().name, "LTO-6 tape");
}

#[test]
fn attributes_up_to_64_kib() {
    let w = world();
    let s = &w.s;
    let n = s.open_notification(&[ObjectType::MediaPool]).unwrap();
    let exact: Vec<u8> = (0..64 * 1024).map(|i| (i % 251) as u8).collect();
    s.set_attribute(w.backup, "label", &exact).unwrap();
    assert_eq!(s.attribute(w.backup, "label").unwrap(), exact);
    let event = n.wait(SOON).unwrap();
    assert_eq!((event.operation, event.object_id), (Operation::Update, w.backup));

    let err = s.set_attribute(w.backup, "label", &vec![1u8; 64 * 1024 + 1]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidParameter);
    assert!(err.message().contains("65537"), "{}", err.message());
    assert_eq!(s.attribute(w.backup, "label").unwrap(), exact, "the refused value replaced nothing");
    assert_eq!(n.try_next().unwrap(), None, "a refused set publishes nothing");

    s.set_attribute(w.backup, "empty", b"").unwrap();
    assert_eq!(s.attribute(w.backup, "empty").unwrap(), b"");
    s.set_attribute(w.backup, "label", b"short").unwrap();
    assert_eq!(s.attribute(w.backup, "label").unwrap(), b"short");
    let long_name = "k".repeat(256);
    s.set_attribute(w.backup, &long_name, b"v").unwrap();
    assert_eq!(s.attribute_names(w.backup).unwrap(), ["empty", "k".repeat(256).as_str(), "label"]);
    assert!(s.attribute_names(w.weekly).unwrap().is_empty());

    for bad in ["", "bad\nname", &"k".repeat(257)] {
        assert_eq!(kind(s.set_attribute(w.backup, bad, b"v")), ErrorKind::InvalidParameter, "{bad:?}");
    }
    assert_eq!(kind(s.attribute(w.backup, "missing")), ErrorKind::ObjectNotFound);
    assert_eq!(kind(s.attribute(ObjectId::new(), "label")), ErrorKind::ObjectNotFound);
    assert_eq!(kind(s.attribute_names(ObjectId::new())), ErrorKind::ObjectNotFound);
    assert_eq!(kind(s.set_attribute(ObjectId::new(), "label", b"v")), ErrorKind::ObjectNotFound);
    s.delete_attribute(w.backup, "empty").unwrap();
    assert_eq!(kind(s.delete_attribute(w.backup, "empty")), ErrorKind::ObjectNotFound);
    assert_eq!(kind(s.attribute(w.backup, "empty")), ErrorKind::ObjectNotFound);

    // Attributes go with their object.
    s.set_attribute(w.daily, "owner", b"ops").unwrap();
    s.delete_object(w.daily).unwrap();
    assert_eq!(kind(s.attribute(w.daily, "owner")), ErrorKind::ObjectNotFound);
    assert_eq!(w.raw.count("SELECT count(*) FROM attributes WHERE name = 'owner'"), 0);
}

#[test]
fn enable_and_disable() {
    let w = world();
    let s = &w.s;
    let n = s.open_notification(&[ObjectType::MediaPool]).unwrap();
    s.disable(w.weekly).unwrap();
    assert!(!s.object(w.weekly).unwrap().enabled);
    assert_eq!(n.wait(SOON).unwrap().object_id, w.weekly);
    // Disabling twice changes nothing and publishes nothing.
    s.disable(w.weekly).unwrap();
    assert_eq!(n.try_next().unwrap(), None);
    s.enable(w.weekly).unwrap();
    assert!(s.object(w.weekly).unwrap().enabled);
    for id in [w.lib1, w.drives[0], w.slots[0], w.port, w.door, w.changer, w.in_slot, w.lto] {
        s.disable(id).unwrap();
        assert!(!s.object(id).unwrap().enabled);
        s.enable(id).unwrap();
    }
    for id in [w.computer, w.logical, w.requests[0], w.op_requests[0], w.drive_type] {
        assert_eq!(kind(s.disable(id)), ErrorKind::InvalidParameter);
    }
    assert_eq!(kind(s.enable(ObjectId::new())), ErrorKind::ObjectNotFound);
}

#[test]
fn delete_where_the_spec_allows() {
    let w = world();
    let s = &w.s;
    // Unfinished requests must be cancelled first; finished ones can go.
    assert_eq!(kind(s.delete_object(w.requests[0])), ErrorKind::InvalidOperation);
    s.delete_object(w.requests[2]).unwrap();
    assert_eq!(kind(s.object(w.requests[2])), ErrorKind::ObjectNotFound);
    assert_eq!(kind(s.delete_object(w.op_requests[0])), ErrorKind::InvalidOperation);
    w.raw.conn().execute("UPDATE op_requests SET request_state = 5 WHERE id = ?1", [w.op_requests[0]]).unwrap();
    s.delete_object(w.op_requests[0]).unwrap();
    // Objects the spec does not let this call delete.
    for id in [w.computer, w.lib1, w.drives[0], w.logical, sides(s, w.in_slot)[0].id] {
        assert_eq!(kind(s.delete_object(id)), ErrorKind::InvalidOperation, "{id}");
    }
    // Pools: non-empty refused, empty deleted.
    assert_eq!(kind(s.delete_object(w.backup)), ErrorKind::NotEmpty);
    s.delete_object(w.weekly).unwrap();
    assert_eq!(kind(s.media_pool_by_path("Backup/Weekly")), ErrorKind::ObjectNotFound);
    // Media: offline ones without allocated sides.
    s.delete_object(w.dlt_media).unwrap();
    assert_eq!(s.enumerate(None, ObjectType::Partition).unwrap().len(), 2 * 5);
    assert_eq!(kind(s.delete_object(w.in_slot)), ErrorKind::InvalidOperation);
    assert_eq!(kind(s.delete_object(w.shelved)), ErrorKind::MediaNotAvailable);
    // Media types: without media.
    s.delete_object(w.dlt).unwrap();
    assert_eq!(kind(s.delete_object(w.lto)), ErrorKind::NotEmpty);
    assert_eq!(kind(s.delete_object(ObjectId::new())), ErrorKind::ObjectNotFound);
}

#[test]
fn a_batch_of_changes_is_one_transaction() {
    let w = world();
    let s = &w.s;
    let n = s.open_notification(&[]).unwrap();
    let start = s.last_sequence().unwrap();
    let changes = vec![
        (w.weekly, described("weekly")),
        (w.in_slot, described("in a slot")),
        (w.weekly, ObjectChanges { max_allocations: Some(9), ..Default::default() }),
    ];
    let changed = s.set_object_info_batch(&changes).unwrap();
    assert_eq!(ids(&changed), [w.weekly, w.in_slot, w.weekly]);
    assert_eq!(pool_info(&changed[0]).path, "Backup/Weekly");
    // The later change saw the earlier one.
    assert_eq!(changed[2].description, "weekly");
    assert_eq!(pool_info(&s.object(w.weekly).unwrap()).max_allocations, 9);
    let events: Vec<_> = std::iter::from_fn(|| n.try_next().unwrap()).collect();
    assert_eq!(events.iter().map(|e| e.object_id).collect::<Vec<_>>(), [w.weekly, w.in_slot, w.weekly]);
    assert!(events.iter().all(|e| e.operation == Operation::Update));
    assert_eq!(events.iter().map(|e| e.sequence).collect::<Vec<_>>(), [start + 1, start + 2, start + 3]);

    // One refused change (last, first, or an unknown object) refuses them all.
    let before: Vec<Object> = [w.weekly, w.in_slot].iter().map(|id| s.object(*id).unwrap()).collect();
    let refused = [
        vec![(w.weekly, described("never")), (w.in_slot, named("in/valid"))],
        vec![(w.weekly, ObjectChanges { priority: Some(1), ..Default::default() }), (w.in_slot, described("never"))],
        vec![(w.weekly, described("never")), (ObjectId::new(), described("never"))],
    ];
    let kinds: Vec<ErrorKind> = refused.iter().map(|batch| kind(s.set_object_info_batch(batch))).collect();
    assert_eq!(kinds, [ErrorKind::InvalidParameter, ErrorKind::InvalidParameter, ErrorKind::ObjectNotFound]);
    let after: Vec<Object> = [w.weekly, w.in_slot].iter().map(|id| s.object(*id).unwrap()).collect();
    assert_eq!(after, before);
    assert_eq!(n.try_next().unwrap(), None);
    assert_eq!(s.last_sequence().unwrap(), start + 3);
    assert!(s.set_object_info_batch(&[]).unwrap().is_empty());
}
