//! End-to-end tests of the NER trainer, the embedded model and the scorer.

use std::path::{Path, PathBuf};

/// `shared/data` beside the repository (or any ancestor), if present.
fn shared_data() -> Option<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared/data"))
        .find(|d| d.join("gum/conllu/dev").is_dir() && d.join("uner-en-ewt").is_dir())
}

use crate::model::EntityType;
use crate::ner::data::{parse_conll_iob, read_conll_iob, read_gum_dir, GoldSpan};
use crate::ner::eval::{evaluate, ConllClass};
use crate::ner::train::{train, TrainConfig};
use crate::ner::{embedded, embedded_is_valid, Model};

const FIXTURE: &str = include_str!("../../tests/fixtures/ner_tiny.iob");

fn tiny_config() -> TrainConfig {
    TrainConfig {
        bits: 16,
        epochs: 10,
        seed: 7,
        caps_copies: 0.0,
        gaz_dropout: 0.0,
        ensemble: 1,
        verbose: false,
    }
}

fn spans_of(model: &Model, tokens: &[String]) -> Vec<GoldSpan> {
    let toks: Vec<&str> = tokens.iter().map(String::as_str).collect();
    model
        .tag(&toks)
        .into_iter()
        .map(|m| GoldSpan {
            start: m.start_token,
            end: m.end_token,
            entity_type: m.entity_type,
        })
        .collect()
}

#[test]
fn training_learns_a_tiny_fixture() {
    let sents = parse_conll_iob(FIXTURE, "tiny");
    assert_eq!(sents.len(), 4);
    let model = train(&tiny_config(), &sents);
    for s in &sents {
        assert_eq!(spans_of(&model, &s.tokens), s.spans, "{:?}", s.tokens);
    }
}

#[test]
fn training_is_reproducible() {
    let sents = parse_conll_iob(FIXTURE, "tiny");
    let a = train(&tiny_config(), &sents).save();
    let b = train(&tiny_config(), &sents).save();
    assert_eq!(a, b);
    let c = train(
        &TrainConfig {
            seed: 8,
            ..tiny_config()
        },
        &sents,
    )
    .save();
    assert_ne!(a, c, "the seed should matter");
}

#[test]
fn eval_counts_exact_spans_per_class() {
    let sents = parse_conll_iob(FIXTURE, "tiny");
    let model = train(&tiny_config(), &sents);
    let perfect = evaluate(&model, &sents);
    assert_eq!(perfect.per_org_loc().f1(), 1.0);
    assert_eq!(perfect.class(ConllClass::Per).tp, 3);
    assert_eq!(perfect.class(ConllClass::Org).tp, 2);
    assert_eq!(perfect.class(ConllClass::Loc).tp, 4);

    // Corrupt the gold: retype one PER as ORG, drop one LOC, shift one ORG's start.
    let mut gold = sents.clone();
    gold[0].spans[0].entity_type = EntityType::Org; // Maria Gonzalez
    gold[1].spans.retain(|s| s.entity_type != EntityType::Gpe); // Nairobi
    gold[2].spans[1].start += 1; // Acme Corp -> Corp
    let r = evaluate(&model, &gold);
    let per = r.class(ConllClass::Per);
    let org = r.class(ConllClass::Org);
    let loc = r.class(ConllClass::Loc);
    assert_eq!((per.tp, per.fp, per.fn_), (2, 1, 0));
    assert_eq!((org.tp, org.fp, org.fn_), (1, 1, 2));
    assert_eq!((loc.tp, loc.fp, loc.fn_), (3, 1, 0));
    let all = r.per_org_loc();
    assert_eq!((all.tp, all.fp, all.fn_), (6, 3, 2));
    assert!((all.f1() - 12.0 / 17.0).abs() < 1e-9);
    assert!(r.to_string().contains("PER/ORG/LOC"));
}

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

/// Development figures on the shared corpora; skipped when they are absent.
#[test]
fn embedded_model_dev_figures() {
    let Some(data) = shared_data() else {
        eprintln!("shared data absent; skipping NER dev figures");
        return;
    };
    let g = evaluate(
        embedded(),
        &read_gum_dir(&data.join("gum/conllu/dev")).unwrap(),
    );
    let u = evaluate(
        embedded(),
        &read_conll_iob(&data.join("uner-en-ewt/en_ewt-ud-test.iob2")).unwrap(),
    );
    eprintln!("GUM dev:\n{g}\nUNER-EWT test:\n{u}");
    assert!(
        g.per_org_loc().f1() > 0.5,
        "GUM dev PER/ORG/LOC F1 {}",
        g.per_org_loc().f1()
    );
    assert!(
        u.per_org_loc().f1() > 0.5,
        "UNER test PER/ORG/LOC F1 {}",
        u.per_org_loc().f1()
    );
}

#[test]
fn rebuilt_docs_map_tokens_to_body_bytes() {
    let text = "# newdoc id = a\n1\tAngela\tB-PER\n2\tMerkel\tI-PER\n3\tspoke\tO\n\n\
                1\tIn\tO\n2\tParis\tB-LOC\n\n# newdoc id = b\n1\tOslo\tB-LOC\n";
    let docs = crate::ner::eval::rebuild_docs(&parse_conll_iob(text, "x"));
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].body, "Angela Merkel spoke\nIn Paris");
    let slice = |d: &crate::ner::eval::RebuiltDoc, i: usize| {
        let (s, e) = d.token_spans[i];
        d.body[s..e].to_string()
    };
    assert_eq!(slice(&docs[0], 4), "Paris");
    assert_eq!(
        docs[0].gold,
        vec![(0, 2, ConllClass::Per), (4, 5, ConllClass::Loc)]
    );
    assert_eq!(docs[1].gold, vec![(0, 1, ConllClass::Loc)]);
}

#[test]
fn pipeline_eval_scores_the_engines_names() {
    use crate::ner::eval::{evaluate_pipeline, score_into, EvalReport, WRONG_SPAN};
    let text = "1\tAngela\tB-PER\n2\tMerkel\tI-PER\n3\tmet\tO\n4\tEmmanuel\tB-PER\n\
                5\tMacron\tI-PER\n6\tin\tO\n7\tParis\tB-LOC\n8\t.\tO\n";
    let engine = crate::Engine::new(Default::default()).unwrap();
    let rep = evaluate_pipeline(&engine, &parse_conll_iob(text, "d"));
    let c = rep.per_org_loc();
    assert_eq!((c.tp, c.fp, c.fn_), (3, 0, 0), "{rep}");
    // A predicted span off the token boundaries never matches.
    let mut rep = EvalReport::default();
    score_into(
        &mut rep,
        &[(0, 1, ConllClass::Org)],
        &[(WRONG_SPAN, WRONG_SPAN, ConllClass::Org)],
    );
    let c = rep.class(ConllClass::Org);
    assert_eq!((c.tp, c.fp, c.fn_), (0, 1, 1));
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
        assert_eq!(t.tag_doc(embedded(), std::slice::from_ref(s)), vec![one]);
    }
}
