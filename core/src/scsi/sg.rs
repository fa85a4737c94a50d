//! Linux SCSI generic transport: the `SG_IO` ioctl on `/dev/sg*`, `/dev/sch*` or `/dev/nst*`.
//!
//! The kernel's `sg`, `ch` and `st` drivers all accept `SG_IO` with a `struct sg_io_hdr`
//! (`<scsi/sg.h>`); this module fills one in per command, issues the ioctl on a file opened
//! read-write and non-blocking (a tape device opened blocking waits for a medium), and turns the
//! host and driver status into RSM errors.
//!
//! ```no_run
//! use openrsm::scsi::{cdb, sg::SgTransport, transport::ScsiTransport};
//! let changer = SgTransport::open("/dev/sch0")?;
//! let response = changer.execute(&cdb::inquiry(96))?;
//! # Ok::<(), openrsm::Error>(())
//! ```

use std::fs::{File, OpenOptions};
use std::os::fd::AsRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, ErrorKind, Result};

use super::cdb::{Command, DataTransfer};
use super::transport::{Response, ScsiStatus, ScsiTransport};

/// The `SG_IO` ioctl request number (`<scsi/sg.h>`).
pub const SG_IO: libc::c_ulong = 0x2285;
/// No data phase.
pub const SG_DXFER_NONE: libc::c_int = -1;
/// Data to the device.
pub const SG_DXFER_TO_DEV: libc::c_int = -2;
/// Data from the device.
pub const SG_DXFER_FROM_DEV: libc::c_int = -3;

/// Host status: the command timed out.
const DID_TIME_OUT: u16 = 0x03;
/// Driver status: the driver timed the command out.
const DRIVER_TIMEOUT: u16 = 0x06;
/// Driver status: sense data is valid (not an error by itself).
const DRIVER_SENSE: u16 = 0x08;

/// The sense buffer size: enough for fixed and descriptor sense (SPC allows up to 252 bytes).
pub const SENSE_LEN: usize = 252;

/// `struct sg_io_hdr` of `<scsi/sg.h>`.
#[repr(C)]
#[derive(Debug)]
pub struct SgIoHdr {
    /// Always `'S'`.
    pub interface_id: libc::c_int,
    /// `SG_DXFER_*`.
    pub dxfer_direction: libc::c_int,
    /// CDB length.
    pub cmd_len: libc::c_uchar,
    /// Sense buffer size.
    pub mx_sb_len: libc::c_uchar,
    /// 0: `dxferp` is a plain buffer.
    pub iovec_count: libc::c_ushort,
    /// Data buffer size.
    pub dxfer_len: libc::c_uint,
    /// Data buffer.
    pub dxferp: *mut libc::c_void,
    /// The CDB.
    pub cmdp: *const libc::c_uchar,
    /// The sense buffer.
    pub sbp: *mut libc::c_uchar,
    /// Timeout in milliseconds.
    pub timeout: libc::c_uint,
    /// `SG_FLAG_*`.
    pub flags: libc::c_uint,
    /// Unused here.
    pub pack_id: libc::c_int,
    /// Unused here.
    pub usr_ptr: *mut libc::c_void,
    /// SCSI status byte.
    pub status: libc::c_uchar,
    /// Status shifted right by one (obsolete).
    pub masked_status: libc::c_uchar,
    /// Messaging level status.
    pub msg_status: libc::c_uchar,
    /// Sense bytes written.
    pub sb_len_wr: libc::c_uchar,
    /// Host adapter status (`DID_*`).
    pub host_status: libc::c_ushort,
    /// Driver status (`DRIVER_*`).
    pub driver_status: libc::c_ushort,
    /// Bytes not transferred.
    pub resid: libc::c_int,
    /// Milliseconds the command took.
    pub duration: libc::c_uint,
    /// Auxiliary information.
    pub info: libc::c_uint,
}

/// Fill in an `sg_io_hdr` for `command`, pointing at `cdb`, `data` and `sense`, which must outlive
/// the ioctl. `data` is the data-in buffer or the data-out bytes.
pub fn build_header(command: &Command, cdb: &[u8], data: &mut [u8], sense: &mut [u8]) -> SgIoHdr {
    let direction = match command.data {
        DataTransfer::None => SG_DXFER_NONE,
        DataTransfer::In(_) => SG_DXFER_FROM_DEV,
        DataTransfer::Out(_) => SG_DXFER_TO_DEV,
    };
    let (dxfer_len, dxferp) = if data.is_empty() || direction == SG_DXFER_NONE {
        (0, std::ptr::null_mut())
    } else {
        (libc::c_uint::try_from(data.len()).unwrap_or(libc::c_uint::MAX), data.as_mut_ptr().cast())
    };
    SgIoHdr {
        interface_id: libc::c_int::from(b'S'),
        dxfer_direction: direction,
        cmd_len: cdb.len() as libc::c_uchar,
        mx_sb_len: sense.len().min(255) as libc::c_uchar,
        iovec_count: 0,
        dxfer_len,
        dxferp,
        cmdp: cdb.as_ptr(),
        sbp: sense.as_mut_ptr(),
        timeout: libc::c_uint::try_from(command.timeout.as_millis()).unwrap_or(libc::c_uint::MAX),
        flags: 0,
        pack_id: 0,
        usr_ptr: std::ptr::null_mut(),
        status: 0,
        masked_status: 0,
        msg_status: 0,
        sb_len_wr: 0,
        host_status: 0,
        driver_status: 0,
        resid: 0,
        duration: 0,
        info: 0,
    }
}

/// Turn a completed header into a [`Response`] (or the error its host/driver status means).
pub fn finish(hdr: &SgIoHdr, mut data: Vec<u8>, sense: &[u8], what: &str) -> Result<Response> {
    if hdr.host_status == DID_TIME_OUT || hdr.driver_status & 0x0F == DRIVER_TIMEOUT {
        return Err(Error::new(ErrorKind::Timeout, format!("{what}: the command timed out after {} ms", hdr.timeout)));
    }
    if hdr.host_status != 0 {
        return Err(Error::new(
            ErrorKind::DeviceNotAvailable,
            format!("{what}: host adapter status {:#06x} (device unreachable or reset)", hdr.host_status),
        ));
    }
    let driver = hdr.driver_status & 0x0F;
    if driver != 0 && driver != DRIVER_SENSE {
        return Err(Error::new(
            ErrorKind::DeviceNotAvailable,
            format!("{what}: driver status {:#06x}", hdr.driver_status),
        ));
    }
    let transferred = data.len().saturating_sub(usize::try_from(hdr.resid.max(0)).unwrap_or(0));
    data.truncate(transferred);
    let sense_len = usize::from(hdr.sb_len_wr).min(sense.len());
    Ok(Response { status: ScsiStatus::from_byte(hdr.status), sense: sense[..sense_len].to_vec(), data })
}

/// A SCSI device reached through `SG_IO`.
#[derive(Debug)]
pub struct SgTransport {
    path: PathBuf,
    // One command at a time per open file: SG_IO is synchronous and the st driver serializes anyway.
    file: Mutex<File>,
}

impl SgTransport {
    /// Open a device node (`/dev/sg3`, `/dev/sch0`, `/dev/nst0`).
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let file =
            OpenOptions::new().read(true).write(true).custom_flags(libc::O_NONBLOCK).open(&path).map_err(|e| {
                let kind = match e.kind() {
                    std::io::ErrorKind::NotFound => ErrorKind::ResourceNotPresent,
                    std::io::ErrorKind::PermissionDenied => ErrorKind::AccessDenied,
                    _ => ErrorKind::DeviceNotAvailable,
                };
                Error::new(kind, format!("cannot open {}", path.display())).with_source(e)
            })?;
        Ok(SgTransport { path, file: Mutex::new(file) })
    }

    /// The device node.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl ScsiTransport for SgTransport {
    fn execute(&self, command: &Command) -> Result<Response> {
        let cdb = command.cdb().to_vec();
        let mut data = match &command.data {
            DataTransfer::None => Vec::new(),
            DataTransfer::In(n) => vec![0u8; *n],
            DataTransfer::Out(bytes) => bytes.clone(),
        };
        let mut sense = vec![0u8; SENSE_LEN];
        let file = self.file.lock().unwrap_or_else(|p| p.into_inner());
        let mut hdr = build_header(command, &cdb, &mut data, &mut sense);
        // SAFETY: `hdr` points at `cdb`, `data` and `sense`, which live until after the ioctl returns
        // and are as long as the lengths it gives; SG_IO reads and writes only within them.
        let rc = unsafe { libc::ioctl(file.as_raw_fd(), SG_IO as _, &mut hdr as *mut SgIoHdr) };
        if rc < 0 {
            let err = std::io::Error::last_os_error();
            return Err(Error::new(ErrorKind::DeviceNotAvailable, format!("SG_IO on {} failed", self.path.display()))
                .with_source(err));
        }
        let what = self.path.display().to_string();
        let data = if matches!(command.data, DataTransfer::In(_)) { data } else { Vec::new() };
        finish(&hdr, data, &sense, &what)
    }

    fn describe(&self) -> String {
        self.path.display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::scsi::cdb;

    #[test]
    fn header_layout_matches_the_kernel() {
        // Offsets measured with offsetof() on <scsi/sg.h> (glibc, LP64).
        if cfg!(target_pointer_width = "64") {
            assert_eq!(std::mem::size_of::<SgIoHdr>(), 88);
            assert_eq!(std::mem::offset_of!(SgIoHdr, dxferp), 16);
            assert_eq!(std::mem::offset_of!(SgIoHdr, timeout), 40);
            assert_eq!(std::mem::offset_of!(SgIoHdr, status), 64);
            assert_eq!(std::mem::offset_of!(SgIoHdr, resid), 72);
        }
    }

    #[test]
    fn header_for_data_in() {
        let cmd = cdb::read_element_status(cdb::ElementTypeCode::Storage, 0, 10, true, false, 4096);
        let bytes = cmd.cdb().to_vec();
        let mut data = vec![0u8; 4096];
        let mut sense = vec![0u8; SENSE_LEN];
        let hdr = build_header(&cmd, &bytes, &mut data, &mut sense);
        assert_eq!(hdr.interface_id, i32::from(b'S'));
        assert_eq!(hdr.dxfer_direction, SG_DXFER_FROM_DEV);
        assert_eq!(hdr.cmd_len, 12);
        assert_eq!(hdr.dxfer_len, 4096);
        assert_eq!(hdr.dxferp, data.as_mut_ptr().cast());
        assert_eq!(hdr.cmdp, bytes.as_ptr());
        assert_eq!(hdr.mx_sb_len, 252);
        assert_eq!(hdr.timeout, 3_600_000);
    }

    #[test]
    fn header_for_no_data_and_data_out() {
        let cmd = cdb::move_medium(1, 2, 3, false).with_timeout(Duration::from_secs(5));
        let bytes = cmd.cdb().to_vec();
        let mut sense = vec![0u8; 32];
        let hdr = build_header(&cmd, &bytes, &mut [], &mut sense);
        assert_eq!((hdr.dxfer_direction, hdr.dxfer_len, hdr.dxferp), (SG_DXFER_NONE, 0, std::ptr::null_mut()));
        assert_eq!((hdr.timeout, hdr.mx_sb_len), (5000, 32));
        let cmd = cdb::write6(vec![1; 80]);
        let mut out = vec![1u8; 80];
        let hdr = build_header(&cmd, cmd.cdb(), &mut out, &mut sense);
        assert_eq!((hdr.dxfer_direction, hdr.dxfer_len), (SG_DXFER_TO_DEV, 80));
    }

    #[test]
    fn completion_statuses() {
        let cmd = cdb::inquiry(96);
        let bytes = cmd.cdb().to_vec();
        let mut data = vec![0u8; 96];
        let mut sense = vec![0u8; SENSE_LEN];
        let mut hdr = build_header(&cmd, &bytes, &mut data, &mut sense);
        hdr.resid = 30;
        let r = finish(&hdr, vec![7; 96], &sense, "/dev/sg0").unwrap();
        assert_eq!((r.status, r.data.len()), (ScsiStatus::Good, 66));
        hdr.status = 0x02;
        hdr.driver_status = DRIVER_SENSE;
        hdr.sb_len_wr = 18;
        let mut s = vec![0u8; SENSE_LEN];
        s[..14].copy_from_slice(&[0x70, 0, 5, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x24, 0]);
        let r = finish(&hdr, vec![], &s, "/dev/sg0").unwrap();
        assert_eq!(r.status, ScsiStatus::CheckCondition);
        assert_eq!(r.sense().unwrap().asc, 0x24);
        hdr.host_status = DID_TIME_OUT;
        assert_eq!(finish(&hdr, vec![], &s, "x").unwrap_err().kind(), ErrorKind::Timeout);
        hdr.host_status = 0x01;
        assert_eq!(finish(&hdr, vec![], &s, "x").unwrap_err().kind(), ErrorKind::DeviceNotAvailable);
        hdr.host_status = 0;
        hdr.driver_status = DRIVER_TIMEOUT;
        assert_eq!(finish(&hdr, vec![], &s, "x").unwrap_err().kind(), ErrorKind::Timeout);
    }

    #[test]
    fn missing_device_is_resource_not_present() {
        let err = SgTransport::open("/dev/openrsm-no-such-sg").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ResourceNotPresent);
    }
}
