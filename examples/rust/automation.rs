//! The automation scenario in Rust: on a virtual library in a scratch home, allocate a scratch
//! tape to an application pool, mount it for writing, dismount it, and print the notifications
//! those steps produced. The Python, Node and C++ examples do the same.
//!
//! Run it with `cargo run -p openrsm --example automation`.

use openrsm::library::{InventoryOptions, VirtualLibrarySpec};
use openrsm::media::CreateMode;
use openrsm::{
    AllocateOptions, DismountOptions, MountOptions, ObjectType, PoolOptions, Result, Session, SessionOptions,
};

fn main() -> Result<()> {
    let home = tempfile::tempdir()?;
    let session = Session::open(SessionOptions::default().home(home.path()).application("automation"))?;
    let events = session.open_notification(&[ObjectType::LogicalMedia, ObjectType::Drive, ObjectType::LibRequest])?;

    let library = session.create_virtual_library("Robot", VirtualLibrarySpec::new(2, 10, 1).media("LTO-6", 8))?;
    let summary = session.inventory(library.id, &InventoryOptions::fast())?;
    println!("inventory of {}: {summary:?}", library.name);

    let lto = session.ensure_media_type("LTO-6")?;
    let pool = session.create_media_pool(
        "Backup/Nightly",
        PoolOptions::default().media_type(lto.id).create_parents().mode(CreateMode::OpenAlways),
    )?;
    let tape = session.allocate_media(pool.id, AllocateOptions::default().new_media())?;
    println!("allocated {} from {}", tape.name, session.media_pool_name(pool.id)?);

    let mounted = session.mount(&[tape.id], &MountOptions::default().write())?;
    println!("mounted at {}", mounted[0].device_path.as_deref().unwrap_or("-"));
    session.dismount(&[tape.id], &DismountOptions::immediate())?;
    session.deallocate_media(tape.id)?;

    while let Some(event) = events.try_next()? {
        let name = session.object(event.object_id).map(|o| o.name).unwrap_or_else(|_| "(deleted)".into());
        println!("#{:<4} {:<14} {:<15} {name}", event.sequence, event.operation.name(), event.object_type.name());
    }
    session.close();
    Ok(())
}
