//! End-to-end tests of the NER trainer and the scorer, and the embedded model's development
//! figures on the shared corpora.

use std::path::{Path, PathBuf};

/// `shared/data` beside the repository (or any ancestor), if present.
fn shared_data() -> Option<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared/data"))
        .find(|d| d.join("gum/conllu/dev").is_dir() && d.join("uner-en-ewt").is_dir())
}

use factx_core::model::EntityType;
use factx_core::ner::{embedded, Model};

use crate::ner::data::{parse_conll_iob, read_conll_iob, read_gum_dir, GoldSpan};
use crate::ner::eval::{evaluate, ConllClass};
use crate::ner::train::{train, TrainConfig};

const FIXTURE: &str = include_str!("../../tests/fixtures/ner_tiny.iob");

fn tiny_config() -> TrainConfig {
    TrainConfig {
        bits: 16,
        epochs: 10,
        seed: 7,
        caps_copies: 0.0,
        gaz_dropout: 0.0,
        ensemble: 1,
        max_rows: factx_core::ner::model::MAX_ROWS,
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
    let engine = factx_core::Engine::new(Default::default()).unwrap();
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
