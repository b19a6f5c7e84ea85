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
