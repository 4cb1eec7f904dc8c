//! The `cuttings-image` protocol: serves the offline archive's stored images
//! (`cuttings-image://localhost/<sha256>`, written into the stored article HTML by the core) to the reader, so
//! that reading a clipping makes no request to the original site. Only 64-hex-digit names are looked up (the core
//! refuses anything else without touching the disk); the bytes are judged again by the core's one sniffer
//! (`cuttings::images::sniff`) as they are served, which gives the media type and refuses anything it would not
//! store, with `nosniff` and a CSP that forbids everything, so a stored file can never run as a page.

use tauri::http::{Request, Response, StatusCode, header};

use crate::state::LibraryState;

/// The response to one request for a stored image.
pub fn respond(library: &LibraryState, request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
    let sha256 = request.uri().path().trim_start_matches('/');
    let builder = Response::builder()
        .header("X-Content-Type-Options", "nosniff")
        .header(header::CONTENT_SECURITY_POLICY, "default-src 'none'; style-src 'unsafe-inline'");
    let response = match library.with(|lib| lib.image(sha256)) {
        // The one sniffer judges the bytes again as they are served, so a file stored under older, looser rules
        // (an SVG the parser-based check now refuses) is never shown, and the media type is the core's current one.
        Ok(Some(image)) => match cuttings::images::sniff(&image.bytes) {
            Ok(kind) => builder
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, kind.media_type())
                .header(header::CACHE_CONTROL, "max-age=31536000, immutable")
                .body(image.bytes),
            Err(_) => builder.status(StatusCode::FORBIDDEN).body(Vec::new()),
        },
        Ok(None) => builder.status(StatusCode::NOT_FOUND).body(Vec::new()),
        Err(_) => builder.status(StatusCode::INTERNAL_SERVER_ERROR).body(Vec::new()),
    };
    response.unwrap_or_default()
}
