//! Averaged structured perceptron: each sentence is decoded with the run-time Viterbi decoder
//! and the weights move where the predicted path differs from the gold one. Deterministic: a fixed seed drives
//! the only randomness (sentence order, which sentences get a capitals copy).

use factx_core::ner::features::{static_features, transition_feature, DocStats, Scratch};
use factx_core::ner::model::{
    begin_tag, bucket, inside_tag, is_begin, tag_type, Model, N_TAGS, OUTSIDE,
};
use factx_core::ner::parse::{self, Parser};
use factx_core::ner::tagger::{Lattice, Scorer};

use crate::ner::data::Sentence;

#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// log2 of the number of hash buckets.
    pub bits: u32,
    pub epochs: usize,
    pub seed: u64,
    /// Fraction of sentences also trained on in capitals (headlines, datelines).
    pub caps_copies: f32,
    /// Probability that a token's gazetteer flags are hidden during training, so the model also
    /// learns from context and does not trust the lists blindly (`Norton` the person vs the town).
    pub gaz_dropout: f32,
    /// Number of models (seeds) averaged into the result.
    pub ensemble: usize,
    /// Most rows the model keeps (the strongest): bounds its size and the memory decoding
    /// touches.
    pub max_rows: usize,
    /// Print per-epoch progress to stderr.
    pub verbose: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            bits: 18,
            epochs: 12,
            seed: 42,
            caps_copies: 0.05,
            gaz_dropout: 0.0,
            ensemble: 3,
            max_rows: factx_core::ner::model::MAX_ROWS,
            verbose: false,
        }
    }
}

/// xorshift64*: tiny, deterministic, good enough for shuffling.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// Gold BIO tags of a sentence.
pub fn gold_tags(s: &Sentence) -> Vec<u8> {
    let mut tags = vec![OUTSIDE; s.tokens.len()];
    for sp in &s.spans {
        if sp.end > tags.len() || sp.start >= sp.end {
            continue;
        }
        tags[sp.start] = begin_tag(sp.entity_type);
        for t in &mut tags[sp.start + 1..sp.end] {
            *t = inside_tag(sp.entity_type);
        }
    }
    tags
}

struct Dense {
    bits: u32,
    w: Vec<f32>,
    /// Sum of step × update, for averaging: avg = w - acc / steps.
    acc: Vec<f64>,
    steps: f64,
}

impl Scorer for Dense {
    #[inline]
    fn add_scores(&self, features: &[u64], scores: &mut [f32; N_TAGS]) {
        for &f in features {
            let b = bucket(f, self.bits) * N_TAGS;
            for (s, w) in scores.iter_mut().zip(&self.w[b..b + N_TAGS]) {
                *s += w;
            }
        }
    }
}

impl Dense {
    fn update(&mut self, features: &[u64], tag: u8, delta: f32) {
        for &f in features {
            let i = bucket(f, self.bits) * N_TAGS + tag as usize;
            self.w[i] += delta;
            self.acc[i] += self.steps * f64::from(delta);
        }
    }
}

struct Example {
    /// Static features of every token, concatenated; `offsets[i]..offsets[i+1]` is token i's.
    feats: Vec<u64>,
    offsets: Vec<usize>,
    gold: Vec<u8>,
    unsure: Vec<bool>,
}

#[allow(clippy::too_many_arguments)]
fn prepare(
    s: &Sentence,
    upper: bool,
    scratch: &mut Scratch,
    parser: &mut Parser,
    doc: &DocStats,
    rng: &mut Rng,
    gaz_dropout: f32,
) -> Example {
    let toks: Vec<String> = if upper {
        s.tokens.iter().map(|t| t.to_uppercase()).collect()
    } else {
        s.tokens.clone()
    };
    let refs: Vec<&str> = toks.iter().map(String::as_str).collect();
    scratch.compute(&refs);
    doc.apply(&refs, scratch);
    // The embedded syntax model's parse, as the pipeline's syntax stage would give it.
    let mut words = Vec::new();
    parser.analyze(&refs, &mut words);
    let mut syn = Vec::new();
    parse::atoms(&words, &mut syn);
    scratch.apply_syntax(&syn);
    for a in &mut scratch.atoms {
        if rng.unit() < gaz_dropout {
            a.flags = 0;
        }
    }
    let mut feats = Vec::new();
    let mut offsets = vec![0];
    for i in 0..refs.len() {
        static_features(scratch, i, &mut feats);
        offsets.push(feats.len());
    }
    Example {
        feats,
        offsets,
        gold: gold_tags(s),
        unsure: (0..s.tokens.len()).map(|i| s.is_unsure(i)).collect(),
    }
}

/// Trains a model on `sentences`.
///
/// With `cfg.ensemble > 1`, trains that many models with seeds `seed, seed+1, ...` and averages
/// their weights: still one linear model, with less of the variance of one shuffle order.
pub fn train(cfg: &TrainConfig, sentences: &[Sentence]) -> Model {
    let bits = cfg.bits.clamp(8, 26);
    let k = cfg.ensemble.max(1);
    let mut sum: Vec<f32> = Vec::new();
    for m in 0..k {
        let one = train_dense(
            &TrainConfig {
                seed: cfg.seed.wrapping_add(m as u64),
                ..cfg.clone()
            },
            bits,
            sentences,
        );
        if sum.is_empty() {
            sum = one;
        } else {
            sum.iter_mut().zip(&one).for_each(|(a, b)| *a += b);
        }
    }
    sum.iter_mut().for_each(|w| *w /= k as f32);
    if cfg.verbose {
        let touched = sum
            .chunks_exact(N_TAGS)
            .filter(|r| r.iter().any(|&w| w != 0.0));
        eprintln!("{} non-zero rows before the cap", touched.count());
    }
    Model::from_dense_capped(bits, &sum, cfg.max_rows)
}

fn train_dense(cfg: &TrainConfig, bits: u32, sentences: &[Sentence]) -> Vec<f32> {
    let mut rng = Rng(cfg.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut scratch = Scratch::default();
    let mut parser = Parser::default();
    let mut examples = Vec::new();
    let mut doc = DocStats::default();
    // Consecutive sentences with the same `doc_id` form a document.
    for group in sentences.chunk_by(|a, b| a.doc_id == b.doc_id) {
        doc.clear();
        for s in group {
            let refs: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            scratch.compute(&refs);
            doc.add(&refs, &scratch);
        }
        for s in group {
            if s.tokens.is_empty() {
                continue;
            }
            examples.push(prepare(
                s,
                false,
                &mut scratch,
                &mut parser,
                &doc,
                &mut rng,
                cfg.gaz_dropout,
            ));
            if rng.unit() < cfg.caps_copies {
                examples.push(prepare(
                    s,
                    true,
                    &mut scratch,
                    &mut parser,
                    &doc,
                    &mut rng,
                    cfg.gaz_dropout,
                ));
            }
        }
    }
    let n = (1usize << bits) * N_TAGS;
    let mut d = Dense {
        bits,
        w: vec![0.0; n],
        acc: vec![0.0; n],
        steps: 1.0,
    };
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut feats: Vec<u64> = Vec::new();
    let mut lattice = Lattice::default();
    let (mut pred, mut gold): (Vec<u8>, Vec<u8>) = (Vec::new(), Vec::new());
    for epoch in 0..cfg.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let (mut errors, mut total) = (0usize, 0usize);
        for &e in &order {
            let ex = &examples[e];
            let n = ex.gold.len();
            lattice.viterbi(
                &d,
                n,
                |i, out| out.extend_from_slice(&ex.feats[ex.offsets[i]..ex.offsets[i + 1]]),
                &mut pred,
            );
            // The gold path: unsure tokens take the predicted tag (no signal there), and an
            // I-tag its new history cannot continue becomes a B-tag.
            gold.clear();
            for i in 0..n {
                let mut g = if ex.unsure[i] { pred[i] } else { ex.gold[i] };
                let prev = if i == 0 { OUTSIDE } else { gold[i - 1] };
                if g != OUTSIDE
                    && !is_begin(g)
                    && (prev == OUTSIDE || tag_type(prev) != tag_type(g))
                {
                    g -= 1;
                }
                gold.push(g);
                if !ex.unsure[i] {
                    total += 1;
                    errors += usize::from(pred[i] != g);
                }
            }
            // Structured perceptron: where the paths differ (tag or history), reward the gold
            // path's features and penalize the predicted one's.
            for i in 0..n {
                let gp = if i == 0 { OUTSIDE } else { gold[i - 1] };
                let pp = if i == 0 { OUTSIDE } else { pred[i - 1] };
                if (gold[i], gp) == (pred[i], pp) {
                    continue;
                }
                let stat = &ex.feats[ex.offsets[i]..ex.offsets[i + 1]];
                feats.clear();
                if gold[i] != pred[i] {
                    feats.extend_from_slice(stat);
                }
                let keep = feats.len();
                feats.push(transition_feature(gp));
                d.update(&feats, gold[i], 1.0);
                feats.truncate(keep);
                feats.push(transition_feature(pp));
                d.update(&feats, pred[i], -1.0);
            }
            d.steps += n as f64;
        }
        if cfg.verbose {
            eprintln!(
                "epoch {}: {} token errors / {} ({:.2}%)",
                epoch + 1,
                errors,
                total,
                100.0 * errors as f64 / total.max(1) as f64
            );
        }
    }
    let steps = d.steps;
    let avg: Vec<f32> =
        d.w.iter()
            .zip(&d.acc)
            .map(|(w, a)| (f64::from(*w) - a / steps) as f32)
            .collect();
    avg
}
