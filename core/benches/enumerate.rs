//! Enumerate every physical medium through `Session::enumerate`, and read the same rows and
//! columns with a raw rusqlite `SELECT` in the same run as the baseline.
//!
//! ```text
//! cargo bench -p openrsm --bench enumerate                        # 100,000 media
//! OPENRSM_BENCH_QUICK=1 cargo bench -p openrsm --bench enumerate  # a quick check that it runs
//! ```
//!
//! Targets: ≤ 100 ms for 100,000 media, and within 2× of the raw `SELECT`.

mod support;

use std::time::Duration;

use openrsm::{MediaSpec, ObjectType, Session, SessionOptions};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use support::*;

/// The query `enumerate(None, PhysicalMedia)` runs: the same join, columns and order.
const RAW_SQL: &str = "SELECT o.id, o.type, o.name, o.description, o.created, o.modified, o.enabled, o.state,
        t.library, t.location_kind, t.location, t.home_slot, t.media_type, t.pool, t.barcode,
        t.barcode_state, t.media_state, t.sides, t.mounted_side
   FROM physical_media t CROSS JOIN objects o ON o.id = t.id ORDER BY t.id";

fn blob16(v: ValueRef<'_>) -> [u8; 16] {
    v.as_blob().ok().and_then(|b| b.try_into().ok()).unwrap_or_default()
}

fn opt_blob16(v: ValueRef<'_>) -> Option<[u8; 16]> {
    match v {
        ValueRef::Null => None,
        v => Some(blob16(v)),
    }
}

/// Read every column of every row into owned locals (the values an application would keep).
fn raw_owned(conn: &Connection) -> usize {
    let mut stmt = conn.prepare_cached(RAW_SQL).unwrap();
    let mut rows = stmt.query([]).unwrap();
    let mut n = 0;
    let mut check = 0i64;
    while let Some(row) = rows.next().unwrap() {
        let id: [u8; 16] = blob16(row.get_ref(0).unwrap());
        let object_type: i64 = row.get(1).unwrap();
        let name: String = row.get(2).unwrap();
        let description: String = row.get(3).unwrap();
        let created: i64 = row.get(4).unwrap();
        let modified: i64 = row.get(5).unwrap();
        let enabled: bool = row.get(6).unwrap();
        let state: i64 = row.get(7).unwrap();
        let library = opt_blob16(row.get_ref(8).unwrap());
        let location_kind: i64 = row.get(9).unwrap();
        let location = opt_blob16(row.get_ref(10).unwrap());
        let home_slot = opt_blob16(row.get_ref(11).unwrap());
        let media_type = blob16(row.get_ref(12).unwrap());
        let pool = blob16(row.get_ref(13).unwrap());
        let barcode: Option<String> = row.get(14).unwrap();
        let barcode_state: i64 = row.get(15).unwrap();
        let media_state: i64 = row.get(16).unwrap();
        let sides: i64 = row.get(17).unwrap();
        let mounted_side = opt_blob16(row.get_ref(18).unwrap());
        std::hint::black_box((
            &id,
            &name,
            &description,
            &library,
            &location,
            &home_slot,
            &media_type,
            &pool,
            &barcode,
            &mounted_side,
        ));
        check = check.wrapping_add(
            object_type + created + modified + enabled as i64 + state + location_kind + barcode_state + media_state,
        );
        check = check.wrapping_add(sides + id[0] as i64 + name.len() as i64);
        n += 1;
    }
    std::hint::black_box(check);
    n
}

/// Read every column of every row without copying text or blobs out of SQLite: the floor.
fn raw_borrowed(conn: &Connection) -> usize {
    let mut stmt = conn.prepare_cached(RAW_SQL).unwrap();
    let mut rows = stmt.query([]).unwrap();
    let mut n = 0;
    let mut check = 0usize;
    while let Some(row) = rows.next().unwrap() {
        for i in 0..19 {
            check = check.wrapping_add(match row.get_ref(i).unwrap() {
                ValueRef::Null => 0,
                ValueRef::Integer(v) => v as usize,
                ValueRef::Real(v) => v as usize,
                ValueRef::Text(t) => t.len(),
                ValueRef::Blob(b) => b.len() + b[0] as usize,
            });
        }
        n += 1;
    }
    std::hint::black_box(check);
    n
}

fn main() {
    let count = size(100_000, 5_000);
    let runs = size(15, 3);
    // OPENRSM_BENCH_HOME keeps the populated home between runs (it is populated when empty).
    let temp = tempfile::tempdir().unwrap();
    let home = std::env::var_os("OPENRSM_BENCH_HOME").map_or_else(|| temp.path().to_owned(), Into::into);
    let session = Session::open(SessionOptions::default().home(&home).application("bench")).unwrap();
    let lto = session.ensure_media_type("LTO-6").unwrap();

    println!("enumerate: {count} physical media, {runs} timed runs each (after one warm-up)");
    let existing = session.enumerate(None, ObjectType::PhysicalMedia).unwrap().len();
    assert!(existing == 0 || existing == count, "{} holds {existing} media, not {count}", home.display());
    if existing == 0 {
        const BATCH: usize = 10_000;
        let ((), populate) = measure(|| {
            for first in (0..count).step_by(BATCH) {
                let specs: Vec<MediaSpec> = (first..count.min(first + BATCH))
                    .map(|i| MediaSpec::new(lto.id).barcode(format!("B{i:07}L6")))
                    .collect();
                session.create_media_batch(&specs).unwrap();
            }
        });
        println!(
            "  populate (create_media_batch, {BATCH} media per transaction): {} wall, {} CPU ({:.0} media/s)",
            ms(populate.wall),
            ms(populate.cpu),
            count as f64 / populate.wall.as_secs_f64()
        );
    }

    let raw = Connection::open_with_flags(
        home.join("openrsm.db"),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .unwrap();
    assert_eq!(raw_owned(&raw), count);
    assert_eq!(raw_borrowed(&raw), count);
    assert_eq!(session.enumerate(None, ObjectType::PhysicalMedia).unwrap().len(), count);

    // Interleave the three so that machine noise hits them alike.
    let mut api = Vec::new();
    let mut owned = Vec::new();
    let mut borrowed = Vec::new();
    for _ in 0..=runs {
        api.push(measure(|| session.enumerate(None, ObjectType::PhysicalMedia).unwrap().len()).1);
        owned.push(measure(|| raw_owned(&raw)).1);
        borrowed.push(measure(|| raw_borrowed(&raw)).1);
    }
    // The first round warms the caches.
    let stats = |mut v: Vec<Timing>| {
        v.remove(0);
        let mut wall: Vec<Duration> = v.iter().map(|t| t.wall).collect();
        let mut cpu: Vec<Duration> = v.iter().map(|t| t.cpu).collect();
        wall.sort();
        cpu.sort();
        (wall, cpu)
    };
    let (api_wall, api_cpu) = stats(api);
    let (owned_wall, owned_cpu) = stats(owned);
    let (borrowed_wall, borrowed_cpu) = stats(borrowed);
    println!("  {:<42} {:>11} {:>11} {:>11} {:>13}", "", "wall min", "wall median", "wall max", "CPU median");
    let report = |label: &str, wall: &[Duration], cpu: &[Duration]| {
        println!(
            "  {label:<42} {:>11} {:>11} {:>11} {:>13}",
            ms(wall[0]),
            ms(percentile(wall, 50.0)),
            ms(*wall.last().unwrap()),
            ms(percentile(cpu, 50.0)),
        );
    };
    report("Session::enumerate(None, PhysicalMedia)", &api_wall, &api_cpu);
    report("raw SELECT into owned locals (baseline)", &owned_wall, &owned_cpu);
    report("raw SELECT, borrowed values (floor)", &borrowed_wall, &borrowed_cpu);

    let scale = |d: Duration| d.mul_f64(100_000.0 / count as f64);
    let scaled = if count == 100_000 { "" } else { " (scaled to 100,000 from this run)" };
    let (wall, cpu) = (percentile(&api_wall, 50.0), percentile(&api_cpu, 50.0));
    println!("  per medium through the API: {} wall, {} CPU", us(wall / count as u32), us(cpu / count as u32));
    println!(
        "  enumerate 100,000{scaled}: median {} wall, best {} wall, {} CPU — target ≤ 100 ms (median): {}",
        ms(scale(wall)),
        ms(scale(api_wall[0])),
        ms(scale(cpu)),
        verdict(scale(wall) <= Duration::from_millis(100))
    );
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    let wall_ratio = ratio(wall, percentile(&owned_wall, 50.0));
    let cpu_ratio = ratio(cpu, percentile(&owned_cpu, 50.0));
    println!(
        "  API / raw owned: {wall_ratio:.2}× wall, {cpu_ratio:.2}× CPU — target ≤ 2×: {}",
        verdict(wall_ratio <= 2.0 && cpu_ratio <= 2.0)
    );
    println!(
        "  API / raw borrowed: {:.2}× wall, {:.2}× CPU",
        ratio(wall, percentile(&borrowed_wall, 50.0)),
        ratio(cpu, percentile(&borrowed_cpu, 50.0))
    );
}
