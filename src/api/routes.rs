//! What each request does, once the server has let it through. Each asks the core; none decides a rule itself.

use std::collections::HashMap;
use std::sync::Arc;

use bytes::Bytes;
use serde_json::{Value, json};

use super::{ApiError, ApiState, ClipRequest};
use crate::archive::ImageLimits;
use crate::clip::{self, Filing, PreparedClipping};
use crate::extract::Confidence;
use crate::store::{AddOutcome, ClippingId, Library};

/// `GET /api/v1/status`: who serves, and whether the token sent is the current one.
pub(super) fn status(state: &ApiState, paired: bool) -> Value {
    json!({ "app": "cuttings", "version": env!("CARGO_PKG_VERSION"), "server": state.role.as_str(), "paired": paired })
}

/// `GET /api/v1/folders`: every live folder with its full path, parents first.
pub(super) async fn folders(state: &Arc<ApiState>) -> Result<(u16, Option<Value>), ApiError> {
    let tree = with_library(state, |library| library.folder_tree()).await??;
    let mut paths: HashMap<i64, String> = HashMap::new();
    let folders: Vec<Value> = tree
        .into_iter()
        .map(|folder| {
            let parent_path = folder.parent.and_then(|p| paths.get(&p.0).cloned());
            let path = parent_path.map_or_else(|| folder.name.clone(), |p| format!("{p}/{}", folder.name));
            paths.insert(folder.id.0, path.clone());
            json!({ "id": folder.id, "name": folder.name, "path": path, "parent_id": folder.parent })
        })
        .collect();
    Ok((200, Some(json!({ "folders": folders }))))
}

/// `GET /api/v1/tags`: every tag with its number of live clippings.
pub(super) async fn tags(state: &Arc<ApiState>) -> Result<(u16, Option<Value>), ApiError> {
    let tags = with_library(state, |library| library.tags()).await??;
    let tags: Vec<Value> = tags.into_iter().map(|t| json!({ "name": t.name, "count": t.count })).collect();
    Ok((200, Some(json!({ "tags": tags }))))
}

/// `POST /api/v1/clip`: stages 1. read the request; 2. prepare the clipping (extract the rendered page, or fetch
/// the link); 3. refuse a duplicate before any image is downloaded; 4. the images (those the browser sent, the
/// rest from public addresses); 5. file and save it in one transaction.
pub(super) async fn clip(state: &Arc<ApiState>, body: Bytes) -> Result<(u16, Option<Value>), ApiError> {
    // 1.
    let mut request = ClipRequest::parse(&body)?;
    drop(body);
    let _turn = state.clipping.acquire().await.map_err(|e| ApiError::Internal(e.to_string()))?;

    // 2.
    let cancel = Arc::default();
    let mut prepared: PreparedClipping = match request.rendered_page() {
        Some(page) => tokio::task::spawn_blocking(move || clip::prepare_rendered(page, cancel))
            .await
            .map_err(|e| ApiError::Internal(format!("reading the page stopped: {e}")))??,
        None => clip::prepare_link(&state.fetcher, &request.url, cancel).await?,
    };

    // 3.
    if !request.force {
        let (url, canonical) = (prepared.url.to_string(), prepared.article.canonical_url.clone());
        let existing = with_library(state, move |library| library.duplicate_of(&url, canonical.as_deref())).await??;
        if let Some(existing) = existing {
            return Err(ApiError::Duplicate { existing: Box::new(existing) });
        }
    }

    // 4.
    let images = prepared.download_images(&state.fetcher, &ImageLimits::default(), &|_, _| {}).await;

    // 5.
    let title = prepared.article.title.clone();
    let (kind, unsure) = (prepared.article.kind, prepared.article.confidence == Confidence::Low);
    let outcome = with_library(state, move |library| {
        let folder = request.folder.as_deref().map(|path| library.ensure_folder_path(path)).transpose()?;
        let filing = Filing {
            folder: folder.map(|f| f.id),
            tags: request.tags,
            note: request.note,
            allow_duplicate: request.force,
            saved_at: None,
        };
        library.add_clipping_with_images(prepared.into_new_clipping(filing), &images)
    })
    .await??;
    match outcome {
        AddOutcome::Added(id) => {
            if let Some(on_saved) = &state.on_saved {
                on_saved(id, &title);
            }
            let answer = json!({ "id": id, "title": title, "kind": kind.as_str(), "low_confidence": unsure });
            Ok((201, Some(answer)))
        }
        AddOutcome::Duplicate { existing } => Err(ApiError::Duplicate { existing: Box::new(existing) }),
    }
}

/// `POST /api/v1/open` with `{"id": N}`: shows the clipping in the app's window.
pub(super) async fn open(state: &Arc<ApiState>, body: Bytes) -> Result<(u16, Option<Value>), ApiError> {
    let value: Value =
        serde_json::from_slice(&body).map_err(|e| ApiError::bad_request(None, format!("the body is not JSON: {e}")))?;
    let id = value
        .get("id")
        .and_then(Value::as_i64)
        .ok_or_else(|| ApiError::bad_request(Some("id"), "id must be the number of a clipping"))?;
    let Some(opener) = &state.opener else { return Err(ApiError::NoWindow) };
    if opener(ClippingId(id)) {
        Ok((204, None))
    } else {
        Err(ApiError::NotFound(format!("there is no clipping #{id} in the library")))
    }
}

/// Runs `work` on the server's library connection, off the async threads.
async fn with_library<T: Send + 'static>(
    state: &Arc<ApiState>,
    work: impl FnOnce(&mut Library) -> T + Send + 'static,
) -> Result<T, ApiError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let mut library = state.library.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        work(&mut library)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("the library stopped answering: {e}")))
}
