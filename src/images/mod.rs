//! What an image is, decided from its bytes alone (never from a name or a server's `Content-Type`), whether it may
//! be kept, and how many pixels its header claims. The one home of these rules: saving a clipping's images
//! (`archive`), serving them to the reader (the desktop shell) and both exports (`export`) all ask [`sniff`].
//! Pure: no I/O, no decoding of pixels.
//!
//! Raster kinds are known by their leading bytes. An SVG is a document, and the one image format that can carry
//! scripts, pull in other files or expand without bound; [`sniff`] keeps it only when [`svg::check`] finds it
//! inert and bounded (parsed with an XML parser, see there). A refused image is never stored, served or exported:
//! saving records it as missing, the PDF prints a placeholder, Markdown keeps the image's address.
//!
//! Why here and not in `archive` or `export`: both use it, and the export is an optional feature that the archive
//! must not depend on; neither should reach up into the other for a rule that concerns neither.

pub mod svg;

/// An image format, as told by the first bytes of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageKind {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
    /// GIF (the first frame is used).
    Gif,
    /// WebP.
    Webp,
    /// SVG drawing (only ever produced by [`sniff`] for a drawing that passed [`svg::check`]).
    Svg,
    /// Windows bitmap.
    Bmp,
    /// TIFF.
    Tiff,
    /// Windows icon.
    Ico,
    /// AVIF.
    Avif,
    /// HEIC.
    Heic,
    /// HEIF other than HEIC.
    Heif,
    /// JPEG XL.
    Jxl,
    /// Anything else (an HTML error page, garbage, a refused drawing).
    Unknown,
}

/// Why bytes are not an image Cuttings keeps.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotKept {
    /// The bytes are no image format Cuttings knows (a web page, a PDF, garbage).
    #[error("the server sent {0}, not an image")]
    NotAnImage(&'static str),
    /// An SVG that is active, external, too large or not well-formed (see [`svg::check`]).
    #[error("the SVG image {0}; it is not stored")]
    Svg(#[from] svg::SvgRefusal),
}

/// Raster formats recognised by their leading bytes.
const SIGNATURES: &[(&[u8], ImageKind)] = &[
    (b"\x89PNG\r\n\x1a\n", ImageKind::Png),
    (b"\xff\xd8\xff", ImageKind::Jpeg),
    (b"GIF87a", ImageKind::Gif),
    (b"GIF89a", ImageKind::Gif),
    (b"II*\x00", ImageKind::Tiff),
    (b"MM\x00*", ImageKind::Tiff),
    (b"\x00\x00\x01\x00", ImageKind::Ico),
    (b"\xff\x0a", ImageKind::Jxl),
    (b"\x00\x00\x00\x0cJXL \x0d\x0a\x87\x0a", ImageKind::Jxl),
];

/// ISO base-media brands (bytes 8–12 after `ftyp`) of AVIF and HEIF images.
const FTYP_BRANDS: &[(&[u8], ImageKind)] = &[
    (b"avif", ImageKind::Avif),
    (b"avis", ImageKind::Avif),
    (b"heic", ImageKind::Heic),
    (b"heix", ImageKind::Heic),
    (b"hevc", ImageKind::Heic),
    (b"heim", ImageKind::Heic),
    (b"heis", ImageKind::Heic),
    (b"mif1", ImageKind::Heif),
    (b"msf1", ImageKind::Heif),
];

/// How far into a text file the `<svg` root element is looked for.
const SVG_PRESCAN_BYTES: usize = 4096;

/// What `bytes` are, or why they are not an image Cuttings keeps. An SVG is kept only if [`svg::check`] passes.
pub fn sniff(bytes: &[u8]) -> Result<ImageKind, NotKept> {
    let kind = raster_kind(bytes);
    if kind != ImageKind::Unknown {
        return Ok(kind);
    }
    if looks_like_svg(bytes) {
        svg::check(bytes)?;
        return Ok(ImageKind::Svg);
    }
    Err(NotKept::NotAnImage(describe(bytes)))
}

/// The media type of an image from its bytes, or why the bytes are not an image Cuttings keeps (as a sentence).
pub fn sniff_image(bytes: &[u8]) -> Result<&'static str, String> {
    sniff(bytes).map(ImageKind::media_type).map_err(|refused| refused.to_string())
}

/// The raster kind of `bytes` by its signature; [`ImageKind::Unknown`] for anything else (SVG included).
fn raster_kind(bytes: &[u8]) -> ImageKind {
    if let Some((_, kind)) = SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return *kind;
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return ImageKind::Webp;
    }
    if bytes.len() >= 12
        && &bytes[4..8] == b"ftyp"
        && let Some((_, kind)) = FTYP_BRANDS.iter().find(|(brand, _)| &bytes[8..12] == *brand)
    {
        return *kind;
    }
    if bytes.len() >= 26 && bytes.starts_with(b"BM") {
        return ImageKind::Bmp;
    }
    ImageKind::Unknown
}

impl ImageKind {
    /// The kind of image in `bytes`; [`ImageKind::Unknown`] for anything [`sniff`] refuses.
    pub fn sniff(bytes: &[u8]) -> ImageKind {
        sniff(bytes).unwrap_or(ImageKind::Unknown)
    }

    /// The media type served and recorded for this kind.
    pub fn media_type(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Gif => "image/gif",
            ImageKind::Webp => "image/webp",
            ImageKind::Svg => "image/svg+xml",
            ImageKind::Bmp => "image/bmp",
            ImageKind::Tiff => "image/tiff",
            ImageKind::Ico => "image/x-icon",
            ImageKind::Avif => "image/avif",
            ImageKind::Heic => "image/heic",
            ImageKind::Heif => "image/heif",
            ImageKind::Jxl => "image/jxl",
            ImageKind::Unknown => "application/octet-stream",
        }
    }

    /// File extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::Gif => "gif",
            ImageKind::Webp => "webp",
            ImageKind::Svg => "svg",
            ImageKind::Bmp => "bmp",
            ImageKind::Tiff => "tif",
            ImageKind::Ico => "ico",
            ImageKind::Avif => "avif",
            ImageKind::Heic => "heic",
            ImageKind::Heif => "heif",
            ImageKind::Jxl => "jxl",
            ImageKind::Unknown => "bin",
        }
    }

    /// Whether this is an image Cuttings keeps (as opposed to an error page, garbage or a refused drawing).
    pub fn is_image(self) -> bool {
        self != ImageKind::Unknown
    }
}

/// Whether text bytes start like an SVG document: an XML declaration, comments or a doctype, then `<svg`.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SVG_PRESCAN_BYTES)];
    let Ok(text) = std::str::from_utf8(head).or_else(|e| std::str::from_utf8(&head[..e.valid_up_to()])) else {
        return false;
    };
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if !text.starts_with('<') {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    let Some(at) = lower.find("<svg") else {
        return false;
    };
    // Only prologue may come before the root: no other element (an HTML page that embeds an SVG is not an SVG).
    let before = &lower[..at];
    !before.contains("<html") && !before.contains("<body") && !before.contains("<head")
}

/// A few words on what non-image bytes look like, for the failure message.
fn describe(bytes: &[u8]) -> &'static str {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    let head = bytes[start..bytes.len().min(start + 512)].to_ascii_lowercase();
    if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") || head.windows(5).any(|w| w == b"<body") {
        "a web page"
    } else if head.starts_with(b"%pdf") {
        "a PDF document"
    } else if head.starts_with(b"<") {
        "a text document"
    } else {
        "data in no image format Cuttings knows"
    }
}

/// Width and height in pixels as the header of a PNG, JPEG, GIF, BMP or WebP file declares them, read without
/// decoding anything; `None` for other kinds or a header too short or malformed to tell.
pub fn pixel_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let be32 = |at: usize| bytes.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
    let le16 = |at: usize| bytes.get(at..at + 2).map(|b| u32::from(u16::from_le_bytes([b[0], b[1]])));
    let le24 = |at: usize| bytes.get(at..at + 3).map(|b| u32::from_le_bytes([b[0], b[1], b[2], 0]));
    match raster_kind(bytes) {
        ImageKind::Png if bytes.get(12..16) == Some(b"IHDR") => Some((be32(16)?, be32(20)?)),
        ImageKind::Jpeg => jpeg_frame(bytes).map(|frame| (frame.width, frame.height)),
        ImageKind::Gif => Some((le16(6)?, le16(8)?)),
        ImageKind::Bmp => {
            let b = bytes.get(18..26)?;
            let width = i32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            let height = i32::from_le_bytes([b[4], b[5], b[6], b[7]]);
            Some((width.unsigned_abs(), height.unsigned_abs()))
        }
        ImageKind::Webp => match bytes.get(12..16)? {
            b"VP8 " => Some((le16(26)? & 0x3fff, le16(28)? & 0x3fff)),
            b"VP8L" => {
                let b = bytes.get(21..25)?;
                let bits = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                Some(((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1))
            }
            b"VP8X" => Some((le24(24)? + 1, le24(27)? + 1)),
            _ => None,
        },
        _ => None,
    }
}

/// The size and colour components of a JPEG, from its frame header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JpegFrame {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Colour components: 1 grey, 3 YCbCr, 4 CMYK.
    pub components: u8,
}

/// Reads the frame header (SOFn) of a JPEG; `None` if the markers before it are malformed.
pub fn jpeg_frame(bytes: &[u8]) -> Option<JpegFrame> {
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xff {
            return None;
        }
        let marker = bytes[at + 1];
        if marker == 0xff {
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        let is_frame = matches!(marker, 0xc0..=0xc3 | 0xc5..=0xc7 | 0xc9..=0xcb | 0xcd..=0xcf);
        if is_frame {
            let header = bytes.get(at + 4..at + 10)?;
            return Some(JpegFrame {
                height: u32::from(u16::from_be_bytes([header[1], header[2]])),
                width: u32::from(u16::from_be_bytes([header[3], header[4]])),
                components: header[5],
            });
        }
        if marker == 0xda || length < 2 {
            return None;
        }
        at += 2 + length;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raster_formats_are_known_by_their_bytes() {
        assert_eq!(sniff_image(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Ok("image/png"));
        assert_eq!(sniff_image(b"\xff\xd8\xff\xe0\0\x10JFIF"), Ok("image/jpeg"));
        assert_eq!(sniff_image(b"GIF89a\x01\0\x01\0"), Ok("image/gif"));
        assert_eq!(sniff_image(b"RIFF\x24\0\0\0WEBPVP8 "), Ok("image/webp"));
        assert_eq!(sniff_image(b"\0\0\0\x1cftypavif\0\0\0\0"), Ok("image/avif"));
        assert_eq!(sniff_image(&[b"BM".as_slice(), &[0u8; 30]].concat()), Ok("image/bmp"));
        assert_eq!(sniff_image(b"II*\0\x08\0\0\0"), Ok("image/tiff"));
        assert_eq!(ImageKind::sniff(b"\0\0\0\x1cftypheic\0\0\0\0"), ImageKind::Heic);
    }

    #[test]
    fn pages_and_unknown_bytes_are_not_images() {
        let page = sniff_image(b"<!DOCTYPE html><html><body><svg></svg></body></html>");
        assert_eq!(page, Err("the server sent a web page, not an image".to_string()));
        assert!(sniff_image(b"").is_err());
        assert!(sniff_image(b"%PDF-1.7").is_err_and(|e| e.contains("PDF")));
        assert!(sniff_image(&[0u8; 64]).is_err());
        assert_eq!(ImageKind::sniff(b"<!doctype html><h1>Not Found</h1>"), ImageKind::Unknown);
    }

    #[test]
    fn header_sizes_are_read_without_decoding() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&30_000u32.to_be_bytes());
        png.extend_from_slice(&20_000u32.to_be_bytes());
        assert_eq!(pixel_size(&png), Some((30_000, 20_000)));
        assert_eq!(pixel_size(b"GIF89a\x10\x27\x20\x4e"), Some((10_000, 20_000)));
        let jpeg = b"\xff\xd8\xff\xe0\0\x04ab\xff\xc0\0\x11\x08\x1f\x40\x0b\xb8\x03";
        assert_eq!(pixel_size(jpeg), Some((3000, 8000)));
        assert_eq!(pixel_size(b"\x89PNG\r\n\x1a\n"), None);
        assert_eq!(pixel_size(b"hello"), None);
    }
}
