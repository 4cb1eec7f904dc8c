//! Images of exported clippings: where they come from ([`ImageSource`]), what they are (told by the one sniffer,
//! [`crate::images::sniff`], from their bytes, never from a name or a header), and how they are made fit for the
//! PDF ([`for_pdf`]).
//!
//! Sources: [`NoImages`] loads nothing (an offline export keeps the images' addresses), and
//! [`super::image_fetch::HttpImages`] downloads them, and [`super::stored_images::StoredImages`] reads the images of
//! the offline archive (`cuttings-image://localhost/<sha256>`) before asking either of them. A drawing the sniffer
//! refuses (script, outside references, too large to draw) is not an image to any of them.
//!
//! For the PDF ([`for_pdf`]) every image, drawings included, becomes a JPEG that goes into the PDF as it is, never
//! decoded or parsed by the engine (which would keep every image it decodes in memory until the review is written,
//! and fails the whole review on one drawing it cannot parse): the engine lays out a one-page PDF in its place
//! ([`jpeg_in_pdf`], see [`super::held_images`]). Memory is bounded by pixels, not bytes: the size an image's
//! header declares is read first; JPEG photographs are taken as they are, never decoded; PNGs are read a row at a
//! time and scaled down as they are read; other formats are decoded whole only up to [`MAX_WHOLE_DECODE_PIXELS`];
//! drawings are drawn at most [`MAX_PDF_SIDE`] pixels across. Anything that cannot be drawn gives a reason, which
//! the review prints in a placeholder: one bad image never fails an export.

use std::io::Cursor;
use std::sync::{Arc, LazyLock};

pub use crate::images::ImageKind;
use crate::images::{jpeg_frame, pixel_size};

/// Longest side, in pixels, of an image the export converts for the PDF: a full-width image on an A4 page at
/// about 250 dpi, sharp in print.
pub const MAX_PDF_SIDE: u32 = 1600;

/// Longest side, in pixels, of a JPEG put into the PDF as it is; larger ones are scaled down to [`MAX_PDF_SIDE`].
pub const MAX_JPEG_PASS_SIDE: u32 = 2400;

/// Largest SVG drawn for the PDF; bigger drawings are replaced by a placeholder.
pub const MAX_SVG_BYTES: usize = 2 * 1024 * 1024;

/// Most pixels of an image decoded whole (every format but PNG): 64 megapixels (8000×8000; 192 MB in RGB), for
/// one or two images at a time ([`CONVERTED_AT_ONCE`]). Larger images get a placeholder.
pub const MAX_WHOLE_DECODE_PIXELS: u64 = 64_000_000;

/// Most pixels of a PNG, which is read a row at a time and scaled as it is read (memory stays at one row and the
/// scaled result; time grows with the pixels). Larger images get a placeholder.
pub const MAX_STREAMED_PIXELS: u64 = 150_000_000;

/// Images converted at the same time (each may hold up to [`MAX_WHOLE_DECODE_PIXELS`] decoded).
pub const CONVERTED_AT_ONCE: usize = 2;

/// Most memory the decoder may allocate for one image.
const MAX_DECODE_BYTES: u64 = 300 * 1024 * 1024;

/// Most pixels across a drawing is drawn for its natural size (twice its size, for print).
const DRAWING_OVERSAMPLING: f32 = 2.0;

/// JPEG quality of converted images.
const JPEG_QUALITY: u8 = 85;

/// An image as loaded from its source, checked by the sniffer: `kind` is [`ImageKind::Unknown`] for anything it
/// refuses.
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

/// An image ready for the PDF: a JPEG in grey or RGB, upright, which goes into the PDF as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfImage {
    /// The JPEG file.
    pub jpeg: Vec<u8>,
    /// Width of the JPEG in pixels.
    pub width: u32,
    /// Height of the JPEG in pixels.
    pub height: u32,
    /// Whether it is grey (one component) rather than RGB.
    pub gray: bool,
    /// The image's own size in pixels (before scaling; a drawing's declared size), which sets its printed size.
    pub natural: (u32, u32),
}

impl PdfImage {
    /// The image's own width and height in pixels, which set its printed size.
    pub fn size(&self) -> Option<(u32, u32)> {
        Some(self.natural)
    }
}

/// Why an image cannot be put into the PDF as it is read; the placeholder prints the message.
fn broken<E>(_: E) -> String {
    "broken image".to_string()
}

/// Makes `image` fit for the PDF. A photograph in JPEG of at most [`MAX_JPEG_PASS_SIDE`] pixels is taken as it
/// is, without decoding it. Otherwise the size its header declares is read first, then: a PNG is read a row at a
/// time and scaled while it is read (up to [`MAX_STREAMED_PIXELS`]); other raster formats the `image` crate reads
/// (GIF, WebP, BMP, TIFF, ICO, large or CMYK or rotated JPEG) are decoded whole (up to [`MAX_WHOLE_DECODE_PIXELS`])
/// and turned upright; a drawing is drawn at most [`MAX_PDF_SIDE`] pixels across ([`drawing_for_pdf`]). Each is put
/// on white, scaled to at most [`MAX_PDF_SIDE`] pixels and encoded as JPEG. The error is a short reason for the
/// placeholder ("unsupported format AVIF", "broken image", "image too large (30000×30000 pixels)").
pub fn for_pdf(image: LoadedImage) -> Result<PdfImage, String> {
    match image.kind {
        ImageKind::Svg => return drawing_for_pdf(&image.bytes),
        ImageKind::Avif => return Err("unsupported format AVIF".into()),
        ImageKind::Heic | ImageKind::Heif => return Err("unsupported format HEIC".into()),
        ImageKind::Jxl => return Err("unsupported format JPEG XL".into()),
        ImageKind::Unknown => return Err("not an image".into()),
        _ => {}
    }
    let format = image.kind.raster_format().ok_or("unsupported format")?;
    let (width, height) = declared_size(&image.bytes, format)?;
    if width == 0 || height == 0 {
        return Err("broken image".into());
    }
    let pixels = u64::from(width) * u64::from(height);
    if image.kind == ImageKind::Jpeg
        && let Some(frame) = jpeg_frame(&image.bytes)
        && matches!(frame.components, 1 | 3)
        && width.max(height) <= MAX_JPEG_PASS_SIDE
        && upright(&image.bytes)
    {
        let gray = frame.components == 1;
        return Ok(PdfImage { jpeg: image.bytes, width, height, gray, natural: (width, height) });
    }
    let too_large = || format!("image too large ({width}×{height} pixels)");
    let decoded = if image.kind == ImageKind::Png && pixels <= MAX_STREAMED_PIXELS {
        match png_scaled(&image.bytes, MAX_PDF_SIDE)? {
            Some(scaled) => scaled,
            None if pixels <= MAX_WHOLE_DECODE_PIXELS => decode_whole(&image.bytes, format)?,
            None => return Err(too_large()),
        }
    } else if pixels <= MAX_WHOLE_DECODE_PIXELS {
        decode_whole(&image.bytes, format)?
    } else {
        return Err(too_large());
    };
    let orientation = orientation(&image.bytes, format);
    let mut decoded = decoded;
    decoded.apply_orientation(orientation);
    let natural = if matches!(
        orientation,
        image::metadata::Orientation::Rotate90
            | image::metadata::Orientation::Rotate270
            | image::metadata::Orientation::Rotate90FlipH
            | image::metadata::Orientation::Rotate270FlipH
    ) {
        (height, width)
    } else {
        (width, height)
    };
    to_jpeg(decoded, natural)
}

impl ImageKind {
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
            _ => None,
        }
    }
}

/// The size an image's header declares, read without decoding any pixels.
fn declared_size(bytes: &[u8], format: image::ImageFormat) -> Result<(u32, u32), String> {
    if let Some(size) = pixel_size(bytes) {
        return Ok(size);
    }
    image::ImageReader::with_format(Cursor::new(bytes), format).into_dimensions().map_err(broken)
}

/// The reader of the `image` crate for `bytes`, with the decoding limits set.
fn limited_reader(bytes: &[u8], format: image::ImageFormat) -> image::ImageReader<Cursor<&[u8]>> {
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    reader
}

/// How the image is to be turned upright (EXIF), read from its header.
fn orientation(bytes: &[u8], format: image::ImageFormat) -> image::metadata::Orientation {
    limited_reader(bytes, format)
        .into_decoder()
        .ok()
        .and_then(|mut decoder| image::ImageDecoder::orientation(&mut decoder).ok())
        .unwrap_or(image::metadata::Orientation::NoTransforms)
}

/// Decodes a whole image (the caller has checked its declared size) and scales it to [`MAX_PDF_SIDE`] with an
/// area-averaging filter that needs no buffer beyond the result.
fn decode_whole(bytes: &[u8], format: image::ImageFormat) -> Result<image::DynamicImage, String> {
    let decoder = limited_reader(bytes, format).into_decoder().map_err(broken)?;
    let decoded = image::DynamicImage::from_decoder(decoder).map_err(broken)?;
    if decoded.width() == 0 || decoded.height() == 0 {
        return Err("broken image".into());
    }
    let decoded = on_white(decoded);
    Ok(if decoded.width().max(decoded.height()) > MAX_PDF_SIDE {
        decoded.thumbnail(MAX_PDF_SIDE, MAX_PDF_SIDE)
    } else {
        decoded
    })
}

/// The size of an image of `width`×`height` scaled to at most `max_side` pixels on its longer side.
fn scaled_size(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let longer = width.max(height);
    if longer <= max_side {
        return (width, height);
    }
    let scale = |side: u32| ((u64::from(side) * u64::from(max_side) / u64::from(longer)) as u32).max(1);
    (scale(width), scale(height))
}

/// Reads a PNG a row at a time, averaging each block of rows and columns into one pixel of an image at most
/// `max_side` pixels across, composed over white. Memory: one row of the original and the result. `Ok(None)` for an
/// interlaced PNG, whose rows do not come in order.
fn png_scaled(bytes: &[u8], max_side: u32) -> Result<Option<image::DynamicImage>, String> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(broken)?;
    let (width, height) = (reader.info().width, reader.info().height);
    if reader.info().interlaced {
        return Ok(None);
    }
    let channels = reader.output_color_type().0.samples();
    let (gray, alpha) = match channels {
        1 => (true, false),
        2 => (true, true),
        3 => (false, false),
        4 => (false, true),
        _ => return Err("broken image".into()),
    };
    let colours = if gray { 1 } else { 3 };
    let (out_width, out_height) = scaled_size(width, height, max_side);
    let column_of: Vec<usize> =
        (0..u64::from(width)).map(|x| (x * u64::from(out_width) / u64::from(width)) as usize).collect();
    // Per output column: the sum of colour × alpha for each colour, then the sum of alpha, and the pixel count.
    let mut sums = vec![0u64; out_width as usize * 4];
    let mut counts = vec![0u64; out_width as usize];
    let mut out = vec![255u8; out_width as usize * out_height as usize * colours];
    let mut flush = |row: usize, sums: &mut [u64], counts: &mut [u64]| {
        let start = row * out_width as usize * colours;
        for (column, count) in counts.iter_mut().enumerate() {
            if *count > 0 {
                let sum = &sums[column * 4..column * 4 + 4];
                for colour in 0..colours {
                    // Each pixel over white is (c·a + 255·(255 − a)) / 255; this is their average.
                    let value = (sum[colour] + 255 * (255 * *count - sum[3])) / (255 * *count);
                    out[start + column * colours + colour] = value.min(255) as u8;
                }
            }
            *count = 0;
        }
        sums.fill(0);
    };
    let mut current_row = 0;
    let mut y: u64 = 0;
    while let Some(row) = reader.next_row().map_err(broken)? {
        let out_row = (y * u64::from(out_height) / u64::from(height)) as usize;
        if out_row != current_row {
            flush(current_row, &mut sums, &mut counts);
            current_row = out_row;
        }
        for (pixel, &column) in row.data().chunks_exact(channels).zip(&column_of) {
            let a = if alpha { u64::from(pixel[channels - 1]) } else { 255 };
            let sum = &mut sums[column * 4..column * 4 + 4];
            for colour in 0..colours {
                sum[colour] += u64::from(pixel[colour]) * a;
            }
            sum[3] += a;
            counts[column] += 1;
        }
        y += 1;
    }
    if y != u64::from(height) {
        return Err("broken image".into());
    }
    flush(current_row, &mut sums, &mut counts);
    let image = if gray {
        image::GrayImage::from_raw(out_width, out_height, out).map(image::DynamicImage::ImageLuma8)
    } else {
        image::RgbImage::from_raw(out_width, out_height, out).map(image::DynamicImage::ImageRgb8)
    };
    image.map(Some).ok_or_else(|| "broken image".to_string())
}

/// Encodes an upright image as the review's JPEG, in grey when it has no colour.
fn to_jpeg(image: image::DynamicImage, natural: (u32, u32)) -> Result<PdfImage, String> {
    let image = on_white(image);
    let gray = !image.color().has_color();
    let (width, height) = (image.width(), image.height());
    let mut jpeg = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY);
    let written =
        if gray { image.to_luma8().write_with_encoder(encoder) } else { image.to_rgb8().write_with_encoder(encoder) };
    written.map_err(broken)?;
    Ok(PdfImage { jpeg, width, height, gray, natural })
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

/// The fonts text in drawings is drawn with: the system's, found once per process.
static DRAWING_FONTS: LazyLock<Arc<resvg::usvg::fontdb::Database>> = LazyLock::new(|| {
    let mut fonts = resvg::usvg::fontdb::Database::new();
    fonts.load_system_fonts();
    Arc::new(fonts)
});

/// Draws an SVG (already checked by the sniffer: inert, self-contained, bounded) into pixels at twice its
/// declared size, at most [`MAX_PDF_SIDE`] across, on white. The drawing thus never reaches the PDF engine, and
/// what it costs is bounded by its pixels and by the sniffer's limits on elements and embedded images.
fn drawing_for_pdf(bytes: &[u8]) -> Result<PdfImage, String> {
    use resvg::{tiny_skia, usvg};
    if bytes.len() > MAX_SVG_BYTES {
        return Err("drawing too large".into());
    }
    // The sniffer passed this drawing; checking again costs little and keeps this function safe on its own.
    crate::images::svg::check(bytes).map_err(|refused| format!("drawing refused: {refused}"))?;
    let mut options = usvg::Options { fontdb: Arc::clone(&DRAWING_FONTS), ..usvg::Options::default() };
    // Never read a file: only embedded images are drawn, and only those whose header declares a bounded size.
    options.image_href_resolver.resolve_string = Box::new(|_: &str, _: &usvg::Options| None);
    let embedded = usvg::ImageHrefResolver::default_data_resolver();
    options.image_href_resolver.resolve_data =
        Box::new(move |mime: &str, data: Arc<Vec<u8>>, options: &usvg::Options| {
            let bounded = pixel_size(&data)
                .is_some_and(|(w, h)| u64::from(w) * u64::from(h) <= crate::images::svg::MAX_EMBEDDED_PIXELS);
            if bounded || mime.starts_with("image/svg") { embedded(mime, data, options) } else { None }
        });
    let tree = usvg::Tree::from_data(bytes, &options).map_err(|_| "broken drawing".to_string())?;
    let size = tree.size();
    let natural = (size.width().ceil().max(1.0) as u32, size.height().ceil().max(1.0) as u32);
    let longer = size.width().max(size.height());
    let scale = (DRAWING_OVERSAMPLING).min(MAX_PDF_SIDE as f32 / longer);
    let (width, height) = (
        ((size.width() * scale).round() as u32).clamp(1, MAX_PDF_SIDE),
        ((size.height() * scale).round() as u32).clamp(1, MAX_PDF_SIDE),
    );
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or("broken drawing")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    drop(tree);
    // Drawn over opaque white, the premultiplied pixels are the colours themselves.
    let rgb: Vec<u8> = pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    drop(pixmap);
    let image = image::RgbImage::from_raw(width, height, rgb).ok_or("broken drawing")?;
    to_jpeg(image::DynamicImage::ImageRgb8(image), natural)
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
        let scripted =
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"&#106;avascript:x\"><text>x</text></a></svg>";
        assert_eq!(LoadedImage::new(scripted.to_vec()).kind, ImageKind::Unknown, "the one sniffer refuses it");
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
        let PdfImage { jpeg: bytes, width, height, gray, .. } = ready;
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
            let inner = ready.jpeg;
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
        assert_eq!((big.width, big.height), (MAX_PDF_SIDE, MAX_PDF_SIDE / 2));
        assert_eq!(big.size(), Some((3000, 1500)), "printed by its own size");
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

    /// A PNG of `width`×`height` pixels in one colour, small on disk however large (it compresses to almost nothing).
    fn flat_png(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_compression(png::Compression::Fast);
        let mut writer = encoder.write_header().expect("header");
        let mut stream = writer.stream_writer().expect("stream");
        let row: Vec<u8> = (0..width).flat_map(|x| [200, (x % 256) as u8, 40]).collect();
        for _ in 0..height {
            std::io::Write::write_all(&mut stream, &row).expect("row");
        }
        stream.finish().expect("finish");
        drop(writer);
        out
    }

    #[test]
    fn large_pngs_are_scaled_while_read_and_the_pixel_cap_holds() {
        // 9000×9000 is 81 megapixels: past the whole-decode cap, read a row at a time instead.
        let big = flat_png(9000, 9000);
        const { assert!(81_000_000 > MAX_WHOLE_DECODE_PIXELS, "the test needs an image past the whole-decode cap") };
        let ready = for_pdf(LoadedImage::new(big)).expect("a large PNG is scaled, not refused");
        assert_eq!((ready.width, ready.height), (MAX_PDF_SIDE, MAX_PDF_SIDE));
        assert_eq!(ready.size(), Some((9000, 9000)));
        let back = image::load_from_memory(&ready.jpeg).expect("the JPEG decodes").to_rgb8();
        let pixel = back.get_pixel(800, 800).0;
        assert!(pixel[0].abs_diff(200) < 12 && pixel[2].abs_diff(40) < 12, "the colour survives averaging: {pixel:?}");
        // Past the streaming cap, the header alone refuses it: nothing is decoded.
        let mut huge = flat_png(4, 4);
        huge[16..20].copy_from_slice(&30_000u32.to_be_bytes());
        huge[20..24].copy_from_slice(&30_000u32.to_be_bytes());
        assert_eq!(for_pdf(LoadedImage::new(huge)), Err("image too large (30000×30000 pixels)".into()));
        // Other formats are decoded whole only up to their cap.
        let mut gif = encoded(image::ImageFormat::Gif, 4, 4, false);
        gif[6..10].copy_from_slice(&[0x28, 0x23, 0x28, 0x23]);
        assert_eq!(for_pdf(LoadedImage::new(gif)), Err("image too large (9000×9000 pixels)".into()));
    }

    #[test]
    fn drawings_are_drawn_to_bounded_pixels_and_refused_ones_give_a_reason() {
        let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="150"><rect width="300" height="150" fill="#0000ff"/></svg>"##;
        let ready = for_pdf(LoadedImage::new(svg.to_vec())).expect("a drawing is drawn");
        assert_eq!((ready.width, ready.height, ready.size()), (600, 300, Some((300, 150))));
        let back = image::load_from_memory(&ready.jpeg).expect("the JPEG decodes").to_rgb8();
        let pixel = back.get_pixel(300, 150).0;
        assert!(pixel[2] > 200 && pixel[0] < 40, "blue: {pixel:?}");
        let wide = br#"<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="50000"/>"#;
        let ready = for_pdf(LoadedImage::new(wide.to_vec())).expect("a huge canvas is drawn small");
        assert_eq!((ready.width, ready.height), (MAX_PDF_SIDE, MAX_PDF_SIDE / 2));
        // A drawing the sniffer refuses is no image; handed over anyway, it is refused with a reason.
        let bomb = LoadedImage {
            bytes: br##"<svg xmlns="http://www.w3.org/2000/svg"><g id="a"><use href="#a"/></g></svg>"##.to_vec(),
            kind: ImageKind::Svg,
        };
        assert!(for_pdf(bomb).is_err_and(|reason| reason.starts_with("drawing refused")));
    }
}
