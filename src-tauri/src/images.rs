//! The `cuttings-image` protocol: serves the offline archive's stored images
//! (`cuttings-image://localhost/<sha256>`, written into the stored article HTML by the core) to the reader, so
//! that reading a clipping makes no request to the original site. Only 64-hex-digit names are looked up (the core
//! refuses anything else without touching the disk); the media type is the one the core sniffed from the bytes,
//! with `nosniff` and a CSP that forbids everything, so a stored file can never run as a page.

use tauri::http::{Request, Response, StatusCode, header};

use crate::state::LibraryState;

/// The response to one request for a stored image.
pub fn respond(library: &LibraryState, request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
    let sha256 = request.uri().path().trim_start_matches('/');
    let builder = Response::builder()
        .header("X-Content-Type-Options", "nosniff")
        .header(header::CONTENT_SECURITY_POLICY, "default-src 'none'; style-src 'unsafe-inline'");
    let response = match library.with(|lib| lib.image(sha256)) {
        Ok(Some(image)) => builder
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, image.media_type)
            .header(header::CACHE_CONTROL, "max-age=31536000, immutable")
            .body(image.bytes),
        Ok(None) => builder.status(StatusCode::NOT_FOUND).body(Vec::new()),
        Err(_) => builder.status(StatusCode::INTERNAL_SERVER_ERROR).body(Vec::new()),
    };
    response.unwrap_or_default()
}
