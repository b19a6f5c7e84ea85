//! The seed article through the engine: the three gold time expressions with their values, the
//! optional vague ones allowed, nothing else.

use chrono::{DateTime, Utc};
use factx_core::model::{Article, ExtractOptions, TimeType};
use factx_core::{Engine, EngineConfig};

fn seed() -> Article {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let body = std::fs::read_to_string(dir.join("seed_article.txt")).expect("seed fixture");
    Article {
        id: "seed".into(),
        body,
        published_at: Some(
            DateTime::parse_from_rfc3339("2024-08-13T06:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
        ),
        language: "en".into(),
        ..Default::default()
    }
}

#[test]
fn seed_article_times() {
    let article = seed();
    let engine = Engine::new(EngineConfig::default()).unwrap();
    let fs = engine
        .extract(&article, &ExtractOptions::default())
        .unwrap();
    let got: Vec<(&str, &str)> = fs
        .times
        .iter()
        .map(|t| (t.text.as_str(), t.value.as_str()))
        .collect();
    eprintln!("{got:?}");
    for t in &fs.times {
        assert_eq!(&article.body[t.span.start..t.span.end], t.text);
    }
    let find = |text: &str| fs.times.iter().find(|t| t.text == text);
    assert_eq!(find("Monday").map(|t| t.value.as_str()), Some("2024-08-12"));
    assert_eq!(
        find("2025-2026").map(|t| t.value.as_str()),
        Some("2025/2026")
    );
    assert_eq!(find("today").map(|t| t.value.as_str()), Some("2024-08-13"));
    assert_eq!(find("Monday").unwrap().time_type, TimeType::Date);
    let allowed = [
        "Monday",
        "2025-2026",
        "today",
        "a few months",
        "in a few months",
        "recent years",
        "in recent years",
    ];
    for t in &fs.times {
        assert!(
            allowed.contains(&t.text.as_str()),
            "spurious time {:?}",
            t.text
        );
    }
    let ids: Vec<&str> = fs.times.iter().map(|t| t.id.as_str()).collect();
    let want: Vec<String> = (1..=ids.len()).map(|k| format!("t{k}")).collect();
    assert_eq!(ids, want);
}

#[test]
fn seed_article_without_date_stays_unresolved() {
    let mut article = seed();
    article.published_at = None;
    let engine = Engine::new(EngineConfig::default()).unwrap();
    let fs = engine
        .extract(&article, &ExtractOptions::default())
        .unwrap();
    let find = |text: &str| fs.times.iter().find(|t| t.text == text).unwrap();
    assert_eq!(find("Monday").value, "XXXX-WXX-1");
    assert_eq!(find("today").value, "PRESENT_REF");
    assert_eq!(find("2025-2026").value, "2025/2026");
}
