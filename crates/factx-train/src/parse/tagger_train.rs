//! Training the part-of-speech tagger: greedy decoding with the run-time feature code, a
//! perceptron update at every wrong tag, weights averaged.

use std::collections::HashMap;

use factx_core::syntax::features::{AtomBuf, Atoms};
use factx_core::syntax::tagger::{self, TagDict, TaggerModel, NO_TAG, SURE};

use super::data::{Example, TagSet};
use super::perceptron::{Perceptron, Rng};

#[derive(Debug, Clone)]
pub struct TaggerConfig {
    pub epochs: usize,
    pub seed: u64,
    /// log2 of the most slot groups (of 8) of the run-time table.
    pub bits: u32,
    /// Weights below this fraction of the largest are dropped from the run-time table.
    pub prune: f32,
    /// Words seen at least this often get a tag-dictionary entry (their most frequent tag).
    pub dict_min_count: usize,
    /// Words seen at least this often with one tag at least `sure_share` of the time take it
    /// without being scored.
    pub sure_min_count: usize,
    pub sure_share: f64,
}

impl Default for TaggerConfig {
    fn default() -> Self {
        TaggerConfig {
            epochs: 10,
            seed: 7,
            bits: 19,
            prune: 2.0,
            dict_min_count: 5,
            sure_min_count: 20,
            sure_share: 0.99,
        }
    }
}

/// A sentence ready for the tagger: atoms and gold classes.
pub struct Prepared {
    pub atoms: Vec<Atoms>,
    pub gold: Vec<u8>,
}

pub fn prepare(data: &[Example], tagset: &TagSet) -> Vec<Prepared> {
    let mut buf = AtomBuf::default();
    data.iter()
        .map(|e| Prepared {
            atoms: e.forms.iter().map(|f| buf.atoms(f)).collect(),
            gold: tagset.classes(e),
        })
        .collect()
}

/// The usual tag of every word seen at least `cfg.dict_min_count` times, marked `SURE` when the
/// word is frequent and (nearly) unambiguous.
pub fn build_dict(data: &[&Prepared], cfg: &TaggerConfig) -> TagDict {
    let mut counts: HashMap<u64, HashMap<u8, usize>> = HashMap::new();
    for p in data {
        for (a, g) in p.atoms.iter().zip(&p.gold) {
            *counts.entry(a.word).or_default().entry(*g).or_default() += 1;
        }
    }
    let mut pairs: Vec<(u64, u8)> = counts
        .into_iter()
        .filter_map(|(w, c)| {
            let total: usize = c.values().sum();
            let (tag, n) = c
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
            let sure = total >= cfg.sure_min_count && n as f64 >= cfg.sure_share * total as f64;
            (total >= cfg.dict_min_count).then_some((w, if sure { tag | SURE } else { tag }))
        })
        .collect();
    pairs.sort_unstable();
    TagDict::from_pairs(pairs)
}

/// Trains a tagger on `data`.
pub fn train(cfg: &TaggerConfig, tags: &TagSet, data: &[&Prepared], verbose: bool) -> TaggerModel {
    let (p, dict) = train_weights(cfg, tags, data, verbose);
    TaggerModel {
        tags: tags.tags.clone(),
        table: p.to_table(cfg.bits, cfg.prune),
        dict,
    }
}

/// Trains the tagger's perceptron and tag dictionary.
pub fn train_weights(
    cfg: &TaggerConfig,
    tags: &TagSet,
    data: &[&Prepared],
    verbose: bool,
) -> (Perceptron, TagDict) {
    let dict = build_dict(data, cfg);
    let mut p = Perceptron::new(tags.tags.len());
    let mut rng = Rng::new(cfg.seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let (mut feats, mut scores, mut dtags) = (Vec::new(), Vec::new(), Vec::new());
    let mut pred: Vec<u8> = Vec::new();
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        let (mut wrong, mut total) = (0usize, 0usize);
        for &k in &order {
            let s = data[k];
            tagger::dict_tags(&dict, &s.atoms, &mut dtags);
            pred.clear();
            for i in 0..s.atoms.len() {
                if dtags[i] != NO_TAG && dtags[i] & SURE != 0 {
                    pred.push(dtags[i] & !SURE);
                    continue;
                }
                let p1 = if i >= 1 { pred[i - 1] } else { NO_TAG };
                let p2 = if i >= 2 { pred[i - 2] } else { NO_TAG };
                tagger::features(&s.atoms, &dtags, i, p1, p2, &mut feats);
                scores.clear();
                scores.resize(tags.tags.len(), 0.0);
                factx_core::syntax::weights::Scorer::add(&p, &feats, &mut scores);
                let guess = tagger::argmax(&scores);
                let gold = usize::from(s.gold[i]);
                p.learn(&feats, gold, guess);
                p.tick();
                wrong += usize::from(guess != gold);
                total += 1;
                // Continue from the predicted tag, as at run time.
                pred.push(guess as u8);
            }
        }
        if verbose {
            eprintln!(
                "  tagger epoch {}: {:.2}% wrong of {} ({} features)",
                epoch + 1,
                100.0 * wrong as f64 / total.max(1) as f64,
                total,
                p.feature_count()
            );
        }
    }
    (p, dict)
}

/// Tags prepared sentences with a model (joint classes).
pub fn tag_all(model: &TaggerModel, data: &[&Prepared]) -> Vec<Vec<u8>> {
    let (mut feats, mut scores, mut dtags, mut out) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    data.iter()
        .map(|s| {
            tagger::dict_tags(&model.dict, &s.atoms, &mut dtags);
            tagger::tag(
                &model.table,
                &s.atoms,
                &dtags,
                &mut feats,
                &mut scores,
                &mut out,
            );
            out.clone()
        })
        .collect()
}
