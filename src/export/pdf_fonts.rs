//! Fonts for the PDF: found once per process, in this order: the folder named by `$CUTTINGS_FONTS`, a `fonts/`
//! folder next to the executable (the desktop bundle ships a CJK font there), typst's embedded fonts (Libertinus
//! Serif, New Computer Modern, DejaVu Sans Mono), then the system's fonts.
//!
//! [`families_for`] names the families a clipping's text is set in, keeping only those that exist, so that the
//! engine never warns about an unknown family; the engine's own fallback then finds any other script in any font.

use std::path::PathBuf;
use std::sync::OnceLock;

use typst_kit::fonts::FontStore;

/// Serif families for Latin, Greek and Cyrillic, in order of preference (the first one found is used).
const TEXT_FAMILIES: &[&str] = &["Libertinus Serif", "Noto Serif", "DejaVu Serif", "New Computer Modern"];

/// CJK families (Korean, Japanese, Simplified and Traditional Chinese variants of Noto/Source Han); every one found
/// is listed, the one matching the clipping's language first.
const CJK_FAMILIES: &[(&str, &str)] = &[
    ("ko", "Noto Serif CJK KR"),
    ("ja", "Noto Serif CJK JP"),
    ("zh", "Noto Serif CJK SC"),
    ("zh-hant", "Noto Serif CJK TC"),
    ("ko", "Noto Sans CJK KR"),
    ("ja", "Noto Sans CJK JP"),
    ("zh", "Noto Sans CJK SC"),
    ("zh-hant", "Noto Sans CJK TC"),
    ("ko", "Source Han Serif K"),
    ("ja", "Source Han Serif"),
    ("zh", "Source Han Serif SC"),
];

/// Families for Arabic, Hebrew and other scripts the text families lack.
const OTHER_FAMILIES: &[&str] = &[
    "Noto Naskh Arabic",
    "Noto Sans Arabic",
    "Noto Serif Hebrew",
    "Noto Sans Hebrew",
    "Noto Serif Thai",
    "Noto Sans Thai",
    "Noto Serif Devanagari",
    "Noto Sans Devanagari",
    "Noto Sans Symbols",
    "Noto Sans Symbols 2",
    "DejaVu Sans",
];

/// Monospace families for code.
const MONO_FAMILIES: &[&str] = &["DejaVu Sans Mono", "Noto Sans Mono"];

/// Environment variable naming an extra font folder, searched first.
pub const FONTS_ENV: &str = "CUTTINGS_FONTS";

/// Every font found, loaded lazily; built on first use.
pub fn fonts() -> &'static FontStore {
    static FONTS: OnceLock<FontStore> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut store = FontStore::new();
        for dir in font_folders() {
            store.extend(typst_kit::fonts::scan(&dir));
        }
        store.extend(typst_kit::fonts::embedded());
        store.extend(typst_kit::fonts::system());
        store
    })
}

/// The folders searched before the embedded and system fonts.
fn font_folders() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(dir) = std::env::var_os(FONTS_ENV).filter(|d| !d.is_empty()) {
        dirs.push(PathBuf::from(dir));
    }
    if let Some(dir) = std::env::current_exe().ok().and_then(|exe| exe.parent().map(|p| p.join("fonts"))) {
        dirs.push(dir);
    }
    dirs.retain(|d| d.is_dir());
    dirs
}

/// Whether a family is installed.
fn has(family: &str) -> bool {
    fonts().book().contains_family(&family.to_lowercase())
}

/// The families for text in language `lang` (a lowercase primary subtag, or `None`), all installed.
pub fn families_for(lang: Option<&str>, script: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = TEXT_FAMILIES.iter().find(|f| has(f)).map(|f| vec![f.to_string()]).unwrap_or_default();
    let wanted = match (lang, script) {
        (Some("zh"), Some("hant")) => Some("zh-hant"),
        (Some(lang), _) => Some(lang),
        _ => None,
    };
    let mut cjk: Vec<&(&str, &str)> = CJK_FAMILIES.iter().filter(|(_, f)| has(f)).collect();
    cjk.sort_by_key(|(l, _)| Some(*l) != wanted);
    out.extend(cjk.iter().map(|(_, f)| f.to_string()));
    out.extend(OTHER_FAMILIES.iter().filter(|f| has(f)).map(|f| f.to_string()));
    out
}

/// The families for code, all installed.
pub fn mono_families() -> Vec<String> {
    MONO_FAMILIES.iter().filter(|f| has(f)).map(|f| f.to_string()).collect()
}

/// Whether any CJK family is installed (Korean, Japanese and Chinese text need one).
pub fn has_cjk() -> bool {
    CJK_FAMILIES.iter().any(|(_, f)| has(f))
}
