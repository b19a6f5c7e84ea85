//! One JSON Lines Article (`id`, `title`, `body`, `publishedAt`, `url`) → the domain `Article`,
//! leniently (missing fields empty), for the examples, benches and tests that read fixture
//! corpora without the service's strict parser (`src/jsonl.rs` in the binary crate). Included
//! with `#[path]`; the including module must have `Article` in scope (`factx_core::model::Article`
//! outside the crate, `crate::model::Article` in its unit tests).

use super::Article;
use chrono::{DateTime, Utc};

// Each includer uses one of the two functions or both.
#[allow(dead_code)]
pub fn article_from_json(v: &serde_json::Value) -> Article {
    let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
    Article {
        id: s("id"),
        title: s("title"),
        body: s("body"),
        published_at: v["publishedAt"]
            .as_str()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&Utc)),
        url: s("url"),
        language: "en".into(),
        ..Default::default()
    }
}

/// A line of JSON Lines; panics on malformed fixtures (they are the project's own files).
#[allow(dead_code)]
pub fn article_from_line(line: &str) -> Article {
    article_from_json(&serde_json::from_str(line).expect("fixture line is JSON"))
}
