//! Tests of the embedded model, its features and the Viterbi decoder (training and scoring are
//! tested in factx-train).

use crate::model::EntityType;
use crate::ner::{embedded, embedded_is_valid};

#[test]
fn embedded_model_tags_a_known_sentence() {
    assert!(embedded_is_valid());
    let toks = [
        "Angela", "Merkel", "met", "Emmanuel", "Macron", "in", "Paris", "on", "Tuesday", ".",
    ];
    let got: Vec<(usize, usize, EntityType)> = embedded()
        .tag(&toks)
        .into_iter()
        .map(|m| {
            assert!(m.confidence > 0.0 && m.confidence <= 1.0);
            (m.start_token, m.end_token, m.entity_type)
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (0, 2, EntityType::Person),
            (3, 5, EntityType::Person),
            (6, 7, EntityType::Gpe)
        ]
    );
}

#[test]
fn embedded_model_survives_odd_input() {
    let long = "x".repeat(100_000);
    let inputs: Vec<Vec<&str>> = vec![
        vec![],
        vec![""],
        vec!["\u{0}", "\u{202e}", "🙂", "Ωmega", long.as_str()],
        vec!["A"; 5_000],
    ];
    for toks in inputs {
        for m in embedded().tag(&toks) {
            assert!(m.start_token < m.end_token && m.end_token <= toks.len());
        }
    }
}

#[test]
fn doc_stats_count_other_occurrences_only() {
    use crate::ner::features::{DocStats, Scratch, DOC_AFTER_TITLE, DOC_CAP_MID, DOC_LOWER};
    let s1 = [
        "Shares",
        "rose",
        "after",
        "President",
        "Vance",
        "spoke",
        ".",
    ];
    let s2 = ["The", "shares", "of", "Vance", "Corp", "fell", "."];
    let mut sc = Scratch::default();
    let mut doc = DocStats::default();
    for s in [&s1[..], &s2[..]] {
        sc.compute(s);
        doc.add(s, &sc);
    }
    sc.compute(&s1);
    doc.apply(&s1, &mut sc);
    // `Shares` opens its sentence; `shares` in lower case elsewhere says it is a common word.
    assert_eq!(sc.atoms[0].doc, DOC_LOWER);
    // `Vance` after a title here; elsewhere capitalized mid-sentence, not after a title.
    assert_eq!(sc.atoms[4].doc, DOC_CAP_MID);
    sc.compute(&s2);
    doc.apply(&s2, &mut sc);
    assert_eq!(sc.atoms[3].doc & DOC_AFTER_TITLE, DOC_AFTER_TITLE);
    // A one-sentence document gives no evidence from a word's only occurrence.
    let mut alone = DocStats::default();
    sc.compute(&s1);
    alone.add(&s1, &sc);
    alone.apply(&s1, &mut sc);
    assert!(sc.atoms.iter().all(|a| a.doc == 0));
}

#[test]
fn viterbi_paths_respect_bio_and_tag_doc_matches_tag() {
    use crate::ner::model::{allowed, OUTSIDE};
    use crate::ner::Tagger;
    let sents: Vec<Vec<&str>> = vec![
        "Angela Merkel met the European Central Bank chief in Frankfurt ."
            .split(' ')
            .collect(),
        "ISLAMABAD ( AP ) — of of and the The Bank Bank Bank"
            .split(' ')
            .collect(),
        vec!["\u{0}", "ẞ", "日本", "-", "Mc'Donald"],
    ];
    let mut t = Tagger::new();
    for s in &sents {
        let (tags, probs) = t.decode(embedded(), s);
        let mut prev = OUTSIDE;
        for (&tag, &p) in tags.iter().zip(probs) {
            assert!(allowed(prev, tag), "{s:?}: {prev} -> {tag}");
            assert!((0.0..=1.0).contains(&p));
            prev = tag;
        }
        let one = t.tag(embedded(), s);
        assert_eq!(
            t.tag_doc(embedded(), std::slice::from_ref(s), None),
            vec![one]
        );
    }
}

/// `,” Guterres’ spokesman`: the parser tags a capitalized possessor NOUN (NNS) after a closing
/// quote; the tagger's features read it as PROPN, so the parser's guess does not veto the name.
#[test]
fn a_capitalized_possessor_reads_as_a_proper_noun() {
    use crate::ner::features::Scratch;
    use crate::ner::parse::SyntaxAtoms;
    use crate::syntax::{Rel, Upos};
    let toks = [
        "told", "Guterres", "’", "aides", "'s", "Boss", "Guterres", "'s", "Lines",
    ];
    let noun = |rel: Rel| SyntaxAtoms {
        upos: Upos::Noun as u8 + 1,
        role: rel as u8 + 1,
        ..SyntaxAtoms::default()
    };
    let syn = [
        noun(Rel::Root),
        noun(Rel::Obj), // before a bare ’ after a final s
        noun(Rel::Case),
        noun(Rel::Obj), // lower case: stays a noun
        noun(Rel::Case),
        noun(Rel::NmodPoss), // the parse's relation alone
        noun(Rel::Obj),      // before 's
        noun(Rel::Case),
        noun(Rel::Obj), // no marker after it
    ];
    let mut s = Scratch::default();
    s.compute(&toks);
    s.apply_syntax(&syn);
    let propn: Vec<bool> = s
        .atoms
        .iter()
        .map(|a| a.syn.upos == Upos::Propn as u8 + 1)
        .collect();
    assert_eq!(
        propn,
        [false, true, false, false, false, true, true, false, false]
    );
}

#[test]
fn embedded_model_saves_back_to_its_own_bytes() {
    // The in-memory layout (occupancy words and cache-line rows) holds exactly the file's
    // buckets, scales and weights.
    let file = include_bytes!("../../models/ner.bin");
    assert_eq!(embedded().save(), file.as_slice());
}
