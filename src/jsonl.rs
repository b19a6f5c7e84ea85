//! JSON Lines of `Article` (canonical proto3 JSON, lowerCamelCase or snake_case field names).

use crate::proto::v1 as pb;

/// Parses one line. Errors carry serde's message (line/column within the line).
pub fn parse_article(line: &str) -> Result<pb::Article, String> {
    serde_json::from_str::<pb::Article>(line).map_err(|e| e.to_string())
}

/// True for lines that carry no record (blank or whitespace only).
pub fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_camel_and_snake_case() {
        let a =
            parse_article(r#"{"id":"a","body":"x","publishedAt":"2024-08-13T06:00:00Z"}"#).unwrap();
        assert_eq!(a.published_at.unwrap().seconds, 1_723_528_800);
        let b = parse_article(r#"{"id":"b","body":"y","published_at":"2024-08-13T06:00:00Z"}"#)
            .unwrap();
        assert!(b.published_at.is_some());
    }

    #[test]
    fn ignores_unknown_fields() {
        let a = parse_article(r#"{"id":"a","body":"x","split":"train"}"#).unwrap();
        assert_eq!(a.id, "a");
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse_article("{not json").is_err());
        assert!(parse_article(r#"{"body": 3}"#).is_err());
    }
}
