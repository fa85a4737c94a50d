//! Library requests as objects: waiting for them, cancelling and deleting them, their order in the
//! queue (`CancelNtmsLibraryRequest`, `DeleteNtmsRequests`, `Get/SetNtmsRequestOrder`).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::runtime::{final_error, is_unfinished, request_info, request_info_mut};
use crate::db;
use crate::error::{Error, ErrorKind, Result};
use crate::model::*;
use crate::notify::Timeout;
use crate::session::Session;

/// What a library's scheduler did since it started in this process.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LibraryStatistics {
    /// Requests finished.
    pub requests: u64,
    /// Requests queued, waiting or running now.
    pub pending: u64,
    /// Calls made to the changer.
    pub changer_calls: u64,
    /// Time spent in those calls (robot time).
    pub changer_time: Duration,
}

impl Session {
    /// Wait until a library request finishes: the request when it PASSED or was STOPPED; its
    /// error when it FAILED or was CANCELLED; `TIMEOUT` when the time passes first.
    pub fn wait_request(&self, request: ObjectId, timeout: impl Into<Timeout>) -> Result<Object> {
        let timeout = timeout.into();
        crate::runtime::block_on(self.wait_request_async(request, timeout))?
    }

    /// Like [`wait_request`](Session::wait_request), asynchronously.
    pub async fn wait_request_async(&self, request: ObjectId, timeout: impl Into<Timeout>) -> Result<Object> {
        crate::oprequest::watch_object(self, ObjectType::LibRequest, request, timeout.into(), |object| {
            let info = match request_info(object) {
                Ok(info) => info,
                Err(e) => return Some(Err(e)),
            };
            if is_unfinished(info.request_state) {
                return None;
            }
            Some(match final_error(object) {
                Some(e) => Err(e),
                None => Ok(object.clone()),
            })
        })
        .await
    }

    /// The library requests of a library (or of all, for `None`), in arrival order; with
    /// `unfinished_only`, only those queued, waiting or in process.
    pub fn library_requests(&self, library: Option<ObjectId>, unfinished_only: bool) -> Result<Vec<Object>> {
        let state = if unfinished_only { " AND t.request_state IN (0, 1, 5)" } else { "" };
        self.db()?.read(|conn| match library {
            Some(l) => {
                db::query(conn, ObjectType::LibRequest, &format!("t.library = ?1{state} ORDER BY t.arrival"), [l])
            }
            None => db::query(conn, ObjectType::LibRequest, &format!("1 = 1{state} ORDER BY t.arrival"), []),
        })
    }

    /// Cancel a library request that has not finished (`CancelNtmsLibraryRequest`): a queued or
    /// waiting one ends CANCELLED at once; one in process stops at its next safe point, undoing
    /// what it did. A finished request is refused with `INVALID_OPERATION`.
    pub fn cancel_request(&self, request: ObjectId) -> Result<()> {
        self.end_request(request, LibRequestState::Cancelled)
    }

    pub(crate) fn end_request(&self, request: ObjectId, end: LibRequestState) -> Result<()> {
        let object = self.db()?.read(|conn| db::load_as(conn, request, ObjectType::LibRequest))?;
        let info = request_info(&object)?;
        if !is_unfinished(info.request_state) {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("request {request} has finished ({})", info.request_state),
            ));
        }
        if let Some(rt) = info.library.and_then(|l| self.inner.service.libraries.get(l)) {
            if rt.cancel(request, end)? {
                return Ok(());
            }
        }
        if self.offline_mounts().remove(&request).is_some() || info.library.is_none() {
            let error = Error::new(ErrorKind::RequestRefused, "the request was cancelled");
            return self.end_detached_request(request, end, &error);
        }
        Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("request {request} belongs to no running library scheduler"),
        ))
    }

    /// End a request no library scheduler holds.
    pub(crate) fn end_detached_request(&self, request: ObjectId, end: LibRequestState, error: &Error) -> Result<()> {
        self.db()?.write(|tx| {
            let mut object = db::load_as(tx, request, ObjectType::LibRequest)?;
            let info = request_info_mut(&mut object);
            if !is_unfinished(info.request_state) {
                return Ok(());
            }
            info.request_state = end;
            info.completed = Some(now());
            info.error_code = Some(error.code());
            info.error_message = Some(error.message().to_owned());
            db::save(tx, &mut object)?;
            tx.notify(Operation::EventComplete, ObjectType::LibRequest, request);
            Ok(())
        })
    }

    /// Delete a finished library request (`DeleteNtmsRequests`); an unfinished one is refused with
    /// `INVALID_OPERATION`.
    pub fn delete_request(&self, request: ObjectId) -> Result<()> {
        self.db()?.read(|conn| db::load_as(conn, request, ObjectType::LibRequest))?;
        self.delete_object(request)
    }

    /// The queue of a library: its queued and waiting requests, in the order they will be looked
    /// at (priority, then arrival).
    pub fn request_queue(&self, library: ObjectId) -> Result<Vec<Object>> {
        self.db()?.read(|conn| {
            db::query(
                conn,
                ObjectType::LibRequest,
                "t.library = ?1 AND t.request_state IN (0, 5) ORDER BY t.priority DESC, t.arrival",
                [library],
            )
        })
    }

    /// The position (from 1) of a queued or waiting request in its library's queue
    /// (`GetNtmsRequestOrder`).
    pub fn request_order(&self, request: ObjectId) -> Result<u32> {
        let object = self.db()?.read(|conn| db::load_as(conn, request, ObjectType::LibRequest))?;
        let info = request_info(&object)?;
        let library = info
            .library
            .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, "the request waits outside any library"))?;
        let queue = self.request_queue(library)?;
        queue
            .iter()
            .position(|r| r.id == request)
            .map(|p| p as u32 + 1)
            .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("request {request} is not queued")))
    }

    /// Move a queued or waiting request to `position` (from 1; past the end means last) in its
    /// library's queue (`SetNtmsRequestOrder`). The queue is ordered by priority first, so the
    /// request's priority changes as little as needed to fit between its new neighbours.
    pub fn set_request_order(&self, request: ObjectId, position: u32) -> Result<()> {
        if position == 0 {
            return Err(Error::invalid("queue positions start at 1"));
        }
        let object = self.db()?.read(|conn| db::load_as(conn, request, ObjectType::LibRequest))?;
        let library = request_info(&object)?
            .library
            .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, "the request waits outside any library"))?;
        self.db()?.write(|tx| {
            let mut queue = db::query(
                tx,
                ObjectType::LibRequest,
                "t.library = ?1 AND t.request_state IN (0, 5) ORDER BY t.priority DESC, t.arrival",
                [library],
            )?;
            let from = queue
                .iter()
                .position(|r| r.id == request)
                .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("request {request} is not queued")))?;
            let mut arrivals: Vec<i64> = Vec::with_capacity(queue.len());
            for r in &queue {
                arrivals.push(
                    tx.prepare_cached("SELECT arrival FROM lib_requests WHERE id = ?1")?
                        .query_row([r.id], |row| row.get(0))?,
                );
            }
            arrivals.sort_unstable();
            let mut moved = queue.remove(from);
            let to = (position as usize - 1).min(queue.len());
            let own = request_info(&moved)?.priority;
            let before = to
                .checked_sub(1)
                .and_then(|i| queue.get(i))
                .map(|r| request_info(r).map(|i| i.priority))
                .transpose()?;
            let after = queue.get(to).map(|r| request_info(r).map(|i| i.priority)).transpose()?;
            let mut priority = own;
            if let Some(p) = before {
                priority = priority.min(p);
            }
            if let Some(p) = after {
                priority = priority.max(p);
            }
            if priority != own {
                request_info_mut(&mut moved).priority = priority;
                db::save(tx, &mut moved)?;
            }
            queue.insert(to, moved);
            for (r, arrival) in queue.iter().zip(arrivals) {
                let changed = tx
                    .prepare_cached("UPDATE lib_requests SET arrival = ?2 WHERE id = ?1 AND arrival <> ?2")?
                    .execute(rusqlite::params![r.id, arrival])?;
                if changed > 0 {
                    tx.notify(Operation::Update, ObjectType::LibRequest, r.id);
                }
            }
            Ok(())
        })?;
        self.kick_libraries();
        Ok(())
    }

    /// What a library's scheduler did since it started in this process (zero before first use).
    pub fn library_statistics(&self, library: ObjectId) -> Result<LibraryStatistics> {
        self.inner.check()?;
        let Some(rt) = self.inner.service.libraries.get(library) else {
            self.db()?.read(|conn| db::load_as(conn, library, ObjectType::Library))?;
            return Ok(LibraryStatistics::default());
        };
        use std::sync::atomic::Ordering;
        Ok(LibraryStatistics {
            requests: rt.stats.requests.load(Ordering::Relaxed),
            pending: rt.pending_count() as u64,
            changer_calls: rt.stats.changer_calls.load(Ordering::Relaxed),
            changer_time: Duration::from_nanos(rt.stats.changer_nanos.load(Ordering::Relaxed)),
        })
    }
}
