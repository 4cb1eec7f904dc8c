//! Images of exported clippings: where they come from ([`ImageSource`]), what they are (sniffed from their
//! bytes, never from a name or a header), and how they are made fit for the PDF engine ([`for_pdf`]).
//!
//! Sources: [`NoImages`] loads nothing (an offline export keeps the images' addresses), and
//! [`super::image_fetch::HttpImages`] downloads them, and [`super::stored_images::StoredImages`] reads the images of
//! the offline archive (`cuttings-image://localhost/<sha256>`) before asking either of them.
//!
//! For the PDF ([`for_pdf`]) every raster image becomes a JPEG that goes into the PDF as it is, never decoded by
//! the engine (which would keep every image it decodes in memory until the review is written): the engine lays
//! out a one-page PDF in its place ([`jpeg_in_pdf`], see [`super::held_images`]). JPEG photographs are taken as
//! they are, never decoded; other formats (and JPEGs that are huge, CMYK or rotated) are decoded once here and
//! converted. Anything that cannot be decoded gives a reason, which the review prints in a
//! placeholder: one bad image never fails an export.

use std::io::Cursor;

/// Longest side, in pixels, of an image the export converts for the PDF: a full-width image on an A4 page at
/// about 250 dpi, sharp in print.
pub const MAX_PDF_SIDE: u32 = 1600;

/// Longest side, in pixels, of a JPEG put into the PDF as it is; larger ones are scaled down to [`MAX_PDF_SIDE`].
pub const MAX_JPEG_PASS_SIDE: u32 = 2400;

/// Largest SVG passed to the PDF engine; bigger drawings are replaced by a placeholder.
pub const MAX_SVG_BYTES: usize = 2 * 1024 * 1024;

/// Largest image (in pixels per side) the decoder accepts at all; larger claims are treated as broken.
const MAX_DECODE_SIDE: u32 = 20_000;

/// Most memory the decoder may allocate for one image.
const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;

/// JPEG quality of converted images.
const JPEG_QUALITY: u8 = 85;

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

/// An image ready for the PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfImage {
    /// A JPEG in grey or RGB, upright, which goes into the PDF as it is.
    Jpeg {
        /// The JPEG file.
        bytes: Vec<u8>,
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// Whether it is grey (one component) rather than RGB.
        gray: bool,
    },
    /// An SVG drawing, which the engine draws itself (it scales freely).
    Svg {
        /// The SVG file.
        bytes: Vec<u8>,
    },
}

impl PdfImage {
    /// Width and height in pixels (`None` for a drawing).
    pub fn size(&self) -> Option<(u32, u32)> {
        match self {
            PdfImage::Jpeg { width, height, .. } => Some((*width, *height)),
            PdfImage::Svg { .. } => None,
        }
    }
}

/// Makes `image` fit for the PDF. A photograph in JPEG of at most [`MAX_JPEG_PASS_SIDE`] pixels is taken as it
/// is, without decoding it; anything else the `image` crate reads (PNG, GIF, WebP, BMP, TIFF, ICO, large or CMYK or
/// rotated JPEG) is decoded once, turned upright, put on white, scaled to at most [`MAX_PDF_SIDE`] pixels and
/// encoded as JPEG. Every raster image thus reaches the PDF as a JPEG that nothing decodes: a review of hundreds
/// of photographs never holds their pixels in memory. The error is a short reason for the placeholder
/// ("unsupported format AVIF", "broken image").
pub fn for_pdf(image: LoadedImage) -> Result<PdfImage, String> {
    match image.kind {
        ImageKind::Svg if image.bytes.len() <= MAX_SVG_BYTES => {
            return Ok(PdfImage::Svg { bytes: image.bytes });
        }
        ImageKind::Svg => return Err("drawing too large".into()),
        ImageKind::Avif => return Err("unsupported format AVIF".into()),
        ImageKind::Heic => return Err("unsupported format HEIC".into()),
        ImageKind::Unknown => return Err("not an image".into()),
        _ => {}
    }
    if image.kind == ImageKind::Jpeg
        && let Some(frame) = jpeg_frame(&image.bytes)
        && matches!(frame.components, 1 | 3)
        && frame.width.max(frame.height) <= MAX_JPEG_PASS_SIDE
        && frame.width > 0
        && frame.height > 0
        && upright(&image.bytes)
    {
        let gray = frame.components == 1;
        return Ok(PdfImage::Jpeg { bytes: image.bytes, width: frame.width, height: frame.height, gray });
    }
    let format = image.kind.raster_format().ok_or("unsupported format")?;
    let mut reader = image::ImageReader::with_format(Cursor::new(image.bytes.as_slice()), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_DECODE_SIDE);
    limits.max_image_height = Some(MAX_DECODE_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| "broken image".to_string())?;
    let orientation =
        image::ImageDecoder::orientation(&mut decoder).unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut decoded = image::DynamicImage::from_decoder(decoder).map_err(|_| "broken image".to_string())?;
    decoded.apply_orientation(orientation);
    if decoded.width() == 0 || decoded.height() == 0 {
        return Err("broken image".into());
    }
    let decoded = if decoded.width().max(decoded.height()) > MAX_PDF_SIDE {
        decoded.resize(MAX_PDF_SIDE, MAX_PDF_SIDE, image::imageops::FilterType::Triangle)
    } else {
        decoded
    };
    let gray = !decoded.color().has_color();
    let (width, height) = (decoded.width(), decoded.height());
    let mut jpeg = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY);
    let written = if gray {
        on_white(decoded).to_luma8().write_with_encoder(encoder)
    } else {
        on_white(decoded).to_rgb8().write_with_encoder(encoder)
    };
    written.map_err(|_| "broken image".to_string())?;
    Ok(PdfImage::Jpeg { bytes: jpeg, width, height, gray })
}

/// The image with any transparency composed over white, as it would look on the page.
fn on_white(image: image::DynamicImage) -> image::DynamicImage {
    if !image.color().has_alpha() {
        return image;
    }
    let mut rgba = image.to_rgba8();
    for pixel in rgba.pixels_mut() {
        let alpha = u16::from(pixel[3]);
        for channel in 0..3 {
            let value = u16::from(pixel[channel]);
            pixel[channel] = ((value * alpha + 255 * (255 - alpha)) / 255) as u8;
        }
        pixel[3] = 255;
    }
    image::DynamicImage::ImageRgb8(image::DynamicImage::ImageRgba8(rgba).to_rgb8())
}

/// The size and colour components of a JPEG, from its frame header.
struct JpegFrame {
    width: u32,
    height: u32,
    components: u8,
}

/// Reads the frame header (SOFn) of a JPEG; `None` if the markers before it are malformed.
fn jpeg_frame(bytes: &[u8]) -> Option<JpegFrame> {
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

/// Whether a JPEG needs no turning (its EXIF orientation, if any, is "upright"), and its whole body decodes as far
/// as its headers say (the entropy-coded data is left to the PDF reader, as in any PDF).
fn upright(bytes: &[u8]) -> bool {
    let Ok(mut decoder) = image::codecs::jpeg::JpegDecoder::new(Cursor::new(bytes)) else {
        return false;
    };
    let orientation = image::ImageDecoder::orientation(&mut decoder);
    matches!(orientation, Ok(image::metadata::Orientation::NoTransforms))
        && bytes.windows(2).rev().take(64).any(|w| w == [0xff, 0xd9])
}

/// A one-page PDF whose page is the JPEG `jpeg` of `width`×`height` pixels (one point per pixel), in grey or RGB.
/// The engine places such a page like an image and copies its image stream into the review as it is (for the
/// review, [`super::held_images`] makes these with a slot name in place of the JPEG).
pub fn jpeg_in_pdf(jpeg: &[u8], width: u32, height: u32, gray: bool) -> Vec<u8> {
    let colour = if gray { "/DeviceGray" } else { "/DeviceRGB" };
    let content = format!("q {width} 0 0 {height} 0 0 cm /Im0 Do Q");
    let mut pdf: Vec<u8> = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    let mut object = |pdf: &mut Vec<u8>, body: &[u8]| {
        offsets.push(pdf.len());
        pdf.extend_from_slice(body);
    };
    object(&mut pdf, b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    object(&mut pdf, b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
    object(
        &mut pdf,
        format!(
            "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] \
             /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>\nendobj\n"
        )
        .as_bytes(),
    );
    let image_head = format!(
        "4 0 obj\n<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace {colour} \
         /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
        jpeg.len()
    );
    object(&mut pdf, &[image_head.as_bytes(), jpeg, b"\nendstream\nendobj\n"].concat());
    object(
        &mut pdf,
        format!("5 0 obj\n<< /Length {} >>\nstream\n{content}\nendstream\nendobj\n", content.len()).as_bytes(),
    );
    let xref = pdf.len();
    pdf.extend_from_slice(b"xref\n0 6\n0000000000 65535 f \n");
    for offset in &offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(format!("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    pdf
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

    /// The JPEG inside a one-page PDF made by [`jpeg_in_pdf`], and the size its image dictionary declares.
    fn unwrap_pdf(pdf: &[u8]) -> (Vec<u8>, u32, u32) {
        let text = String::from_utf8_lossy(pdf);
        let number = |key: &str| -> u32 {
            let at = text.find(key).expect("key present") + key.len();
            text[at..]
                .trim_start()
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|n| n.parse().ok())
                .expect("a number")
        };
        let start = pdf.windows(7).position(|w| w == b"stream\n").expect("a stream") + 7;
        let length = number("/Length ") as usize;
        (pdf[start..start + length].to_vec(), number("/Width "), number("/Height "))
    }

    #[test]
    fn jpegs_are_taken_without_decoding_and_the_wrapper_is_a_valid_pdf() {
        let jpeg = encoded(image::ImageFormat::Jpeg, 400, 300, false);
        let ready = for_pdf(LoadedImage::new(jpeg.clone())).expect("a JPEG is fine");
        let PdfImage::Jpeg { bytes, width, height, gray } = ready else { panic!("a JPEG stays a JPEG") };
        assert_eq!(bytes, jpeg, "the JPEG is taken byte for byte");
        assert_eq!((width, height, gray), (400, 300, false));
        let wrapped = jpeg_in_pdf(&bytes, width, height, gray);
        let (inner, width, height) = unwrap_pdf(&wrapped);
        assert_eq!(inner, jpeg, "the JPEG is copied byte for byte");
        assert_eq!((width, height), (400, 300));
        // The cross-reference table points at each object.
        let text = String::from_utf8_lossy(&wrapped).into_owned();
        let xref_at: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .and_then(|n| n.parse().ok())
            .expect("startxref");
        assert!(wrapped[xref_at..].starts_with(b"xref"));
        let table = String::from_utf8_lossy(&wrapped[xref_at..]).into_owned();
        for (n, line) in table.lines().skip(3).take(5).enumerate() {
            let offset: usize = line[..10].parse().expect("offset");
            assert!(wrapped[offset..].starts_with(format!("{} 0 obj", n + 1).as_bytes()), "object {}", n + 1);
        }
    }

    #[test]
    fn other_formats_are_converted_to_jpeg_and_large_images_scaled_down() {
        for (format, alpha) in [
            (image::ImageFormat::Bmp, false),
            (image::ImageFormat::Tiff, true),
            (image::ImageFormat::Png, true),
            (image::ImageFormat::Gif, false),
            (image::ImageFormat::WebP, false),
        ] {
            let ready = for_pdf(LoadedImage::new(encoded(format, 30, 20, alpha))).expect("converts");
            assert_eq!(ready.size(), Some((30, 20)), "{format:?}");
            let PdfImage::Jpeg { bytes: inner, .. } = ready else { panic!("{format:?} becomes a JPEG") };
            assert_eq!(ImageKind::sniff(&inner), ImageKind::Jpeg, "{format:?}");
            let back = image::load_from_memory(&inner).expect("the JPEG decodes");
            assert_eq!((back.width(), back.height()), (30, 20));
            if alpha {
                // Half-transparent blue over white is light blue.
                let pixel = back.to_rgb8().get_pixel(5, 5).0;
                assert!(pixel[0] > 100 && pixel[2] > 200, "{format:?} composed over white: {pixel:?}");
            }
        }
        let big = for_pdf(LoadedImage::new(encoded(image::ImageFormat::Jpeg, 3000, 1500, false))).expect("scales");
        assert_eq!(big.size(), Some((MAX_PDF_SIDE, MAX_PDF_SIDE / 2)));
    }

    #[test]
    fn broken_and_unsupported_images_give_a_reason() {
        let mut truncated = encoded(image::ImageFormat::Png, 50, 50, false);
        truncated.truncate(truncated.len() / 2);
        assert!(for_pdf(LoadedImage::new(truncated)).is_err());
        assert!(for_pdf(LoadedImage::new(b"\x89PNG\r\n\x1a\ngarbage".to_vec())).is_err());
        assert!(for_pdf(LoadedImage::new(b"\xff\xd8\xff\xe0garbage".to_vec())).is_err());
        assert_eq!(
            for_pdf(LoadedImage::new(b"\0\0\0\x1cftypavif\0\0\0\0".to_vec())),
            Err("unsupported format AVIF".into())
        );
        assert!(for_pdf(LoadedImage::new(b"hello".to_vec())).is_err());
    }
}
