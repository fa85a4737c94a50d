//! The embedded service: one per home directory per process, shared by all sessions on that home.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, Weak};

use crate::db::{self, Db};
use crate::error::Result;
use crate::home::HomeLock;
use crate::model::*;
use crate::notify::Hub;

/// What one home holds open: its lock, its database and its notification hub.
pub(crate) struct Service {
    lock: HomeLock,
    db: Db,
    /// The schedulers of the libraries in use.
    pub(crate) libraries: crate::library::Runtimes,
    /// The device watch (discovery and hot-plug).
    pub(crate) devices: crate::detect::ServiceDevices,
}

impl Service {
    /// The service of `home` in this process, opening it if no session has it open.
    pub fn for_home(home: &Path) -> Result<Arc<Service>> {
        static OPEN: OnceLock<Mutex<HashMap<PathBuf, Weak<Service>>>> = OnceLock::new();
        let mut open = OPEN.get_or_init(Default::default).lock().unwrap_or_else(|p| p.into_inner());
        open.retain(|_, s| s.strong_count() > 0);
        std::fs::create_dir_all(home)?;
        let key = home.canonicalize()?;
        if let Some(service) = open.get(&key).and_then(Weak::upgrade) {
            return Ok(service);
        }
        let service = Arc::new(Service::open(&key)?);
        crate::detect::start_watch(&service);
        open.insert(key, Arc::downgrade(&service));
        Ok(service)
    }

    fn open(home: &Path) -> Result<Service> {
        let lock = HomeLock::acquire(home)?;
        let db = Db::open(&lock.dir().join("openrsm.db"), Arc::new(Hub::new()))?;
        bootstrap(&db)?;
        Ok(Service { lock, db, libraries: Default::default(), devices: Default::default() })
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn home(&self) -> &Path {
        self.lock.dir()
    }
}

/// Names of the system pools at the top of the pool tree.
pub(crate) const SYSTEM_POOLS: [(&str, PoolKind); 3] =
    [("Free", PoolKind::Free), ("Import", PoolKind::Import), ("Unrecognized", PoolKind::Unrecognized)];

/// Create what every database has: the computer object and the top system pools.
pub(crate) fn bootstrap(db: &Db) -> Result<()> {
    db.write(|tx| {
        if db::query(tx, ObjectType::Computer, "", [])?.is_empty() {
            let host = hostname();
            let computer = db::new_object(
                host,
                Detail::Computer(ComputerInfo {
                    librequest_purge_seconds: 7 * 86_400,
                    oprequest_purge_seconds: 7 * 86_400,
                }),
            );
            db::insert(tx, &computer)?;
        }
        for (name, kind) in SYSTEM_POOLS {
            let exists = db::query(tx, ObjectType::MediaPool, "t.kind = ?1 AND t.parent IS NULL", [kind])?;
            if exists.is_empty() {
                let pool = db::new_object(
                    name,
                    Detail::MediaPool(MediaPoolInfo {
                        kind,
                        media_type: None,
                        parent: None,
                        path: name.to_owned(),
                        draw_from_free: false,
                        return_to_free: false,
                        max_allocations: 0,
                    }),
                );
                db::insert(tx, &pool)?;
            }
        }
        Ok(())
    })
}

fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_owned())
}
