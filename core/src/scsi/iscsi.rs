//! iSCSI transport through libiscsi (`iscsi://host[:port]/target-iqn/lun`).
//!
//! A small hand-written FFI over libiscsi's synchronous API: one iSCSI session (context) per
//! logical unit, logged in with `iscsi_full_connect_sync` and used one command at a time. Data
//! coming in is received straight into a buffer of ours (`scsi_task_add_data_in_buffer`), so a
//! CHECK CONDITION that follows a data phase (a tape READ of a short block) keeps both the data and
//! the sense, which libiscsi leaves in the task's `datain` with a 2-byte length in front.
//!
//! Compiled only when libiscsi is present at build time (see the crate's build script and its
//! `iscsi` feature).
//!
//! ```no_run
//! use openrsm::scsi::{cdb, iscsi::IscsiTransport, transport::ScsiTransport};
//! let changer = IscsiTransport::connect("iscsi://127.0.0.1:3260/iqn.2025-01.org.example:vtl/3")?;
//! let inquiry = changer.execute(&cdb::inquiry(96))?;
//! # Ok::<(), openrsm::Error>(())
//! ```

use std::ffi::{CStr, CString};
use std::fmt;
use std::os::raw::{c_int, c_uchar};
use std::sync::Mutex;
use std::time::Duration;

use crate::error::{Error, ErrorKind, Result};

use super::cdb::{Command, DataTransfer};
use super::transport::{Response, ScsiStatus, ScsiTransport};

mod ffi {
    use std::os::raw::{c_char, c_int, c_uchar};

    /// `struct iscsi_context` (opaque).
    #[repr(C)]
    pub struct IscsiContext {
        _private: [u8; 0],
    }

    /// The leading fields of `struct scsi_task` of `<iscsi/scsi-lowlevel.h>` (only ever used
    /// through a pointer libiscsi allocated, so the fields after `datain` need no mirror).
    #[repr(C)]
    pub struct ScsiTask {
        pub status: c_int,
        pub cdb_size: c_int,
        pub xfer_dir: c_int,
        pub expxferlen: c_int,
        pub cdb: [c_uchar; 16],
        pub residual_status: c_int,
        pub residual: usize,
        /// `struct scsi_sense`: 16 bytes, 4-aligned.
        pub sense: [u32; 4],
        pub datain_size: c_int,
        pub datain_data: *mut c_uchar,
    }

    /// `struct iscsi_data`.
    #[repr(C)]
    pub struct IscsiData {
        pub size: usize,
        pub data: *mut c_uchar,
    }

    pub const ISCSI_SESSION_NORMAL: c_int = 2;
    pub const ISCSI_HEADER_DIGEST_NONE: c_int = 0;
    pub const SCSI_XFER_NONE: c_int = 0;
    pub const SCSI_XFER_READ: c_int = 1;
    pub const SCSI_XFER_WRITE: c_int = 2;
    pub const SCSI_RESIDUAL_UNDERFLOW: c_int = 1;
    pub const SCSI_STATUS_CANCELLED: c_int = 0x0f00_0000;
    pub const SCSI_STATUS_ERROR: c_int = 0x0f00_0001;
    pub const SCSI_STATUS_TIMEOUT: c_int = 0x0f00_0002;

    #[link(name = "iscsi")]
    extern "C" {
        pub fn iscsi_create_context(initiator_name: *const c_char) -> *mut IscsiContext;
        pub fn iscsi_destroy_context(iscsi: *mut IscsiContext) -> c_int;
        pub fn iscsi_get_error(iscsi: *mut IscsiContext) -> *const c_char;
        pub fn iscsi_set_targetname(iscsi: *mut IscsiContext, targetname: *const c_char) -> c_int;
        pub fn iscsi_set_session_type(iscsi: *mut IscsiContext, session_type: c_int) -> c_int;
        pub fn iscsi_set_header_digest(iscsi: *mut IscsiContext, header_digest: c_int) -> c_int;
        pub fn iscsi_set_timeout(iscsi: *mut IscsiContext, timeout: c_int) -> c_int;
        pub fn iscsi_full_connect_sync(iscsi: *mut IscsiContext, portal: *const c_char, lun: c_int) -> c_int;
        pub fn iscsi_logout_sync(iscsi: *mut IscsiContext) -> c_int;
        pub fn scsi_create_task(
            cdb_size: c_int,
            cdb: *mut c_uchar,
            xfer_dir: c_int,
            expxferlen: c_int,
        ) -> *mut ScsiTask;
        pub fn scsi_task_add_data_in_buffer(task: *mut ScsiTask, len: c_int, buf: *mut c_uchar) -> c_int;
        pub fn iscsi_scsi_command_sync(
            iscsi: *mut IscsiContext,
            lun: c_int,
            task: *mut ScsiTask,
            data: *mut IscsiData,
        ) -> *mut ScsiTask;
        pub fn scsi_free_scsi_task(task: *mut ScsiTask);
    }
}

/// The iSCSI initiator name OpenRSM logs in with (override with `OPENRSM_ISCSI_INITIATOR`).
pub const DEFAULT_INITIATOR: &str = "iqn.2025-01.org.openrsm:initiator";

/// How long a login may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

/// The parts of an `iscsi://` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IscsiUrl {
    /// `host:port` of the portal.
    pub portal: String,
    /// The target IQN.
    pub target: String,
    /// The logical unit number.
    pub lun: u16,
}

impl IscsiUrl {
    /// Parse `iscsi://host[:port]/iqn/lun` (no credentials; `%3A`-style escapes in the IQN are
    /// decoded). The port defaults to 3260.
    pub fn parse(url: &str) -> Result<IscsiUrl> {
        let bad = |why: &str| Error::new(ErrorKind::InvalidParameter, format!("{url:?} is not an iSCSI URL: {why}"));
        let rest = url.strip_prefix("iscsi://").ok_or_else(|| bad("it must start with iscsi://"))?;
        let mut parts = rest.splitn(3, '/');
        let host = parts.next().filter(|h| !h.is_empty()).ok_or_else(|| bad("no host"))?;
        let target = parts.next().filter(|t| !t.is_empty()).ok_or_else(|| bad("no target IQN"))?;
        let lun = parts.next().ok_or_else(|| bad("no LUN"))?;
        let lun: u16 = lun.trim_end_matches('/').parse().map_err(|_| bad("the LUN is not a number"))?;
        if host.contains('@') {
            return Err(bad("credentials in the URL are not supported"));
        }
        let portal = if host.starts_with('[') || host.rsplit_once(':').is_some_and(|(_, p)| p.parse::<u16>().is_ok()) {
            host.to_owned()
        } else {
            format!("{host}:3260")
        };
        Ok(IscsiUrl { portal, target: percent_decode(target), lun })
    }

    /// The same target at another LUN.
    pub fn with_lun(&self, lun: u16) -> IscsiUrl {
        IscsiUrl { lun, ..self.clone() }
    }
}

impl fmt::Display for IscsiUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "iscsi://{}/{}/{}", self.portal, self.target, self.lun)
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

struct Session {
    ctx: *mut ffi::IscsiContext,
}

// SAFETY: a libiscsi context has no thread affinity; it is only ever used under the transport's
// mutex, one call at a time.
unsafe impl Send for Session {}

impl Session {
    fn error(&self) -> String {
        // SAFETY: ctx is a live context; iscsi_get_error returns a NUL-terminated string it owns.
        let text = unsafe { ffi::iscsi_get_error(self.ctx) };
        if text.is_null() {
            String::from("unknown libiscsi error")
        } else {
            // SAFETY: non-null, NUL-terminated, valid until the next call on the context.
            unsafe { CStr::from_ptr(text) }.to_string_lossy().into_owned()
        }
    }

    fn connect(url: &IscsiUrl) -> Result<Session> {
        let initiator = std::env::var("OPENRSM_ISCSI_INITIATOR").unwrap_or_else(|_| DEFAULT_INITIATOR.to_owned());
        let cstr = |s: &str| {
            CString::new(s).map_err(|_| Error::new(ErrorKind::InvalidParameter, format!("{s:?} contains a NUL byte")))
        };
        let initiator = cstr(&initiator)?;
        let target = cstr(&url.target)?;
        let portal = cstr(&url.portal)?;
        // SAFETY: a valid NUL-terminated initiator name; the result is checked for NULL.
        let ctx = unsafe { ffi::iscsi_create_context(initiator.as_ptr()) };
        if ctx.is_null() {
            return Err(Error::new(ErrorKind::DeviceNotAvailable, "libiscsi could not create a context"));
        }
        let session = Session { ctx };
        // SAFETY: ctx is live; the strings outlive the calls (libiscsi copies them).
        let rc = unsafe {
            ffi::iscsi_set_targetname(ctx, target.as_ptr())
                | ffi::iscsi_set_session_type(ctx, ffi::ISCSI_SESSION_NORMAL)
                | ffi::iscsi_set_header_digest(ctx, ffi::ISCSI_HEADER_DIGEST_NONE)
                | ffi::iscsi_set_timeout(ctx, CONNECT_TIMEOUT.as_secs() as c_int)
        };
        if rc != 0 {
            return Err(Error::new(ErrorKind::DeviceNotAvailable, format!("iSCSI setup failed: {}", session.error())));
        }
        // SAFETY: ctx is live and configured; portal is NUL-terminated.
        let rc = unsafe { ffi::iscsi_full_connect_sync(ctx, portal.as_ptr(), c_int::from(url.lun)) };
        if rc != 0 {
            return Err(Error::new(
                ErrorKind::DeviceNotAvailable,
                format!("cannot log in to {url}: {}", session.error()),
            ));
        }
        Ok(session)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // SAFETY: ctx is live and no command is in flight (the mutex is held by the dropper or
        // nobody); logout is best effort, destroy frees everything the context owns.
        unsafe {
            ffi::iscsi_set_timeout(self.ctx, 2);
            ffi::iscsi_logout_sync(self.ctx);
            ffi::iscsi_destroy_context(self.ctx);
        }
    }
}

/// One logical unit reached over iSCSI.
pub struct IscsiTransport {
    url: IscsiUrl,
    // None after a failure that left the session unusable: the next command logs in again.
    session: Mutex<Option<Session>>,
}

impl fmt::Debug for IscsiTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IscsiTransport").field("url", &self.url.to_string()).finish()
    }
}

impl IscsiTransport {
    /// Log in to the LUN an `iscsi://host[:port]/iqn/lun` URL names.
    pub fn connect(url: &str) -> Result<Self> {
        Self::connect_url(IscsiUrl::parse(url)?)
    }

    /// Log in to a parsed URL.
    pub fn connect_url(url: IscsiUrl) -> Result<Self> {
        let session = Session::connect(&url)?;
        Ok(IscsiTransport { url, session: Mutex::new(Some(session)) })
    }

    /// The URL of this LUN.
    pub fn url(&self) -> &IscsiUrl {
        &self.url
    }
}

impl ScsiTransport for IscsiTransport {
    fn execute(&self, command: &Command) -> Result<Response> {
        let mut guard = self.session.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            *guard = Some(Session::connect(&self.url)?);
        }
        let session = guard.as_ref().expect("connected above");
        match execute_on(session, self.url.lun, command) {
            Ok(response) => Ok(response),
            Err(Failure::Reported(err)) => Err(err.with_context(self.url.to_string())),
            Err(Failure::Lost(err)) => {
                // The sync call returned without completing the task: libiscsi may still hold
                // pointers into it and into our buffer, so the session is abandoned, not freed.
                if let Some(session) = guard.take() {
                    std::mem::forget(session);
                }
                Err(err.with_context(self.url.to_string()))
            }
        }
    }

    fn describe(&self) -> String {
        self.url.to_string()
    }
}

enum Failure {
    /// The command failed and libiscsi is done with it.
    Reported(Error),
    /// The command's fate is unknown.
    Lost(Error),
}

fn execute_on(session: &Session, lun: u16, command: &Command) -> Result<Response, Failure> {
    let ctx = session.ctx;
    let mut cdb = command.cdb().to_vec();
    let (dir, mut buffer) = match &command.data {
        DataTransfer::None => (ffi::SCSI_XFER_NONE, Vec::new()),
        DataTransfer::In(n) => (ffi::SCSI_XFER_READ, vec![0u8; *n]),
        DataTransfer::Out(bytes) => (ffi::SCSI_XFER_WRITE, bytes.clone()),
    };
    let len = c_int::try_from(buffer.len())
        .map_err(|_| Failure::Reported(Error::new(ErrorKind::InvalidParameter, "transfer too large for iSCSI")))?;
    let secs = command.timeout.as_secs().clamp(1, i32::MAX as u64) as c_int;
    // SAFETY: ctx is live; the CDB buffer is valid for cdb.len() bytes and copied by libiscsi.
    let task = unsafe {
        ffi::iscsi_set_timeout(ctx, secs);
        ffi::scsi_create_task(cdb.len() as c_int, cdb.as_mut_ptr(), dir, len)
    };
    if task.is_null() {
        return Err(Failure::Reported(Error::new(ErrorKind::DeviceNotAvailable, "libiscsi could not create a task")));
    }
    let mut out = ffi::IscsiData { size: buffer.len(), data: buffer.as_mut_ptr() };
    let out_ptr: *mut ffi::IscsiData = if dir == ffi::SCSI_XFER_WRITE { &mut out } else { std::ptr::null_mut() };
    if dir == ffi::SCSI_XFER_READ && len > 0 {
        // SAFETY: task is live; buffer outlives the command (it is freed after the task, or leaked
        // with it when the command is lost).
        if unsafe { ffi::scsi_task_add_data_in_buffer(task, len, buffer.as_mut_ptr()) } != 0 {
            // SAFETY: the task was never sent.
            unsafe { ffi::scsi_free_scsi_task(task) };
            return Err(Failure::Reported(Error::new(
                ErrorKind::DeviceNotAvailable,
                "libiscsi could not add a buffer",
            )));
        }
    }
    // SAFETY: ctx and task are live; out_ptr is null or points at `out`, which outlives the call.
    let done = unsafe { ffi::iscsi_scsi_command_sync(ctx, c_int::from(lun), task, out_ptr) };
    if done.is_null() {
        let err = Error::new(
            ErrorKind::DeviceNotAvailable,
            format!("{} was not completed: {}", command.name(), session.error()),
        );
        std::mem::forget(buffer);
        return Err(Failure::Lost(err));
    }
    // SAFETY: `done` is the completed task libiscsi handed back; its datain (if any) is owned by it.
    let (status, residual_status, residual, datain) = unsafe {
        let t = &*done;
        let datain = if t.datain_data.is_null() || t.datain_size <= 0 {
            Vec::new()
        } else {
            std::slice::from_raw_parts(t.datain_data as *const c_uchar, t.datain_size as usize).to_vec()
        };
        (t.status, t.residual_status, t.residual, datain)
    };
    // SAFETY: the command is complete; freeing the task releases datain and libiscsi's iovec.
    unsafe { ffi::scsi_free_scsi_task(done) };
    let status = match status {
        ffi::SCSI_STATUS_TIMEOUT => {
            return Err(Failure::Reported(Error::new(
                ErrorKind::Timeout,
                format!("{} did not finish within {} s", command.name(), command.timeout.as_secs()),
            )))
        }
        ffi::SCSI_STATUS_CANCELLED | ffi::SCSI_STATUS_ERROR => {
            return Err(Failure::Reported(Error::new(
                ErrorKind::DeviceNotAvailable,
                format!("{} failed in the iSCSI layer: {}", command.name(), session.error()),
            )))
        }
        s if (0..=0xFF).contains(&s) => ScsiStatus::from_byte(s as u8),
        other => {
            return Err(Failure::Reported(Error::new(
                ErrorKind::DeviceNotAvailable,
                format!("{} ended with iSCSI status {other:#x}", command.name()),
            )))
        }
    };
    let mut data = if dir == ffi::SCSI_XFER_READ { buffer } else { Vec::new() };
    if residual_status == ffi::SCSI_RESIDUAL_UNDERFLOW {
        data.truncate(data.len().saturating_sub(residual));
    }
    // On CHECK CONDITION libiscsi keeps the sense segment in datain: a 2-byte length, then sense.
    let sense = if status == ScsiStatus::CheckCondition && datain.len() >= 2 {
        let n = usize::from(u16::from_be_bytes([datain[0], datain[1]]));
        datain[2..datain.len().min(2 + n)].to_vec()
    } else {
        Vec::new()
    };
    Ok(Response { status, sense, data })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let u = IscsiUrl::parse("iscsi://127.0.0.1:3261/iqn.2025-01.org.openrsm.test:vtl/3").unwrap();
        assert_eq!(u.portal, "127.0.0.1:3261");
        assert_eq!(u.target, "iqn.2025-01.org.openrsm.test:vtl");
        assert_eq!(u.lun, 3);
        assert_eq!(u.to_string(), "iscsi://127.0.0.1:3261/iqn.2025-01.org.openrsm.test:vtl/3");
        assert_eq!(u.with_lun(1).lun, 1);
        let u = IscsiUrl::parse("iscsi://tapes.example/iqn.2000-01.com.example%3Alib/0").unwrap();
        assert_eq!(u.portal, "tapes.example:3260");
        assert_eq!(u.target, "iqn.2000-01.com.example:lib");
        for bad in [
            "http://x/iqn/1",
            "iscsi://",
            "iscsi://host",
            "iscsi://host/iqn",
            "iscsi://host/iqn/x",
            "iscsi://u%p@host/iqn/1",
            "iscsi:///iqn/1",
        ] {
            assert_eq!(IscsiUrl::parse(bad).unwrap_err().kind(), ErrorKind::InvalidParameter, "{bad}");
        }
    }

    #[test]
    fn task_prefix_matches_libiscsi() {
        // Offsets measured from <iscsi/scsi-lowlevel.h> (libiscsi 1.19, LP64).
        if cfg!(target_pointer_width = "64") {
            assert_eq!(std::mem::offset_of!(ffi::ScsiTask, residual_status), 32);
            assert_eq!(std::mem::offset_of!(ffi::ScsiTask, residual), 40);
            assert_eq!(std::mem::offset_of!(ffi::ScsiTask, sense), 48);
            assert_eq!(std::mem::offset_of!(ffi::ScsiTask, datain_size), 64);
            assert_eq!(std::mem::offset_of!(ffi::ScsiTask, datain_data), 72);
        }
    }

    #[test]
    fn refused_connection_is_device_not_available() {
        // Port 1 on loopback: nothing listens there.
        let err = IscsiTransport::connect("iscsi://127.0.0.1:1/iqn.2025-01.org.openrsm:none/0").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::DeviceNotAvailable);
    }
}
