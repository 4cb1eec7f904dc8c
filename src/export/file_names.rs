//! File and folder names made from titles, safe on Linux, macOS and Windows.
//!
//! [`safe_name`] never returns a path separator, a `.` or `..`, a name Windows reserves (`CON`, `NUL`, `COM1`…),
//! characters Windows refuses, control characters, a leading dot or trailing dots and spaces, or more than
//! [`MAX_NAME_BYTES`] bytes. Letters of every script are kept. [`UniqueNames`] then makes names unique within a
//! folder, ignoring case, as case-insensitive file systems (macOS, Windows) require. Pure; touches no disk.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Longest name part (before the extension) in bytes; leaves room for " (999)" and an extension under the 255
/// bytes most file systems allow, and keeps whole paths short.
pub const MAX_NAME_BYTES: usize = 100;

/// Characters Windows refuses in names (besides control characters), each replaced by `_`.
const FORBIDDEN: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

/// Names Windows reserves for devices, with or without an extension, in any case.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹",
    "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²",
    "LPT³", "CONIN$", "CONOUT$",
];

/// Name used when a title leaves nothing usable.
const FALLBACK: &str = "untitled";

/// A name part (without extension) made from `title`.
pub fn safe_name(title: &str) -> String {
    // 1. Forbidden and control characters become `_`, runs of white space one space.
    let mut name = String::with_capacity(title.len());
    let mut last_space = true;
    for c in title.chars() {
        if c.is_whitespace() {
            if !last_space {
                name.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        if c.is_control() || FORBIDDEN.contains(&c) || is_invisible(c) {
            name.push('_');
        } else {
            name.push(c);
        }
    }
    // 2. Capped in bytes at a character boundary.
    if name.len() > MAX_NAME_BYTES {
        let mut end = MAX_NAME_BYTES;
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        name.truncate(end);
    }
    // 3. No leading dots (hidden files, `..`), no trailing dots or spaces (Windows drops them).
    let name = name.trim_start_matches(['.', ' ']).trim_end_matches(['.', ' ']);
    if name.is_empty() {
        return FALLBACK.to_string();
    }
    // 4. Reserved device names get a `_` after the part Windows looks at.
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem) || r.to_lowercase() == stem.to_lowercase()) {
        return format!("{stem}_{}", &name[stem.len()..]);
    }
    name.to_string()
}

/// Format and direction marks that would make names look alike on screen (zero-width joiners and spaces,
/// bidirectional overrides).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Names already given in each folder, compared ignoring case.
#[derive(Debug, Default)]
pub struct UniqueNames {
    taken: HashMap<PathBuf, HashSet<String>>,
}

impl UniqueNames {
    /// A fresh set.
    pub fn new() -> UniqueNames {
        UniqueNames::default()
    }

    /// A name `stem` + `extension` (such as ".md", or "" for a folder) in `dir` that no earlier call gave, made
    /// unique by " (2)", " (3)", … before the extension.
    pub fn claim(&mut self, dir: &Path, stem: &str, extension: &str) -> String {
        let taken = self.taken.entry(dir.to_path_buf()).or_default();
        let mut n = 1u32;
        loop {
            let candidate = if n == 1 { format!("{stem}{extension}") } else { format!("{stem} ({n}){extension}") };
            if taken.insert(candidate.to_lowercase()) {
                return candidate;
            }
            n += 1;
        }
    }

    /// Marks `name` taken in `dir` (such as `index.md` or `assets`).
    pub fn reserve(&mut self, dir: &Path, name: &str) {
        self.taken.entry(dir.to_path_buf()).or_default().insert(name.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_and_hidden_names_are_defused() {
        for title in ["../../x", "..", ".", "/etc/passwd", "..\\..\\boot.ini", ".hidden"] {
            let name = safe_name(title);
            assert!(!name.contains('/') && !name.contains('\\'), "{title:?} gave {name:?}");
            assert!(!name.starts_with('.'), "{title:?} gave {name:?}");
            assert!(!name.is_empty());
        }
        assert_eq!(safe_name("../../x"), "_.._x");
        assert_eq!(safe_name(".."), "untitled");
    }

    #[test]
    fn reserved_windows_names_are_changed() {
        assert_eq!(safe_name("CON"), "CON_");
        assert_eq!(safe_name("nul"), "nul_");
        assert_eq!(safe_name("com1.txt"), "com1_.txt");
        assert_eq!(safe_name("Console"), "Console");
        assert_eq!(safe_name("LPT¹"), "LPT¹_");
    }

    #[test]
    fn trailing_dots_spaces_and_forbidden_characters() {
        assert_eq!(safe_name("Is it over?..  "), "Is it over_");
        assert_eq!(safe_name("a:b*c\"d<e>f|g\u{0}h\ti"), "a_b_c_d_e_f_g_h i");
        assert_eq!(safe_name("left\u{202e}right"), "left_right");
    }

    #[test]
    fn long_names_are_capped_in_bytes_at_a_character_boundary() {
        let korean = "가".repeat(200);
        let name = safe_name(&korean);
        assert!(name.len() <= MAX_NAME_BYTES);
        assert_eq!(name, "가".repeat(MAX_NAME_BYTES / 3));
        assert!(safe_name(&"x".repeat(500)).len() == MAX_NAME_BYTES);
    }

    #[test]
    fn non_latin_scripts_are_kept() {
        for title in ["서울 시장 선거", "東京の子ども食堂", "توسعة الميناء", "פתיחת בית הספר", "Ηράκλειο", "Отопление"]
        {
            assert_eq!(safe_name(title), title);
        }
    }

    #[test]
    fn names_are_unique_per_folder_ignoring_case() {
        let mut names = UniqueNames::new();
        let dir = Path::new("a");
        names.reserve(dir, "index.md");
        assert_eq!(names.claim(dir, "Index", ".md"), "Index (2).md");
        assert_eq!(names.claim(dir, "Report", ".md"), "Report.md");
        assert_eq!(names.claim(dir, "REPORT", ".md"), "REPORT (2).md");
        assert_eq!(names.claim(Path::new("b"), "Report", ".md"), "Report.md");
    }
}
