//! The body of `POST /api/v1/clip`, read field by field so that a malformed one is refused by its name.

use base64::Engine;
use serde_json::{Map, Value};

use super::ApiError;
use crate::archive::{ImageLimits, ProvidedImages};
use crate::clip::RenderedPage;

/// A clip request, as `docs/api.md` describes it.
#[derive(Debug, Clone, Default)]
pub struct ClipRequest {
    /// The page's final address.
    pub url: String,
    /// The page as rendered; `None` to have Cuttings fetch `url` (a link).
    pub html: Option<String>,
    /// The title the browser shows.
    pub title: Option<String>,
    /// The HTML of the user's selection.
    pub selection_html: Option<String>,
    /// A folder path, made if missing; `None` for the Inbox.
    pub folder: Option<String>,
    /// Tags, as typed (the store cleans them).
    pub tags: Vec<String>,
    /// A first note.
    pub note: Option<String>,
    /// Save a second copy of an address already in the library.
    pub force: bool,
    /// Images the browser fetched with the user's session, by address.
    pub images: ProvidedImages,
}

impl ClipRequest {
    /// Reads a request body. Unknown fields are ignored (newer extensions may send more).
    pub fn parse(body: &[u8]) -> Result<ClipRequest, ApiError> {
        let value: Value = serde_json::from_slice(body)
            .map_err(|e| ApiError::bad_request(None, format!("the body is not JSON: {e}")))?;
        let Value::Object(fields) = value else {
            return Err(ApiError::bad_request(None, "the body must be a JSON object"));
        };
        let url = text(&fields, "url")?
            .filter(|u| !u.trim().is_empty())
            .ok_or_else(|| ApiError::bad_request(Some("url"), "the page's address (url) is missing"))?;
        Ok(ClipRequest {
            url,
            html: text(&fields, "html")?.filter(|h| !h.trim().is_empty()),
            title: text(&fields, "title")?,
            selection_html: text(&fields, "selection_html")?,
            folder: text(&fields, "folder")?.filter(|f| !f.trim().is_empty()),
            tags: tags(&fields)?,
            note: text(&fields, "note")?,
            force: match fields.get("force") {
                None | Some(Value::Null) => false,
                Some(Value::Bool(force)) => *force,
                Some(_) => return Err(ApiError::bad_request(Some("force"), "force must be true or false")),
            },
            images: images(&fields)?,
        })
    }

    /// The rendered page to clip, when the request sent one.
    pub fn rendered_page(&mut self) -> Option<RenderedPage> {
        let html = self.html.take()?;
        Some(RenderedPage {
            url: self.url.clone(),
            html,
            title: self.title.take(),
            selection_html: self.selection_html.take(),
            images: std::mem::take(&mut self.images),
        })
    }
}

/// An optional string field.
fn text(fields: &Map<String, Value>, name: &'static str) -> Result<Option<String>, ApiError> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(ApiError::bad_request(Some(name), format!("{name} must be a string"))),
    }
}

/// The `tags` field: a list of strings.
fn tags(fields: &Map<String, Value>) -> Result<Vec<String>, ApiError> {
    let wrong = || ApiError::bad_request(Some("tags"), "tags must be a list of strings");
    match fields.get("tags") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => {
            items.iter().map(|item| item.as_str().map(str::to_string).ok_or_else(wrong)).collect()
        }
        Some(_) => Err(wrong()),
    }
}

/// The `images` field: `[{url, data}]`, data in base64, within the archive's limits on count and size.
fn images(fields: &Map<String, Value>) -> Result<ProvidedImages, ApiError> {
    let limits = ImageLimits::default();
    let wrong = |message: String| ApiError::bad_request(Some("images"), message);
    let items = match fields.get("images") {
        None | Some(Value::Null) => return Ok(ProvidedImages::new()),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(wrong("images must be a list of {url, data} objects".to_string())),
    };
    if items.len() > limits.max_images {
        return Err(wrong(format!("at most {} images may be sent", limits.max_images)));
    }
    let mut images = ProvidedImages::new();
    for (index, item) in items.iter().enumerate() {
        let field = |name: &str| item.get(name).and_then(Value::as_str);
        let (Some(url), Some(data)) = (field("url"), field("data")) else {
            return Err(wrong(format!("image {index} needs a url and its data (base64)")));
        };
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data.trim())
            .map_err(|_| wrong(format!("the data of image {index} is not base64")))?;
        if bytes.len() as u64 > limits.max_image_bytes {
            let most = limits.max_image_bytes / (1024 * 1024);
            return Err(wrong(format!("image {index} is larger than {most} MiB, the most Cuttings keeps")));
        }
        images.insert(url.to_string(), bytes);
    }
    Ok(images)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(body: &str) -> Option<&'static str> {
        match ClipRequest::parse(body.as_bytes()) {
            Err(ApiError::BadRequest { field, .. }) => field,
            other => panic!("{body}: expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_full_request_is_read() {
        let body = r##"{"url": "https://a.example/1", "html": "<p>x</p>", "title": "T", "folder": "Politics/Korea",
            "tags": ["korea", "#Seoul"], "note": "for Monday", "force": true, "extra": 1,
            "images": [{"url": "https://a.example/i.png", "data": "aGVsbG8="}]}"##;
        let request = ClipRequest::parse(body.as_bytes()).unwrap();
        assert_eq!(request.url, "https://a.example/1");
        assert_eq!(request.folder.as_deref(), Some("Politics/Korea"));
        assert_eq!(request.tags, ["korea", "#Seoul"]);
        assert!(request.force);
        assert_eq!(request.images.get("https://a.example/i.png").map(Vec::as_slice), Some(&b"hello"[..]));
    }

    #[test]
    fn a_link_needs_only_its_address() {
        let request = ClipRequest::parse(br#"{"url": "https://a.example/1"}"#).unwrap();
        assert_eq!((request.html, request.force, request.tags.len()), (None, false, 0));
    }

    #[test]
    fn each_malformed_field_is_named() {
        assert_eq!(field_of("{}"), Some("url"));
        assert_eq!(field_of(r#"{"url": "  "}"#), Some("url"));
        assert_eq!(field_of(r#"{"url": 3}"#), Some("url"));
        assert_eq!(field_of(r#"{"url": "u", "html": ["x"]}"#), Some("html"));
        assert_eq!(field_of(r#"{"url": "u", "tags": "a,b"}"#), Some("tags"));
        assert_eq!(field_of(r#"{"url": "u", "tags": [1]}"#), Some("tags"));
        assert_eq!(field_of(r#"{"url": "u", "force": "yes"}"#), Some("force"));
        assert_eq!(field_of(r#"{"url": "u", "images": [{"url": "i"}]}"#), Some("images"));
        assert_eq!(field_of(r#"{"url": "u", "images": [{"url": "i", "data": "%%%"}]}"#), Some("images"));
        assert_eq!(field_of("not json"), None);
        assert_eq!(field_of("[1]"), None);
    }
}
