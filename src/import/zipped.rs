//! The files of a zip export, read in memory within limits. An export archive comes from wherever the user found
//! it, so it is treated as hostile: too many entries, or more bytes unpacked than the limits allow, refuse the
//! whole archive; sizes are counted as the bytes come out, never taken from the archive's own word; only the
//! entries the format names are unpacked, and nothing is ever written to disk.

use super::{ImportError, Origin};
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// How much an archive may hold.
#[derive(Debug, Clone, Copy)]
pub(super) struct ZipLimits {
    /// The most entries (files and folders) the archive may list.
    pub max_entries: usize,
    /// The most bytes one entry may unpack to.
    pub max_entry_bytes: u64,
    /// The most bytes the entries read may unpack to, together.
    pub max_total_bytes: u64,
}

/// The limits of every export archive: 100,000 entries (a large Omnivore export has three per item), 64 MiB for
/// one file, 1 GiB in all.
pub(super) const EXPORT_ZIP_LIMITS: ZipLimits =
    ZipLimits { max_entries: 100_000, max_entry_bytes: 64 << 20, max_total_bytes: 1 << 30 };

/// One file unpacked from the archive.
#[derive(Debug)]
pub(super) struct ZippedFile {
    /// Its path inside the archive, with `/` between folders.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The files of the archive in `bytes` whose path `wanted` accepts, in the archive's order; folders are passed
/// over, and so is every file `wanted` refuses, without being unpacked.
pub(super) fn read_zipped_files(
    origin: Origin<'_>,
    bytes: &[u8],
    limits: ZipLimits,
    wanted: impl Fn(&str) -> bool,
) -> Result<Vec<ZippedFile>, ImportError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| origin.whole(format!("the file is not a zip archive that can be read ({e})")))?;
    if archive.len() > limits.max_entries {
        return Err(origin.whole(format!(
            "the archive lists {} entries, more than the {} an export may hold",
            archive.len(),
            limits.max_entries
        )));
    }
    let mut files = Vec::new();
    let mut total_bytes: u64 = 0;
    for index in 0..archive.len() {
        let name = match archive.name_for_index(index) {
            Some(Ok(name)) => name.replace('\\', "/"),
            // A name that is not text is not one the format names.
            _ => continue,
        };
        if name.ends_with('/') || !wanted(&name) {
            continue;
        }
        let entry_origin = origin.entry(&name);
        let mut entry =
            archive.by_index(index).map_err(|e| entry_origin.whole(format!("the entry cannot be unpacked ({e})")))?;
        if entry.is_dir() {
            continue;
        }
        // Read one byte past what is allowed, so that going over is seen without reading the rest.
        let allowed = limits.max_entry_bytes.min(limits.max_total_bytes - total_bytes);
        let mut content = Vec::new();
        entry
            .by_ref()
            .take(allowed + 1)
            .read_to_end(&mut content)
            .map_err(|e| entry_origin.whole(format!("the entry cannot be unpacked ({e})")))?;
        let length = content.len() as u64;
        if length > limits.max_entry_bytes {
            return Err(entry_origin.whole(format!(
                "the entry unpacks to more than {}, the most one file of an export may hold",
                size_in_words(limits.max_entry_bytes)
            )));
        }
        if length > allowed {
            return Err(origin.whole(format!(
                "the archive unpacks to more than {}, the most an export may hold",
                size_in_words(limits.max_total_bytes)
            )));
        }
        total_bytes += length;
        files.push(ZippedFile { name, bytes: content });
    }
    Ok(files)
}

/// The last part of an entry's path: `part_000000.csv` for `export/part_000000.csv`.
pub(super) fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The folder an entry is directly in: `content` for `export/content/a.html`, `""` at the top.
pub(super) fn parent_folder(path: &str) -> &str {
    let mut parts = path.rsplit('/');
    parts.next();
    parts.next().unwrap_or("")
}

/// The order to read numbered parts in: by the first number in the name (so `metadata_10` comes after
/// `metadata_9`), then by name.
pub(super) fn part_order(name: &str) -> (u64, String) {
    let base = base_name(name);
    let digits: String = base.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    (digits.parse().unwrap_or(u64::MAX), name.to_string())
}

/// A size for a message: `64 MiB`, `1 GiB`, or bytes when it is small (as in tests).
fn size_in_words(bytes: u64) -> String {
    if bytes >= 1 << 30 && bytes.is_multiple_of(1 << 30) {
        format!("{} GiB", bytes >> 30)
    } else if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

/// A zip archive made in memory, for the readers' tests.
#[cfg(test)]
pub(super) fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A zip archive of every file under `tests/fixtures/import/<folder>`, named by their paths below it.
#[cfg(test)]
pub(super) fn zip_of_fixture_folder(folder: &str) -> Vec<u8> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(folder);
    let mut files = Vec::new();
    let mut pending = vec![root.clone()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let name = path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
                files.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    let borrowed: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    zip_of(&borrowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(max_entries: usize, max_entry_bytes: u64, max_total_bytes: u64) -> ZipLimits {
        ZipLimits { max_entries, max_entry_bytes, max_total_bytes }
    }

    fn read(bytes: &[u8], limits: ZipLimits) -> Result<Vec<ZippedFile>, ImportError> {
        read_zipped_files(Origin::file("export.zip"), bytes, limits, |name| name.ends_with(".csv"))
    }

    #[test]
    fn only_wanted_files_are_read() {
        let zip = zip_of(&[("a.csv", b"one"), ("skip.txt", b"two"), ("dir/b.csv", b"three")]);
        let files = read(&zip, EXPORT_ZIP_LIMITS).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["a.csv", "dir/b.csv"]);
        assert_eq!(files[1].bytes, b"three");
    }

    #[test]
    fn an_entry_over_the_limit_is_refused() {
        let big = vec![b'x'; 1000];
        let zip = zip_of(&[("small.csv", b"ok"), ("big.csv", &big)]);
        let error = read(&zip, limits(10, 999, 10_000)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "export.zip, big.csv: the entry unpacks to more than 999 bytes, the most one file of an export may hold"
        );
        assert!(read(&zip, limits(10, 1000, 10_000)).is_ok());
    }

    #[test]
    fn an_archive_over_the_total_is_refused() {
        let part = vec![b'x'; 600];
        let zip = zip_of(&[("a.csv", &part), ("b.csv", &part)]);
        let error = read(&zip, limits(10, 1000, 1000)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "export.zip: the archive unpacks to more than 1000 bytes, the most an export may hold"
        );
        // Entries the format does not name are never unpacked, so they do not count.
        let zip = zip_of(&[("a.csv", &part), ("b.txt", &part)]);
        assert!(read(&zip, limits(10, 1000, 1000)).is_ok());
    }

    #[test]
    fn too_many_entries_are_refused() {
        let zip = zip_of(&[("a.csv", b""), ("b.csv", b""), ("c.csv", b"")]);
        let error = read(&zip, limits(2, 1000, 1000)).unwrap_err();
        assert_eq!(error.to_string(), "export.zip: the archive lists 3 entries, more than the 2 an export may hold");
    }

    #[test]
    fn what_is_not_a_zip_says_so() {
        let error = read(b"PK\x03\x04 truncated", EXPORT_ZIP_LIMITS).unwrap_err();
        assert!(error.to_string().starts_with("export.zip: the file is not a zip archive"), "{error}");
    }

    #[test]
    fn parts_are_ordered_by_number() {
        let mut names = vec!["metadata_10_to_19.json", "metadata_0_to_9.json", "metadata_2.json"];
        names.sort_by_key(|n| part_order(n));
        assert_eq!(names, ["metadata_0_to_9.json", "metadata_2.json", "metadata_10_to_19.json"]);
        assert_eq!(base_name("a/b/c.md"), "c.md");
        assert_eq!(parent_folder("x/highlights/c.md"), "highlights");
        assert_eq!(parent_folder("c.md"), "");
    }
}
