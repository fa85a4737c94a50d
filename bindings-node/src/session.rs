//! Sessions: `new Session(options)` or `await Session.open(options)`, `close()`.
//!
//! Object management, media and the other services are further `#[napi] impl Session` blocks in
//! the file of their concept (`objects.rs`, `media.rs`, ...).

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::blocking;
use crate::enums::ObjectType;
use crate::errors::to_napi;
use crate::notify::Notifications;

/// How to open a session.
#[napi(object)]
#[derive(Default)]
pub struct SessionOptions {
    /// The server to connect to; absent means this computer, with the database in this process.
    pub server: Option<String>,
    /// The application's name, recorded in the requests it makes.
    pub application: Option<String>,
    /// The home directory of the embedded database; absent means `$OPENRSM_HOME`, else
    /// `$XDG_DATA_HOME/openrsm`, else `~/.local/share/openrsm`.
    pub home: Option<String>,
    /// How many undelivered events a notification subscription holds before it reports `NO_DATA`.
    pub notification_capacity: Option<u32>,
}

impl From<SessionOptions> for openrsm::SessionOptions {
    fn from(o: SessionOptions) -> Self {
        openrsm::SessionOptions {
            server: o.server,
            application: o.application,
            home: o.home.map(Into::into),
            notification_capacity: o.notification_capacity.map(|c| c as usize),
        }
    }
}

/// A session with OpenRSM (`OpenNtmsSession`). Every call that touches the database returns a
/// Promise and runs off the JavaScript thread. Close it with `close()` (or `await using`): a closed
/// session fails every call with `InvalidHandleError` and ends its notification subscriptions.
#[napi]
pub struct Session {
    pub(crate) inner: openrsm::Session,
}

#[napi]
impl Session {
    /// Open a session, blocking while the database opens (usually milliseconds); `Session.open`
    /// does the same without blocking.
    #[napi(constructor)]
    pub fn new(options: Option<SessionOptions>) -> Result<Self> {
        let inner = openrsm::Session::open(options.unwrap_or_default().into()).map_err(to_napi)?;
        Ok(Session { inner })
    }

    /// Open a session off the JavaScript thread.
    #[napi]
    pub async fn open(options: Option<SessionOptions>) -> Result<Session> {
        let options: openrsm::SessionOptions = options.unwrap_or_default().into();
        let inner = blocking::run(move || openrsm::Session::open(options)).await?;
        Ok(Session { inner })
    }

    /// Close the session (`CloseNtmsSession`); closing it again does nothing. Pending waits of its
    /// notification subscriptions end.
    #[napi]
    pub fn close(&self) {
        self.inner.close();
    }

    /// Whether the session is closed.
    #[napi(getter)]
    pub fn closed(&self) -> bool {
        self.inner.is_closed()
    }

    /// This session's id (unique per open).
    #[napi(getter)]
    pub fn id(&self) -> String {
        self.inner.id().to_string()
    }

    /// The application name given at open.
    #[napi(getter)]
    pub fn application(&self) -> String {
        self.inner.application().to_owned()
    }

    /// The user the session acts for (from `USER`/`LOGNAME`), recorded in the requests it makes.
    #[napi(getter)]
    pub fn user(&self) -> String {
        self.inner.user().to_owned()
    }

    /// The home directory of the embedded database.
    #[napi]
    pub fn home(&self) -> Result<String> {
        Ok(self.inner.home().map_err(to_napi)?.to_string_lossy().into_owned())
    }

    /// The sequence number of the last notification published by this service.
    #[napi]
    pub fn last_sequence(&self) -> Result<i64> {
        let sequence = self.inner.last_sequence().map_err(to_napi)?;
        Ok(i64::try_from(sequence).unwrap_or(i64::MAX))
    }

    /// Subscribe to the notifications of these object types (`OpenNtmsNotification`); none means
    /// every type. The subscription is an async iterable (`for await`; `break` ends it) and has
    /// `wait(timeoutMs)`.
    #[napi(ts_args_type = "...objectTypes: ObjectType[]")]
    pub fn notifications(&self, object_types: Vec<ObjectType>) -> Result<Notifications> {
        let types: Vec<openrsm::ObjectType> = object_types.into_iter().map(Into::into).collect();
        let inner = self.inner.open_notification(&types).map_err(to_napi)?;
        Ok(Notifications { inner })
    }
}
