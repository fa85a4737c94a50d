//! Media label libraries: recognizers that read the first bytes of a medium and say whose it is.
//!
//! In RSM terms a label library answers `MaxMediaLabel` (how many bytes it needs from the start
//! of a side) and `ClaimMediaLabel` (the on-media identifier, or "not mine"). The inventory uses
//! [`classify`]: a blank side goes to the Free pool, a side that no library claims to
//! Unrecognized, and a claimed side that belongs to another application to Import.
//!
//! Built-in libraries, in the order [`classify`] consults them (the more specific formats first,
//! since an LTFS or Bacula/Bareos tape may start with an ANSI `VOL1` record):
//!
//! | library | label type | label id | application |
//! |---|---|---|---|
//! | [`LtfsLabels`] | `LTFS` | `VOL1` volume serial, else the volume UUID | `<creator>` of the XML label |
//! | [`BaculaLabels`] | `BACULA` / `BAREOS` | volume name | label program and version |
//! | [`AmandaLabels`] | `AMANDA` | tape label | `Amanda` |
//! | [`TarLabels`] | `TAR` | first member name (or GNU volume label) | none |
//! | [`AnsiLabels`] | `VOL1` | volume serial | owner, else implementation id, else `HDR1` system code |
//! | [`Iso9660Labels`] | `ISO9660` | volume identifier | application identifier |
//!
//! [`sample_label`] writes a valid label of each kind, for tests, demos and virtual media.
//!
//! ```
//! use openrsm::media::label::{classify, sample_label, LabelVerdict};
//!
//! let image = sample_label("AMANDA", "DailySet1-007")?;
//! let LabelVerdict::Claimed(omid) = classify(&image) else { panic!("not claimed") };
//! assert_eq!((omid.label_type.as_str(), omid.label_id.as_str()), ("AMANDA", "DailySet1-007"));
//! # Ok::<(), openrsm::Error>(())
//! ```

mod amanda;
mod ansi;
mod bacula;
mod iso9660;
mod ltfs;
mod tar;

use std::sync::OnceLock;

pub use amanda::AmandaLabels;
pub use ansi::AnsiLabels;
pub use bacula::BaculaLabels;
pub use iso9660::Iso9660Labels;
pub use ltfs::LtfsLabels;
pub use tar::TarLabels;

use crate::model::Omid;
use crate::{Error, Result};

/// A media label library: recognizes one family of on-media labels.
///
/// `claim` gets the first bytes of a side: normally [`max_label_size`](Self::max_label_size)
/// of them, fewer when the medium is shorter, possibly more. It must never panic, whatever the
/// bytes are.
pub trait LabelLibrary: Send + Sync {
    /// The library's name, e.g. `"ANSI"`.
    fn name(&self) -> &str;
    /// How many bytes from the start of the medium it needs to decide.
    fn max_label_size(&self) -> usize;
    /// The on-media identifier if the bytes carry this library's label, `None` for "not mine".
    fn claim(&self, bytes: &[u8]) -> Option<Omid>;
}

/// The label libraries built into OpenRSM, in the order [`classify`] consults them.
///
/// ```
/// let names: Vec<String> =
///     openrsm::media::label::builtin_label_libraries().iter().map(|l| l.name().to_string()).collect();
/// assert_eq!(names, ["LTFS", "Bacula/Bareos", "Amanda", "tar", "ANSI", "ISO 9660"]);
/// ```
pub fn builtin_label_libraries() -> Vec<Box<dyn LabelLibrary>> {
    vec![
        Box::new(LtfsLabels),
        Box::new(BaculaLabels),
        Box::new(AmandaLabels),
        Box::new(TarLabels),
        Box::new(AnsiLabels),
        Box::new(Iso9660Labels),
    ]
}

fn builtins() -> &'static [Box<dyn LabelLibrary>] {
    static BUILTINS: OnceLock<Vec<Box<dyn LabelLibrary>>> = OnceLock::new();
    BUILTINS.get_or_init(builtin_label_libraries)
}

/// What the start of a medium says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelVerdict {
    /// Nothing written: empty or all zero bytes. Such media go to the Free pool.
    Blank,
    /// A label library claimed it.
    Claimed(Omid),
    /// Something is written but no label library claims it. Such media go to Unrecognized.
    Unrecognized,
}

/// Classifies the first bytes of a medium with the built-in label libraries.
///
/// Read [`max_label_size`] bytes from the start of the side (or all of it if it is shorter)
/// and pass them here. Empty or all-zero input is [`LabelVerdict::Blank`]; otherwise the first
/// library of [`builtin_label_libraries`] that claims the bytes wins; otherwise
/// [`LabelVerdict::Unrecognized`]. Never panics.
///
/// ```
/// use openrsm::media::label::{classify, max_label_size, sample_label, LabelVerdict};
///
/// // A medium that was never written.
/// assert_eq!(classify(&vec![0u8; max_label_size()]), LabelVerdict::Blank);
///
/// // A tape with an ANSI VOL1 label.
/// let mut vol1 = format!("VOL1ABC123{:69}3", "").into_bytes();
/// vol1[37..43].copy_from_slice(b"BACKUP");
/// match classify(&vol1) {
///     LabelVerdict::Claimed(omid) => {
///         assert_eq!(omid.label_type, "VOL1");
///         assert_eq!(omid.label_id, "ABC123");
///         assert_eq!(omid.application.as_deref(), Some("BACKUP"));
///     }
///     other => panic!("unexpected {other:?}"),
/// }
///
/// // Written, but by nobody we know.
/// assert_eq!(classify(b"just some text"), LabelVerdict::Unrecognized);
///
/// // Labels made by `sample_label` are claimed by their own library.
/// let disc = sample_label("ISO9660", "BACKUP_2024")?;
/// assert!(matches!(classify(&disc), LabelVerdict::Claimed(omid) if omid.label_id == "BACKUP_2024"));
/// # Ok::<(), openrsm::Error>(())
/// ```
pub fn classify(bytes: &[u8]) -> LabelVerdict {
    classify_with(builtins(), bytes)
}

/// Like [`classify`], with the given label libraries consulted in order instead of the built-in
/// ones (e.g. the built-ins plus an application's own library).
///
/// ```
/// use openrsm::media::label::{builtin_label_libraries, classify_with, LabelVerdict, TarLabels};
/// let vol1 = format!("VOL1ABC123{:69}3", "").into_bytes();
/// assert_eq!(classify_with(&[Box::new(TarLabels)], &vol1), LabelVerdict::Unrecognized);
/// assert!(matches!(classify_with(&builtin_label_libraries(), &vol1), LabelVerdict::Claimed(_)));
/// ```
pub fn classify_with(libraries: &[Box<dyn LabelLibrary>], bytes: &[u8]) -> LabelVerdict {
    if bytes.iter().all(|&b| b == 0) {
        return LabelVerdict::Blank;
    }
    libraries.iter().find_map(|library| library.claim(bytes)).map_or(LabelVerdict::Unrecognized, LabelVerdict::Claimed)
}

/// The largest label any built-in library needs: read this many bytes before [`classify`].
///
/// ```
/// // ISO 9660 puts its primary volume descriptor at byte 32768.
/// assert!(openrsm::media::label::max_label_size() >= 32768 + 2048);
/// ```
pub fn max_label_size() -> usize {
    builtins().iter().map(|library| library.max_label_size()).max().unwrap_or(0)
}

/// The label types [`sample_label`] can write (any case; `ANSI` and `ISO` are accepted too).
pub const SAMPLE_LABEL_TYPES: &[&str] = &["VOL1", "LTFS", "ISO9660", "TAR", "BACULA", "BAREOS", "AMANDA"];

/// Makes a valid label of the given type, for tests, demos and virtual media: the bytes a real
/// medium with that label starts with, as a flat image shows them (tape records back to back,
/// with no filemarks). [`classify`] claims the result with `label_type = kind` (upper case) and
/// `label_id = id`. The output is deterministic: timestamps are 2024-01-01T00:00:00Z.
///
/// What each kind writes:
/// - `VOL1` (or `ANSI`): the ANSI X3.27 `VOL1`, `HDR1` and `HDR2` records (80 bytes each);
///   `id` is the volume serial, 1 to 6 characters `A-Z 0-9` and ANSI specials.
/// - `LTFS`: the LTFS `VOL1` record and the XML `<ltfslabel>` of partition `a`, with a volume
///   UUID derived from `id`; `id` is the barcode, 1 to 6 characters `A-Z 0-9`.
/// - `ISO9660` (or `ISO`): a complete, empty, mountable ISO 9660 image (43,008 bytes); `id` is
///   the volume identifier, 1 to 32 characters `A-Z 0-9 _`.
/// - `TAR`: a POSIX ustar archive (10,240 bytes) holding one small file named `id`.
/// - `BACULA`, `BAREOS`: the first block of a freshly labelled volume (`BB02` block header and
///   the volume label record); `id` is the volume name, up to 127 characters `A-Z a-z 0-9 - _ . :`.
/// - `AMANDA`: the 32 KiB tape header block written by `amlabel`; `id` is the tape label, up to
///   255 printable characters without spaces.
///
/// An unknown kind or an id the format cannot hold is an `INVALID_PARAMETER` error.
///
/// ```
/// use openrsm::media::label::{classify, sample_label, LabelVerdict};
/// let tape = sample_label("bareos", "Full-0001")?;
/// let LabelVerdict::Claimed(omid) = classify(&tape) else { panic!() };
/// assert_eq!((omid.label_type.as_str(), omid.label_id.as_str()), ("BAREOS", "Full-0001"));
///
/// let err = sample_label("VOL1", "TOO-LONG-SERIAL").unwrap_err();
/// assert_eq!(err.kind(), openrsm::ErrorKind::InvalidParameter);
/// # Ok::<(), openrsm::Error>(())
/// ```
pub fn sample_label(kind: &str, id: &str) -> Result<Vec<u8>> {
    match kind.trim().to_ascii_uppercase().as_str() {
        "VOL1" | "ANSI" => ansi::sample(id),
        "LTFS" => ltfs::sample(id),
        "ISO9660" | "ISO 9660" | "ISO" => iso9660::sample(id),
        "TAR" => tar::sample(id),
        "BACULA" => bacula::sample(bacula::Flavor::Bacula, id),
        "BAREOS" => bacula::sample(bacula::Flavor::Bareos, id),
        "AMANDA" => amanda::sample(id),
        _ => Err(Error::invalid(format!(
            "unknown label type {kind:?}: sample labels exist for {}",
            SAMPLE_LABEL_TYPES.join(", ")
        ))),
    }
}

/// Seconds since the Unix epoch of the timestamps written by [`sample_label`] (2024-01-01).
const SAMPLE_TIME: i64 = 1_704_067_200;

/// `len` bytes at `start`, if the buffer holds all of them.
fn field(bytes: &[u8], start: usize, len: usize) -> Option<&[u8]> {
    bytes.get(start..start.checked_add(len)?)
}

/// A fixed-width text field of printable ASCII, trimmed of padding spaces; `None` if any byte is
/// not printable ASCII (the field is then not what the format says it is).
fn ascii_text(raw: &[u8]) -> Option<String> {
    if !raw.iter().all(|b| (0x20..=0x7e).contains(b)) {
        return None;
    }
    Some(String::from_utf8_lossy(raw).trim_matches(' ').to_string())
}

/// `Some(text)` unless it is empty.
fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// The bytes of a NUL-terminated string starting at `start` and the offset just past its NUL;
/// `None` if no NUL comes within `max` bytes or before the end of the buffer.
fn c_string(bytes: &[u8], start: usize, max: usize) -> Option<(&[u8], usize)> {
    let rest = bytes.get(start..)?;
    let len = rest.iter().take(max).position(|&b| b == 0)?;
    Some((&rest[..len], start + len + 1))
}

/// The text of a NUL-padded field: up to the first NUL, lossily decoded.
fn nul_padded(raw: &[u8]) -> String {
    let end = raw.iter().position(|&b| b == 0).unwrap_or(raw.len());
    String::from_utf8_lossy(&raw[..end]).into_owned()
}

/// Writes `text` at `start`, for sample labels (the caller sized the buffer).
fn put(buf: &mut [u8], start: usize, text: &[u8]) {
    buf[start..start + text.len()].copy_from_slice(text);
}

/// Checks a sample label id: `1..=max` characters, each accepted by `allowed`.
fn check_sample_id(kind: &str, id: &str, max: usize, allowed: impl Fn(char) -> bool, rule: &str) -> Result<()> {
    if id.is_empty() || id.len() > max || !id.chars().all(allowed) {
        return Err(Error::invalid(format!("{kind} label id {id:?} is not valid: it needs 1 to {max} {rule}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_round_trips_through_classify() {
        for kind in SAMPLE_LABEL_TYPES {
            let id = if *kind == "AMANDA" || kind.starts_with("BA") { "Weekly-01" } else { "AB12" };
            let image = sample_label(kind, id).unwrap();
            match classify(&image) {
                LabelVerdict::Claimed(omid) => {
                    assert_eq!(omid.label_type, *kind);
                    assert_eq!(omid.label_id, id);
                }
                other => panic!("{kind}: {other:?}"),
            }
            assert!(image.len() <= max_label_size() + 8192, "{kind} sample is {} bytes", image.len());
        }
    }

    #[test]
    fn blank_is_empty_or_all_zero() {
        assert_eq!(classify(&[]), LabelVerdict::Blank);
        assert_eq!(classify(&[0; 70_000]), LabelVerdict::Blank);
        let mut almost = vec![0u8; 4096];
        almost[4095] = 1;
        assert_eq!(classify(&almost), LabelVerdict::Unrecognized);
    }

    #[test]
    fn unknown_sample_kind_is_invalid_parameter() {
        let err = sample_label("MTF", "X").unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::InvalidParameter);
        assert!(err.message().contains("AMANDA"), "{}", err.message());
    }

    #[test]
    fn max_label_size_covers_every_library() {
        let max = max_label_size();
        assert!(max >= 32768 + 2048);
        for library in builtin_label_libraries() {
            assert!(library.max_label_size() <= max, "{}", library.name());
        }
    }

    #[test]
    fn helpers_stay_inside_the_buffer() {
        assert_eq!(field(b"abc", 1, 2), Some(&b"bc"[..]));
        assert_eq!(field(b"abc", 2, 2), None);
        assert_eq!(field(b"abc", usize::MAX, 2), None);
        assert_eq!(c_string(b"ab\0cd", 0, 10), Some((&b"ab"[..], 3)));
        assert_eq!(c_string(b"abcd", 0, 10), None);
        assert_eq!(c_string(b"ab\0", 0, 2), None);
        assert_eq!(c_string(b"ab", 5, 2), None);
        assert_eq!(ascii_text(b" A B  "), Some("A B".to_string()));
        assert_eq!(ascii_text(b"A\x00"), None);
        assert_eq!(nul_padded(b"name\0\0junk"), "name");
    }
}
