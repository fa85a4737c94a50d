//! Library scheduler and database overhead with a robot that takes no time: a FAST inventory of a
//! 10,000-slot virtual library, and 1,000 mount/dismount cycles over 8 drives. Prints the cost per
//! operation, with the time spent inside the changer (robot time) reported apart.
//!
//! ```text
//! cargo bench -p openrsm --bench library
//! OPENRSM_BENCH_QUICK=1 cargo bench -p openrsm --bench library   # a quick check that it runs
//! ```
//!
//! Target: under 1 ms of scheduler and database time per mount+dismount pair, robot time
//! excluded. The robot's time is what the scheduler measures inside changer calls (the virtual
//! library's own bookkeeping: its state file is rewritten after every move).

mod support;

use std::time::{Duration, Instant};

use openrsm::library::{ElementType, VirtualLibrarySpec};
use openrsm::{DismountOptions, InventoryOptions, MountOptions, ObjectId, ObjectType, Session, SessionOptions};

fn session(dir: &std::path::Path) -> Session {
    Session::open(SessionOptions::default().home(dir).application("bench")).expect("open a session")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// CPU time used by the whole process so far (the caller's thread and the scheduler's).
fn cpu_time() -> Duration {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `t` is a valid, writable timespec for the duration of the call.
    if unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) } != 0 {
        return Duration::ZERO;
    }
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

fn robot_time(session: &Session, library: ObjectId) -> Duration {
    session.library_statistics(library).expect("statistics").changer_time
}

fn inventory(slots: u32) {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    let session = session(dir.path());
    let media = slots / 10 * 9;
    let started = Instant::now();
    let library = session
        .create_virtual_library("Big", VirtualLibrarySpec::new(8, slots, 8).media("LTO-8", media).barcode_prefix("B"))
        .expect("create");
    let created = started.elapsed();
    println!(
        "library of {slots} slots, {media} media: registered in {:.0} ms ({:.1} µs per slot)",
        ms(created),
        us(created) / f64::from(slots)
    );

    // The first inventory starts the library's scheduler; time the ones after.
    session.inventory(library.id, &InventoryOptions::fast()).expect("inventory");
    let runs = 3;
    let before = robot_time(&session, library.id);
    let started = Instant::now();
    for _ in 0..runs {
        let summary = session.inventory(library.id, &InventoryOptions::fast()).expect("inventory");
        assert_eq!(summary.changed, 0);
    }
    let took = started.elapsed() / runs;
    let robot = (robot_time(&session, library.id) - before) / runs;
    let elements = slots + 8 + 8 + 1;
    println!(
        "  FAST inventory, nothing changed: {:.1} ms ({:.1} ms robot, {:.2} µs per element excluding robot)",
        ms(took),
        ms(robot),
        us(took.saturating_sub(robot)) / f64::from(elements)
    );

    // An operator reshuffles a tenth of the slots by hand; the next inventory reconciles them.
    let vlib = session.virtual_library(library.id).expect("virtual library");
    session.access_door(library.id).expect("door");
    vlib.open_door().expect("open the door");
    let contents = vlib.contents();
    let full: Vec<u16> = contents.iter().filter(|(_, t, _)| *t == ElementType::Storage).map(|(_, _, a)| *a).collect();
    let moves = (slots / 10) as usize;
    let empty: Vec<u16> =
        (0..slots as u16).map(|i| openrsm::library::FIRST_SLOT_ADDRESS + i).filter(|a| !full.contains(a)).collect();
    for (from, to) in full.iter().zip(empty.iter()).take(moves) {
        vlib.operator_move(*from, *to).expect("move by hand");
    }
    vlib.close_door().expect("close the door");
    let before = robot_time(&session, library.id);
    let started = Instant::now();
    session.inventory(library.id, &InventoryOptions::fast()).expect("inventory");
    let took = started.elapsed();
    let robot = robot_time(&session, library.id) - before;
    println!(
        "  FAST inventory after {moves} media were moved by hand: {:.1} ms ({:.1} ms robot, {:.1} µs per medium moved excluding robot)",
        ms(took),
        ms(robot),
        us(took.saturating_sub(robot)) / moves as f64
    );
    assert!(session.verify_library(library.id).expect("verify").is_empty());
}

fn mount_cycles(cycles: usize) {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    let session = session(dir.path());
    let library = session
        .create_virtual_library("Robot", VirtualLibrarySpec::new(8, 64, 2).media("LTO-8", 48).barcode_prefix("M"))
        .expect("create");
    let media: Vec<ObjectId> =
        session.enumerate(Some(library.id), ObjectType::PhysicalMedia).expect("media").iter().map(|m| m.id).collect();
    // Warm up: start the scheduler.
    session.mount(&[media[0]], &MountOptions::default()).expect("mount");
    session.dismount(&[media[0]], &DismountOptions::immediate()).expect("dismount");

    // One after the other; the best of three runs, since other work on the machine only adds time.
    let mut best: Option<(Duration, Duration)> = None;
    let mut cpu = Duration::MAX;
    for _ in 0..3 {
        let before = robot_time(&session, library.id);
        let cpu_before = cpu_time();
        let started = Instant::now();
        for i in 0..cycles {
            let m = media[i % media.len()];
            session.mount(&[m], &MountOptions::default().write()).expect("mount");
            session.dismount(&[m], &DismountOptions::immediate()).expect("dismount");
        }
        let took = started.elapsed();
        cpu = cpu.min(cpu_time().saturating_sub(cpu_before));
        let robot = robot_time(&session, library.id) - before;
        if best.is_none_or(|(t, r)| took.saturating_sub(robot) < t.saturating_sub(r)) {
            best = Some((took, robot));
        }
    }
    let (took, robot) = best.expect("three runs");
    let per = took / cycles as u32;
    let per_robot = robot / cycles as u32;
    println!(
        "{cycles} mount+dismount pairs, one at a time (best of 3): {:.0} ms; per pair {:.3} ms, of which robot {:.3} ms, scheduler and database {:.3} ms",
        ms(took),
        ms(per),
        ms(per_robot),
        ms(per.saturating_sub(per_robot))
    );
    println!("  CPU time per pair, robot included: {:.3} ms", ms(cpu / cycles as u32));
    println!(
        "  target < 1 ms per pair excluding robot time: {}",
        support::verdict(per.saturating_sub(per_robot) < Duration::from_millis(1))
    );

    // Eight applications at once, one medium each, over the 8 drives.
    let before = robot_time(&session, library.id);
    let started = Instant::now();
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let session = session.clone();
            let media = media.clone();
            std::thread::spawn(move || {
                for i in 0..cycles / 8 {
                    let m = media[(t + 8 * i) % media.len()];
                    session.mount(&[m], &MountOptions::default()).expect("mount");
                    session.dismount(&[m], &DismountOptions::immediate()).expect("dismount");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("a cycling thread");
    }
    let took = started.elapsed();
    let robot = robot_time(&session, library.id) - before;
    let done = (cycles / 8 * 8) as u32;
    println!(
        "{done} pairs from 8 threads at once: {:.0} ms; per pair {:.3} ms, of which robot {:.3} ms, scheduler and database {:.3} ms",
        ms(took),
        ms(took / done),
        ms(robot / done),
        ms((took / done).saturating_sub(robot / done))
    );

    // Deferred dismounts: the next mount of the same medium needs no robot.
    let m = media[1];
    session.mount(&[m], &MountOptions::default()).expect("mount");
    session.dismount(&[m], &DismountOptions::deferred()).expect("dismount");
    let before = robot_time(&session, library.id);
    let cpu_before = cpu_time();
    let started = Instant::now();
    for _ in 0..cycles {
        session.mount(&[m], &MountOptions::default()).expect("mount");
        session.dismount(&[m], &DismountOptions::deferred()).expect("dismount");
    }
    let took = started.elapsed();
    let cpu = cpu_time().saturating_sub(cpu_before);
    assert_eq!(robot_time(&session, library.id), before, "no robot time for deferred pairs");
    println!(
        "{cycles} mount+deferred dismount pairs (no robot move): per pair {:.3} ms ({:.3} ms CPU)",
        ms(took / cycles as u32),
        ms(cpu / cycles as u32)
    );
    assert!(session.verify_library(library.id).expect("verify").is_empty());
}

fn main() {
    let quick = support::quick();
    let (slots, cycles) = if quick { (1_000, 96) } else { (10_000, 1_000) };
    println!("OpenRSM library benchmark{}", if quick { " (quick)" } else { "" });
    inventory(slots);
    mount_cycles(cycles);
}
