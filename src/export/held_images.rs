//! The review's photographs, kept out of the PDF engine: [`HeldImages`] writes each JPEG to a scratch file beside
//! the target and gives the engine a stand-in instead, a one-page PDF whose image stream is a short slot name
//! ([`HeldImages::hold`]). The engine lays out and writes the stand-ins like any image; when the review is saved,
//! [`HeldImages::write_pdf`] copies the engine's PDF to the target with each slot name replaced by its JPEG, the
//! stream's `/Length` and the cross-reference table corrected.
//!
//! Why: the engine holds every image it is given several times over while it writes the PDF (the file, the
//! embedded page extracted from it, that page renumbered, the finished PDF), which made a review of 600
//! photographs peak above a gigabyte. Held out, the photographs are in memory only a window at a time, while they
//! are converted, and while each is copied to the target.
//!
//! The slot names carry a random tag drawn for each export, and a slot name counts only where it is a whole
//! stream; every held photograph must be found, or the export fails rather than print a review with holes.

use std::collections::HashSet;
use std::hash::BuildHasher;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::ExportError;
use super::images::jpeg_in_pdf;
use super::staging;

/// What comes before a held image's stream data in a PDF.
const STREAM_START: &[u8] = b"stream\n";
/// What comes after it.
const STREAM_END: &[u8] = b"\nendstream";
/// Digits of a slot number.
const SLOT_DIGITS: usize = 8;

/// The photographs of one review, written to a scratch file as they are converted.
pub struct HeldImages {
    /// An anonymous temporary file beside the target; it vanishes when closed.
    scratch: std::fs::File,
    /// The review's file, named in errors.
    target: PathBuf,
    /// The start of every slot name of this export: `cuttings-slot-<random tag>-`.
    prefix: String,
    /// Where each held JPEG is in the scratch file (offset, length), by slot number.
    slots: Vec<(u64, u64)>,
    /// Bytes written to the scratch file so far.
    written: u64,
}

/// One change to the engine's PDF: bytes `start..end` are replaced.
struct Edit {
    start: usize,
    end: usize,
    with: Replacement,
}

/// What replaces the bytes of an [`Edit`].
enum Replacement {
    /// A held JPEG, by slot number.
    Slot(usize),
    /// A stream's new `/Length` value.
    Number(u64),
}

impl HeldImages {
    /// Starts holding the photographs of the review to be written to `target`.
    pub fn new(target: &Path) -> Result<HeldImages, ExportError> {
        let scratch = staging::scratch_file(target)?;
        let tag = std::collections::hash_map::RandomState::new().hash_one(std::process::id());
        Ok(HeldImages {
            scratch,
            target: target.to_path_buf(),
            prefix: format!("cuttings-slot-{tag:016x}-"),
            slots: Vec::new(),
            written: 0,
        })
    }

    /// Keeps `jpeg`, an image of `width`×`height` pixels in grey or RGB, and returns the stand-in for the engine: a
    /// one-page PDF like [`jpeg_in_pdf`] makes, with the slot name where the JPEG would be.
    pub fn hold(&mut self, jpeg: &[u8], width: u32, height: u32, gray: bool) -> Result<Vec<u8>, ExportError> {
        self.scratch.write_all(jpeg).map_err(|e| ExportError::write(&self.target, e))?;
        let slot = self.slots.len();
        self.slots.push((self.written, jpeg.len() as u64));
        self.written += jpeg.len() as u64;
        Ok(jpeg_in_pdf(self.slot_name(slot).as_bytes(), width, height, gray))
    }

    /// The slot name of slot `slot`.
    fn slot_name(&self, slot: usize) -> String {
        format!("{}{slot:0width$}", self.prefix, width = SLOT_DIGITS)
    }

    /// Writes the engine's `pdf` to `out`, each stand-in's slot name replaced by its JPEG. Fails if the PDF is not
    /// shaped as expected (no cross-reference table where `startxref` says, a held image missing).
    pub fn write_pdf(&mut self, pdf: &[u8], out: &mut dyn Write) -> Result<(), ExportError> {
        let xref = XrefTable::parse(pdf).ok_or_else(|| unexpected("no cross-reference table"))?;
        let edits = self.edits(&pdf[..xref.start], &xref)?;
        let write_error = |e| ExportError::write(&self.target, e);
        // The objects, edited; `shifts` records how far each edit moves what follows it.
        let mut shifts: Vec<(usize, i64)> = Vec::with_capacity(edits.len());
        let mut shift = 0i64;
        let mut at = 0;
        for edit in &edits {
            out.write_all(&pdf[at..edit.start]).map_err(write_error)?;
            let written = match edit.with {
                Replacement::Slot(slot) => {
                    let (offset, length) = self.slots[slot];
                    self.scratch.seek(SeekFrom::Start(offset)).map_err(write_error)?;
                    let copied = std::io::copy(&mut (&mut self.scratch).take(length), out).map_err(write_error)?;
                    if copied != length {
                        return Err(unexpected("a held image was cut short"));
                    }
                    length
                }
                Replacement::Number(n) => {
                    let text = n.to_string();
                    out.write_all(text.as_bytes()).map_err(write_error)?;
                    text.len() as u64
                }
            };
            shift += written as i64 - (edit.end - edit.start) as i64;
            shifts.push((edit.end, shift));
            at = edit.end;
        }
        out.write_all(&pdf[at..xref.start]).map_err(write_error)?;
        // The cross-reference table, each object's offset moved by the edits before it.
        let moved = |offset: usize| -> i64 {
            let before = shifts.partition_point(|(end, _)| *end <= offset);
            offset as i64 + if before == 0 { 0 } else { shifts[before - 1].1 }
        };
        let mut table = pdf[xref.start..xref.entries_end].to_vec();
        for &entry in &xref.in_use {
            let offset = parse_number(&pdf[entry..entry + 10]).ok_or_else(|| unexpected("a bad offset"))?;
            let new = format!("{:010}", moved(offset as usize));
            if new.len() != 10 {
                return Err(unexpected("the review is too large"));
            }
            table[entry - xref.start..entry - xref.start + 10].copy_from_slice(new.as_bytes());
        }
        out.write_all(&table).map_err(write_error)?;
        out.write_all(&pdf[xref.entries_end..xref.offset_at]).map_err(write_error)?;
        write!(out, "{}", moved(xref.start)).map_err(write_error)?;
        out.write_all(&pdf[xref.offset_at + xref.offset_digits..]).map_err(write_error)?;
        out.flush().map_err(write_error)
    }

    /// The edits that put the held images into `objects` (the PDF before its cross-reference table), in order.
    fn edits(&self, objects: &[u8], xref: &XrefTable) -> Result<Vec<Edit>, ExportError> {
        let prefix = self.prefix.as_bytes();
        let name_length = prefix.len() + SLOT_DIGITS;
        let mut edits = Vec::new();
        let mut found = HashSet::new();
        let mut from = 0;
        while let Some(at) = find(&objects[from..], prefix).map(|p| from + p) {
            from = at + prefix.len();
            let slot = objects.get(from..at + name_length).and_then(parse_number);
            let whole_stream = objects[..at].ends_with(STREAM_START)
                && objects.get(at + name_length..).is_some_and(|rest| rest.starts_with(STREAM_END));
            let (Some(slot), true) = (slot, whole_stream) else { continue };
            let slot = usize::try_from(slot).ok().filter(|s| *s < self.slots.len());
            let slot = slot.ok_or_else(|| unexpected("an unknown image slot"))?;
            // The stream's `/Length`, the last one in its object (the object starts at the nearest offset before).
            let object_start = xref.object_start_before(at).ok_or_else(|| unexpected("a stream outside objects"))?;
            let length_at = find_last(&objects[object_start..at], b"/Length ")
                .map(|p| object_start + p + b"/Length ".len())
                .ok_or_else(|| unexpected("a held image's stream has no length"))?;
            let digits = objects[length_at..at].iter().take_while(|b| b.is_ascii_digit()).count();
            if parse_number(&objects[length_at..length_at + digits]) != Some(name_length as u64) {
                return Err(unexpected("a held image's stream has the wrong length"));
            }
            edits.push(Edit {
                start: length_at,
                end: length_at + digits,
                with: Replacement::Number(self.slots[slot].1),
            });
            edits.push(Edit { start: at, end: at + name_length, with: Replacement::Slot(slot) });
            found.insert(slot);
            from = at + name_length;
        }
        edits.sort_by_key(|edit| edit.start);
        if found.len() != self.slots.len() {
            return Err(unexpected("an image is missing from the PDF"));
        }
        Ok(edits)
    }
}

/// The layout error for a PDF the engine wrote in an unexpected shape.
fn unexpected(what: &str) -> ExportError {
    ExportError::Layout { message: format!("putting the images into the PDF: {what}") }
}

/// The classic cross-reference table at the end of a PDF (one revision, as the engine writes it).
struct XrefTable {
    /// Where `xref` starts.
    start: usize,
    /// Where its entries end (the trailer follows).
    entries_end: usize,
    /// Where the number after the last `startxref` (the table's offset) starts.
    offset_at: usize,
    /// Its digits.
    offset_digits: usize,
    /// Where each in-use entry starts (its ten-digit offset), in table order.
    in_use: Vec<usize>,
    /// The offsets of the objects, sorted.
    object_starts: Vec<usize>,
}

impl XrefTable {
    /// Reads the table `startxref` points at; `None` if there is none or it is malformed.
    fn parse(pdf: &[u8]) -> Option<XrefTable> {
        let after_keyword = find_last(pdf, b"startxref")? + b"startxref".len();
        let number = pdf[after_keyword..].trim_ascii_start();
        let offset_at = pdf.len() - number.len();
        let offset_digits = number.iter().take_while(|b| b.is_ascii_digit()).count();
        let start = usize::try_from(parse_number(&number[..offset_digits])?).ok()?;
        let mut at = start.checked_add(4).filter(|_| pdf.get(start..start + 4) == Some(b"xref"))?;
        let mut in_use = Vec::new();
        let mut object_starts = Vec::new();
        // Subsections: a line "first count", then `count` entries of 20 bytes.
        loop {
            let rest = &pdf[at..];
            let line_start = at + (rest.len() - rest.trim_ascii_start().len());
            let line_end = line_start + pdf[line_start..].iter().position(|b| *b == b'\n')?;
            let line = std::str::from_utf8(&pdf[line_start..line_end]).ok()?.trim();
            let mut fields = line.split(' ');
            let (Some(first), Some(count), None) = (fields.next(), fields.next(), fields.next()) else { break };
            let (Ok(_), Ok(count)) = (first.parse::<u64>(), count.parse::<usize>()) else { break };
            at = line_end + 1;
            for _ in 0..count {
                let entry = pdf.get(at..at + 20)?;
                match entry[17] {
                    b'n' => {
                        in_use.push(at);
                        object_starts.push(usize::try_from(parse_number(&entry[..10])?).ok()?);
                    }
                    b'f' => {}
                    _ => return None,
                }
                at += 20;
            }
        }
        object_starts.sort_unstable();
        Some(XrefTable { start, entries_end: at, offset_at, offset_digits, in_use, object_starts })
    }

    /// The start of the object that holds byte `at`.
    fn object_start_before(&self, at: usize) -> Option<usize> {
        let after = self.object_starts.partition_point(|start| *start <= at);
        after.checked_sub(1).map(|i| self.object_starts[i])
    }
}

/// The number written in ASCII digits in `digits` (all of it).
fn parse_number(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut from = 0;
    while let Some(p) = haystack[from..].iter().position(|b| *b == first) {
        let at = from + p;
        if haystack[at..].starts_with(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Where `needle` last occurs in `haystack`.
fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slot name in a stand-in's image stream.
    fn slot_of(stand_in: &[u8]) -> String {
        let text = String::from_utf8_lossy(stand_in);
        let at = text.find("cuttings-slot-").expect("a slot name");
        text[at..].split('\n').next().expect("a line").to_string()
    }

    #[test]
    fn a_stand_in_written_with_its_image_is_the_wrapped_jpeg_byte_for_byte() {
        let dir = tempfile::tempdir().expect("temp dir");
        let photo: Vec<u8> = (0..50_000u32).map(|n| (n % 251) as u8).collect();
        for (jpeg, width, height, gray) in
            [(photo.as_slice(), 400, 300, false), (b"\xff\xd8\xff grey".as_slice(), 8, 8, true)]
        {
            let mut held = HeldImages::new(&dir.path().join("review.pdf")).expect("scratch file");
            let stand_in = held.hold(jpeg, width, height, gray).expect("held");
            assert!(stand_in.len() < 1000, "the stand-in is small: {} bytes", stand_in.len());
            // A stand-in is a PDF whose image is a slot; written, it becomes the wrapped JPEG, table and all.
            let mut out = Vec::new();
            held.write_pdf(&stand_in, &mut out).expect("written");
            assert_eq!(out, jpeg_in_pdf(jpeg, width, height, gray));
        }
    }

    /// A PDF of `objects` (numbered from 1) with its cross-reference table, as the engine writes one.
    fn pdf_of(objects: &[Vec<u8>]) -> Vec<u8> {
        let mut pdf = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (n, body) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend_from_slice(format!("{} 0 obj\n", n + 1).as_bytes());
            pdf.extend_from_slice(body);
            pdf.extend_from_slice(b"\nendobj\n");
        }
        let xref = pdf.len();
        pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f\r\n", objects.len() + 1).as_bytes());
        for offset in offsets {
            pdf.extend_from_slice(format!("{offset:010} 00000 n\r\n").as_bytes());
        }
        pdf.extend_from_slice(
            format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF", objects.len() + 1).as_bytes(),
        );
        pdf
    }

    /// An image stream object holding `data`.
    fn image_object(data: &[u8]) -> Vec<u8> {
        [
            format!("<<\n  /Length {}\n  /Type /XObject\n  /Subtype /Image\n>>\nstream\n", data.len()).as_bytes(),
            data,
            b"\nendstream",
        ]
        .concat()
    }

    #[test]
    fn a_slot_name_outside_a_stream_is_text_and_a_missing_image_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut held = HeldImages::new(&dir.path().join("review.pdf")).expect("scratch file");
        let first = held.hold(b"FIRST JPEG", 2, 2, false).expect("held");
        let second = held.hold(&[7u8; 3000], 2, 2, false).expect("held");
        let (first, second) = (slot_of(&first), slot_of(&second));
        // The first name also as text (say, in a title) is not a slot: it stays, and only the streams are filled.
        let catalog = |title: &str| format!("<< /Type /Catalog /Title ({title}) >>").into_bytes();
        let engine = pdf_of(&[catalog(&first), image_object(second.as_bytes()), image_object(first.as_bytes())]);
        let mut out = Vec::new();
        held.write_pdf(&engine, &mut out).expect("written");
        assert_eq!(out, pdf_of(&[catalog(&first), image_object(&[7u8; 3000]), image_object(b"FIRST JPEG")]));
        // A held image the PDF lacks is an error, not a review with a hole; so is a PDF without a table.
        let lacking = pdf_of(&[catalog(&first), image_object(second.as_bytes())]);
        let missing = held.write_pdf(&lacking, &mut Vec::new()).expect_err("missing");
        assert!(missing.to_string().contains("an image is missing"), "{missing}");
        assert!(held.write_pdf(b"not a PDF", &mut Vec::new()).is_err());
    }
}
