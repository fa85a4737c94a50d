//! Media services that need no robot: media types, pools, media and sides, allocation rules.

mod common;

use std::thread;
use std::time::{Duration, Instant};

use common::*;
use openrsm::media::{CreateMode, MediaTypeChanges};
use openrsm::{
    AllocateOptions, ErrorKind, MediaSpec, MediaTypeSpec, Object, ObjectId, ObjectType, Operation, PartitionState,
    PoolKind, PoolOptions, ReadWrite, Session,
};

fn state_of(s: &Session, side: ObjectId) -> PartitionState {
    side_info(&s.object(side).unwrap()).partition_state
}

fn pool_of(s: &Session, media: ObjectId) -> ObjectId {
    media_info(&s.object(media).unwrap()).pool
}

fn free(s: &Session, media_type: ObjectId) -> ObjectId {
    s.system_pool(PoolKind::Free, Some(media_type)).unwrap().id
}

fn app_pool(s: &Session, path: &str, media_type: ObjectId, options: PoolOptions) -> Object {
    s.create_media_pool(path, options.media_type(media_type).create_parents()).unwrap()
}

fn no_policies() -> PoolOptions {
    PoolOptions { draw_from_free: false, return_to_free: false, ..Default::default() }
}

// ---------------------------------------------------------------------------------------------
// Media types

#[test]
fn a_media_type_comes_with_its_system_pools() {
    let (_home, s) = fresh();
    let dvd = s
        .add_media_type(MediaTypeSpec::new("DVD-R").sides(2).read_write(ReadWrite::Worm).description("discs"))
        .unwrap();
    assert_eq!(dvd.object_type, ObjectType::MediaType);
    assert_eq!(dvd.description, "discs");
    assert!(matches!(&dvd.detail, openrsm::Detail::MediaType(m) if m.sides == 2 && m.read_write == ReadWrite::Worm));
    for (kind, top) in
        [(PoolKind::Free, "Free"), (PoolKind::Import, "Import"), (PoolKind::Unrecognized, "Unrecognized")]
    {
        let pool = s.system_pool(kind, Some(dvd.id)).unwrap();
        let info = pool_info(&pool);
        assert_eq!(info.path, format!("{top}/DVD-R"));
        assert_eq!(info.kind, kind);
        assert_eq!(info.media_type, Some(dvd.id));
        assert_eq!(info.parent, Some(s.system_pool(kind, None).unwrap().id));
        assert_eq!(s.media_pool_by_path(&format!("{top}/DVD-R")).unwrap().id, pool.id);
    }
    assert_eq!(s.ensure_media_type("DVD-R").unwrap().id, dvd.id);
    let created = s.ensure_media_type("BD-R").unwrap();
    assert_eq!(s.resolve(Some(ObjectType::MediaType), "BD-R").unwrap().id, created.id);
    assert_eq!(s.media_pool_name(free(&s, created.id)).unwrap(), "Free/BD-R");
}

#[test]
fn media_type_validation() {
    let (_home, s) = fresh();
    media_type(&s, "LTO-6", 1);
    assert_eq!(kind(s.add_media_type(MediaTypeSpec::new("LTO-6"))), ErrorKind::InvalidParameter);
    assert_eq!(kind(s.add_media_type(MediaTypeSpec::new("Zero").sides(0))), ErrorKind::InvalidParameter);
    assert_eq!(kind(s.add_media_type(MediaTypeSpec::new("Many").sides(65))), ErrorKind::InvalidParameter);
    s.add_media_type(MediaTypeSpec::new("Sixty-four").sides(64)).unwrap();
    for bad in ["", "a/b", &"x".repeat(65)] {
        assert_eq!(kind(s.add_media_type(MediaTypeSpec::new(bad))), ErrorKind::InvalidParameter, "{bad:?}");
    }
    assert_eq!(s.enumerate(None, ObjectType::MediaType).unwrap().len(), 2);
    // Failed adds left no pools behind: 3 top + 3 per media type.
    assert_eq!(s.enumerate(None, ObjectType::MediaPool).unwrap().len(), 3 + 2 * 3);
}

#[test]
fn change_and_delete_media_types() {
    let (_home, s) = fresh();
    let lto = media_type(&s, "LTO-6", 1);
    let changed = s
        .change_media_type(
            lto.id,
            MediaTypeChanges { name: Some("LTO-7".into()), sides: Some(2), read_write: Some(ReadWrite::Worm) },
        )
        .unwrap();
    assert_eq!(changed.name, "LTO-7");
    assert!(
        matches!(&changed.detail, openrsm::Detail::MediaType(m) if m.sides == 2 && m.read_write == ReadWrite::Worm)
    );
    assert_eq!(s.media_pool_name(free(&s, lto.id)).unwrap(), "Free/LTO-7");
    assert_eq!(s.media_pool_by_path("Unrecognized/LTO-7").unwrap().name, "LTO-7");

    medium(&s, lto.id, "L00001", None);
    // Sides cannot change while media of the type exist; the same number is no change.
    let err = s.change_media_type(lto.id, MediaTypeChanges { sides: Some(1), ..Default::default() }).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotEmpty);
    s.change_media_type(lto.id, MediaTypeChanges { sides: Some(2), ..Default::default() }).unwrap();
    let dlt = media_type(&s, "DLT", 1);
    let rename = MediaTypeChanges { name: Some("DLT".into()), ..Default::default() };
    assert_eq!(kind(s.change_media_type(lto.id, rename)), ErrorKind::InvalidParameter);
    let bad_sides = MediaTypeChanges { sides: Some(0), ..Default::default() };
    assert_eq!(kind(s.change_media_type(dlt.id, bad_sides)), ErrorKind::InvalidParameter);

    // Delete: refused while media or application pools use it.
    assert_eq!(kind(s.delete_media_type(lto.id)), ErrorKind::NotEmpty);
    let app = app_pool(&s, "DLT-Backup", dlt.id, PoolOptions::default());
    assert_eq!(kind(s.delete_media_type(dlt.id)), ErrorKind::NotEmpty);
    s.delete_media_pool(app.id).unwrap();
    let dlt_pools: Vec<ObjectId> = [PoolKind::Free, PoolKind::Import, PoolKind::Unrecognized]
        .map(|k| s.system_pool(k, Some(dlt.id)).unwrap().id)
        .into();
    s.delete_media_type(dlt.id).unwrap();
    assert_eq!(kind(s.object(dlt.id)), ErrorKind::ObjectNotFound);
    for pool in dlt_pools {
        assert_eq!(kind(s.object(pool)), ErrorKind::ObjectNotFound);
    }
    assert_eq!(kind(s.delete_media_type(dlt.id)), ErrorKind::ObjectNotFound);
    assert_eq!(kind(s.change_media_type(ObjectId::new(), MediaTypeChanges::default())), ErrorKind::ObjectNotFound);
}

// ---------------------------------------------------------------------------------------------
// Pools

#[test]
fn pools_nest_to_any_depth_with_full_paths() {
    let (_home, s) = fresh();
    let lto = media_type(&s, "LTO-6", 1);
    let path = (1..=12).map(|i| format!("L{i}")).collect::<Vec<_>>().join("/");
    let deepest = app_pool(&s, &path, lto.id, PoolOptions::default());
    assert_eq!(pool_info(&deepest).path, path);
    assert_eq!(s.media_pool_name(deepest.id).unwrap(), path);
    assert_eq!(s.media_pool_by_path(&path).unwrap().id, deepest.id);
    assert_eq!(s.media_pool_by_path(&format!("/{path}/")).unwrap().id, deepest.id);
    // Each level is the parent of the next.
    let mut parent = None;
    for depth in 1..=12 {
        let prefix = (1..=depth).map(|i| format!("L{i}")).collect::<Vec<_>>().join("/");
        let pool = s.media_pool_by_path(&prefix).unwrap();
        assert_eq!(pool_info(&pool).parent, parent);
        assert_eq!(pool_info(&pool).kind, PoolKind::Application);
        parent = Some(pool.id);
    }
    // Only the last level gets the media type.
    assert_eq!(pool_info(&s.media_pool_by_path("L1").unwrap()).media_type, None);
    assert_eq!(pool_info(&deepest).media_type, Some(lto.id));
}

#[test]
fn pool_creation_modes_and_refusals() {
    let (_home, s) = fresh();
    let lto = media_type(&s, "LTO-6", 1);
    let backup = s.create_media_pool("Backup", PoolOptions::default()).unwrap();
    assert_eq!(kind(s.create_media_pool("Backup", PoolOptions::default())), ErrorKind::InvalidParameter);
    let open = PoolOptions::default().mode(CreateMode::OpenExisting);
    assert_eq!(s.create_media_pool("Backup", open.clone()).unwrap().id, backup.id);
    assert_eq!(kind(s.create_media_pool("Missing", open)), ErrorKind::ObjectNotFound);
    let always = PoolOptions::default().mode(CreateMode::OpenAlways);
    assert_eq!(s.create_media_pool("Backup", always.clone()).unwrap().id, backup.id);
    let created = s.create_media_pool("Archive", always).unwrap();
    assert_eq!(pool_info(&created).path, "Archive");

    // Parents must exist unless asked to create them.
    assert_eq!(kind(s.create_media_pool("A/B/C", PoolOptions::default())), ErrorKind::ObjectNotFound);
    assert_eq!(kind(s.media_pool_by_path("A")), ErrorKind::ObjectNotFound);
    s.create_media_pool("Backup/Weekly", PoolOptions::default()).unwrap();
    // Not inside system pools, nor replacing them.
    for path in ["Free/Mine", "Free/LTO-6/Mine", "Import", "Unrecognized/LTO-6"] {
        let err = s.create_media_pool(path, PoolOptions::default().create_parents()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidMediaPool, "{path}");
    }
    for path in ["", "/", "Backup/bad\u{7}", &"p".repeat(65)] {
        let err = s.create_media_pool(path, PoolOptions::default()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidParameter, "{path:?}");
    }
    assert_eq!(
        kind(s.create_media_pool("Typed", PoolOptions::default().media_type(ObjectId::new()))),
        ErrorKind::ObjectNotFound
    );
    let described = PoolOptions { description: "weekly fulls".into(), max_allocations: 5, ..PoolOptions::default() };
    let pool = s.create_media_pool("Described", described.media_type(lto.id)).unwrap();
    assert_eq!(pool.description, "weekly fulls");
    let info = pool_info(&pool);
    assert_eq!((info.draw_from_free, info.return_to_free, info.max_allocations), (true, true, 5));
    assert_eq!(kind(s.media_pool_name(lto.id)), ErrorKind::ObjectNotFound);
}

#[test]
fn a_non_empty_pool_cannot_be_deleted() {
    let (_home, s) = fresh();
    let lto = media_type(&s, "LTO-6", 1);
    let backup = app_pool(&s, "Backup", lto.id, no_policies());
    let weekly = app_pool(&s, "Backup/Weekly", lto.id, no_policies());
    let other = app_pool(&s, "Other", lto.id, no_policies());
    let m = medium(&s, lto.id, "N00001", Some(weekly.id));

    // Child pool.
    let err = s.delete_media_pool(backup.id).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotEmpty);
    assert_eq!(err.code(), 4307);
    assert!(err.message().contains("1 child pools"), "{}", err.message());
    // Media.
    let err = s.delete_media_pool(weekly.id).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotEmpty);
    assert!(err.message().contains("1 media"), "{}", err.message());
    // Only an allocated side: its medium moved on, the logical media stays in the pool.
    let logical = s.allocate_media(weekly.id, AllocateOptions::default()).unwrap();
    s.move_to_pool(m.id, other.id).unwrap();
    assert_eq!(s.enumerate(Some(weekly.id), ObjectType::PhysicalMedia).unwrap().len(), 0);
    let err = s.delete_media_pool(weekly.id).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotEmpty);
    assert!(err.message().contains("1 allocated sides"), "{}", err.message());
    assert!(s.object(weekly.id).is_ok(), "a refused delete deletes nothing");

    s.deallocate_media(logical.id).unwrap();
    s.delete_media_pool(weekly.id).unwrap();
    s.delete_media_pool(backup.id).unwrap();
    assert_eq!(kind(s.delete_media_pool(backup.id)), ErrorKind::ObjectNotFound);
    // System pools are never deleted.
    for pool in [s.system_pool(PoolKind::Free, None).unwrap().id, free(&s, lto.id)] {
        assert_eq!(kind(s.delete_media_pool(pool)), ErrorKind::InvalidOperation);
    }
    assert_eq!(kind(s.delete_media_pool(lto.id)), ErrorKind::ObjectNotFound);
}

// ---------------------------------------------------------------------------------------------
// Media and sides

#[test]
fn media_are_created_with_their_sides() {
    let (_home, s) = fresh();
    let dvd = media_type(&s, "DVD-RAM", 2);
    let n = s.open_notification(&[ObjectType::PhysicalMedia, ObjectType::Partition]).unwrap();
    let disc =
        s.create_media(MediaSpec { description: "spare".into(), ..MediaSpec::new(dvd.id).barcode("D0001") }).unwrap();
    assert_eq!(disc.name, "D0001");
    assert_eq!(disc.description, "spare");
    let info = media_info(&disc);
    assert_eq!(info.pool, free(&s, dvd.id));
    assert_eq!(info.sides, 2);
    assert_eq!(info.library, None);
    assert_eq!(info.location, openrsm::Location::OFFLINE);
    assert_eq!(info.media_state, openrsm::MediaState::Idle);
    let sides = sides(&s, disc.id);
    assert_eq!(sides.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["D0001:A", "D0001:B"]);
    for (i, side) in sides.iter().enumerate() {
        let p = side_info(side);
        assert_eq!((p.side, p.partition_state, p.allocation_count), (i as u32, PartitionState::Available, 0));
        assert_eq!(p.physical_media, disc.id);
        assert_eq!(p.logical_media, None);
    }
    let events: Vec<_> = std::iter::from_fn(|| n.try_next().unwrap()).map(|e| (e.operation, e.object_id)).collect();
    assert_eq!(
        events,
        [(Operation::Insert, disc.id), (Operation::Insert, sides[0].id), (Operation::Insert, sides[1].id)]
    );

    // Named, or named after the id when there is no barcode; long names keep side names short.
    let named = s.create_media(MediaSpec::new(dvd.id).name("Holiday photos")).unwrap();
    assert_eq!(named.name, "Holiday photos");
    let anonymous = s.create_media(MediaSpec::new(dvd.id)).unwrap();
    assert_eq!(anonymous.name, format!("Media-{}", &anonymous.id.to_string()[..8]));
    let long = s.create_media(MediaSpec::new(dvd.id).name("x".repeat(64))).unwrap();
    let long_sides = self::sides(&s, long.id);
    assert_eq!(long_sides[1].name, format!("{}:B", "x".repeat(62)));

    // Sides take the state of the pool they are created in.
    let import = s.system_pool(PoolKind::Import, Some(dvd.id)).unwrap().id;
    let unrecognized = s.system_pool(PoolKind::Unrecognized, Some(dvd.id)).unwrap().id;
    let imported = medium(&s, dvd.id, "I0001", Some(import));
    assert!(self::sides(&s, imported.id).iter().all(|p| side_info(p).partition_state == PartitionState::Import));
    let foreign = medium(&s, dvd.id, "F0001", Some(unrecognized));
    assert!(self::sides(&s, foreign.id).iter().all(|p| side_info(p).partition_state == PartitionState::Foreign));
}

#[test]
fn media_creation_refusals_create_nothing() {
    let (_home, s) = fresh();
    let lto = media_type(&s, "LTO-6", 1);
    let dlt = media_type(&s, "DLT", 1);
    let dlt_pool = app_pool(&s, "DLT-Pool", dlt.id, PoolOptions::default());
    for bad in ["has space", "", &"B".repeat(65), "tab\t"] {
        assert_eq!(kind(s.create_media(MediaSpec::new(lto.id).barcode(bad))), ErrorKind::InvalidParameter, "{bad:?}");
    }
    assert_eq!(kind(s.create_media(MediaSpec::new(lto.id).name("a/b"))), ErrorKind::InvalidParameter);
    assert_eq!(kind(s.create_media(MediaSpec::new(lto.id).pool(dlt_pool.id))), ErrorKind::MediaIncompatible);
    assert_eq!(kind(s.create_media(MediaSpec::new(lto.id).pool(free(&s, dlt.id)))), ErrorKind::MediaIncompatible);
    assert_eq!(kind(s.create_media(MediaSpec::new(ObjectId::new()))), ErrorKind::ObjectNotFound);
    assert_eq!(kind(s.create_media(MediaSpec::new(lto.id).pool(ObjectId::new()))), ErrorKind::ObjectNotFound);
    // The top system pools hold pools, not media.
    let top_free = s.system_pool(PoolKind::Free, None).unwrap().id;
    assert_eq!(kind(s.create_media(MediaSpec::new(lto.id).pool(top_free))), ErrorKind::InvalidMediaPool);
    assert!(s.enumerate(None, ObjectType::PhysicalMedia).unwrap().is_empty());
    assert!(s.enumerate(None, ObjectType::Partition).unwrap().is_empty());
}

#[test]
fn delete_media() {
    let (_home, s) = fresh();
    let lto = media_type(&s, "LTO-6", 2);
    let backup = app_pool(&s, "Backup", lto.id, PoolOptions::default());
    let m = medium(&s, lto.id, "X00001", Some(backup.id));
    let logical = s.allocate_media(backup.id, AllocateOptions::default()).unwrap();
    assert_eq!(kind(s.delete_media(m.id)), ErrorKind::MediaNotAvailable);
    s.deallocate_media(logical.id).unwrap();
    let side_ids = ids(&sides(&s, m.id));
    let n = s.open_notification(&[]).unwrap();
    s.delete_media(m.id).unwrap();
    assert_eq!(kind(s.object(m.id)), ErrorKind::ObjectNotFound);
    for side in &side_ids {
        assert_eq!(kind(s.object(*side)), ErrorKind::ObjectNotFound);
    }
    let events: Vec<_> = std::iter::from_fn(|| n.try_next().unwrap()).map(|e| (e.operation, e.object_id)).collect();
    assert_eq!(events, [(Operation::Delete, side_ids[0]), (Operation::Delete, side_ids[1]), (Operation::Delete, m.id)]);
    assert_eq!(kind(s.delete_media(m.id)), ErrorKind::ObjectNotFound);
    assert_eq!(kind(s.delete_media(backup.id)), ErrorKind::ObjectNotFound);
}

// ---------------------------------------------------------------------------------------------
// Allocation

#[test]
fn allocate_a_side_and_give_it_back() {
    let (_home, s) = fresh();
    let lto = media_type(&s, "LTO-6", 1);
    let backup = app_pool(&s, "Backup", lto.id, no_policies());
    let m = medium(&s, lto.id, "A00001", Some(backup.id));
    let side = sides(&s, m.id)[0].id;
    let n = s.open_notification(&[ObjectType::LogicalMedia, ObjectType::Partition]).unwrap();

    let logical = s.allocate_media(backup.id, AllocateOptions::default()).unwrap();
    assert_eq!(logical.object_type, ObjectType::LogicalMedia);
    assert_eq!(logical.name, "A00001:A");
    let l = logical_info(&logical);
    assert_eq!((l.partition, l.physical_media, l.pool), (side, m.id, backup.id));
    let p = side_info(&s.object(side).unwrap()).clone();
    assert_eq!(
        (p.partition_state, p.allocation_count, p.logical_media),
        (PartitionState::Allocated, 1, Some(logical.id))
    );
    let events: Vec<_> = std::iter::from_fn(|| n.try_next().unwrap()).map(|e| (e.operation, e.object_id)).collect();
    assert_eq!(events, [(Operation::Insert, logical.id), (Operation::Update, side)]);

    // Nothing left: MEDIA_UNAVAILABLE at once.
    let err = s.allocate_media(backup.id, AllocateOptions::default()).unwrap_err();
    assert_eq!((err.kind(), err.code()), (ErrorKind::MediaUnavailable, 4308));

    s.deallocate_media(logical.id).unwrap();
    assert_eq!(kind(s.object(logical.id)), ErrorKind::ObjectNotFound);
    let p = side_info(&s.object(side).unwrap()).clone();
    assert_eq!((p.partition_state, p.allocation_count, p.logical_media), (PartitionState::Available, 1, None));
    assert_eq!(pool_of(&s, m.id), backup.id, "no return to Free for this pool");
    assert_eq!(kind(s.deallocate_media(logical.id)), ErrorKind::ObjectNotFound);
    assert_eq!(kind(s.deallocate_media(side)), ErrorKind::InvalidMedia);

    // Allocations only come from application pools.
    assert_eq!(kind(s.allocate_media(free(&s, lto.id), AllocateOptions::default())), ErrorKind::InvalidMediaPool);
    assert_eq!(kind(s.allocate_media(ObjectId::new(), AllocateOptions::default())), ErrorKind::ObjectNotFound);
}

#[test]
fn allocate_new_takes_an_untouched_medium_and_next_its_next_side() {
    let (_home, s) = fresh();
    let dvd = media_type(&s, "DVD-RAM", 2);
    let backup = app_pool(&s, "Backup", dvd.id, no_policies());
    let first = medium(&s, dvd.id, "D00001", Some(backup.id));
    let second = medium(&s, dvd.id, "D00002", Some(backup.id));

    let a = s.allocate_media(backup.id, AllocateOptions::default().new_media()).unwrap();
    let a_media = logical_info(&a).physical_media;
    // NEW never picks a side of a medium with an allocated side.
    let b = s.allocate_media(backup.id, AllocateOptions::default().new_media()).unwrap();
    let b_media = logical_info(&b).physical_media;
    assert_ne!(a_media, b_media);
    assert_eq!(sorted(vec![a_media, b_media]), sorted(vec![first.id, second.id]));
    assert_eq!(kind(s.allocate_media(backup.id, AllocateOptions::default().new_media())), ErrorKind::MediaUnavailable);

    // NEXT: the following side of the same medium.
    let a_next = s.allocate_media(backup.id, AllocateOptions::default().next_of(a.id)).unwrap();
    let next = logical_info(&a_next);
    assert_eq!(next.physical_media, a_media);
    assert_eq!(side_info(&s.object(next.partition).unwrap()).side, 1);
    assert_eq!(side_info(&s.object(logical_info(&a).partition).unwrap()).side, 0);
    // No side after the last.
    let err = s.allocate_media(backup.id, AllocateOptions::default().next_of(a_next.id)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MediaUnavailable);
    // A plain allocation takes what is left: the second side of the other medium.
    let last = s.allocate_media(backup.id, AllocateOptions::default()).unwrap();
    assert_eq!(logical_info(&last).physical_media, b_media);
    assert_eq!(kind(s.allocate_media(backup.id, AllocateOptions::default())), ErrorKind::MediaUnavailable);
}

fn sorted(mut v: Vec<ObjectId>) -> Vec<ObjectId> {
    v.sort();
    v
}

#[test]
fn allocate_next_stays_in_the_pool_it_is_asked_for() {
    let (_home, s) = fresh();
    let dvd = media_type(&s, "DVD-RAM", 2);
    let backup = app_pool(&s, "Backup", dvd.id, no_policies());
    let other = app_pool(&s, "Other", dvd.id, no_policies());
    let disc = medium(&s, dvd.id, "D00001", Some(backup.id));
    let a = s.allocate_media(backup.id, AllocateOptions::default()).unwrap();
    // The next side of a medium in Backup is not Other's to hand out.
    let err = s.allocate_media(other.id, AllocateOptions::default().next_of(a.id)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidMediaPool);
    assert_eq!(pool_of(&s, disc.id), backup.id);
    assert_eq!(s.enumerate(Some(other.id), ObjectType::LogicalMedia).unwrap().len(), 0);
}

#[test]
fn error_if_unavailable_and_waiting_for_media() {
    let (_home, s) = fresh();
    let lto = media_type(&s, "LTO-6", 1);
    let backup = app_pool(&s, "Backup", lto.id, PoolOptions::default());
    // ERROR_IF_UNAVAILABLE does not wait, even with a timeout.
    let start = Instant::now();
    let options = AllocateOptions::default().error_if_unavailable().timeout(Duration::from_secs(10));
    assert_eq!(kind(s.allocate_media(backup.id, options)), ErrorKind::MediaUnavailable);
    assert!(start.elapsed() < Duration::from_secs(5));
    // A timeout that passes.
    let start = Instant::now();
    let options = AllocateOptions::default().timeout(Duration::from_millis(150));
    assert_eq!(kind(s.allocate_media(backup.id, options)), ErrorKind::MediaUnavailable);
    assert!(start.elapsed() >= Duration::from_millis(150));
    // A medium that arrives while waiting (in Free: the pool draws from it).
    let adder = {
        let s = s.clone();
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(100));
            medium(&s, lto.id, "W00001", None).id
        })
    };
    let logical = s.allocate_media(backup.id, AllocateOptions::default().timeout(Duration::from_secs(10))).unwrap();
    let arrived = adder.join().unwrap();
    assert_eq!(logical_info(&logical).physical_media, arrived);
    assert_eq!(pool_of(&s, arrived), backup.id);
}

#[test]
fn draw_from_free_and_return_to_free() {
    let (_home, s) = fresh();
    let lto = media_type(&s, "LTO-6", 1);
    let free_lto = free(&s, lto.id);
    let drawing = app_pool(&s, "Drawing", lto.id, PoolOptions::default());
    let keeping = app_pool(&s, "Keeping", lto.id, no_policies());
    let untyped = s.create_media_pool("Untyped", PoolOptions::default()).unwrap();
    let scratch = medium(&s, lto.id, "F00001", None);
    let own = medium(&s, lto.id, "O00001", Some(drawing.id));

    // A pool uses its own media before drawing from Free.
    let first = s.allocate_media(drawing.id, AllocateOptions::default()).unwrap();
    assert_eq!(logical_info(&first).physical_media, own.id);
    // A pool that does not draw from Free, or has no media type to draw by, gets nothing.
    assert_eq!(kind(s.allocate_media(keeping.id, AllocateOptions::default())), ErrorKind::MediaUnavailable);
    assert_eq!(kind(s.allocate_media(untyped.id, AllocateOptions::default())), ErrorKind::MediaUnavailable);
    assert_eq!(pool_of(&s, scratch.id), free_lto);

    let n = s.open_notification(&[ObjectType::PhysicalMedia]).unwrap();
    let drawn = s.allocate_media(drawing.id, AllocateOptions::default()).unwrap();
    assert_eq!(logical_info(&drawn).physical_media, scratch.id);
    assert_eq!(pool_of(&s, scratch.id), drawing.id, "drawn media join the pool");
    let event = n.wait(SOON).unwrap();
    assert_eq!((event.operation, event.object_id), (Operation::Update, scratch.id));

    // Deallocation sends media back to Free when the pool says so.
    s.deallocate_media(drawn.id).unwrap();
    assert_eq!(pool_of(&s, scratch.id), free_lto);
    assert_eq!(state_of(&s, sides(&s, scratch.id)[0].id), PartitionState::Available);
    s.deallocate_media(first.id).unwrap();
    assert_eq!(pool_of(&s, own.id), free_lto, "its own media too");

    // A pool that keeps its media.
    s.move_to_pool(own.id, keeping.id).unwrap();
    let kept = s.allocate_media(keeping.id, AllocateOptions::default()).unwrap();
    s.deallocate_media(kept.id).unwrap();
    assert_eq!(pool_of(&s, own.id), keeping.id);
}

#[test]
fn a_medium_returns_to_free_only_when_no_side_is_allocated() {
    let (_home, s) = fresh();
    let dvd = media_type(&s, "DVD-RAM", 2);
    let pool = app_pool(&s, "Discs", dvd.id, PoolOptions::default());
    let disc = medium(&s, dvd.id, "D00001", None);
    let a = s.allocate_media(pool.id, AllocateOptions::default()).unwrap();
    let b = s.allocate_media(pool.id, AllocateOptions::default().next_of(a.id)).unwrap();
    s.deallocate_media(a.id).unwrap();
    assert_eq!(pool_of(&s, disc.id), pool.id);
    s.deallocate_media(b.id).unwrap();
    assert_eq!(pool_of(&s, disc.id), free(&s, dvd.id));
}

#[test]
fn max_allocations_decommission_a_side() {
    let (_home, s) = fresh();
    let lto = media_type(&s, "LTO-6", 1);
    let pool = app_pool(&s, "Limited", lto.id, PoolOptions::default().max_allocations(3));
    let tape = medium(&s, lto.id, "M00001", None);
    let side = sides(&s, tape.id)[0].id;
    for round in 1..=3u32 {
        let logical = s.allocate_media(pool.id, AllocateOptions::default()).unwrap();
        assert_eq!(logical_info(&logical).partition, side);
        assert_eq!(side_info(&s.object(side).unwrap()).allocation_count, round);
        s.deallocate_media(logical.id).unwrap();
    }
    let p = side_info(&s.object(side).unwrap()).clone();
    assert_eq!((p.partition_state, p.allocation_count), (PartitionState::Decommissioned, 3));
    assert_eq!(kind(s.allocate_media(pool.id, AllocateOptions::default())), ErrorKind::MediaUnavailable);
    // Moving it around does not bring a worn side back.
    s.move_to_pool(tape.id, pool.id).unwrap();
    s.move_to_pool(tape.id, free(&s, lto.id)).unwrap();
    assert_eq!(state_of(&s, side), PartitionState::Decommissioned);
}

#[test]
fn complete_decommission_and_disabled_objects() {
    let (_home, s) = fresh();
    let lto = media_type(&s, "LTO-6", 1);
    let pool = app_pool(&s, "Backup", lto.id, no_policies());
    let tape = medium(&s, lto.id, "C00001", Some(pool.id));
    let spare = medium(&s, lto.id, "C00002", Some(pool.id));
    let side = sides(&s, tape.id)[0].id;
    let spare_side = sides(&s, spare.id)[0].id;

    // A disabled medium is not allocated; a disabled pool refuses.
    s.disable(spare.id).unwrap();
    let logical = s.allocate_media(pool.id, AllocateOptions::default()).unwrap();
    assert_eq!(logical_info(&logical).physical_media, tape.id);
    assert_eq!(kind(s.allocate_media(pool.id, AllocateOptions::default())), ErrorKind::MediaUnavailable);
    s.enable(spare.id).unwrap();
    s.disable(pool.id).unwrap();
    assert_eq!(kind(s.allocate_media(pool.id, AllocateOptions::default())), ErrorKind::ResourceDisabled);
    s.enable(pool.id).unwrap();

    // Complete: allocated sides only, idempotent, still deallocatable.
    assert_eq!(kind(s.decommission_media(logical.id)), ErrorKind::InvalidOperation);
    s.set_media_complete(logical.id).unwrap();
    assert_eq!(state_of(&s, side), PartitionState::Complete);
    s.set_media_complete(logical.id).unwrap();
    assert_eq!(kind(s.decommission_media(side)), ErrorKind::InvalidOperation);
    assert_eq!(kind(s.set_media_complete(spare_side)), ErrorKind::InvalidOperation);
    s.deallocate_media(logical.id).unwrap();
    assert_eq!(state_of(&s, side), PartitionState::Available);
    assert_eq!(kind(s.set_media_complete(logical.id)), ErrorKind::ObjectNotFound);

    // Decommission: by side or by a one-sided medium; idempotent; never allocated again.
    s.decommission_media(tape.id).unwrap();
    assert_eq!(state_of(&s, side), PartitionState::Decommissioned);
    s.decommission_media(side).unwrap();
    s.decommission_media(spare_side).unwrap();
    assert_eq!(kind(s.allocate_media(pool.id, AllocateOptions::default())), ErrorKind::MediaUnavailable);
    assert_eq!(kind(s.decommission_media(pool.id)), ErrorKind::InvalidMedia);
    assert_eq!(kind(s.decommission_media(ObjectId::new())), ErrorKind::ObjectNotFound);
}

#[test]
fn decommissioning_a_two_sided_medium_needs_the_side() {
    let (_home, s) = fresh();
    let dvd = media_type(&s, "DVD-RAM", 2);
    let disc = medium(&s, dvd.id, "D00001", None);
    assert_eq!(kind(s.decommission_media(disc.id)), ErrorKind::InvalidParameter);
    let b = sides(&s, disc.id)[1].id;
    s.decommission_media(b).unwrap();
    assert_eq!(state_of(&s, b), PartitionState::Decommissioned);
    // Now only one side fits.
    s.decommission_media(disc.id).unwrap();
    assert!(sides(&s, disc.id).iter().all(|p| side_info(p).partition_state == PartitionState::Decommissioned));
}

#[test]
fn swap_exchanges_the_sides_behind_two_logical_media() {
    let (_home, s) = fresh();
    let lto = media_type(&s, "LTO-6", 1);
    let p1 = app_pool(&s, "P1", lto.id, no_policies());
    let p2 = app_pool(&s, "P2", lto.id, no_policies());
    let old = medium(&s, lto.id, "OLD001", Some(p1.id));
    let new = medium(&s, lto.id, "NEW001", Some(p2.id));
    let (old_side, new_side) = (sides(&s, old.id)[0].id, sides(&s, new.id)[0].id);
    let a = s.allocate_media(p1.id, AllocateOptions::default()).unwrap();
    let b = s.allocate_media(p2.id, AllocateOptions::default()).unwrap();

    s.swap_media(a.id, b.id).unwrap();
    let a = s.object(a.id).unwrap();
    let b = s.object(b.id).unwrap();
    let (la, lb) = (logical_info(&a), logical_info(&b));
    assert_eq!((la.partition, la.physical_media, la.pool), (new_side, new.id, p1.id));
    assert_eq!((lb.partition, lb.physical_media, lb.pool), (old_side, old.id, p2.id));
    assert_eq!(side_info(&s.object(new_side).unwrap()).logical_media, Some(a.id));
    assert_eq!(side_info(&s.object(old_side).unwrap()).logical_media, Some(b.id));
    // The media moved pools with their logical media.
    assert_eq!(pool_of(&s, new.id), p1.id);
    assert_eq!(pool_of(&s, old.id), p2.id);

    assert_eq!(kind(s.swap_media(a.id, a.id)), ErrorKind::InvalidParameter);
    assert_eq!(kind(s.swap_media(a.id, old.id)), ErrorKind::ObjectNotFound);
    assert_eq!(kind(s.swap_media(ObjectId::new(), b.id)), ErrorKind::ObjectNotFound);
}

#[test]
fn moving_media_between_pools() {
    let (_home, s) = fresh();
    let lto = media_type(&s, "LTO-6", 1);
    let dlt = media_type(&s, "DLT", 1);
    let backup = app_pool(&s, "Backup", lto.id, no_policies());
    let dlt_pool = app_pool(&s, "DLT", dlt.id, no_policies());
    let any = s.create_media_pool("Any", no_policies()).unwrap();
    let import = s.system_pool(PoolKind::Import, Some(lto.id)).unwrap().id;
    let tape = medium(&s, lto.id, "V00001", Some(import));
    let side = sides(&s, tape.id)[0].id;
    assert_eq!(state_of(&s, side), PartitionState::Import);

    let n = s.open_notification(&[ObjectType::PhysicalMedia]).unwrap();
    let moved = s.move_to_pool(tape.id, backup.id).unwrap();
    assert_eq!(media_info(&moved).pool, backup.id);
    assert_eq!(state_of(&s, side), PartitionState::Available);
    assert_eq!(n.wait(SOON).unwrap().object_id, tape.id);
    assert_eq!(s.enumerate(Some(backup.id), ObjectType::PhysicalMedia).unwrap().len(), 1);
    // Moving where it already is changes nothing.
    s.move_to_pool(tape.id, backup.id).unwrap();
    assert_eq!(n.try_next().unwrap(), None);
    // A pool with no media type takes any.
    s.move_to_pool(tape.id, any.id).unwrap();

    assert_eq!(kind(s.move_to_pool(tape.id, dlt_pool.id)), ErrorKind::MediaIncompatible);
    assert_eq!(kind(s.move_to_pool(tape.id, free(&s, dlt.id))), ErrorKind::MediaIncompatible);
    let top_free = s.system_pool(PoolKind::Free, None).unwrap().id;
    assert_eq!(kind(s.move_to_pool(tape.id, top_free)), ErrorKind::InvalidMediaPool);
    assert_eq!(kind(s.move_to_pool(tape.id, ObjectId::new())), ErrorKind::ObjectNotFound);
    assert_eq!(kind(s.move_to_pool(backup.id, any.id)), ErrorKind::ObjectNotFound);

    // Allocated media stay out of system pools but may change application pools.
    s.move_to_pool(tape.id, backup.id).unwrap();
    let logical = s.allocate_media(backup.id, AllocateOptions::default()).unwrap();
    assert_eq!(kind(s.move_to_pool(tape.id, free(&s, lto.id))), ErrorKind::MediaNotAvailable);
    assert_eq!(pool_of(&s, tape.id), backup.id);
    s.move_to_pool(tape.id, any.id).unwrap();
    assert_eq!(state_of(&s, side), PartitionState::Allocated);
    s.deallocate_media(logical.id).unwrap();

    // Into Free, Import and Unrecognized: the sides follow the pool's kind.
    s.move_to_pool(tape.id, free(&s, lto.id)).unwrap();
    assert_eq!(state_of(&s, side), PartitionState::Available);
    s.move_to_pool(tape.id, s.system_pool(PoolKind::Unrecognized, Some(lto.id)).unwrap().id).unwrap();
    assert_eq!(state_of(&s, side), PartitionState::Foreign);
    s.move_to_pool(tape.id, import).unwrap();
    assert_eq!(state_of(&s, side), PartitionState::Import);
}

#[test]
fn a_batch_of_media_is_created_in_one_transaction() {
    let (_home, s) = fresh();
    let dvd = media_type(&s, "DVD-RAM", 2);
    let n = s.open_notification(&[ObjectType::PhysicalMedia, ObjectType::Partition]).unwrap();
    let specs: Vec<MediaSpec> = (0..50).map(|i| MediaSpec::new(dvd.id).barcode(format!("BATCH{i:03}"))).collect();
    let media = s.create_media_batch(&specs).unwrap();
    assert_eq!(
        media.iter().map(|m| m.name.clone()).collect::<Vec<_>>(),
        (0..50).map(|i| format!("BATCH{i:03}")).collect::<Vec<_>>()
    );
    assert_eq!(s.enumerate(None, ObjectType::PhysicalMedia).unwrap().len(), 50);
    assert_eq!(s.enumerate(None, ObjectType::Partition).unwrap().len(), 100);
    let events: Vec<_> = std::iter::from_fn(|| n.try_next().unwrap()).collect();
    assert_eq!(events.len(), 150);
    assert!(events.windows(2).all(|w| w[1].sequence == w[0].sequence + 1));
    assert_eq!(events[3].object_id, media[1].id, "each medium, then its two sides");

    // One refused medium refuses the batch: nothing is created, nothing published.
    let mut bad = specs.clone();
    for spec in &mut bad {
        spec.barcode = Some(format!("{}-2", spec.barcode.as_deref().unwrap()));
    }
    bad[30].barcode = Some("no spaces".into());
    assert_eq!(kind(s.create_media_batch(&bad)), ErrorKind::InvalidParameter);
    assert_eq!(s.enumerate(None, ObjectType::PhysicalMedia).unwrap().len(), 50);
    assert_eq!(n.try_next().unwrap(), None);
}
