//! Inject, eject and the door (`InjectNtmsMedia`, `EjectNtmsMedia`, `AccessNtmsLibraryDoor`).

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::blocking::run;
use crate::model::{parse_id, parse_opt_id, parse_timeout};
use crate::mount::parse_ids;
use crate::session::Session;

/// How to inject, for `Session.inject` and `startInject`.
#[napi(object)]
#[derive(Default)]
pub struct InjectOptions {
    /// Only this IE port (its id); absent: every port of the library.
    pub port: Option<String>,
    /// −15..+15, higher first (default 0).
    pub priority: Option<i32>,
    /// Give up waiting after this many milliseconds (default: no limit).
    pub timeout_ms: Option<f64>,
}

impl InjectOptions {
    fn into_core(self) -> Result<openrsm::InjectOptions> {
        let mut core = openrsm::InjectOptions { port: parse_opt_id(self.port.as_deref())?, ..Default::default() };
        core.priority = self.priority.unwrap_or(0);
        if let Some(timeout) = parse_timeout(self.timeout_ms)? {
            core.timeout = timeout;
        }
        Ok(core)
    }
}

/// What to do when the IE ports cannot take every medium to eject.
#[napi(string_enum)]
pub enum EjectMode {
    /// Eject now; refuse with `IePortFullError`, ejecting nothing, when there are not enough
    /// free ports (`NTMS_EJECT_IMMEDIATE`, the default).
    #[napi(value = "immediate")]
    Immediate,
    /// Eject what fits now; the rest wait until an operator empties a port (`NTMS_EJECT_QUEUE`).
    #[napi(value = "queue")]
    Queue,
}

/// How to eject, for `Session.eject`.
#[napi(object)]
#[derive(Default)]
pub struct EjectOptions {
    /// Immediate (default) or queued.
    pub mode: Option<EjectMode>,
    /// Eject mounted media too, dismounting them first (`NTMS_EJECT_FORCE`).
    pub force: Option<bool>,
    /// Only through this IE port (its id).
    pub port: Option<String>,
    /// Resolve once the requests are queued, without waiting for them.
    pub nowait: Option<bool>,
    /// −15..+15, higher first (default 0).
    pub priority: Option<i32>,
    /// Give up waiting after this many milliseconds (default: no limit).
    pub timeout_ms: Option<f64>,
}

impl EjectOptions {
    fn into_core(self) -> Result<openrsm::EjectOptions> {
        let mut core = openrsm::EjectOptions {
            mode: match self.mode {
                None | Some(EjectMode::Immediate) => openrsm::EjectMode::Immediate,
                Some(EjectMode::Queue) => openrsm::EjectMode::Queue,
            },
            force: self.force.unwrap_or(false),
            port: parse_opt_id(self.port.as_deref())?,
            nowait: self.nowait.unwrap_or(false),
            priority: self.priority.unwrap_or(0),
            ..Default::default()
        };
        if let Some(timeout) = parse_timeout(self.timeout_ms)? {
            core.timeout = timeout;
        }
        Ok(core)
    }
}

fn ids(list: Vec<openrsm::ObjectId>) -> Vec<String> {
    list.into_iter().map(|id| id.to_string()).collect()
}

#[napi]
impl Session {
    /// Inject media (`InjectNtmsMedia`): take what is in the library's IE ports (or one port) into
    /// free slots now; the ids of the media taken in.
    #[napi]
    pub async fn inject(&self, library: String, options: Option<InjectOptions>) -> Result<Vec<String>> {
        let (session, id) = (self.inner.clone(), parse_id(&library)?);
        let options = options.unwrap_or_default().into_core()?;
        run(move || session.inject(id, &options)).await.map(ids)
    }

    /// Start injecting (`NTMS_INJECT_START`): the IE ports extend for an operator to fill; the
    /// id of the request, which waits until `stopInject`.
    #[napi]
    pub async fn start_inject(&self, library: String, options: Option<InjectOptions>) -> Result<String> {
        let (session, id) = (self.inner.clone(), parse_id(&library)?);
        let options = options.unwrap_or_default().into_core()?;
        run(move || session.start_inject(id, &options)).await.map(|r| r.to_string())
    }

    /// Stop a started inject (`NTMS_INJECT_STOP`): the ports retract and what is in them is taken
    /// in; the ids of the media taken in.
    #[napi]
    pub async fn stop_inject(&self, request: String) -> Result<Vec<String>> {
        let (session, id) = (self.inner.clone(), parse_id(&request)?);
        run(move || session.stop_inject(id)).await.map(ids)
    }

    /// Eject media through IE ports (`EjectNtmsMedia`): one EJECT request per medium; their ids,
    /// in the order of `media`. Resolves once the media are in the ports, unless `nowait`.
    #[napi]
    pub async fn eject(&self, media: Vec<String>, options: Option<EjectOptions>) -> Result<Vec<String>> {
        let (session, media) = (self.inner.clone(), parse_ids(&media)?);
        let options = options.unwrap_or_default().into_core()?;
        run(move || session.eject(&media, &options)).await.map(ids)
    }

    /// Stop a queued eject (`NTMS_EJECT_STOP`): a request still waiting for a port ends STOPPED,
    /// its medium staying where it is.
    #[napi]
    pub async fn stop_eject(&self, request: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&request)?);
        run(move || session.stop_eject(id)).await
    }

    /// Unlock the library's door for an operator (`AccessNtmsLibraryDoor`). While it is open the
    /// robot does not move.
    #[napi]
    pub async fn access_door(&self, library: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&library)?);
        run(move || session.access_door(id)).await
    }
}
