//! The default stages' contracts, checked on real articles (the seed, eight Wikinews articles)
//! and a few invented ones for shapes they lack (datelines, an interview):
//! - reads: a stage run on a doc holding only the annotations it declares gives the same output
//!   as on the full doc (a stage that reads an undeclared annotation sees it empty, and its output
//!   changes or it panics);
//! - needs: removing any one declared input changes some article's output (nothing declared for
//!   show, so the order check proves what it claims);
//! - writes: a stage leaves every annotation it does not declare untouched;
//! - the stage table in `lib.rs` lists the same stages, reads and writes, in the same order.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::{DateTime, Utc};

use crate::doc::{Annotation, Doc};
use crate::model::{Article, ExtractOptions};
use crate::pipeline::default_stages;
use crate::stage::Stage;

#[path = "../../examples/common/article.rs"]
mod article_json;
use article_json::article_from_line;

const SEED_JSON: &str = include_str!("../../../../tests/fixtures/seed_article.json");
const WIKINEWS: &str = include_str!("../../benches/fixtures/wikinews.jsonl");

/// Shapes the fixtures lack, so that every declared input matters somewhere.
const INVENTED: &[&str] = &[
    // `here` is the dateline's place.
    "ISLAMABAD: Foreign Secretary Jane Doe met Kenyan Ambassador John Roe here on Monday. Roe \
     said Kenya would send a delegation to Pakistan next week. She thanked him.",
    // The dateline's country decides whether `the Kenyan president` can be an unqualified one.
    "ISLAMABAD: President Jane Doe met the envoy. The Kenyan president said talks went well.",
    "Jane Doe talks to Wikinews about her garden.\n\
     Jane Doe, a retired nurse, grows roses in Leeds.\n\
     Why roses?\n\
     I have always loved them. My mother grew them there.\n\
     What did your neighbours say?\n\
     They laughed at first, but now they ask me for advice.",
    // A sentence end the time grammar's own clause rule misses (`."`), with a tense cue on one
    // side only.
    "Officials said: \"The envoy will visit.\" On Monday she is in Paris.",
];

fn corpus() -> Vec<Article> {
    let published = DateTime::parse_from_rfc3339("2024-08-13T06:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    std::iter::once(SEED_JSON.trim())
        .chain(WIKINEWS.lines().filter(|l| !l.trim().is_empty()))
        .map(article_from_line)
        .chain(INVENTED.iter().map(|b| Article {
            body: b.to_string(),
            published_at: Some(published),
            ..Default::default()
        }))
        .collect()
}

/// A doc with the stages before `k` run on it.
fn prepared<'a>(
    stages: &[Box<dyn Stage>],
    k: usize,
    article: &'a Article,
    opts: &'a ExtractOptions,
) -> Doc<'a> {
    let mut doc = Doc::new(article, opts);
    for s in &stages[..k] {
        s.run(&mut doc).unwrap();
        for a in s.provides() {
            doc.mark(*a);
        }
    }
    doc
}

/// Runs stage `k` on `doc` and prints what it provides; a panic prints as such.
fn output(stage: &dyn Stage, doc: &mut Doc<'_>) -> String {
    let ran = catch_unwind(AssertUnwindSafe(|| stage.run(doc)));
    match ran {
        Ok(Ok(())) => stage
            .provides()
            .iter()
            .map(|a| doc.dump(*a))
            .collect::<Vec<_>>()
            .join("\n"),
        Ok(Err(e)) => format!("error: {e}"),
        Err(_) => "panicked".to_string(),
    }
}

#[test]
fn stages_read_only_what_they_declare() {
    let stages = default_stages();
    let opts = ExtractOptions::default();
    let articles = corpus();
    for (k, stage) in stages.iter().enumerate() {
        for article in &articles {
            let mut full = prepared(&stages, k, article, &opts);
            let want = output(stage.as_ref(), &mut full);
            let mut bare = prepared(&stages, k, article, &opts);
            for a in Annotation::ALL {
                if !stage.requires().contains(&a) {
                    bare.clear(a);
                }
            }
            let got = output(stage.as_ref(), &mut bare);
            assert!(
                got == want,
                "stage {} reads something it does not declare ({:?}): article {:?}",
                stage.name(),
                stage.requires(),
                article.id
            );
        }
    }
}

#[test]
fn stages_need_every_input_they_declare() {
    let stages = default_stages();
    let opts = ExtractOptions::default();
    let articles = corpus();
    for (k, stage) in stages.iter().enumerate() {
        for &a in stage.requires() {
            let matters = articles.iter().any(|article| {
                let mut full = prepared(&stages, k, article, &opts);
                let want = output(stage.as_ref(), &mut full);
                let mut without = prepared(&stages, k, article, &opts);
                without.clear(a);
                output(stage.as_ref(), &mut without) != want
            });
            assert!(
                matters,
                "stage {} declares {a:?} but no article's output depends on it",
                stage.name()
            );
        }
    }
}

#[test]
fn stages_write_only_what_they_declare() {
    let stages = default_stages();
    let opts = ExtractOptions::default();
    for article in &corpus() {
        let mut doc = Doc::new(article, &opts);
        for stage in &stages {
            let before: Vec<String> = Annotation::ALL.iter().map(|a| doc.dump(*a)).collect();
            stage.run(&mut doc).unwrap();
            for (a, was) in Annotation::ALL.iter().zip(before) {
                assert!(
                    stage.provides().contains(a) || doc.dump(*a) == was,
                    "stage {} changes {a:?}, which it does not declare: article {:?}",
                    stage.name(),
                    article.id
                );
            }
        }
    }
}

/// Annotation names of a table cell (`tokens, sentences`; `–` for none).
fn cell(s: &str) -> Vec<String> {
    s.split(',')
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty() && w != "–")
        .collect()
}

fn names(list: &[Annotation]) -> Vec<String> {
    list.iter().map(|a| a.name().to_string()).collect()
}

#[test]
fn lib_table_matches_the_declarations() {
    let rows: Vec<Vec<String>> = include_str!("../lib.rs")
        .lines()
        .filter_map(|l| l.strip_prefix("//! |"))
        .map(|l| l.split('|').map(|c| c.trim().to_string()).collect())
        .filter(|c: &Vec<String>| c[0] != "stage" && !c[0].starts_with('-'))
        .collect();
    let stages = default_stages();
    let table: Vec<(String, Vec<String>, Vec<String>)> = rows
        .iter()
        .map(|c| (c[0].clone(), cell(&c[1]), cell(&c[2])))
        .collect();
    let declared: Vec<(String, Vec<String>, Vec<String>)> = stages
        .iter()
        .map(|s| {
            (
                s.name().to_string(),
                names(s.requires()),
                names(s.provides()),
            )
        })
        .collect();
    assert_eq!(table, declared, "lib.rs's stage table is out of date");
}
