//! Mount and dismount (`MountNtmsMedia`, `DismountNtmsMedia`, `DismountNtmsDrive`).

use napi::bindgen_prelude::*;
use napi_derive::napi;
use openrsm::{Detail, ObjectId};

use crate::abort::{spawn_abortable, OnAbort};
use crate::blocking::run;
use crate::errors::to_napi;
use crate::model::{parse_id, parse_timeout};
use crate::session::Session;

/// How to mount, for `Session.mount`.
#[napi(object)]
#[derive(Default)]
pub struct MountOptions<'env> {
    /// Mount for reading (default true).
    pub read: Option<bool>,
    /// Mount for writing (default false); complete sides are refused.
    pub write: Option<bool>,
    /// Fail at once with `DeviceNotAvailableError` when no drive is free (`NTMS_MOUNT_ERROR_IF_UNAVAILABLE`).
    pub error_if_unavailable: Option<bool>,
    /// Fail with `MediaOfflineError` for offline media, rather than asking an operator and
    /// waiting (`NTMS_MOUNT_ERROR_IF_OFFLINE`).
    pub error_if_offline: Option<bool>,
    /// One drive per medium, in order (`NTMS_MOUNT_SPECIFIC_DRIVE`).
    pub drives: Option<Vec<String>>,
    /// Queue the mounts and resolve at once, without drives (`NTMS_MOUNT_NOWAIT`); follow them
    /// with `waitRequest(result.request)`.
    pub nowait: Option<bool>,
    /// −15..+15, higher first (default 0).
    pub priority: Option<i32>,
    /// Give up after this many milliseconds with `TimeoutError`, leaving nothing half-done
    /// (default: no limit).
    pub timeout_ms: Option<f64>,
    /// Cancels the mount: its requests are cancelled, what was mounted is put back, and the
    /// Promise rejects with an `AbortError` (if the mount had already finished, it resolves).
    #[napi(ts_type = "AbortSignal")]
    pub signal: Option<Object<'env>>,
}

/// A mounted medium (or, with `nowait`, one whose mount is queued).
#[napi(object)]
pub struct MountedMedia {
    /// What was asked for (a logical media, side or physical medium).
    pub media: String,
    /// The physical medium.
    pub physical_media: String,
    /// The side mounted.
    pub side: String,
    /// The MOUNT library request.
    pub request: String,
    /// The drive it is in; absent while a `nowait` mount is under way.
    pub drive: Option<String>,
    /// The drive's device path, where the application reads and writes.
    pub device_path: Option<String>,
}

impl From<openrsm::MountedMedia> for MountedMedia {
    fn from(m: openrsm::MountedMedia) -> Self {
        MountedMedia {
            media: m.media.to_string(),
            physical_media: m.physical_media.to_string(),
            side: m.side.to_string(),
            request: m.request.to_string(),
            drive: m.drive.map(|d| d.to_string()),
            device_path: m.device_path,
        }
    }
}

/// How to dismount, for `Session.dismount`.
#[napi(object)]
#[derive(Default)]
pub struct DismountOptions {
    /// Leave the medium in the drive, DISMOUNTABLE, so that the next mount of it needs no robot
    /// move (`NTMS_DISMOUNT_DEFERRED`); otherwise it goes back to its slot now (the default).
    pub deferred: Option<bool>,
    /// −15..+15, higher first (default 0).
    pub priority: Option<i32>,
    /// Give up waiting after this many milliseconds (default: no limit).
    pub timeout_ms: Option<f64>,
}

pub(crate) fn parse_ids(ids: &[String]) -> Result<Vec<ObjectId>> {
    ids.iter().map(|id| parse_id(id)).collect()
}

/// Cancel the unfinished MOUNT requests of these media: what aborting a mount does. The core's
/// mount then fails with the cancellation and puts back whatever it had mounted.
fn cancel_mounts(session: &openrsm::Session, media: &[ObjectId]) -> openrsm::Result<()> {
    let mut physical = Vec::new();
    for id in media {
        physical.push(match session.object(*id)?.detail {
            Detail::LogicalMedia(l) => l.physical_media,
            Detail::Partition(p) => p.physical_media,
            _ => *id,
        });
    }
    for request in session.library_requests(None, true)? {
        if let Detail::LibRequest(r) = &request.detail {
            let ours = r.media.is_some_and(|m| physical.contains(&m));
            if ours && r.operation == openrsm::LibRequestOperation::Mount {
                // It may finish meanwhile; then the mount's own result stands.
                let _ = session.cancel_request(request.id);
            }
        }
    }
    Ok(())
}

#[napi]
impl Session {
    /// Mount media (`MountNtmsMedia`): each of `media` (logical media, sides or one-sided physical
    /// media) in a drive of its library. Resolves when all are mounted; if one cannot be, the
    /// others are put back and the Promise rejects with its error.
    #[napi(ts_return_type = "Promise<MountedMedia[]>")]
    pub fn mount<'env>(
        &self,
        env: &'env Env,
        media: Vec<String>,
        options: Option<MountOptions<'env>>,
    ) -> Result<PromiseRaw<'env, Vec<MountedMedia>>> {
        let media = parse_ids(&media)?;
        let options = options.unwrap_or_default();
        let defaults = openrsm::MountOptions::default();
        let core = openrsm::MountOptions {
            read: options.read.unwrap_or(defaults.read),
            write: options.write.unwrap_or(defaults.write),
            error_if_unavailable: options.error_if_unavailable.unwrap_or(false),
            error_if_offline: options.error_if_offline.unwrap_or(false),
            drives: parse_ids(&options.drives.unwrap_or_default())?,
            nowait: options.nowait.unwrap_or(false),
            priority: options.priority.unwrap_or(0),
            timeout: parse_timeout(options.timeout_ms)?.unwrap_or(defaults.timeout),
        };
        let session = self.inner.clone();
        let cancel = {
            let (session, media) = (session.clone(), media.clone());
            OnAbort::Cancel(Box::new(move || cancel_mounts(&session, &media)))
        };
        let mount = async move { session.mount_async(&media, &core).await };
        spawn_abortable(env, options.signal, cancel, mount, |outcome| {
            outcome.map(|list| list.into_iter().map(Into::into).collect()).map_err(to_napi)
        })
    }

    /// Dismount media (`DismountNtmsMedia`): `deferred` leaves them in their drives, DISMOUNTABLE;
    /// otherwise they go back to their slots.
    #[napi]
    pub async fn dismount(&self, media: Vec<String>, options: Option<DismountOptions>) -> Result<()> {
        let (session, media) = (self.inner.clone(), parse_ids(&media)?);
        let options = options.unwrap_or_default();
        let mut core = if options.deferred.unwrap_or(false) {
            openrsm::DismountOptions::deferred()
        } else {
            openrsm::DismountOptions::immediate()
        };
        core.priority = options.priority.unwrap_or(0);
        if let Some(timeout) = parse_timeout(options.timeout_ms)? {
            core.timeout = timeout;
        }
        run(move || session.dismount(&media, &core)).await
    }

    /// Dismount whatever is in a drive (`DismountNtmsDrive`), back to its slot.
    #[napi]
    pub async fn dismount_drive(&self, drive: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&drive)?);
        run(move || session.dismount_drive(id)).await
    }
}
