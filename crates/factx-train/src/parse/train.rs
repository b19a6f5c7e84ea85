//! `factx train parse`: the whole syntax model from CoNLL-U treebanks. The tagger is trained
//! on all the data; the parser is trained on tags predicted by taggers that did not see the
//! sentence (k-fold jackknifing), so it learns to live with the tagger's mistakes.
//! Deterministic: same data, same configuration and seed → byte-identical model.

use std::collections::HashMap;

use factx_core::syntax::parser::{FixedLabels, ParserModel, N_ACTIONS, ROOT_LABEL};
use factx_core::syntax::tagger::TaggerModel;
use factx_core::syntax::weights::Row;
use factx_core::syntax::{Rel, SyntaxModel};

use super::perceptron::to_table;

use super::data::{self, Example, TagSet};
use super::lemma_train;
use super::parser_train::{self, ParseExample, ParserConfig};
use super::tagger_train::{self, TaggerConfig};

#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub tagger: TaggerConfig,
    pub parser: ParserConfig,
    /// Jackknifing folds for the parser's training tags (1 = gold tags).
    pub folds: usize,
    /// (UPOS, XPOS) pairs seen fewer times are folded into a frequent pair.
    pub tag_min_count: usize,
    /// Lemma rules seen fewer times are dropped.
    pub lemma_min_count: usize,
    pub verbose: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            tagger: TaggerConfig::default(),
            parser: ParserConfig::default(),
            folds: 5,
            tag_min_count: 10,
            lemma_min_count: 2,
            verbose: false,
        }
    }
}

impl TrainConfig {
    /// Every random choice derives from one seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.tagger.seed = seed;
        self.parser.seed = seed.wrapping_add(1);
        self
    }
}

/// Relations by frequency (most frequent first), `root` excluded.
pub fn label_set(data: &[Example]) -> Vec<Rel> {
    let mut count: HashMap<Rel, usize> = HashMap::new();
    for e in data {
        for r in &e.rels {
            if *r != Rel::Root {
                *count.entry(*r).or_default() += 1;
            }
        }
    }
    let mut v: Vec<(Rel, usize)> = count.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.into_iter().map(|(r, _)| r).collect()
}

/// The outcome of training before quantization: averaged weights that can be turned into run-time
/// models at several pruning levels.
pub struct Trained {
    pub tags: Vec<(factx_core::syntax::Upos, factx_core::syntax::Xpos)>,
    pub tagger: Vec<Row>,
    pub dict: factx_core::syntax::tagger::TagDict,
    pub lemmatizer: factx_core::syntax::lemma::Lemmatizer,
    pub labels: Vec<Rel>,
    pub actions: Vec<Row>,
    pub labeler: Vec<Row>,
    pub fixed: FixedLabels,
    pub tagger_bits: u32,
    pub action_bits: u32,
    pub label_bits: u32,
}

impl Trained {
    /// The run-time model, rows whose summed absolute weight is below `prune` dropped.
    pub fn model(&self, prune: f32) -> SyntaxModel {
        SyntaxModel {
            tagger: TaggerModel {
                tags: self.tags.clone(),
                table: to_table(self.tags.len(), &self.tagger, self.tagger_bits, prune),
                dict: self.dict.clone(),
            },
            lemmatizer: self.lemmatizer.clone(),
            parser: ParserModel {
                labels: self.labels.clone(),
                actions: to_table(N_ACTIONS, &self.actions, self.action_bits, prune),
                labeler: to_table(self.labels.len(), &self.labeler, self.label_bits, prune),
                fixed: self.fixed.clone(),
            },
        }
    }
}

/// Trains tagger, lemmatizer and parser on `data`.
pub fn train(cfg: &TrainConfig, data: &[Example]) -> SyntaxModel {
    train_weights(cfg, data).model(cfg.parser.prune)
}

/// Trains tagger, lemmatizer and parser on `data`, keeping the unquantized weights.
pub fn train_weights(cfg: &TrainConfig, data: &[Example]) -> Trained {
    let say = |m: String| {
        if cfg.verbose {
            eprintln!("{m}");
        }
    };
    let tagset = TagSet::build(data, cfg.tag_min_count);
    say(format!(
        "{} sentences, {} words, {} joint tags",
        data.len(),
        data.iter().map(Example::len).sum::<usize>(),
        tagset.tags.len()
    ));
    let prepared = tagger_train::prepare(data, &tagset);
    // Jackknifed tags for the parser.
    let folds = cfg.folds.max(1);
    let mut predicted: Vec<Vec<u8>> = vec![Vec::new(); data.len()];
    if folds == 1 {
        for (k, p) in prepared.iter().enumerate() {
            predicted[k] = p.gold.clone();
        }
    } else {
        for f in 0..folds {
            let fold = |k: usize| k * folds / data.len().max(1);
            let train: Vec<&tagger_train::Prepared> = prepared
                .iter()
                .enumerate()
                .filter(|(k, _)| fold(*k) != f)
                .map(|(_, p)| p)
                .collect();
            let held: Vec<usize> = (0..data.len()).filter(|&k| fold(k) == f).collect();
            say(format!(
                "jackknife fold {}/{}: tagger on {} sentences",
                f + 1,
                folds,
                train.len()
            ));
            let m = tagger_train::train(&cfg.tagger, &tagset, &train, false);
            let refs: Vec<&tagger_train::Prepared> = held.iter().map(|&k| &prepared[k]).collect();
            for (k, tags) in held.iter().zip(tagger_train::tag_all(&m, &refs)) {
                predicted[*k] = tags;
            }
        }
        let (mut right, mut total) = (0usize, 0usize);
        for (p, t) in prepared.iter().zip(&predicted) {
            right += p.gold.iter().zip(t).filter(|(a, b)| a == b).count();
            total += p.gold.len();
        }
        say(format!(
            "jackknifed tag accuracy {:.2}%",
            100.0 * right as f64 / total.max(1) as f64
        ));
    }
    say("tagger on all sentences".into());
    let all: Vec<&tagger_train::Prepared> = prepared.iter().collect();
    let (tagger, dict) = tagger_train::train_weights(&cfg.tagger, &tagset, &all, cfg.verbose);
    let lemmatizer = lemma_train::train(data, cfg.lemma_min_count);
    say(format!(
        "lemmatizer: {} exceptions, {} rules",
        lemmatizer.exception_count(),
        lemmatizer.rule_count()
    ));
    let labels = label_set(data);
    let class: HashMap<Rel, u8> = labels
        .iter()
        .enumerate()
        .map(|(k, r)| (*r, k as u8))
        .collect();
    let mut lifted = 0;
    let examples: Vec<ParseExample> = data
        .iter()
        .zip(prepared)
        .zip(predicted)
        .map(|((e, p), tags)| {
            let mut heads = e.heads.clone();
            lifted += data::projectivize(&mut heads);
            ParseExample {
                atoms: p.atoms,
                tags,
                heads,
                labels: e
                    .rels
                    .iter()
                    .map(|r| class.get(r).copied().unwrap_or(ROOT_LABEL))
                    .collect(),
            }
        })
        .collect();
    say(format!(
        "parser: {} labels, {} non-projective arcs lifted",
        labels.len(),
        lifted
    ));
    let fixed = parser_train::fixed_labels(&cfg.parser, tagset.tags.len(), &examples);
    say(format!(
        "parser: {} tag pairs with a fixed label",
        fixed.len()
    ));
    let (actions, labeler) =
        parser_train::train_weights(&cfg.parser, &labels, &fixed, &examples, cfg.verbose);
    Trained {
        tags: tagset.tags.clone(),
        tagger: tagger.averaged(),
        dict,
        lemmatizer,
        labels,
        actions: actions.averaged(),
        labeler: labeler.averaged(),
        fixed,
        tagger_bits: cfg.tagger.bits,
        action_bits: cfg.parser.bits_actions,
        label_bits: cfg.parser.bits_labels,
    }
}
