//! One writer commits updates while 16 subscribers, each on its own thread, wait for them with
//! `Notification::wait`: committed-and-delivered notifications per second, and the latency from
//! commit to delivery.
//!
//! ```text
//! cargo bench -p openrsm --bench notifications
//! OPENRSM_BENCH_QUICK=1 cargo bench -p openrsm --bench notifications   # a quick check that it runs
//! ```
//!
//! Target: ≥ 50,000 committed-and-delivered notifications per second.
//!
//! The writer stamps each commit twice, just before its call and just after it returns; the
//! commit itself happens in between (the call runs the transaction, commits, then publishes), so
//! the true commit-to-delivery latency lies between the two figures reported.

mod support;

use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

use openrsm::{MediaSpec, Notification, ObjectChanges, ObjectId, ObjectType, Session, SessionOptions, Timeout};
use support::*;

const SUBSCRIBERS: usize = 16;

/// When the call that committed each event started and returned, by sequence number.
struct Commits {
    first_sequence: u64,
    before: Vec<Instant>,
    after: Vec<Instant>,
}

/// Commit `count` description changes to `media` (round robin), `batch` changes per transaction
/// (`set_object_info` for 1, `set_object_info_batch` above), starting at most one transaction
/// per `interval`.
fn write(s: &Session, media: &[ObjectId], count: usize, batch: usize, interval: Option<Duration>) -> Commits {
    let first_sequence = s.last_sequence().unwrap() + 1;
    let mut before = Vec::with_capacity(count);
    let mut after = Vec::with_capacity(count);
    let start = Instant::now();
    let change = |i: usize| {
        let changes = ObjectChanges { description: Some(format!("revision {i}")), ..Default::default() };
        (media[i % media.len()], changes)
    };
    for (t, first) in (0..count).step_by(batch).enumerate() {
        if let Some(interval) = interval {
            // Sleep rather than spin: a spinning writer would take a core from the subscribers.
            let due = start + interval * t as u32;
            thread::sleep(due.saturating_duration_since(Instant::now()));
        }
        let last = count.min(first + batch);
        let called = Instant::now();
        if batch == 1 {
            let (id, changes) = change(first);
            s.set_object_info(id, &changes).unwrap();
        } else {
            let changes: Vec<_> = (first..last).map(change).collect();
            s.set_object_info_batch(&changes).unwrap();
        }
        let returned = Instant::now();
        before.extend(std::iter::repeat_n(called, last - first));
        after.extend(std::iter::repeat_n(returned, last - first));
    }
    assert_eq!(s.last_sequence().unwrap(), first_sequence + count as u64 - 1, "one event per change");
    Commits { first_sequence, before, after }
}

/// Take `count` events; the sequence and delivery time of each.
fn receive(n: Notification, count: usize, ready: Arc<Barrier>) -> Vec<(u64, Instant)> {
    let mut got = Vec::with_capacity(count);
    ready.wait();
    while got.len() < count {
        let event = n.wait(Timeout::After(Duration::from_secs(60))).expect("delivered");
        got.push((event.sequence, Instant::now()));
    }
    got
}

struct Run {
    commits: Commits,
    deliveries: Vec<Vec<(u64, Instant)>>,
    elapsed: Duration,
}

fn run(s: &Session, media: &[ObjectId], count: usize, batch: usize, interval: Option<Duration>) -> Run {
    let ready = Arc::new(Barrier::new(SUBSCRIBERS + 1));
    let subscribers: Vec<_> = (0..SUBSCRIBERS)
        .map(|_| {
            let n = s.open_notification(&[ObjectType::PhysicalMedia]).unwrap();
            let ready = ready.clone();
            thread::spawn(move || receive(n, count, ready))
        })
        .collect();
    ready.wait();
    let start = Instant::now();
    let commits = write(s, media, count, batch, interval);
    let deliveries: Vec<_> = subscribers.into_iter().map(|t| t.join().unwrap()).collect();
    let last = deliveries.iter().filter_map(|d| d.last().map(|(_, at)| *at)).max().unwrap();
    Run { commits, deliveries, elapsed: last - start }
}

/// Run at full speed and report throughput and latency.
fn report_throughput(s: &Session, media: &[ObjectId], count: usize, batch: usize) {
    let full = run(s, media, count, batch, None);
    let transactions = count.div_ceil(batch);
    let per_s = |n: usize| n as f64 / full.elapsed.as_secs_f64();
    println!(
        "    {count} changes in {transactions} transactions, {} deliveries, all delivered in {}",
        count * SUBSCRIBERS,
        ms(full.elapsed)
    );
    // "Committed-and-delivered notifications per second", read both ways.
    println!(
        "    {:.0} deliveries/s (notifications received by a subscriber) — target ≥ 50,000/s: {}",
        per_s(count * SUBSCRIBERS),
        verdict(per_s(count * SUBSCRIBERS) >= 50_000.0)
    );
    println!(
        "    {:.0} notifications/s committed and delivered to all {SUBSCRIBERS} subscribers ({:.0} transactions/s) \
         — against 50,000/s: {}",
        per_s(count),
        per_s(transactions),
        verdict(per_s(count) >= 50_000.0)
    );
    report_latency(&full);
}

/// Check every subscriber got every event once, in order; return the latencies from the call's
/// start and from its return (negative ones, delivered before the call returned, count as zero).
fn latencies(run: &Run) -> (Vec<Duration>, Vec<Duration>, usize) {
    let mut from_start = Vec::new();
    let mut from_return = Vec::new();
    let mut before_return = 0;
    for deliveries in &run.deliveries {
        assert_eq!(deliveries.len(), run.commits.before.len());
        for (i, (sequence, at)) in deliveries.iter().enumerate() {
            assert_eq!(*sequence, run.commits.first_sequence + i as u64, "in commit order, none missed");
            from_start.push(at.saturating_duration_since(run.commits.before[i]));
            let returned = run.commits.after[i];
            if *at < returned {
                before_return += 1;
            }
            from_return.push(at.saturating_duration_since(returned));
        }
    }
    from_start.sort();
    from_return.sort();
    (from_start, from_return, before_return)
}

fn report_latency(run: &Run) {
    let (from_start, from_return, before_return) = latencies(run);
    let line = |label: &str, v: &[Duration]| {
        println!(
            "    {label:<34} p50 {:>10}  p99 {:>10}  max {:>10}",
            us(percentile(v, 50.0)),
            us(percentile(v, 99.0)),
            us(*v.last().unwrap())
        );
    };
    println!("    commit-to-delivery latency ({} deliveries):", from_start.len());
    line("from the writer's call (upper)", &from_start);
    line("from the call's return (lower)", &from_return);
    println!(
        "    {:.1}% of deliveries arrived before the writer's call returned",
        100.0 * before_return as f64 / from_start.len() as f64
    );
}

fn main() {
    let count = size(50_000, 2_000);
    let paced = size(5_000, 300);
    let home = tempfile::tempdir().unwrap();
    // Room for every event of a run: this measures delivery, not the lagging rule.
    let session = Session::open(
        SessionOptions::default().home(home.path()).application("bench").notification_capacity(count + 1),
    )
    .unwrap();
    let lto = session.ensure_media_type("LTO-6").unwrap();
    let specs: Vec<MediaSpec> = (0..64).map(|i| MediaSpec::new(lto.id).barcode(format!("BENCH{i:02}"))).collect();
    let media: Vec<ObjectId> = session.create_media_batch(&specs).unwrap().iter().map(|m| m.id).collect();
    println!("notifications: one writer changing the description of physical media; {SUBSCRIBERS} subscribers");

    let (_, alone) = measure(|| write(&session, &media[..1], count, 1, None));
    println!(
        "  writer alone, no subscribers, one change per transaction: {count} in {} ({:.0}/s, {} each, {} CPU each)",
        ms(alone.wall),
        count as f64 / alone.wall.as_secs_f64(),
        us(alone.wall / count as u32),
        us(alone.cpu / count as u32)
    );

    println!("  one change per transaction (set_object_info), {SUBSCRIBERS} threads in Notification::wait:");
    report_throughput(&session, &media[..1], count, 1);

    let interval = Duration::from_micros(500);
    println!(
        "  latency at a steady {} transactions/s ({paced} changes, one every {}):",
        (1.0 / interval.as_secs_f64()) as u64,
        us(interval)
    );
    let steady = run(&session, &media[..1], paced, 1, Some(interval));
    report_latency(&steady);

    for batch in [16, 64] {
        println!("  {batch} changes to {batch} media per transaction (set_object_info_batch):");
        report_throughput(&session, &media[..batch], count, batch);
    }
}
