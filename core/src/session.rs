//! Sessions (`OpenNtmsSession` / `CloseNtmsSession`): the handle every OpenRSM call goes through.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};

use tokio_util::sync::CancellationToken;

use crate::error::{Error, ErrorKind, Result};
use crate::model::{ObjectId, ObjectType};
use crate::notify::{Notification, Subscriber, DEFAULT_QUEUE_CAPACITY};
use crate::service::Service;

/// How to open a [`Session`].
///
/// ```
/// use openrsm::SessionOptions;
/// let options = SessionOptions::default().application("backup-nightly").home("/tmp/rsm-home");
/// assert_eq!(options.application.as_deref(), Some("backup-nightly"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct SessionOptions {
    /// The server to connect to; `None` means this computer, with the database embedded in this process.
    pub server: Option<String>,
    /// The application's name, recorded in the requests it makes.
    pub application: Option<String>,
    /// The home directory of the embedded database; `None` means [`default_home`](crate::default_home).
    pub home: Option<PathBuf>,
    /// How many undelivered events a notification subscription holds before it reports `NO_DATA`.
    pub notification_capacity: Option<usize>,
}

impl SessionOptions {
    /// Connect to this server instead of this computer.
    pub fn server(mut self, server: impl Into<String>) -> Self {
        self.server = Some(server.into());
        self
    }

    /// Name the application.
    pub fn application(mut self, application: impl Into<String>) -> Self {
        self.application = Some(application.into());
        self
    }

    /// Use this home directory.
    pub fn home(mut self, home: impl Into<PathBuf>) -> Self {
        self.home = Some(home.into());
        self
    }

    /// Set the notification queue capacity.
    pub fn notification_capacity(mut self, capacity: usize) -> Self {
        self.notification_capacity = Some(capacity);
        self
    }
}

/// A session with OpenRSM. `Send + Sync` and cheap to clone: clones are the same session, and
/// closing one closes them all.
///
/// ```
/// # fn main() -> openrsm::Result<()> {
/// use openrsm::{ErrorKind, ObjectType, Session, SessionOptions};
/// let home = tempfile::tempdir().unwrap();
/// let session = Session::open(SessionOptions::default().home(home.path()).application("docs"))?;
/// let computers = session.enumerate(None, ObjectType::Computer)?;
/// assert_eq!(computers.len(), 1);
/// session.close();
/// assert_eq!(session.enumerate(None, ObjectType::Computer).unwrap_err().kind(), ErrorKind::InvalidHandle);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Session {
    pub(crate) inner: SessionRef,
}

/// The shared state of a session; handles made from a session keep one to check it is open.
pub(crate) type SessionRef = Arc<SessionInner>;

pub(crate) struct SessionInner {
    pub(crate) id: ObjectId,
    pub(crate) service: Arc<Service>,
    pub(crate) application: String,
    pub(crate) user: String,
    pub(crate) notification_capacity: usize,
    closed: AtomicBool,
    subscriptions: Mutex<Vec<Weak<Subscriber>>>,
    /// Cancelled when the session closes: outstanding waits and requests of the session watch it.
    pub(crate) cancel: CancellationToken,
}

impl SessionInner {
    /// `INVALID_HANDLE` once the session is closed.
    pub(crate) fn check(&self) -> Result<()> {
        if self.closed.load(Ordering::Acquire) {
            Err(Error::closed("session"))
        } else {
            Ok(())
        }
    }
}

impl Session {
    /// Open a session (`OpenNtmsSession`). With no server, the database in the home directory is
    /// opened in this process; a home owned by another process is refused with `NOT_READY`.
    pub fn open(options: SessionOptions) -> Result<Session> {
        if let Some(server) = options.server.as_deref().filter(|s| !s.is_empty()) {
            return Err(Error::new(
                ErrorKind::NotConnected,
                format!("cannot connect to server {server:?}: this build has no remote transport yet"),
            ));
        }
        let home = match options.home {
            Some(home) => home,
            None => crate::home::default_home()?,
        };
        let service = Service::for_home(&home)?;
        let user = std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).unwrap_or_else(|_| "unknown".into());
        Ok(Session {
            inner: Arc::new(SessionInner {
                id: ObjectId::new(),
                service,
                application: options.application.unwrap_or_else(|| "openrsm".into()),
                user,
                notification_capacity: options.notification_capacity.unwrap_or(DEFAULT_QUEUE_CAPACITY),
                closed: AtomicBool::new(false),
                subscriptions: Mutex::new(Vec::new()),
                cancel: CancellationToken::new(),
            }),
        })
    }

    /// Close the session (`CloseNtmsSession`); idempotent. Afterwards every call on it, or on a
    /// handle made from it, fails with `INVALID_HANDLE`, and threads blocked in its waits wake
    /// with that error.
    pub fn close(&self) {
        if self.inner.closed.swap(true, Ordering::AcqRel) {
            return;
        }
        self.inner.cancel.cancel();
        let subs = std::mem::take(&mut *self.inner.subscriptions.lock().unwrap_or_else(|p| p.into_inner()));
        for sub in subs.iter().filter_map(Weak::upgrade) {
            sub.close();
        }
    }

    /// Whether the session is closed.
    pub fn is_closed(&self) -> bool {
        self.inner.check().is_err()
    }

    /// This session's id (unique per open).
    pub fn id(&self) -> ObjectId {
        self.inner.id
    }

    /// The application name given at open.
    pub fn application(&self) -> &str {
        &self.inner.application
    }

    /// The user the session acts for (from `USER`/`LOGNAME`), recorded in the requests it makes.
    pub fn user(&self) -> &str {
        &self.inner.user
    }

    /// The home directory of the embedded database.
    pub fn home(&self) -> Result<PathBuf> {
        self.inner.check()?;
        Ok(self.inner.service.home().to_owned())
    }

    /// Subscribe to the notifications of these object types (`OpenNtmsNotification`); an empty
    /// slice subscribes to every type.
    pub fn open_notification(&self, object_types: &[ObjectType]) -> Result<Notification> {
        self.inner.check()?;
        let hub = self.inner.service.db().hub();
        let sub = hub.subscribe(object_types, self.inner.notification_capacity);
        let mut subs = self.inner.subscriptions.lock().unwrap_or_else(|p| p.into_inner());
        subs.retain(|s| s.strong_count() > 0);
        subs.push(Arc::downgrade(&sub));
        drop(subs);
        Ok(Notification::new(sub, self.inner.clone()))
    }

    /// The sequence number of the last notification published by this service.
    pub fn last_sequence(&self) -> Result<u64> {
        self.inner.check()?;
        Ok(self.inner.service.db().hub().last_sequence())
    }

    pub(crate) fn db(&self) -> Result<&crate::db::Db> {
        self.inner.check()?;
        Ok(self.inner.service.db())
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("id", &self.inner.id)
            .field("application", &self.inner.application)
            .field("home", &self.inner.service.home())
            .field("closed", &self.is_closed())
            .finish()
    }
}
