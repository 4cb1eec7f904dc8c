//! Article extraction: page text and base URL in, [`Article`] out. Pure: no network, no file system, no database.

mod article;

pub use article::Article;
