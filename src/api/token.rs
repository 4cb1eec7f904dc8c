//! The pairing token: a random secret in a file beside the library (`<library>.api-token`, readable only by its
//! owner), made the first time it is asked for. Every request but the status needs it. A new token replaces the
//! file at once, and the server reads the file on every request, so the old token stops working immediately.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Bytes of randomness in a token (written as hex: 64 characters).
const TOKEN_BYTES: usize = 32;

/// Why the token could not be read or made.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// The token file could not be read or written.
    #[error("the pairing token at {}: {source}", .path.display())]
    Io { path: PathBuf, source: std::io::Error },
    /// The system gave no randomness.
    #[error("making a pairing token: the system gave no random bytes ({0})")]
    Random(String),
}

/// Where the token of the library at `library` is kept.
pub fn token_path(library: &Path) -> PathBuf {
    let mut name = library.as_os_str().to_owned();
    name.push(".api-token");
    PathBuf::from(name)
}

/// The library's current token, made (and written) if there is none yet.
pub fn current_or_new(library: &Path) -> Result<String, TokenError> {
    match current(library)? {
        Some(token) => Ok(token),
        None => renew(library),
    }
}

/// The library's current token, if one was made.
pub fn current(library: &Path) -> Result<Option<String>, TokenError> {
    let path = token_path(library);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(text.trim().to_string()).filter(|t| !t.is_empty())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(TokenError::Io { path, source }),
    }
}

/// Makes a new token for the library and returns it; the old one stops working at once. Written to a new file
/// (owner-only) renamed over the old, so a reader sees the old token or the new one, never half of one.
pub fn renew(library: &Path) -> Result<String, TokenError> {
    let mut random = [0u8; TOKEN_BYTES];
    getrandom::fill(&mut random).map_err(|e| TokenError::Random(e.to_string()))?;
    let token = hex::encode(random);
    let path = token_path(library);
    let io = |source| TokenError::Io { path: path.clone(), source };
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(io)?;
    let mut file = tempfile::Builder::new().prefix(".api-token").tempfile_in(folder).map_err(io)?;
    // tempfile makes its files readable by their owner only.
    file.write_all(token.as_bytes()).and_then(|()| file.as_file().sync_all()).map_err(io)?;
    file.persist(&path).map_err(|e| io(e.error))?;
    Ok(token)
}

/// Whether `presented` is the library's current token, compared in constant time. False when none was made.
pub fn matches(library: &Path, presented: &str) -> Result<bool, TokenError> {
    Ok(current(library)?.is_some_and(|token| same_secret(token.as_bytes(), presented.as_bytes())))
}

/// Equal bytes, in a time that depends only on the lengths.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first ask makes a token, the next ones return it; a new one replaces it and the old one stops matching.
    #[test]
    fn a_token_is_made_once_and_replaced_on_demand() {
        let folder = tempfile::tempdir().unwrap();
        let library = folder.path().join("library.db");
        assert_eq!(current(&library).unwrap(), None);
        assert!(!matches(&library, "").unwrap(), "no token made: nothing matches");
        let first = current_or_new(&library).unwrap();
        assert_eq!(first.len(), 2 * TOKEN_BYTES);
        assert_eq!(current_or_new(&library).unwrap(), first);
        assert!(matches(&library, &first).unwrap());
        let second = renew(&library).unwrap();
        assert_ne!(first, second);
        assert!(!matches(&library, &first).unwrap(), "the old token stops working at once");
        assert!(matches(&library, &second).unwrap());
        assert!(!matches(&library, &second[..10]).unwrap());
    }

    /// Only the owner may read the token file.
    #[cfg(unix)]
    #[test]
    fn the_token_file_is_readable_only_by_its_owner() {
        use std::os::unix::fs::PermissionsExt;
        let folder = tempfile::tempdir().unwrap();
        let library = folder.path().join("library.db");
        current_or_new(&library).unwrap();
        let mode = std::fs::metadata(token_path(&library)).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "mode {mode:o}");
    }
}
