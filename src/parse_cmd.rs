//! `factx parse`, `factx train parse` and `factx eval parse`: the syntax model's command line.
//! The work is done by `factx_train::parse`; this module reads arguments and files.

use std::io::{BufRead, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use clap::Args;
use factx_core::syntax::SyntaxModel;
use factx_train::conllu;
use factx_train::parse::{eval, raw, train};

#[derive(Args, Debug)]
pub struct ParseArgs {
    /// JSON Lines of Article (proto3 JSON), or '-' for standard input.
    #[arg(default_value = "-")]
    pub input: String,
    /// Treat the input as one plain-text document.
    #[arg(long)]
    pub text: bool,
    /// With --text: the document id.
    #[arg(long, requires = "text", default_value = "text")]
    pub id: String,
    /// Syntax model file [default: the model embedded in this binary].
    #[arg(long)]
    pub model: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct TrainParseArgs {
    /// CoNLL-U training file or directory of `*.conllu` files (repeatable), e.g.
    /// ../shared/data/ud-en-ewt/en_ewt-ud-train.conllu and ../shared/data/gum/conllu/train.
    #[arg(long = "train", required = true)]
    pub train: Vec<PathBuf>,
    /// CoNLL-U file or directory scored after training (repeatable; model selection only).
    #[arg(long = "dev")]
    pub dev: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Tagger training epochs.
    #[arg(long, default_value_t = train::TrainConfig::default().tagger.epochs)]
    pub tagger_epochs: usize,
    /// Parser training epochs.
    #[arg(long, default_value_t = train::TrainConfig::default().parser.epochs)]
    pub parser_epochs: usize,
    /// Jackknifing folds for the parser's training tags.
    #[arg(long, default_value_t = train::TrainConfig::default().folds)]
    pub folds: usize,
    /// Drop the features whose summed absolute weight is below this (smaller, faster model).
    #[arg(long, default_value_t = train::TrainConfig::default().parser.prune)]
    pub prune: f32,
    /// Also write models pruned at these levels, to `<out>.prune-<level>` (comparisons).
    #[arg(long, value_delimiter = ',')]
    pub also_prune: Vec<f32>,
    /// Print progress per epoch.
    #[arg(long)]
    pub verbose: bool,
}

#[derive(Args, Debug)]
pub struct EvalParseArgs {
    /// Gold CoNLL-U file or directory (repeatable; each scored on its own).
    #[arg(long, required = true)]
    pub conllu: Vec<PathBuf>,
    /// Syntax model file [default: the model embedded in this binary].
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Also parse each gold file's text from scratch (segmenter included) and score it with
    /// the CoNLL 2018 shared task's alignment.
    #[arg(long)]
    pub raw: bool,
    /// Score this system CoNLL-U file against the (single) gold file instead of parsing.
    #[arg(long)]
    pub system: Option<PathBuf>,
    /// Only documents whose id starts with one of these (comma-separated), e.g.
    /// GUM_news,GUM_interview.
    #[arg(long, value_delimiter = ',')]
    pub docs: Vec<String>,
    /// With --raw: write the system CoNLL-U here.
    #[arg(long)]
    pub save_system: Option<PathBuf>,
}

fn load_model(path: &Option<PathBuf>) -> anyhow::Result<Arc<SyntaxModel>> {
    Ok(match path {
        None => Arc::new(factx_core::syntax::embedded().clone()),
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
            Arc::new(
                SyntaxModel::load(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?,
            )
        }
    })
}

fn read(path: &std::path::Path) -> anyhow::Result<Vec<conllu::Sentence>> {
    conllu::read_path(path).with_context(|| format!("reading {}", path.display()))
}

/// `factx parse`: CoNLL-U of every input document on standard output.
pub fn parse(a: ParseArgs) -> anyhow::Result<i32> {
    let pipeline = raw::syntax_pipeline(load_model(&a.model)?);
    let mut input: Box<dyn BufRead> = if a.input == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(&a.input).with_context(|| format!("opening {}", a.input))?,
        ))
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let emit = |id: &str, body: &str, out: &mut dyn Write| -> anyhow::Result<()> {
        let mut s = String::new();
        for sent in raw::parse_text(&pipeline, id, body) {
            conllu::write_sentence(&mut s, &sent);
        }
        out.write_all(s.as_bytes())?;
        Ok(())
    };
    if a.text {
        let mut body = String::new();
        input.read_to_string(&mut body).context("reading text")?;
        emit(&a.id, &body, &mut out)?;
        out.flush()?;
        return Ok(0);
    }
    let mut failures = 0;
    for (n, line) in input.lines().enumerate() {
        let line = line.with_context(|| format!("reading line {}", n + 1))?;
        if crate::jsonl::is_blank(&line) {
            continue;
        }
        match crate::jsonl::parse_article(&line) {
            Ok(art) => emit(&art.id, &art.body, &mut out)?,
            Err(e) => {
                failures += 1;
                eprintln!("factx parse: line {}: malformed article JSON: {e}", n + 1);
            }
        }
    }
    out.flush()?;
    Ok(i32::from(failures > 0))
}

/// `factx train parse`.
pub fn train(a: TrainParseArgs) -> anyhow::Result<i32> {
    let mut sentences = Vec::new();
    for p in &a.train {
        sentences.extend(read(p)?);
    }
    let data = factx_train::parse::data::examples(&sentences);
    anyhow::ensure!(!data.is_empty(), "no training sentences in --train");
    let mut cfg = train::TrainConfig::default().with_seed(a.seed);
    cfg.tagger.epochs = a.tagger_epochs;
    cfg.parser.epochs = a.parser_epochs;
    cfg.folds = a.folds;
    cfg.parser.prune = a.prune;
    cfg.tagger.prune = a.prune;
    cfg.verbose = a.verbose;
    let t = std::time::Instant::now();
    let trained = train::train_weights(&cfg, &data);
    for level in &a.also_prune {
        let path = format!("{}.prune-{level}", a.out.display());
        let bytes = trained.model(*level).save();
        std::fs::write(&path, &bytes).with_context(|| format!("writing {path}"))?;
        eprintln!(
            "factx train parse: pruned at {level} → {path} ({} bytes)",
            bytes.len()
        );
    }
    let model = trained.model(a.prune);
    let bytes = model.save();
    std::fs::write(&a.out, &bytes).with_context(|| format!("writing {}", a.out.display()))?;
    eprintln!(
        "factx train parse: {} sentences → {} ({} bytes) in {:.0} s",
        data.len(),
        a.out.display(),
        bytes.len(),
        t.elapsed().as_secs_f64()
    );
    for p in &a.dev {
        println!("== {} (gold tokenization)", p.display());
        println!("{}", eval::evaluate(&model, &read(p)?));
    }
    Ok(0)
}

fn keep_docs(sentences: Vec<conllu::Sentence>, prefixes: &[String]) -> Vec<conllu::Sentence> {
    if prefixes.is_empty() {
        return sentences;
    }
    conllu::documents(&sentences)
        .into_iter()
        .filter(|d| {
            d.first()
                .and_then(|s| s.newdoc())
                .is_some_and(|id| prefixes.iter().any(|p| id.starts_with(p.as_str())))
        })
        .flat_map(|d| d.iter().cloned())
        .collect()
}

/// `factx eval parse`.
pub fn eval(a: EvalParseArgs) -> anyhow::Result<i32> {
    if let Some(sys) = &a.system {
        anyhow::ensure!(
            a.conllu.len() == 1,
            "--system needs exactly one --conllu gold file"
        );
        let gold = keep_docs(read(&a.conllu[0])?, &a.docs);
        let system = read(sys)?;
        let r =
            factx_train::parse::align::score(&gold, &system).map_err(|e| anyhow::anyhow!("{e}"))?;
        println!("{}", r.scores);
        return Ok(0);
    }
    let model = load_model(&a.model)?;
    for p in &a.conllu {
        let gold = keep_docs(read(p)?, &a.docs);
        anyhow::ensure!(!gold.is_empty(), "{}: no sentences selected", p.display());
        println!("== {} (gold tokenization)", p.display());
        println!("{}", eval::evaluate(&model, &gold));
        if a.raw {
            let (r, system) =
                raw::evaluate(model.clone(), &gold).map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("== {} (from raw text, CoNLL 2018 alignment)", p.display());
            println!("{}", r.scores);
            if let Some(out) = &a.save_system {
                let mut s = String::new();
                for x in &system {
                    conllu::write_sentence(&mut s, x);
                }
                std::fs::write(out, s).with_context(|| format!("writing {}", out.display()))?;
            }
        }
    }
    Ok(0)
}
