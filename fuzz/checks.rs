//! The invariants the fuzz targets check, shared with the corpus-replay test in `cargo test`
//! (`tests/it/fuzz_corpus.rs` includes this file), so a committed input is checked the same way
//! in both places. Each function panics when an invariant breaks.

// Each fuzz binary uses one of these checks.
#![allow(dead_code)]

use std::sync::LazyLock;

use factx::proto::v1 as pb;
use factx_core::model::{Article, ExtractOptions, OffsetUnit, Span};
use factx_core::offsets::slice_in_unit;
use factx_core::{Engine, EngineConfig, Error};
use prost::Message;

static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(EngineConfig::default()).expect("engine builds"));

/// Any UTF-8 body (invalid UTF-8 is replaced first) through the pipeline: no panic caught at the
/// engine boundary, and every span slices the body to its text in the unit chosen by the first
/// byte.
pub fn pipeline(data: &[u8]) {
    let (unit, rest) = match data.split_first() {
        Some((b, rest)) => (
            [OffsetUnit::Utf8, OffsetUnit::Utf16, OffsetUnit::CodePoint][*b as usize % 3],
            rest,
        ),
        None => (OffsetUnit::Utf8, data),
    };
    let body = String::from_utf8_lossy(rest).into_owned();
    let article = Article {
        id: "fuzz".into(),
        body: body.clone(),
        ..Default::default()
    };
    let options = ExtractOptions {
        offset_unit: unit,
        include_syntax: data.first().is_some_and(|b| b & 0x80 != 0),
        ..Default::default()
    };
    let fs = match ENGINE.extract(&article, &options) {
        Ok(fs) => fs,
        Err(Error::Internal(msg)) => panic!("pipeline failed: {msg}"),
        Err(_) => return,
    };
    let slice = |s: Span| {
        slice_in_unit(&body, unit, s).unwrap_or_else(|| panic!("span {s:?} does not slice"))
    };
    for s in &fs.sentences {
        slice(*s);
    }
    for e in &fs.entities {
        for m in &e.mentions {
            assert_eq!(slice(m.span), m.text);
        }
    }
    for t in &fs.times {
        assert_eq!(slice(t.span), t.text);
    }
    for f in &fs.facts {
        slice(f.trigger);
        for ev in &f.evidence {
            slice(*ev);
        }
    }
    for (i, t) in fs.tokens.iter().enumerate() {
        assert_eq!(slice(t.span), t.text);
        assert!(t
            .head
            .is_none_or(|h| (h as usize) < fs.tokens.len() && h as usize != i));
    }
}

/// Any UTF-8 text through segmentation and syntax alone: a tag, a lemma and a head inside the
/// same parse unit for every token, one root per unit, no cycle, and tokens that slice the text.
pub fn syntax(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let tokens = factx_core::segment::tokenize(&text);
    let sentences = factx_core::segment::split_sentences(&text, &tokens);
    let syn = factx_core::syntax::embedded().annotate(&text, &tokens, &sentences);
    assert_eq!(syn.len(), tokens.len());
    for t in &tokens {
        assert!(text
            .get(t.span.start..t.span.end)
            .is_some_and(|s| !s.is_empty()));
    }
    for unit in factx_core::syntax::parse_units(&text, &tokens, &sentences) {
        let roots = unit.clone().filter(|&i| syn.head(i).is_none()).count();
        assert_eq!(roots, 1);
        for i in unit.clone() {
            assert!(syn.head(i).is_none_or(|h| unit.contains(&h)));
            assert!(unit.contains(&syn.root_of(i)));
            assert!(!syn.lemma(i).is_empty());
        }
    }
}

/// Arbitrary bytes as each request message; what decodes must re-encode to the same message and
/// convert to the domain (or be refused) without panicking.
pub fn decode_request(data: &[u8]) {
    if let Ok(req) = pb::ExtractRequest::decode(data) {
        let again = pb::ExtractRequest::decode(req.encode_to_vec().as_slice()).expect("re-decode");
        assert_eq!(again, req);
        let _ = factx::convert::options_from_pb(req.options.as_ref());
        if let Some(a) = req.article {
            let _ = factx::convert::article_from_pb(a);
        }
    }
    if let Ok(req) = pb::ExtractBatchRequest::decode(data) {
        let _ = factx::convert::options_from_pb(req.options.as_ref());
        for a in req.articles {
            let _ = factx::convert::article_from_pb(a);
        }
    }
    if let Ok(req) = pb::ExtractStreamRequest::decode(data) {
        let _ = factx::convert::options_from_pb(req.options.as_ref());
    }
}

/// A JSON Lines record: parse, and what parses converts without panicking.
pub fn jsonl(data: &[u8]) {
    let Ok(line) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(a) = factx::jsonl::parse_article(line) {
        let _ = factx::convert::article_from_pb(a);
    }
}
