//! Property tests: arbitrary bodies through the real pipeline never panic (a caught panic would
//! surface as `Error::Internal`), and every span slices the body to its text in every unit.

use factx_core::doc::Doc;
use factx_core::model::{Article, ExtractOptions, FactSet, OffsetUnit, Span};
use factx_core::offsets::slice_in_unit;
use factx_core::pipeline::{default_stages, Pipeline};
use factx_core::{Engine, EngineConfig, Error};
use proptest::prelude::*;
use std::sync::LazyLock;

static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(EngineConfig::default()).expect("engine builds"));

const UNITS: [OffsetUnit; 3] = [OffsetUnit::Utf8, OffsetUnit::Utf16, OffsetUnit::CodePoint];

fn check_grounded(body: &str, unit: OffsetUnit, fs: &FactSet) -> Result<(), TestCaseError> {
    let slice = |s: Span| slice_in_unit(body, unit, s);
    for s in &fs.sentences {
        prop_assert!(slice(*s).is_some(), "sentence {s:?} in {unit:?}");
    }
    for e in &fs.entities {
        for m in &e.mentions {
            prop_assert_eq!(slice(m.span), Some(m.text.clone()), "mention in {:?}", unit);
        }
    }
    for t in &fs.times {
        prop_assert_eq!(slice(t.span), Some(t.text.clone()), "time in {:?}", unit);
    }
    for f in &fs.facts {
        prop_assert!(slice(f.trigger).is_some(), "trigger {:?}", f.trigger);
        for ev in &f.evidence {
            prop_assert!(slice(*ev).is_some(), "evidence {ev:?}");
        }
    }
    for (i, t) in fs.tokens.iter().enumerate() {
        prop_assert_eq!(slice(t.span), Some(t.text.clone()), "token in {:?}", unit);
        prop_assert!(t
            .head
            .is_none_or(|h| (h as usize) < fs.tokens.len() && h as usize != i));
        prop_assert!((t.sentence as usize) < fs.sentences.len().max(1));
    }
    Ok(())
}

fn extract_everywhere(body: &str) -> Result<(), TestCaseError> {
    let article = Article {
        id: "prop".into(),
        body: body.to_owned(),
        ..Default::default()
    };
    for unit in UNITS {
        let options = ExtractOptions {
            offset_unit: unit,
            include_syntax: unit != OffsetUnit::Utf8,
            ..Default::default()
        };
        match ENGINE.extract(&article, &options) {
            Ok(fs) => {
                prop_assert_eq!(fs.offset_unit, unit);
                check_grounded(body, unit, &fs)?;
            }
            Err(Error::Internal(msg)) => {
                return Err(TestCaseError::fail(format!("pipeline failed: {msg}")))
            }
            Err(other) => prop_assert!(
                body.trim().is_empty(),
                "unexpected error {other:?} for a non-blank body"
            ),
        }
    }
    Ok(())
}

/// Words that steer bodies into the interesting paths: names, titles, quotes, dates, verbs.
fn newsy_token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Z][a-z]{1,8}",
        3 => "[a-z]{1,8}",
        2 => prop::sample::select(vec![
            "Mr.", "Dr.", "U.S.", "minister", "President", "said", "met", "visited", "told",
            "Monday", "yesterday", "next", "week", "on", "in", "the", "of", "and", "2024",
            "August", "12", "Foreign", "Ministry", "called", "\"", "\u{201C}", "\u{201D}", "(",
            ")", ",", ".", "'s", "\u{2019}s", "\n", "\r\n", "—", "🇫🇷", "é", "e\u{301}",
        ]).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ]
}

static PIPELINE: LazyLock<Pipeline> =
    LazyLock::new(|| Pipeline::new(default_stages()).expect("pipeline builds"));

/// Quantities are a `Doc` annotation (not in the FactSet yet): run the pipeline on a `Doc` and
/// check that each quantity slices the body, starts and ends on token boundaries, comes in text
/// order without overlap, and that its counted noun is a token after it.
fn quantities_grounded(body: &str) -> Result<(), TestCaseError> {
    let article = Article {
        id: "prop".into(),
        body: body.to_owned(),
        ..Default::default()
    };
    let options = ExtractOptions::default();
    let mut doc = Doc::new(&article, &options);
    PIPELINE
        .run(&mut doc, &mut |_, _| {})
        .expect("pipeline runs");
    let starts: std::collections::HashSet<usize> =
        doc.tokens.iter().map(|t| t.span.start).collect();
    let ends: std::collections::HashSet<usize> = doc.tokens.iter().map(|t| t.span.end).collect();
    let mut last_end = 0;
    for q in &doc.quantities {
        prop_assert!(q.span.start < q.span.end, "empty quantity {:?}", q);
        prop_assert!(
            body.get(q.span.start..q.span.end).is_some(),
            "{:?} does not slice",
            q
        );
        prop_assert!(
            starts.contains(&q.span.start) && ends.contains(&q.span.end),
            "{:?}",
            q
        );
        prop_assert!(q.span.start >= last_end, "overlap or disorder at {:?}", q);
        prop_assert!(
            q.value.is_finite() && q.value_max.is_none_or(|m| m > q.value),
            "{:?}",
            q
        );
        if let Some(n) = q.noun {
            prop_assert!(n < doc.tokens.len() && doc.tokens[n].span.start >= q.span.end);
        }
        last_end = q.span.end;
    }
    Ok(())
}

/// Words that steer bodies into the quantity stage's paths: numbers, scales, currencies, units,
/// qualifiers, ranges, and what must not be read as a quantity.
fn quantity_token() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z]{1,8}",
        2 => "[0-9]{1,7}",
        1 => "[0-9]{1,3}(,[0-9]{3}){0,2}(\\.[0-9]{1,2})?",
        3 => prop::sample::select(vec![
            "at least", "more than", "up to", "between", "and", "to", "or more", "some", "nearly",
            "about", "a", "an", "one", "twenty-five", "hundred", "dozen", "dozens", "tens", "of",
            "thousands", "several", "a few", "million", "bn", "m", "$", "US$", "€", "£", "Rs",
            "USD", "euros", "dollars", "%", "percent", "per cent", "km", "per", "/", "-", "–",
            "10-15", "5-4", "555-0100", "200-plus", "3.5bn", "years", "year", "old", "days",
            "people", "Article", "No.", "Boeing", "(", ")", ",", ".", ":", "\n", "2024", "half",
        ]).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn quantity_soup_spans_lie_on_tokens(tokens in prop::collection::vec(quantity_token(), 0..80),
                                         glue in prop::collection::vec(any::<bool>(), 80)) {
        let mut body = String::new();
        for (t, g) in tokens.iter().zip(glue.iter().cycle()) {
            body.push_str(t);
            if !g {
                body.push(' ');
            }
        }
        quantities_grounded(&body)?;
    }

    #[test]
    fn quantities_of_any_unicode_are_grounded(body in "\\PC{0,300}") {
        quantities_grounded(&body)?;
    }

    #[test]
    fn arbitrary_unicode_never_panics_and_spans_slice(body in "\\PC{0,300}") {
        extract_everywhere(&body)?;
    }

    #[test]
    fn any_chars_including_controls(chars in prop::collection::vec(any::<char>(), 0..200)) {
        let body: String = chars.into_iter().collect();
        extract_everywhere(&body)?;
    }

    #[test]
    fn newsy_token_soup(tokens in prop::collection::vec(newsy_token(), 0..120),
                        seps in prop::collection::vec(prop::sample::select(vec![" ", "", "  ", "\t"]), 120)) {
        let mut body = String::new();
        for (t, s) in tokens.iter().zip(seps.iter().cycle()) {
            body.push_str(t);
            body.push_str(s);
        }
        extract_everywhere(&body)?;
    }
}
