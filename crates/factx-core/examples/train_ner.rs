//! Trains the NER model and reports development figures.
//!
//! cargo run --release -p factx-core --example train_ner -- \
//!     --gum-train DIR [--gum-train DIR]... [--iob FILE]... [--out models/ner.bin] \
//!     [--eval-gum DIR]... [--eval-iob FILE]... [--epochs N] [--bits B] [--seed S]
//! With `--model FILE` instead of training data, only evaluates that model.

use std::path::PathBuf;
use std::time::Instant;

use factx_core::ner::{data, eval, train, Model};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut cfg = train::TrainConfig {
        verbose: true,
        ..Default::default()
    };
    let (mut gum, mut iob, mut eval_gum, mut eval_iob) = (vec![], vec![], vec![], vec![]);
    let mut out: Option<PathBuf> = None;
    let mut model_path: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        let mut v = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--gum-train" => gum.push(PathBuf::from(v())),
            "--iob" => iob.push(PathBuf::from(v())),
            "--eval-gum" => eval_gum.push(PathBuf::from(v())),
            "--eval-iob" => eval_iob.push(PathBuf::from(v())),
            "--out" => out = Some(PathBuf::from(v())),
            "--model" => model_path = Some(PathBuf::from(v())),
            "--epochs" => cfg.epochs = v().parse().expect("epochs"),
            "--bits" => cfg.bits = v().parse().expect("bits"),
            "--seed" => cfg.seed = v().parse().expect("seed"),
            "--caps" => cfg.caps_copies = v().parse().expect("caps"),
            other => panic!("unknown argument {other}"),
        }
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
    for d in &eval_gum {
        let sents = data::read_gum_dir(d).expect("read GUM");
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
        println!("== {}\n{}", f.display(), eval::evaluate(&model, &sents));
        // Throughput of the tagger alone on this file's sentences.
        let toks: Vec<Vec<&str>> = sents
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let mut tagger = factx_core::ner::Tagger::new();
        let t = Instant::now();
        let mut n = 0usize;
        for _ in 0..5 {
            for s in &toks {
                n += tagger.tag(&model, s).len();
            }
        }
        let ntok: usize = toks.iter().map(Vec::len).sum::<usize>() * 5;
        println!(
            "tagger: {:.0} tokens/s ({n} mentions)",
            ntok as f64 / t.elapsed().as_secs_f64()
        );
    }
}
