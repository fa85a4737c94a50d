//! The Rust side of the per-call overhead benchmark (see `bench/per_call.py`): the time of
//! `Session::object(id)` — a get-info call — on a small database, the same call and the same data
//! as the Python benchmark measures through the binding.
//!
//! Run: `cargo run --release -p openrsm-python --example get_info_bench [calls]`.
//! Prints one line: `rust object(id): <ns> ns/call`.

use std::time::Instant;

use openrsm::{MediaSpec, MediaTypeSpec, PoolOptions, Session, SessionOptions};

fn main() -> openrsm::Result<()> {
    let calls: u32 = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(200_000);
    let home = tempfile::tempdir()?;
    let session = Session::open(SessionOptions::default().home(home.path()).application("bench"))?;
    let lto = session.add_media_type(MediaTypeSpec::new("LTO-6"))?;
    session.create_media_pool("Bench", PoolOptions::default().media_type(lto.id))?;
    let media = session.create_media(MediaSpec::new(lto.id).barcode("BENCH001"))?;
    for _ in 0..calls / 10 {
        std::hint::black_box(session.object(media.id)?);
    }
    let start = Instant::now();
    for _ in 0..calls {
        std::hint::black_box(session.object(std::hint::black_box(media.id))?);
    }
    let per_call = start.elapsed().as_nanos() as f64 / f64::from(calls);
    println!("rust object(id): {per_call:.0} ns/call");
    Ok(())
}
