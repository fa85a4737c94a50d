//! Sessions: the handle C++'s `openrsm::Session` owns.

use std::mem::ManuallyDrop;

use openrsm::{Session, SessionOptions};

use crate::bridge::ffi;
use crate::errors::{drop_guarded, guard, BridgeResult};

/// An open session. C++ holds it in a `rust::Box` and calls it from any thread: `Session` is
/// `Send + Sync`.
pub(crate) struct SessionHandle {
    // Dropped through `drop_guarded` so that a panic while releasing the database stays here.
    pub(crate) session: ManuallyDrop<Session>,
}

impl Drop for SessionHandle {
    fn drop(&mut self) {
        // SAFETY: `session` is not used again after this.
        drop_guarded(unsafe { ManuallyDrop::take(&mut self.session) });
    }
}

/// Open a session.
pub(crate) fn session_open(options: &ffi::SessionOptions) -> BridgeResult<Box<SessionHandle>> {
    guard(|| {
        let notification_capacity: Option<u64> = (&options.notification_capacity).into();
        let options = SessionOptions {
            server: (&options.server).into(),
            application: (&options.application).into(),
            home: Option::<String>::from(&options.home).map(Into::into),
            notification_capacity: notification_capacity.map(|c| usize::try_from(c).unwrap_or(usize::MAX)),
        };
        Ok(Box::new(SessionHandle { session: ManuallyDrop::new(Session::open(options)?) }))
    })
}

impl SessionHandle {
    /// Close the session; idempotent.
    pub(crate) fn close(&self) -> BridgeResult<()> {
        guard(|| {
            self.session.close();
            Ok(())
        })
    }

    /// Whether it is closed.
    pub(crate) fn is_closed(&self) -> BridgeResult<bool> {
        guard(|| Ok(self.session.is_closed()))
    }

    /// Its id.
    pub(crate) fn id(&self) -> BridgeResult<ffi::Id> {
        guard(|| Ok(self.session.id().into()))
    }

    /// The application name.
    pub(crate) fn application(&self) -> BridgeResult<String> {
        guard(|| Ok(self.session.application().to_string()))
    }

    /// The user the session acts for.
    pub(crate) fn user(&self) -> BridgeResult<String> {
        guard(|| Ok(self.session.user().to_string()))
    }

    /// The home directory.
    pub(crate) fn home(&self) -> BridgeResult<String> {
        guard(|| Ok(self.session.home()?.to_string_lossy().into_owned()))
    }

    /// The last published sequence number.
    pub(crate) fn last_sequence(&self) -> BridgeResult<u64> {
        guard(|| self.session.last_sequence())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_use_close() {
        let home = tempfile::tempdir().unwrap();
        let options = ffi::SessionOptions {
            application: Some("bridge-test".to_string()).into(),
            home: Some(home.path().to_string_lossy().into_owned()).into(),
            ..Default::default()
        };
        let session = session_open(&options).unwrap();
        assert_eq!(session.application().unwrap(), "bridge-test");
        assert!(!session.is_closed().unwrap());
        session.close().unwrap();
        assert!(session.is_closed().unwrap());
        assert_eq!(session.home().unwrap_err().to_string().split('|').next(), Some("6"));
    }

    #[test]
    fn a_server_is_not_connected() {
        let options = ffi::SessionOptions { server: Some("tapehost".to_string()).into(), ..Default::default() };
        let err = session_open(&options).err().unwrap();
        assert!(err.to_string().starts_with("2250|"), "{err}");
    }
}
