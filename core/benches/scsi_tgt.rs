//! SCSI library benchmarks against tgt over iSCSI on loopback: inventory of a large library and a
//! mount/dismount loop, each reported as wall time, target time (inside the transport: the wire and
//! tgt) and OpenRSM's own overhead (the difference: CDB building, parsing, scheduling, database).
//!
//! ```text
//! cargo bench -p openrsm --bench scsi_tgt                        # 500 slots, 40 mount cycles
//! OPENRSM_BENCH_QUICK=1 cargo bench -p openrsm --bench scsi_tgt  # a quick check that it runs
//! ```
//!
//! Skips (exit 0, with a message) where tgt cannot run: see tests/support/tgt.rs.

#[path = "../tests/support/tgt.rs"]
mod tgt;

use std::time::{Duration, Instant};

use openrsm::library::{DismountOptions, MountOptions};
use openrsm::scsi::cdb::ElementTypeCode;
use openrsm::scsi::{total_stats, ScsiChanger, ScsiDevice, ScsiLibrarySpec};
use openrsm::{InventoryOptions, ObjectType, Session, SessionOptions};

fn quick() -> bool {
    std::env::var("OPENRSM_BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Wall time and target time of one operation.
#[derive(Clone, Copy)]
struct Sample {
    wall: Duration,
    target: Duration,
    commands: u64,
}

fn sample<T>(f: impl FnOnce() -> T) -> (T, Sample) {
    let before = total_stats();
    let started = Instant::now();
    let value = std::hint::black_box(f());
    let wall = started.elapsed();
    let after = total_stats();
    (value, Sample { wall, target: after.device_time - before.device_time, commands: after.commands - before.commands })
}

fn report(what: &str, samples: &mut [Sample]) {
    samples.sort_by_key(|s| s.wall);
    let median = samples[samples.len() / 2];
    let overhead: Vec<Duration> = {
        let mut o: Vec<Duration> = samples.iter().map(|s| s.wall.saturating_sub(s.target)).collect();
        o.sort();
        o
    };
    let ms = |d: Duration| format!("{:8.3} ms", d.as_secs_f64() * 1e3);
    println!(
        "{what:<44} n={:<4} wall {}  target {}  overhead {} (median; {} commands)",
        samples.len(),
        ms(median.wall),
        ms(median.target),
        ms(overhead[overhead.len() / 2]),
        median.commands
    );
}

fn main() {
    // cargo bench passes --bench; nothing else to parse.
    let (slots, media, cycles, rounds) = if quick() { (40, 30, 4, 3) } else { (500, 400, 40, 10) };
    let Some(vtl) = tgt::Vtl::start(2, slots, media, 4) else {
        println!("scsi_tgt: skipped (see the message above)");
        return;
    };
    println!("tgt library: {slots} slots ({media} tapes), 2 drives, 4 IE ports; {rounds} rounds");

    // READ ELEMENT STATUS of every slot, raw: one command, parsed.
    let changer = ScsiDevice::open(&vtl.url).unwrap();
    let mut raw = Vec::new();
    for _ in 0..rounds {
        let (status, s) = sample(|| {
            changer.read_element_status(ElementTypeCode::Storage, tgt::SLOT_FIRST, slots, true, false).unwrap()
        });
        assert_eq!(status.descriptors.len(), usize::from(slots));
        raw.push(s);
    }
    report(&format!("READ ELEMENT STATUS, {slots} slots"), &mut raw);

    // The changer driver: every element type, converted to element statuses.
    let driver = ScsiChanger::open(&vtl.url, &[]).unwrap();
    let mut all = Vec::new();
    for _ in 0..rounds {
        let (status, s) = sample(|| driver.element_status_blocking(&[]).unwrap());
        assert_eq!(status.len(), usize::from(slots) + 2 + 4 + 1);
        all.push(s);
    }
    report("changer element_status (all types)", &mut all);

    // A FAST inventory through the library layer: request, scheduler, reconciliation, database.
    let home = tempfile::tempdir().unwrap();
    let session = Session::open(SessionOptions::default().home(home.path()).application("bench")).unwrap();
    let (library, mut add) = sample(|| session.add_scsi_library("Bench", &ScsiLibrarySpec::new(&vtl.url)).unwrap());
    report(&format!("add_scsi_library + first inventory ({media} new)"), std::slice::from_mut(&mut add));
    let mut inventories = Vec::new();
    for _ in 0..rounds {
        let (summary, s) = sample(|| session.inventory(library.id, &InventoryOptions::fast()).unwrap());
        assert_eq!(summary.media, u32::from(media));
        inventories.push(s);
    }
    report("session.inventory FAST (no changes)", &mut inventories);

    // Mount and dismount: robot move + drive load + ready, then unload + move back.
    let tapes: Vec<_> =
        (1..=4).map(|i| session.resolve(Some(ObjectType::PhysicalMedia), &format!("OR{i:04}L6")).unwrap()).collect();
    let (mut mounts, mut dismounts) = (Vec::new(), Vec::new());
    for cycle in 0..cycles {
        let tape = tapes[cycle % tapes.len()].id;
        let (_, m) = sample(|| session.mount(&[tape], &MountOptions::default()).unwrap());
        let (_, d) = sample(|| session.dismount(&[tape], &DismountOptions::immediate()).unwrap());
        mounts.push(m);
        dismounts.push(d);
    }
    report("mount (move slot->drive, load, ready)", &mut mounts);
    report("dismount immediate (unload, move back)", &mut dismounts);

    // The raw robot move alone, for comparison.
    let mut moves = Vec::new();
    for _ in 0..cycles {
        let (_, s) = sample(|| {
            changer.move_medium(tgt::TRANSPORT, tgt::SLOT_FIRST, tgt::DRIVE_FIRST).unwrap();
            changer.move_medium(tgt::TRANSPORT, tgt::DRIVE_FIRST, tgt::SLOT_FIRST).unwrap();
        });
        moves.push(s);
    }
    report("2 x MOVE MEDIUM (raw command layer)", &mut moves);
    session.close();
}
