//! Amanda tape headers.
//!
//! `amlabel` writes a 32 KiB header block at the start of a tape (or as the first file of a
//! virtual tape): the line `AMANDA: TAPESTART DATE <datestamp> TAPE <label>`, then `\n\f\n`,
//! then NUL bytes. The datestamp is `YYYYMMDD[hhmmss]`, or `X` for a tape labelled but never
//! written.

use super::{field, LabelLibrary, Omid, Result};

/// Amanda's tape header block.
const HEADER_BLOCK: usize = 32 * 1024;
/// The header line is short: a 14-character datestamp and a label of at most 255 characters.
const MAX_LINE: usize = 512;

/// Recognizes Amanda tape headers: label type `AMANDA`, label id the tape label, application
/// `Amanda`.
#[derive(Debug, Clone, Copy, Default)]
pub struct AmandaLabels;

impl LabelLibrary for AmandaLabels {
    fn name(&self) -> &str {
        "Amanda"
    }

    fn max_label_size(&self) -> usize {
        HEADER_BLOCK
    }

    fn claim(&self, bytes: &[u8]) -> Option<Omid> {
        if !bytes.starts_with(b"AMANDA: ") {
            return None;
        }
        let head = field(bytes, 0, bytes.len().min(MAX_LINE))?;
        // Only a complete line counts: a cut one might hold half a label.
        let line = std::str::from_utf8(&head[..head.iter().position(|&b| b == b'\n')?]).ok()?;
        let words: Vec<&str> = line.split_ascii_whitespace().collect();
        let [_, "TAPESTART", "DATE", date, "TAPE", label, ..] = words[..] else { return None };
        if date.is_empty() || !date.chars().all(|c| c.is_ascii_digit() || c == 'X' || c == '.') {
            return None;
        }
        Some(Omid { label_type: "AMANDA".into(), label_id: label.into(), application: Some("Amanda".into()) })
    }
}

/// The header block of a tape labelled by `amlabel` and not yet written (datestamp `X`).
pub(super) fn sample(id: &str) -> Result<Vec<u8>> {
    super::check_sample_id("AMANDA", id, 255, |c| c.is_ascii_graphic(), "printable characters without spaces")?;
    let mut block = format!("AMANDA: TAPESTART DATE X TAPE {id}\n\x0c\n").into_bytes();
    block.resize(HEADER_BLOCK, 0);
    Ok(block)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tape_header_of_a_written_tape() {
        let mut bytes = b"AMANDA: TAPESTART DATE 20240315021500 TAPE DailySet1-012\n\x0c\n".to_vec();
        bytes.resize(HEADER_BLOCK, 0);
        let omid = AmandaLabels.claim(&bytes).unwrap();
        assert_eq!(
            omid,
            Omid { label_type: "AMANDA".into(), label_id: "DailySet1-012".into(), application: Some("Amanda".into()) }
        );
    }

    #[test]
    fn freshly_labelled_tape() {
        assert_eq!(AmandaLabels.claim(b"AMANDA: TAPESTART DATE X TAPE vtape-3\n").unwrap().label_id, "vtape-3");
    }

    #[test]
    fn other_headers_and_cut_lines_are_refused() {
        for text in [
            &b"AMANDA: FILE 20240315 host /home lev 0 comp .gz program /bin/tar\n"[..],
            b"AMANDA: TAPEEND DATE 20240315\n",
            b"AMANDA: TAPESTART DATE 2024-03-15 TAPE bad-date\n",
            b"AMANDA: TAPESTART DATE X TAPE\n",
            b"AMANDA: TAPESTART DATE X TAPE DailySet1-0",
            b"amanda: TAPESTART DATE X TAPE lower\n",
            b"AMANDA: TAPESTART DATE X TAPE \xff\xfe\n",
        ] {
            assert!(AmandaLabels.claim(text).is_none(), "{}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn sample_round_trips() {
        let bytes = sample("Weekly-05").unwrap();
        assert_eq!(bytes.len(), HEADER_BLOCK);
        assert!(bytes.starts_with(b"AMANDA: TAPESTART DATE X TAPE Weekly-05\n\x0c\n\0"));
        assert_eq!(AmandaLabels.claim(&bytes).unwrap().label_id, "Weekly-05");
        assert!(sample("two words").is_err());
        assert!(sample("").is_err());
    }
}
