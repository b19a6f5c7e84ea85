//! Property test: arbitrary Unicode bodies never make the segment/syntax/dateline/entity/coref
//! stages panic, every token, sentence, mention and entity span lies on char boundaries and
//! slices to its text, and the syntax is a forest with one tree per parse unit. A small deterministic generator (xorshift) stands in for proptest: same cases
//! on every run, no extra dependency.

use factx_core::doc::Doc;
use factx_core::model::{Article, ExtractOptions};
use factx_core::pipeline::{default_stages, Pipeline};
use factx_core::syntax::{parse_units, MAX_PARSE_TOKENS};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "ISLAMABAD:",
    "WASHINGTON (Reuters) -",
    "U.S.",
    "Gen.",
    "Dr.",
    "J.",
    "Mr",
    "’s",
    "'s",
    "’",
    "\"",
    "“",
    "”",
    "(",
    ")",
    ".",
    "...",
    "!",
    "?",
    "-",
    "—",
    "–",
    ",",
    ":",
    "\n",
    "\n\n",
    " ",
    "  ",
    "\t",
    "\r\n",
    "Foreign Minister",
    "Jane Doe",
    "the foreign secretary",
    "He",
    "she",
    "his",
    "Pakistan",
    "United Nations Security Council",
    "UNSC",
    "FO",
    "Foreign Office",
    "and",
    "of",
    "the",
    "2,500.75",
    "2025-2026",
    "a.m.",
    "e\u{301}",
    "🇵🇰",
    "👍🏽",
    "العربية",
    "中文",
    "\u{0}",
    "\u{7}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{2028}",
    "Ⅻ",
    "ǅ",
    "İ",
    "ß",
    "ﬁ",
    "Ω",
    "x",
    "NEW YORK —",
    "Deputy Prime Minister and",
    "administration",
    "embassy",
    "Cyclone",
];

fn random_body(rng: &mut Rng, max_parts: usize) -> String {
    let mut s = String::new();
    let n = rng.below(max_parts) + 1;
    for _ in 0..n {
        if rng.below(4) == 0 {
            // Any scalar value, including controls, combining marks and astral planes.
            let c = loop {
                let v = rng.below(0x11_0000) as u32;
                if let Some(c) = char::from_u32(v) {
                    break c;
                }
            };
            s.push(c);
        } else {
            s.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
            if rng.below(2) == 0 {
                s.push(' ');
            }
        }
    }
    s
}

static PIPELINE: std::sync::LazyLock<Pipeline> =
    std::sync::LazyLock::new(|| Pipeline::new(default_stages()).unwrap());

fn check(body: &str) {
    let article = Article {
        body: body.to_string(),
        ..Default::default()
    };
    let opts = ExtractOptions::default();
    let p = &*PIPELINE;
    let mut doc = Doc::new(&article, &opts);
    p.run(&mut doc, &mut |_, _| {}).unwrap();
    let ok = |s: factx_core::model::Span| {
        s.start <= s.end && body.is_char_boundary(s.start) && body.is_char_boundary(s.end)
    };
    for t in &doc.tokens {
        assert!(
            ok(t.span) && !t.span.is_empty(),
            "token {:?} in {body:?}",
            t.span
        );
    }
    for w in doc.tokens.windows(2) {
        assert!(
            w[0].span.end <= w[1].span.start,
            "tokens overlap in {body:?}"
        );
    }
    for s in &doc.sentences {
        assert!(ok(s.span), "sentence {:?} in {body:?}", s.span);
        assert!(s.tokens.start < s.tokens.end && s.tokens.end <= doc.tokens.len());
    }
    for m in &doc.mentions {
        assert!(
            ok(m.span) && !m.span.is_empty(),
            "mention {:?} in {body:?}",
            m.span
        );
    }
    for t in &doc.titles {
        assert!(ok(t.span));
        assert_eq!(t.span.slice(body), t.text);
        assert!(t.person_mention < doc.mentions.len());
    }
    for e in &doc.entities {
        for m in &e.mentions {
            assert!(ok(m.span));
            assert_eq!(m.span.slice(body), m.text);
        }
    }
    if let Some(d) = &doc.dateline {
        assert!(ok(d.place));
    }
    check_syntax(body, &doc);
}

/// One tree per parse unit (a sentence, or a piece of an over-long one): one root, heads inside
/// the unit, no cycle, a lemma for every token.
fn check_syntax(body: &str, doc: &Doc<'_>) {
    let syn = &doc.syntax;
    assert_eq!(
        syn.len(),
        doc.tokens.len(),
        "syntax for every token of {body:?}"
    );
    for unit in parse_units(body, &doc.tokens, &doc.sentences) {
        assert!(unit.len() <= MAX_PARSE_TOKENS);
        let roots = unit.clone().filter(|&i| syn.head(i).is_none()).count();
        assert_eq!(roots, 1, "one root per unit in {body:?}");
        for i in unit.clone() {
            if let Some(h) = syn.head(i) {
                assert!(unit.contains(&h) && h != i, "head of {i} in {body:?}");
            } else {
                assert_eq!(syn.rel(i), factx_core::syntax::Rel::Root);
            }
            assert!(unit.contains(&syn.root_of(i)));
            assert!(!syn.lemma(i).is_empty(), "lemma of {i} in {body:?}");
            let sub = syn.subtree(i);
            assert!(sub.contains(&i) && sub.start >= unit.start && sub.end <= unit.end);
        }
    }
}

#[test]
fn arbitrary_bodies_never_panic_and_spans_slice() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..2000 {
        let body = random_body(&mut rng, 60);
        check(&body);
    }
}

#[test]
fn degenerate_large_inputs() {
    // Sizes stay moderate: debug builds run the statistical tagger unoptimized.
    check(&"a".repeat(40_000));
    check(&"Aa ".repeat(5_000));
    check(&"U.S. ".repeat(3_000));
    check(&".".repeat(20_000));
    check(&"’s".repeat(5_000));
    check(&"He said. ".repeat(2_000));
    check(&"Foreign Minister Jane Doe and ".repeat(500));
    check(&"\n".repeat(5_000));
    check(&"é\u{301}".repeat(5_000));
    // A "sentence" of 5,000 tokens without punctuation: parsed in pieces, in linear time.
    check(&"word ".repeat(5_000));
    check(&"the big dog saw a cat ".repeat(900));
}
