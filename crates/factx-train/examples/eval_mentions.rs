//! Mention-level evaluation of the entity + coref stages (names only, exact spans, CoNLL classes
//! PER/ORG/LOC/MISC) on GUM CoNLL-U or IOB2 files, with and without the statistical tagger.
//! Usage: eval_mentions (--gum DIR | --iob FILE) [--news]
//! Documents are rebuilt from the gold tokens (space-joined, one sentence per line).

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use factx_core::doc::Doc;
use factx_core::entities::{EmbeddedNer, EntityStage};
use factx_core::model::{Article, ExtractOptions, MentionKind};
use factx_core::pipeline::{default_stages, Pipeline};
use factx_core::stage::Stage;
use factx_train::ner::data::{read_conll_iob, read_gum_dir, Sentence};
use factx_train::ner::eval::ConllClass;

fn pipeline(tagger: bool) -> Pipeline {
    let stages: Vec<Box<dyn Stage>> = default_stages()
        .into_iter()
        .map(|s| -> Box<dyn Stage> {
            if s.name() != "entities" {
                s
            } else if tagger {
                Box::new(EntityStage::with_tagger(Arc::new(EmbeddedNer)))
            } else {
                Box::new(EntityStage::new())
            }
        })
        .collect();
    Pipeline::new(stages).unwrap()
}

type Key = (usize, usize, &'static str);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sents = if let Some(i) = args.iter().position(|a| a == "--gum") {
        read_gum_dir(Path::new(&args[i + 1])).unwrap()
    } else if let Some(i) = args.iter().position(|a| a == "--iob") {
        read_conll_iob(Path::new(&args[i + 1])).unwrap()
    } else {
        panic!("usage: eval_mentions (--gum DIR | --iob FILE) [--news]");
    };
    let news = args.iter().any(|a| a == "--news");
    // Group sentences into documents.
    let mut docs: Vec<Vec<&Sentence>> = Vec::new();
    for s in &sents {
        if news && !(s.doc_id.contains("news") || s.doc_id.contains("interview")) {
            continue;
        }
        match docs.last_mut() {
            Some(d) if d[0].doc_id == s.doc_id => d.push(s),
            _ => docs.push(vec![s]),
        }
    }
    for tagger in [false, true] {
        let p = pipeline(tagger);
        let (mut tp, mut n_pred, mut n_gold) = (0usize, 0usize, 0usize);
        let (mut tp_span, mut tp_per) = (0usize, 0usize);
        let mut n_gold_per = 0;
        for d in &docs {
            let mut body = String::new();
            let mut gold: HashSet<Key> = HashSet::new();
            for s in d {
                let mut offs = Vec::new();
                for (k, t) in s.tokens.iter().enumerate() {
                    if k > 0 {
                        body.push(' ');
                    }
                    offs.push((body.len(), body.len() + t.len()));
                    body.push_str(t);
                }
                body.push('\n');
                for g in &s.spans {
                    let class = ConllClass::of(g.entity_type).label();
                    gold.insert((offs[g.start].0, offs[g.end - 1].1, class));
                }
            }
            let article = Article {
                body,
                ..Default::default()
            };
            let opts = ExtractOptions::default();
            let mut doc = Doc::new(&article, &opts);
            p.run(&mut doc, &mut |_, _| {}).unwrap();
            let mut pred: HashSet<Key> = HashSet::new();
            for e in &doc.entities {
                for m in e.mentions.iter().filter(|m| m.kind == MentionKind::Name) {
                    pred.insert((
                        m.span.start,
                        m.span.end,
                        ConllClass::of(e.entity_type).label(),
                    ));
                }
            }
            let gold_spans: HashSet<(usize, usize)> = gold.iter().map(|g| (g.0, g.1)).collect();
            n_gold += gold.len();
            n_pred += pred.len();
            tp += pred.intersection(&gold).count();
            tp_span += pred
                .iter()
                .filter(|x| gold_spans.contains(&(x.0, x.1)))
                .count();
            n_gold_per += gold.iter().filter(|g| g.2 == "PER").count();
            tp_per += pred
                .iter()
                .filter(|x| x.2 == "PER" && gold.contains(x))
                .count();
        }
        let pr = tp as f64 / n_pred.max(1) as f64;
        let rc = tp as f64 / n_gold.max(1) as f64;
        let f = if pr + rc > 0.0 {
            2.0 * pr * rc / (pr + rc)
        } else {
            0.0
        };
        println!(
            "{:<14} docs={} gold={} pred={} typed P={:.3} R={:.3} F1={:.3} | span-only P={:.3} | PER R={:.3}",
            if tagger { "rules+tagger" } else { "rules" },
            docs.len(),
            n_gold,
            n_pred,
            pr,
            rc,
            f,
            tp_span as f64 / n_pred.max(1) as f64,
            tp_per as f64 / n_gold_per.max(1) as f64
        );
    }
}
