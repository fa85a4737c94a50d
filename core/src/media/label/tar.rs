//! tar archives (POSIX ustar, pax and GNU formats).
//!
//! An archive is a sequence of 512-byte headers, each followed by its member's data rounded up
//! to 512 bytes. Header fields (0-based): name 0..100, size 124..136 (octal), checksum 148..156
//! (octal sum of the header's bytes with the checksum field taken as spaces), type flag 156,
//! magic 257..263 (`ustar\0` + version `00` for POSIX, `ustar  \0` for GNU), prefix 345..500
//! (POSIX: leading directories of a long name).
//!
//! The member name may come from an extension header before the real one: GNU `L` (long name
//! in the data), pax `x` (a `path=` record); GNU `V` is a volume label (`tar -V LABEL`), a
//! header with only a name, a time, the checksum and the type flag (no magic).

use super::{field, nul_padded, put, LabelLibrary, Omid, Result, SAMPLE_TIME};

const BLOCK: usize = 512;
/// Extension headers followed before the member's own header.
const MAX_HEADERS: usize = 8;
/// Larger extension data than this is not read (a name does not need it).
const MAX_EXTENSION: u64 = 64 * 1024;
/// The default blocking factor of `tar`: 20 blocks per record.
const RECORD: usize = 20 * BLOCK;

/// Recognizes tar archives by a valid first header (ustar magic and checksum): label type
/// `TAR`, label id the first member's name (or the volume label of `tar -V`).
#[derive(Debug, Clone, Copy, Default)]
pub struct TarLabels;

impl LabelLibrary for TarLabels {
    fn name(&self) -> &str {
        "tar"
    }

    fn max_label_size(&self) -> usize {
        RECORD
    }

    fn claim(&self, bytes: &[u8]) -> Option<Omid> {
        let first = Header::parse(field(bytes, 0, BLOCK)?)?;
        Some(Omid { label_type: "TAR".into(), label_id: member_name(bytes, first), application: None })
    }
}

struct Header<'a> {
    block: &'a [u8],
    posix: bool,
}

impl<'a> Header<'a> {
    /// The header in `block` if it has the ustar magic and a correct checksum. GNU tar writes
    /// its volume label header (type `V`) with no magic at all: that is accepted too.
    fn parse(block: &'a [u8]) -> Option<Self> {
        if block.len() != BLOCK {
            return None;
        }
        let magic = &block[257..265];
        let posix = magic.starts_with(b"ustar\0");
        let gnu_volume_label = block[156] == b'V' && magic.iter().all(|&b| b == 0);
        if !posix && magic != b"ustar  \0" && !gnu_volume_label {
            return None;
        }
        let stored = octal(&block[148..156])?;
        let spaces = 8 * u64::from(b' ');
        let outside = |i: &usize| !(148..156).contains(i);
        let unsigned: u64 = block.iter().enumerate().filter(|(i, _)| outside(i)).map(|(_, &b)| u64::from(b)).sum();
        // Some old writers summed signed chars; readers accept both.
        let signed: i64 = block.iter().enumerate().filter(|(i, _)| outside(i)).map(|(_, &b)| i64::from(b as i8)).sum();
        let matches = stored == unsigned + spaces || i64::try_from(stored).is_ok_and(|s| s == signed + spaces as i64);
        matches.then_some(Header { block, posix })
    }

    fn type_flag(&self) -> u8 {
        self.block[156]
    }

    /// The name field alone.
    fn name(&self) -> String {
        nul_padded(&self.block[..100])
    }

    /// The name with the POSIX prefix, if any.
    fn full_name(&self) -> String {
        let prefix = if self.posix { nul_padded(&self.block[345..500]) } else { String::new() };
        if prefix.is_empty() {
            self.name()
        } else {
            format!("{prefix}/{}", self.name())
        }
    }

    fn size(&self) -> Option<u64> {
        let raw = &self.block[124..136];
        if raw[0] & 0x80 != 0 {
            // GNU base-256 for sizes of 8 GiB and more.
            let mut value = u64::from(raw[0] & 0x7f);
            for &b in &raw[1..] {
                value = value.checked_mul(256)?.checked_add(u64::from(b))?;
            }
            Some(value)
        } else {
            octal(raw)
        }
    }
}

/// The name of the archive's first member, following extension headers as far as the bytes
/// go; when they run out, the best name seen so far.
fn member_name(bytes: &[u8], first: Header<'_>) -> String {
    let fallback = first.full_name();
    let mut header = first;
    let mut offset = 0usize;
    let mut extended: Option<String> = None;
    for _ in 0..MAX_HEADERS {
        match header.type_flag() {
            b'V' => return header.name(),
            flag @ (b'L' | b'K' | b'x' | b'g') => {
                let Some(size) = header.size().filter(|&size| size <= MAX_EXTENSION) else { break };
                let size = size as usize;
                let data_start = offset + BLOCK;
                if let Some(data) = field(bytes, data_start, size) {
                    match flag {
                        b'L' => extended = Some(nul_padded(data)),
                        b'x' => extended = pax_path(data).or(extended),
                        _ => {}
                    }
                }
                offset = data_start + size.div_ceil(BLOCK) * BLOCK;
                match field(bytes, offset, BLOCK).and_then(Header::parse) {
                    Some(next) => header = next,
                    None => break,
                }
            }
            _ => return extended.unwrap_or_else(|| header.full_name()),
        }
    }
    extended.unwrap_or(fallback)
}

/// The `path` of pax extended header records (`"<length> <key>=<value>\n"`).
fn pax_path(data: &[u8]) -> Option<String> {
    let mut rest = data;
    let mut path = None;
    while !rest.is_empty() && rest[0] != 0 {
        let space = rest.iter().take(20).position(|&b| b == b' ')?;
        let len: usize = std::str::from_utf8(&rest[..space]).ok()?.parse().ok()?;
        let record = rest.get(space + 1..len)?;
        let record = record.strip_suffix(b"\n")?;
        if let Some(value) = record.strip_prefix(b"path=") {
            path = Some(String::from_utf8_lossy(value).into_owned());
        }
        rest = &rest[len..];
    }
    path
}

/// An octal number field: optional leading spaces, digits, then NUL or space (or the end).
fn octal(raw: &[u8]) -> Option<u64> {
    let start = raw.iter().position(|&b| b != b' ')?;
    let digits = &raw[start..];
    let end = digits.iter().position(|&b| b == 0 || b == b' ').unwrap_or(digits.len());
    if end == 0 {
        return None;
    }
    digits[..end].iter().try_fold(0u64, |value, &b| match b {
        b'0'..=b'7' => value.checked_mul(8)?.checked_add(u64::from(b - b'0')),
        _ => None,
    })
}

/// A POSIX ustar archive holding one small regular file named `id`.
pub(super) fn sample(id: &str) -> Result<Vec<u8>> {
    super::check_sample_id("TAR", id, 100, |c| c != '\0', "bytes, without NUL")?;
    if id.ends_with('/') {
        return Err(crate::Error::invalid(format!("TAR label id {id:?} names a directory")));
    }
    let content = format!("OpenRSM sample medium {id}\n");
    let mut archive = vec![0u8; RECORD];
    let header = &mut archive[..BLOCK];
    put(header, 0, id.as_bytes());
    put(header, 100, b"0000644\0");
    put(header, 108, b"0000000\0"); // uid
    put(header, 116, b"0000000\0"); // gid
    put(header, 124, format!("{:011o}\0", content.len()).as_bytes());
    put(header, 136, format!("{SAMPLE_TIME:011o}\0").as_bytes());
    header[156] = b'0';
    put(header, 257, b"ustar\x0000");
    put(header, 265, b"root");
    put(header, 297, b"root");
    let sum: u32 = header.iter().map(|&b| u32::from(b)).sum::<u32>() + 8 * u32::from(b' ');
    put(header, 148, format!("{sum:06o}\0 ").as_bytes());
    put(&mut archive, BLOCK, content.as_bytes());
    // The rest stays zero: the end-of-archive blocks and the padding to a full record.
    Ok(archive)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A header with a correct checksum.
    fn header(name: &str, flag: u8, size: usize, gnu: bool) -> Vec<u8> {
        let mut block = vec![0u8; BLOCK];
        put(&mut block, 0, name.as_bytes());
        put(&mut block, 124, format!("{size:011o}\0").as_bytes());
        block[156] = flag;
        put(&mut block, 257, if gnu { b"ustar  \0" } else { b"ustar\x0000" });
        let sum: u32 = block.iter().map(|&b| u32::from(b)).sum::<u32>() + 8 * u32::from(b' ');
        put(&mut block, 148, format!("{sum:06o}\0 ").as_bytes());
        block
    }

    /// A pax record: its length counts the length's own digits.
    fn pax_record(key: &str, value: &str) -> String {
        let body = key.len() + value.len() + 3; // space, '=', newline
        let mut len = body + 1;
        while len != body + len.to_string().len() {
            len = body + len.to_string().len();
        }
        format!("{len} {key}={value}\n")
    }

    fn padded(data: &[u8]) -> Vec<u8> {
        let mut out = data.to_vec();
        out.resize(data.len().div_ceil(BLOCK) * BLOCK, 0);
        out
    }

    #[test]
    fn first_member_name() {
        let omid = TarLabels.claim(&header("etc/hosts", b'0', 0, false)).unwrap();
        assert_eq!((omid.label_type.as_str(), omid.label_id.as_str()), ("TAR", "etc/hosts"));
    }

    #[test]
    fn posix_prefix_is_joined() {
        let mut block = header("file.txt", b'0', 0, false);
        put(&mut block, 345, b"very/long/directory");
        block[148..156].copy_from_slice(b"        ");
        let sum: u32 = block.iter().map(|&b| u32::from(b)).sum();
        put(&mut block, 148, format!("{sum:06o}\0 ").as_bytes());
        assert_eq!(TarLabels.claim(&block).unwrap().label_id, "very/long/directory/file.txt");
    }

    #[test]
    fn gnu_volume_label_and_long_name() {
        assert_eq!(TarLabels.claim(&header("Monday backup", b'V', 0, true)).unwrap().label_id, "Monday backup");
        // As GNU tar writes it: no magic, no size.
        let mut bare = vec![0u8; BLOCK];
        put(&mut bare, 0, b"Tuesday");
        put(&mut bare, 136, b"15300232433\0");
        bare[156] = b'V';
        let sum: u32 = bare.iter().map(|&b| u32::from(b)).sum::<u32>() + 8 * u32::from(b' ');
        put(&mut bare, 148, format!("{sum:06o}\0 ").as_bytes());
        assert_eq!(TarLabels.claim(&bare).unwrap().label_id, "Tuesday");
        bare[156] = b'0';
        bare[148..156].copy_from_slice(b"        ");
        let sum: u32 = bare.iter().map(|&b| u32::from(b)).sum();
        put(&mut bare, 148, format!("{sum:06o}\0 ").as_bytes());
        assert!(TarLabels.claim(&bare).is_none(), "no magic and not a volume label");
        let long = "d/".repeat(80) + "file";
        let mut bytes = header("././@LongLink", b'L', long.len() + 1, true);
        bytes.extend(padded(format!("{long}\0").as_bytes()));
        bytes.extend(header(&long[..100], b'0', 0, true));
        assert_eq!(TarLabels.claim(&bytes).unwrap().label_id, long);
        // Cut inside the long name: fall back to the header's own name.
        assert_eq!(TarLabels.claim(&bytes[..BLOCK + 10]).unwrap().label_id, "././@LongLink");
    }

    #[test]
    fn pax_path_wins() {
        let long = "p/".repeat(70) + "end";
        let records = pax_record("path", &long) + &pax_record("mtime", "1704067200.123456789");
        assert!(records.ends_with("30 mtime=1704067200.123456789\n"));
        assert_eq!(pax_path(records.as_bytes()).as_deref(), Some(long.as_str()));
        let mut bytes = header("./PaxHeaders/end", b'x', records.len(), false);
        bytes.extend(padded(records.as_bytes()));
        bytes.extend(header("end", b'0', 0, false));
        assert_eq!(TarLabels.claim(&bytes).unwrap().label_id, long);
    }

    #[test]
    fn bad_checksum_or_magic_is_not_tar() {
        let mut block = header("a", b'0', 0, false);
        block[0] = b'b';
        assert!(TarLabels.claim(&block).is_none());
        let mut block = header("a", b'0', 0, false);
        block[257] = b'U';
        assert!(TarLabels.claim(&block).is_none());
        assert!(TarLabels.claim(&header("a", b'0', 0, false)[..511]).is_none());
    }

    #[test]
    fn signed_checksum_is_accepted() {
        let mut block = header("caf\u{e9}", b'0', 0, false);
        block[148..156].copy_from_slice(b"        ");
        let signed: i64 = block.iter().map(|&b| i64::from(b as i8)).sum();
        put(&mut block, 148, format!("{signed:06o}\0 ").as_bytes());
        assert_eq!(TarLabels.claim(&block).unwrap().label_id, "caf\u{e9}");
    }

    #[test]
    fn octal_fields() {
        assert_eq!(octal(b"0000644\0"), Some(0o644));
        assert_eq!(octal(b"  1234 \0"), Some(0o1234));
        assert_eq!(octal(b"12345678901234567890123456"), None, "overflow or bad digit");
        assert_eq!(octal(b"        "), None);
        assert_eq!(octal(b"\0\0"), None);
    }

    #[test]
    fn sample_round_trips() {
        let bytes = sample("README").unwrap();
        assert_eq!(bytes.len(), RECORD);
        let first = Header::parse(&bytes[..BLOCK]).unwrap();
        assert_eq!(first.size(), Some(29));
        assert_eq!(TarLabels.claim(&bytes).unwrap().label_id, "README");
        assert!(sample(&"x".repeat(101)).is_err());
        assert!(sample("dir/").is_err());
    }
}
