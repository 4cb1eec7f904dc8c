//! Images of exported clippings: where they come from ([`ImageSource`]), what they are (sniffed from their
//! bytes, never from a name or a header), and how they are made fit for the PDF engine ([`for_pdf`]).
//!
//! Sources: [`NoImages`] loads nothing (an offline export keeps the images' addresses), and
//! [`super::image_fetch::HttpImages`] downloads them. The stored-images source of the offline archive plugs in
//! through the same trait (its addresses are `cuttings-image://localhost/<sha256>`).
//!
//! For the PDF an image is decoded at most once here, and only when it must be: formats the engine cannot read
//! (BMP, TIFF, ICO) are converted, and images larger than [`MAX_PDF_SIDE`] pixels are scaled down, so that the
//! engine (which keeps every decoded image in memory while it lays out the pages) stays small. Anything that
//! cannot be decoded gives a reason, which the review prints in a placeholder: one bad image never fails an export.

use std::io::Cursor;

/// Longest side, in pixels, of an image handed to the PDF engine: a full-width image on an A4 page at about
/// 150 dpi is under 1,000 pixels wide, so this is sharp in print while bounding memory.
pub const MAX_PDF_SIDE: u32 = 1000;

/// Largest SVG passed to the PDF engine; bigger drawings are replaced by a placeholder.
pub const MAX_SVG_BYTES: usize = 2 * 1024 * 1024;

/// Largest image (in pixels per side) the decoder accepts at all; larger claims are treated as broken.
const MAX_DECODE_SIDE: u32 = 20_000;

/// Most memory the decoder may allocate for one image.
const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;

/// JPEG quality of re-encoded photographs.
const JPEG_QUALITY: u8 = 82;

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
    /// SVG drawing.
    Svg,
    /// Windows bitmap.
    Bmp,
    /// TIFF.
    Tiff,
    /// Windows icon.
    Ico,
    /// AVIF.
    Avif,
    /// HEIC/HEIF.
    Heic,
    /// Anything else (an HTML error page, garbage).
    Unknown,
}

impl ImageKind {
    /// The kind of image in `bytes`.
    pub fn sniff(bytes: &[u8]) -> ImageKind {
        let starts = |magic: &[u8]| bytes.starts_with(magic);
        if starts(b"\x89PNG\r\n\x1a\n") {
            ImageKind::Png
        } else if starts(b"\xff\xd8\xff") {
            ImageKind::Jpeg
        } else if starts(b"GIF87a") || starts(b"GIF89a") {
            ImageKind::Gif
        } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
            ImageKind::Webp
        } else if starts(b"BM") && bytes.len() > 26 {
            ImageKind::Bmp
        } else if starts(b"II*\0") || starts(b"MM\0*") {
            ImageKind::Tiff
        } else if starts(b"\0\0\x01\0") {
            ImageKind::Ico
        } else if bytes.get(4..8) == Some(b"ftyp") {
            match bytes.get(8..12) {
                Some(b"avif" | b"avis") => ImageKind::Avif,
                Some(b"heic" | b"heix" | b"hevc" | b"heim" | b"heis" | b"mif1" | b"msf1") => ImageKind::Heic,
                _ => ImageKind::Unknown,
            }
        } else if looks_like_svg(bytes) {
            ImageKind::Svg
        } else {
            ImageKind::Unknown
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
            ImageKind::Unknown => "bin",
        }
    }

    /// Whether this is an image at all (as opposed to an error page or garbage).
    pub fn is_image(self) -> bool {
        self != ImageKind::Unknown
    }

    /// The decoder of the `image` crate for a raster kind it can read.
    fn raster_format(self) -> Option<image::ImageFormat> {
        match self {
            ImageKind::Png => Some(image::ImageFormat::Png),
            ImageKind::Jpeg => Some(image::ImageFormat::Jpeg),
            ImageKind::Gif => Some(image::ImageFormat::Gif),
            ImageKind::Webp => Some(image::ImageFormat::WebP),
            ImageKind::Bmp => Some(image::ImageFormat::Bmp),
            ImageKind::Tiff => Some(image::ImageFormat::Tiff),
            ImageKind::Ico => Some(image::ImageFormat::Ico),
            ImageKind::Svg | ImageKind::Avif | ImageKind::Heic | ImageKind::Unknown => None,
        }
    }
}

/// Whether the start of `bytes` is an SVG document (an XML prolog or comments may come first).
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    (head.starts_with("<?xml") || head.starts_with("<svg") || head.starts_with("<!--")) && head.contains("<svg")
}

/// An image as loaded from its source, not yet checked beyond sniffing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedImage {
    /// The file as served or stored.
    pub bytes: Vec<u8>,
    /// What the bytes are.
    pub kind: ImageKind,
}

impl LoadedImage {
    /// An image from its bytes, sniffing the kind.
    pub fn new(bytes: Vec<u8>) -> LoadedImage {
        let kind = ImageKind::sniff(&bytes);
        LoadedImage { bytes, kind }
    }
}

/// Where an export gets the images of a clipping from, given each image's `src` as stored in the article HTML
/// (an absolute `http(s)` address today, `cuttings-image://localhost/<sha256>` for stored images).
pub trait ImageSource: Sync {
    /// The image at `src`, or `None` when it cannot be had (offline, gone, not an image, too large).
    fn load(&self, src: &str) -> Option<LoadedImage>;

    /// The images at every address in `srcs`, in the same order. Sources that can load several at once (over the
    /// network) override this.
    fn load_all(&self, srcs: &[String]) -> Vec<Option<LoadedImage>> {
        srcs.iter().map(|src| self.load(src)).collect()
    }
}

/// A source that loads nothing: exports keep the images' addresses (Markdown) or print placeholders (PDF).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoImages;

impl ImageSource for NoImages {
    fn load(&self, _src: &str) -> Option<LoadedImage> {
        None
    }
}

/// An image ready for the PDF engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfImage {
    /// PNG, JPEG, GIF, WebP or SVG bytes.
    pub bytes: Vec<u8>,
    /// Its kind (one the engine reads).
    pub kind: ImageKind,
    /// Width and height in pixels (`None` for SVG, which scales freely).
    pub size: Option<(u32, u32)>,
}

/// Makes `image` fit for the PDF engine: passed through when the engine reads it and it is at most
/// [`MAX_PDF_SIDE`] pixels; otherwise decoded once, scaled down and re-encoded (JPEG, or PNG when it has
/// transparency). The error is a short reason for the placeholder ("unsupported format AVIF", "broken image").
pub fn for_pdf(image: &LoadedImage) -> Result<PdfImage, String> {
    match image.kind {
        ImageKind::Svg if image.bytes.len() <= MAX_SVG_BYTES => {
            return Ok(PdfImage { bytes: image.bytes.clone(), kind: ImageKind::Svg, size: None });
        }
        ImageKind::Svg => return Err("drawing too large".into()),
        ImageKind::Avif => return Err("unsupported format AVIF".into()),
        ImageKind::Heic => return Err("unsupported format HEIC".into()),
        ImageKind::Unknown => return Err("not an image".into()),
        _ => {}
    }
    let format = image.kind.raster_format().ok_or("unsupported format")?;
    let reader = || {
        let mut reader = image::ImageReader::with_format(Cursor::new(image.bytes.as_slice()), format);
        let mut limits = image::Limits::default();
        limits.max_image_width = Some(MAX_DECODE_SIDE);
        limits.max_image_height = Some(MAX_DECODE_SIDE);
        limits.max_alloc = Some(MAX_DECODE_BYTES);
        reader.limits(limits);
        reader
    };
    let (width, height) = reader().into_dimensions().map_err(|_| "broken image".to_string())?;
    if width == 0 || height == 0 {
        return Err("broken image".into());
    }
    let engine_reads = matches!(image.kind, ImageKind::Png | ImageKind::Jpeg | ImageKind::Gif | ImageKind::Webp);
    if engine_reads && width.max(height) <= MAX_PDF_SIDE {
        // Decoding here just to check it would decode it twice; a broken body is caught below only when converting.
        if decodes(image, format) {
            return Ok(PdfImage { bytes: image.bytes.clone(), kind: image.kind, size: Some((width, height)) });
        }
        return Err("broken image".into());
    }
    let decoded = reader().decode().map_err(|_| "broken image".to_string())?;
    let decoded = if width.max(height) > MAX_PDF_SIDE {
        decoded.resize(MAX_PDF_SIDE, MAX_PDF_SIDE, image::imageops::FilterType::Triangle)
    } else {
        decoded
    };
    let size = Some((decoded.width(), decoded.height()));
    let mut out = Vec::new();
    if decoded.color().has_alpha() {
        let encoder = image::codecs::png::PngEncoder::new_with_quality(
            &mut out,
            image::codecs::png::CompressionType::Fast,
            image::codecs::png::FilterType::Adaptive,
        );
        decoded.to_rgba8().write_with_encoder(encoder).map_err(|_| "broken image".to_string())?;
        Ok(PdfImage { bytes: out, kind: ImageKind::Png, size })
    } else {
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
        decoded.to_rgb8().write_with_encoder(encoder).map_err(|_| "broken image".to_string())?;
        Ok(PdfImage { bytes: out, kind: ImageKind::Jpeg, size })
    }
}

/// Whether an image the engine reads is whole enough to decode: a truncated or corrupt body would make the
/// engine fail the whole document, so it is checked cheaply (PNG and GIF by decoding, which is fast at this size;
/// JPEG and WebP by their end markers).
fn decodes(image: &LoadedImage, format: image::ImageFormat) -> bool {
    match image.kind {
        ImageKind::Jpeg => image.bytes.windows(2).rev().take(64).any(|w| w == [0xff, 0xd9]),
        ImageKind::Webp => {
            let declared = image.bytes.get(4..8).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
            declared.is_some_and(|len| len + 8 <= image.bytes.len())
        }
        _ => image::load_from_memory_with_format(&image.bytes, format).is_ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(format: image::ImageFormat, width: u32, height: u32, alpha: bool) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let image = if alpha {
            image::DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(width, height, image::Rgba([9, 99, 199, 128])))
        } else {
            image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(width, height, image::Rgb([9, 99, 199])))
        };
        image.write_to(&mut out, format).expect("encode a test image");
        out.into_inner()
    }

    #[test]
    fn kinds_are_sniffed_from_bytes() {
        assert_eq!(ImageKind::sniff(&encoded(image::ImageFormat::Png, 2, 2, false)), ImageKind::Png);
        assert_eq!(ImageKind::sniff(&encoded(image::ImageFormat::Jpeg, 2, 2, false)), ImageKind::Jpeg);
        assert_eq!(ImageKind::sniff(&encoded(image::ImageFormat::Bmp, 2, 2, false)), ImageKind::Bmp);
        assert_eq!(ImageKind::sniff(&encoded(image::ImageFormat::Tiff, 2, 2, false)), ImageKind::Tiff);
        assert_eq!(ImageKind::sniff(b"\0\0\0\x1cftypavif\0\0\0\0"), ImageKind::Avif);
        assert_eq!(
            ImageKind::sniff(b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            ImageKind::Svg
        );
        assert_eq!(ImageKind::sniff(b"<!doctype html><h1>Not Found</h1>"), ImageKind::Unknown);
    }

    #[test]
    fn small_images_the_engine_reads_pass_through_unchanged() {
        let png = LoadedImage::new(encoded(image::ImageFormat::Png, 40, 30, false));
        let ready = for_pdf(&png).expect("a small PNG is fine");
        assert_eq!(ready.bytes, png.bytes);
        assert_eq!(ready.size, Some((40, 30)));
    }

    #[test]
    fn bmp_and_tiff_are_converted_and_large_images_scaled_down() {
        let bmp = for_pdf(&LoadedImage::new(encoded(image::ImageFormat::Bmp, 30, 20, false))).expect("BMP converts");
        assert_eq!((bmp.kind, bmp.size), (ImageKind::Jpeg, Some((30, 20))));
        let tiff = for_pdf(&LoadedImage::new(encoded(image::ImageFormat::Tiff, 30, 20, true))).expect("TIFF converts");
        assert_eq!((tiff.kind, tiff.size), (ImageKind::Png, Some((30, 20))));
        let big = for_pdf(&LoadedImage::new(encoded(image::ImageFormat::Jpeg, 3000, 1500, false))).expect("scales");
        assert_eq!(big.size, Some((MAX_PDF_SIDE, MAX_PDF_SIDE / 2)));
        assert_eq!(ImageKind::sniff(&big.bytes), ImageKind::Jpeg);
    }

    #[test]
    fn broken_and_unsupported_images_give_a_reason() {
        let mut truncated = encoded(image::ImageFormat::Png, 50, 50, false);
        truncated.truncate(truncated.len() / 2);
        assert!(for_pdf(&LoadedImage::new(truncated)).is_err());
        assert!(for_pdf(&LoadedImage::new(b"\x89PNG\r\n\x1a\ngarbage".to_vec())).is_err());
        assert!(for_pdf(&LoadedImage::new(b"\xff\xd8\xff\xe0garbage".to_vec())).is_err());
        assert_eq!(
            for_pdf(&LoadedImage::new(b"\0\0\0\x1cftypavif\0\0\0\0".to_vec())),
            Err("unsupported format AVIF".into())
        );
        assert!(for_pdf(&LoadedImage::new(b"hello".to_vec())).is_err());
    }
}
