//! Why the API refused or failed a request: each with its HTTP status and a stable code, said in plain words.
//! Nothing here ever holds the token.

use serde_json::{Value, json};

use crate::clip::ClipError;
use crate::store::{ClippingSummary, StoreError};

/// A request the API did not carry out.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The body or one of its fields is malformed.
    #[error("{message}")]
    BadRequest { field: Option<&'static str>, message: String },
    /// No token, or not the current one.
    #[error(
        "this request needs the pairing token: copy it from Cuttings (Settings › Browser extension) or run \
         `cuttings token`, and paste it into the extension"
    )]
    Unauthorized,
    /// The request comes from a web page.
    #[error("web pages may not use the Cuttings API")]
    ForbiddenOrigin,
    /// The `Host` header is not this server's own address.
    #[error("the Cuttings API answers only at 127.0.0.1 or localhost")]
    BadHost,
    /// No such request, or no such clipping.
    #[error("{0}")]
    NotFound(String),
    /// A known address asked with the wrong method.
    #[error("{0} does not take this method")]
    MethodNotAllowed(&'static str),
    /// The body is larger than [`super::MAX_BODY_BYTES`].
    #[error("the request is larger than {} MiB, the most the Cuttings API takes", super::MAX_BODY_BYTES / (1024 * 1024))]
    TooLarge,
    /// The address is already in the library.
    #[error("already in your library as \"{}\"", .existing.title)]
    Duplicate { existing: Box<ClippingSummary> },
    /// The page could not be made into a clipping.
    #[error(transparent)]
    Clip(#[from] ClipError),
    /// The library refused or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// `POST /api/v1/open` under `cuttings serve`: there is no window to show the clipping in.
    #[error("the Cuttings app is not open (this is `cuttings serve`): open the app to read the clipping")]
    NoWindow,
    /// Something inside the server failed.
    #[error("{0}")]
    Internal(String),
}

impl ApiError {
    /// A malformed body, naming the field when one is at fault.
    pub fn bad_request(field: Option<&'static str>, message: impl Into<String>) -> ApiError {
        ApiError::BadRequest { field, message: message.into() }
    }

    /// The HTTP status it is answered with.
    pub fn status(&self) -> u16 {
        match self {
            ApiError::BadRequest { .. } => 400,
            ApiError::Unauthorized => 401,
            ApiError::ForbiddenOrigin | ApiError::BadHost => 403,
            ApiError::NotFound(_) => 404,
            ApiError::MethodNotAllowed(_) => 405,
            ApiError::Duplicate { .. } => 409,
            ApiError::TooLarge => 413,
            ApiError::Clip(_) => 422,
            ApiError::Store(error) => match error {
                StoreError::NotFound { .. } => 404,
                StoreError::InvalidName { .. } | StoreError::NameTaken { .. } => 400,
                _ => 500,
            },
            ApiError::NoWindow => 503,
            ApiError::Internal(_) => 500,
        }
    }

    /// The stable code in the answer's `error` field.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest { .. } => "bad_request",
            ApiError::Unauthorized => "unauthorized",
            ApiError::ForbiddenOrigin => "forbidden_origin",
            ApiError::BadHost => "bad_host",
            ApiError::NotFound(_) => "not_found",
            ApiError::MethodNotAllowed(_) => "method_not_allowed",
            ApiError::Duplicate { .. } => "duplicate",
            ApiError::TooLarge => "too_large",
            ApiError::Clip(error) => error.code(),
            ApiError::Store(error) => match error {
                StoreError::NotFound { .. } => "not_found",
                StoreError::InvalidName { .. } | StoreError::NameTaken { .. } => "bad_request",
                _ => "library",
            },
            ApiError::NoWindow => "no_window",
            ApiError::Internal(_) => "internal",
        }
    }

    /// The JSON answer: `{error, message}`, and `field` or the existing clipping where they apply.
    pub fn body(&self) -> Value {
        let mut body = json!({ "error": self.code(), "message": self.to_string() });
        match self {
            ApiError::BadRequest { field: Some(field), .. } => body["field"] = json!(field),
            ApiError::Store(StoreError::InvalidName { .. } | StoreError::NameTaken { .. }) => {
                body["field"] = json!("folder")
            }
            ApiError::Duplicate { existing } => {
                body["existing_id"] = json!(existing.id);
                body["existing_title"] = json!(existing.title);
            }
            _ => {}
        }
        body
    }
}
