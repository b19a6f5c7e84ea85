//! Trains the NER model and reports development figures.
//!
//! cargo run --release -p factx-train --example train_ner -- \
//!     --gum-train DIR [--gum-train DIR]... [--iob FILE]... [--out models/ner.bin] \
//!     [--eval-gum DIR]... [--eval-iob FILE]... [--epochs N] [--bits B] [--seed S]
//! With `--model FILE` instead of training data, only evaluates that model.
//! `--cv-news K`: K-fold cross-validation over the GUM news+interview documents (train and
//! eval dirs), training each fold on everything else. `--tag "Tokens separated by spaces"`
//! prints the mentions found. Debugging: `NER_ERRORS=1` prints gold/predicted differences,
//! `NER_UNSURE=1` prints the GUM training tokens left without a label, `NER_EXPLAIN=i` prints
//! the per-feature scores of token i of each `--tag` sentence.

use std::path::PathBuf;
use std::time::Instant;

use factx_core::ner::Model;
use factx_train::ner::{data, eval, train};

/// Passes over the evaluation file when measuring throughput.
const REPS: usize = 20;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut cfg = train::TrainConfig {
        verbose: true,
        ..Default::default()
    };
    let (mut gum, mut iob, mut eval_gum, mut eval_iob) = (vec![], vec![], vec![], vec![]);
    let mut out: Option<PathBuf> = None;
    let mut model_path: Option<PathBuf> = None;
    let mut cv: usize = 0;
    let mut to_tag: Vec<String> = vec![];
    let mut pipeline = false;
    while let Some(a) = args.next() {
        let mut v = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--gum-train" => gum.push(PathBuf::from(v())),
            "--iob" => iob.push(PathBuf::from(v())),
            "--eval-gum" => eval_gum.push(PathBuf::from(v())),
            "--eval-iob" => eval_iob.push(PathBuf::from(v())),
            "--out" => out = Some(PathBuf::from(v())),
            "--tag" => to_tag.push(v()),
            "--pipeline" => {
                pipeline = true;
                continue;
            }
            "--cv-news" => cv = v().parse().expect("folds"),
            "--model" => model_path = Some(PathBuf::from(v())),
            "--epochs" => cfg.epochs = v().parse().expect("epochs"),
            "--bits" => cfg.bits = v().parse().expect("bits"),
            "--seed" => cfg.seed = v().parse().expect("seed"),
            "--gaz-dropout" => cfg.gaz_dropout = v().parse().expect("gaz dropout"),
            "--ensemble" => cfg.ensemble = v().parse().expect("ensemble"),
            "--max-rows" => cfg.max_rows = v().parse().expect("max rows"),
            "--caps" => cfg.caps_copies = v().parse().expect("caps"),
            other => panic!("unknown argument {other}"),
        }
    }
    if std::env::var_os("NER_UNSURE").is_some() {
        for d in &gum {
            for s in data::read_gum_dir(d).expect("read GUM") {
                let marked: Vec<String> = s
                    .tokens
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        if s.is_unsure(i) {
                            format!("<{t}>")
                        } else {
                            t.clone()
                        }
                    })
                    .collect();
                if s.unsure.iter().any(|&u| u) {
                    println!("{}", marked.join(" "));
                }
            }
        }
        return;
    }
    if cv > 0 {
        cross_validate(&cfg, &gum, &eval_gum, &iob, cv);
        return;
    }
    let model = if let Some(p) = model_path {
        Model::load(&std::fs::read(p).expect("read model")).expect("load model")
    } else {
        let mut sents = Vec::new();
        for d in &gum {
            sents.extend(data::read_gum_dir(d).expect("read GUM"));
        }
        for f in &iob {
            sents.extend(data::read_conll_iob(f).expect("read IOB"));
        }
        let ntok: usize = sents.iter().map(|s| s.tokens.len()).sum();
        eprintln!("training on {} sentences, {} tokens", sents.len(), ntok);
        let t = Instant::now();
        let m = train::train(&cfg, &sents);
        eprintln!(
            "trained in {:.1}s, {} rows",
            t.elapsed().as_secs_f64(),
            m.row_count()
        );
        if let Some(o) = &out {
            let bytes = m.save();
            std::fs::write(o, &bytes).expect("write model");
            eprintln!("wrote {} ({} bytes)", o.display(), bytes.len());
            // Evaluate what was written (quantized), not the in-memory weights.
            Model::load(&bytes).expect("reload")
        } else {
            m
        }
    };
    for t in &to_tag {
        let toks: Vec<&str> = t.split_whitespace().collect();
        let shown: Vec<String> = model
            .tag(&toks)
            .iter()
            .map(|m| {
                let name = toks[m.start_token..m.end_token].join(" ");
                format!("[{name} {} {:.2}]", m.entity_type.label(), m.confidence)
            })
            .collect();
        println!("{t}\n  {}", shown.join(" "));
        if let Ok(i) = std::env::var("NER_EXPLAIN")
            .unwrap_or_default()
            .parse::<usize>()
        {
            explain(&model, &toks, i);
        }
    }
    let engine = pipeline.then(|| eval::engine_with_model(model.clone()).expect("engine"));
    for d in &eval_gum {
        let sents = data::read_gum_dir(d).expect("read GUM");
        if let Some(engine) = &engine {
            pipeline_report(engine, &format!("GUM {}", d.display()), &sents);
        }
        if std::env::var_os("NER_ERRORS").is_some() {
            print_errors(&model, &sents);
        }
        println!(
            "== GUM {} (all docs)\n{}",
            d.display(),
            eval::evaluate(&model, &sents)
        );
        let news: Vec<_> = sents
            .into_iter()
            .filter(|s| s.doc_id.contains("_news_") || s.doc_id.contains("_interview_"))
            .collect();
        println!(
            "== GUM {} (news+interview)\n{}",
            d.display(),
            eval::evaluate(&model, &news)
        );
    }
    for f in &eval_iob {
        let sents = data::read_conll_iob(f).expect("read IOB");
        if let Some(engine) = &engine {
            pipeline_report(engine, &f.display().to_string(), &sents);
        }
        println!("== {}\n{}", f.display(), eval::evaluate(&model, &sents));
        // Throughput of the tagger alone on this file's sentences.
        let toks: Vec<Vec<&str>> = sents
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let mut tagger = factx_core::ner::Tagger::new();
        let t = Instant::now();
        let cpu0 = thread_cpu_ns();
        let mut n = 0usize;
        for _ in 0..REPS {
            for s in &toks {
                n += tagger.tag(&model, s).len();
            }
        }
        let ntok: usize = toks.iter().map(Vec::len).sum::<usize>() * REPS;
        let wall = t.elapsed().as_secs_f64();
        let cpu = thread_cpu_ns().zip(cpu0).map(|(b, a)| (b - a) as f64 / 1e9);
        println!(
            "tagger: {:.0} tokens/s wall, {} tokens/s on-CPU ({n} mentions)",
            ntok as f64 / wall,
            cpu.map(|c| format!("{:.0}", ntok as f64 / c))
                .unwrap_or_else(|| "?".into())
        );
    }
}

/// Prints each sentence whose predicted spans differ from the gold ones.
fn print_errors(model: &Model, sents: &[data::Sentence]) {
    let show = |toks: &[String], s: usize, e: usize, t: factx_core::model::EntityType| {
        format!("[{} {}]", toks[s..e].join(" "), t.label())
    };
    // Documents are tagged as such, like `eval::evaluate` does.
    let mut tagger = factx_core::ner::Tagger::new();
    let mut tagged = Vec::new();
    for group in sents.chunk_by(|a, b| a.doc_id == b.doc_id) {
        let toks: Vec<Vec<&str>> = group
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        tagged.extend(tagger.tag_doc(model, &toks, None));
    }
    for (s, found) in sents.iter().zip(tagged) {
        let pred: Vec<String> = found
            .iter()
            .map(|m| show(&s.tokens, m.start_token, m.end_token, m.entity_type))
            .collect();
        let gold: Vec<String> = s
            .spans
            .iter()
            .map(|g| show(&s.tokens, g.start, g.end, g.entity_type))
            .collect();
        let missed: Vec<&String> = gold.iter().filter(|g| !pred.contains(g)).collect();
        let extra: Vec<&String> = pred.iter().filter(|p| !gold.contains(p)).collect();
        if !missed.is_empty() || !extra.is_empty() {
            println!(
                "{}\n  missed {:?}\n  extra  {:?}",
                s.tokens.join(" "),
                missed,
                extra
            );
        }
    }
}

/// K-fold cross-validation over the news and interview documents of every GUM directory given
/// (train and eval): each fold's documents are held out, the model trains on all the rest.
fn cross_validate(
    cfg: &train::TrainConfig,
    gum: &[PathBuf],
    eval_gum: &[PathBuf],
    iob: &[PathBuf],
    k: usize,
) {
    let mut all = Vec::new();
    for d in gum.iter().chain(eval_gum) {
        all.extend(data::read_gum_dir(d).expect("read GUM"));
    }
    let mut extra = Vec::new();
    for f in iob {
        extra.extend(data::read_conll_iob(f).expect("read IOB"));
    }
    let is_news =
        |s: &data::Sentence| s.doc_id.contains("_news_") || s.doc_id.contains("_interview_");
    let mut docs: Vec<String> = all
        .iter()
        .filter(|s| is_news(s))
        .map(|s| s.doc_id.clone())
        .collect();
    docs.dedup();
    let mut total = eval::EvalReport::default();
    let cfg = train::TrainConfig {
        verbose: false,
        ..cfg.clone()
    };
    for f in 0..k {
        let held: Vec<&String> = docs
            .iter()
            .enumerate()
            .filter(|(i, _)| i % k == f)
            .map(|(_, d)| d)
            .collect();
        let (test, mut tr): (Vec<_>, Vec<_>) =
            all.iter().cloned().partition(|s| held.contains(&&s.doc_id));
        tr.extend(extra.iter().cloned());
        let m = train::train(&cfg, &tr);
        if std::env::var_os("NER_ERRORS").is_some() {
            print_errors(&m, &test);
        }
        total.merge(&eval::evaluate(&m, &test));
    }
    println!(
        "== CV over {} news/interview docs, {k} folds\n{total}",
        docs.len()
    );
}

/// Nanoseconds this thread has run on a CPU (Linux), so throughput is not skewed by other
/// processes competing for the cores.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn explain(model: &Model, toks: &[&str], i: usize) {
    use factx_core::model::EntityType;
    use factx_core::ner::features::{static_features, Scratch};
    use factx_core::ner::model::{begin_tag, N_TAGS};
    let mut s = Scratch::default();
    s.compute(toks);
    let mut f = Vec::new();
    static_features(&s, i, &mut f);
    for (k, feat) in f.iter().enumerate() {
        let mut sc = [0f32; N_TAGS];
        model.add_scores(&[*feat], &mut sc);
        println!(
            "{k:2} O {:6.2} PER {:6.2} GPE {:6.2} ORG {:6.2}",
            sc[0],
            sc[begin_tag(EntityType::Person) as usize],
            sc[begin_tag(EntityType::Gpe) as usize],
            sc[begin_tag(EntityType::Org) as usize]
        );
    }
}

/// Pipeline figures for `sents` (all docs, and news+interview ones when there are any);
/// `NER_ERRORS=pipeline` prints each document's missed and extra mentions.
fn pipeline_report(engine: &factx_core::Engine, name: &str, sents: &[data::Sentence]) {
    if std::env::var("NER_ERRORS").is_ok_and(|v| v == "pipeline") {
        for d in eval::rebuild_docs(sents) {
            let pred = eval::pipeline_mentions(engine, &d).unwrap_or_default();
            let show = |&(s, e, c): &(usize, usize, eval::ConllClass)| {
                if s == eval::WRONG_SPAN {
                    format!("[<off-token> {}]", c.label())
                } else {
                    format!(
                        "[{} {}]",
                        &d.body[d.token_spans[s].0..d.token_spans[e - 1].1],
                        c.label()
                    )
                }
            };
            let missed: Vec<String> = d
                .gold
                .iter()
                .filter(|g| !pred.contains(g))
                .map(show)
                .collect();
            let extra: Vec<String> = pred
                .iter()
                .filter(|p| !d.gold.contains(p))
                .map(show)
                .collect();
            println!("# {}\n  missed {:?}\n  extra  {:?}", d.id, missed, extra);
        }
    }
    if std::env::var("NER_ERRORS").is_ok_and(|v| v == "diff") {
        pipeline_diff(engine, sents);
    }
    let t = Instant::now();
    println!(
        "== PIPELINE {name} (all docs)\n{}",
        eval::evaluate_pipeline(engine, sents)
    );
    eprintln!("pipeline eval took {:.1}s", t.elapsed().as_secs_f64());
    let news: Vec<_> = sents
        .iter()
        .filter(|s| s.doc_id.contains("_news_") || s.doc_id.contains("_interview_"))
        .cloned()
        .collect();
    if !news.is_empty() {
        println!(
            "== PIPELINE {name} (news+interview)\n{}",
            eval::evaluate_pipeline(engine, &news)
        );
    }
}

/// Gold mentions the tagger alone finds but the pipeline loses (with what the pipeline has
/// there instead), and pipeline false positives the tagger did not make.
fn pipeline_diff(engine: &factx_core::Engine, sents: &[data::Sentence]) {
    let model = factx_core::ner::embedded();
    let mut at = 0;
    for d in eval::rebuild_docs(sents) {
        let doc_sents = &sents[at..at + d.sentences];
        at += d.sentences;
        let mut tagged = Vec::new();
        let mut first = 0;
        for s in doc_sents {
            let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            for m in model.tag(&toks) {
                tagged.push((
                    first + m.start_token,
                    first + m.end_token,
                    eval::ConllClass::of(m.entity_type),
                ));
            }
            first += toks.len();
        }
        let pred = eval::pipeline_mentions(engine, &d).unwrap_or_default();
        if let Ok(fs) = engine.extract(
            &factx_core::model::Article {
                body: d.body.clone(),
                ..Default::default()
            },
            &Default::default(),
        ) {
            for m in fs.entities.iter().flat_map(|e| &e.mentions) {
                let ok_s = d.token_spans.iter().any(|t| t.0 == m.span.start);
                let ok_e = d.token_spans.iter().any(|t| t.1 == m.span.end);
                if m.kind == factx_core::model::MentionKind::Name && !(ok_s && ok_e) {
                    let ctx = &d.body
                        [m.span.start.saturating_sub(20)..(m.span.end + 20).min(d.body.len())];
                    println!("OFF {:?} in {:?}", m.text, ctx);
                }
            }
        }
        let text = |s: usize, e: usize| {
            if s == eval::WRONG_SPAN {
                "<off-token>".to_string()
            } else {
                d.body[d.token_spans[s].0..d.token_spans[e - 1].1].to_string()
            }
        };
        for g in &d.gold {
            if tagged.contains(g) && !pred.contains(g) {
                let there: Vec<String> = pred
                    .iter()
                    .filter(|p| p.0 != eval::WRONG_SPAN && p.0 < g.1 && g.0 < p.1)
                    .map(|p| format!("{} {}", text(p.0, p.1), p.2.label()))
                    .collect();
                println!("LOST {} {} -> {:?}", text(g.0, g.1), g.2.label(), there);
            }
        }
        for p in &pred {
            if !d.gold.contains(p) && !tagged.contains(p) {
                println!("ADDED-FP {} {}", text(p.0, p.1), p.2.label());
            }
        }
        for p in &pred {
            if d.gold.contains(p) && !tagged.contains(p) {
                println!("ADDED-TP {} {}", text(p.0, p.1), p.2.label());
            }
        }
    }
}
