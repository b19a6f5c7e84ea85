//! `factx train ner` and `factx eval ner`: the NER model's training and evaluation commands.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use factx_core::ner::Model;
use factx_train::ner::{data, eval, train};

#[derive(Args, Debug)]
pub struct TrainNerArgs {
    /// GUM CoNLL-U directory (repeatable), e.g. ../shared/data/gum/conllu/train.
    #[arg(long = "gum")]
    pub gum: Vec<PathBuf>,
    /// IOB2 file with PER/ORG/LOC tags (repeatable), e.g. UNER-EWT dev.
    #[arg(long = "data", alias = "conll")]
    pub conll: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value_t = train::TrainConfig::default().seed)]
    pub seed: u64,
    #[arg(long, default_value_t = train::TrainConfig::default().epochs)]
    pub epochs: usize,
}

#[derive(Args, Debug)]
pub struct EvalNerArgs {
    /// IOB2 file to score against (repeatable).
    #[arg(long)]
    pub conll: Vec<PathBuf>,
    /// GUM CoNLL-U directory to score against (repeatable).
    #[arg(long)]
    pub gum: Vec<PathBuf>,
    /// Model file [default: the model embedded in this binary].
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Score the whole engine (what the service returns: tagger + lexicons + rules + coref)
    /// on documents rebuilt from the gold tokens, next to the tagger alone.
    #[arg(long)]
    pub pipeline: bool,
    /// With --pipeline: print the pipeline's errors (MISS, FALSE, TYPE) with their sentences.
    #[arg(long, requires = "pipeline")]
    pub errors: bool,
}

pub fn train(a: TrainNerArgs) -> anyhow::Result<i32> {
    let mut sentences = Vec::new();
    for d in &a.gum {
        sentences
            .extend(data::read_gum_dir(d).with_context(|| format!("reading {}", d.display()))?);
    }
    for f in &a.conll {
        sentences
            .extend(data::read_conll_iob(f).with_context(|| format!("reading {}", f.display()))?);
    }
    anyhow::ensure!(
        !sentences.is_empty(),
        "no training sentences: give --gum DIR or --data FILE"
    );
    let cfg = train::TrainConfig {
        seed: a.seed,
        epochs: a.epochs,
        ..Default::default()
    };
    let model = train::train(&cfg, &sentences);
    let bytes = model.save();
    std::fs::write(&a.out, &bytes).with_context(|| format!("writing {}", a.out.display()))?;
    eprintln!(
        "factx train ner: {} sentences → {} ({} bytes)",
        sentences.len(),
        a.out.display(),
        bytes.len()
    );
    Ok(0)
}

pub fn eval(a: EvalNerArgs) -> anyhow::Result<i32> {
    anyhow::ensure!(
        !a.conll.is_empty() || !a.gum.is_empty(),
        "give --conll FILE or --gum DIR"
    );
    let loaded;
    let model: &Model = match &a.model {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
            loaded = Model::load(&bytes).map_err(|e| anyhow::anyhow!("{}: {e:?}", p.display()))?;
            &loaded
        }
        None => factx_core::ner::embedded(),
    };
    let engine = if a.pipeline {
        Some(eval::engine_with_model(model.clone()).map_err(|e| anyhow::anyhow!("{e:?}"))?)
    } else {
        None
    };
    let mut sets = Vec::new();
    for f in &a.conll {
        let s = data::read_conll_iob(f).with_context(|| format!("reading {}", f.display()))?;
        sets.push((f.display().to_string(), s));
    }
    for d in &a.gum {
        let s = data::read_gum_dir(d).with_context(|| format!("reading {}", d.display()))?;
        sets.push((d.display().to_string(), s));
    }
    for (name, sentences) in &sets {
        println!("== tagger {name}\n{}", eval::evaluate(model, sentences));
        if let Some(engine) = &engine {
            let rep = eval::evaluate_pipeline(engine, sentences);
            println!("== pipeline {name}\n{rep}");
            if a.errors {
                for line in eval::pipeline_errors(engine, sentences) {
                    println!("{line}");
                }
            }
        }
    }
    Ok(0)
}
