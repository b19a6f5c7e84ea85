//! Training the arc-hybrid parser with a dynamic oracle (Goldberg & Nivre 2013, "Training
//! deterministic parsers with non-deterministic oracles"): at every configuration the oracle
//! tells which transitions lose no reachable gold arc; the perceptron is updated when its choice
//! is not one of them, and with probability `explore` the parser then follows its own (wrong)
//! choice, so it learns to recover from its mistakes as it must at run time. Gold trees are
//! projectivized first (the transition system builds projective trees).
//!
//! The label model is trained alongside, on every correct arc the parser makes, from the same
//! configuration the run-time labeler sees (children labelled by the labeler itself).

use factx_core::syntax::features::Atoms;
use std::collections::HashMap;

use factx_core::syntax::parser::{
    self, best_valid, fixed_label, punct_prefix, FixedLabels, Input, ParserModel, State, LEFT,
    N_ACTIONS, RIGHT, ROOT_LABEL, SHIFT,
};
use factx_core::syntax::tagger::argmax;
use factx_core::syntax::weights::Scorer;
use factx_core::syntax::Rel;

use super::perceptron::{Perceptron, Rng};

#[derive(Debug, Clone)]
pub struct ParserConfig {
    pub epochs: usize,
    pub seed: u64,
    /// Probability of following a wrong predicted transition (from the second epoch on).
    pub explore: f64,
    pub bits_actions: u32,
    pub bits_labels: u32,
    pub prune: f32,
    /// An arc's label is fixed by its words' tags and direction when that combination was seen
    /// at least `fixed_min_count` times with one label at least `fixed_share` of the time.
    pub fixed_min_count: usize,
    pub fixed_share: f64,
}

impl Default for ParserConfig {
    fn default() -> Self {
        ParserConfig {
            epochs: 15,
            seed: 11,
            explore: 0.9,
            bits_actions: 20,
            bits_labels: 18,
            prune: 2.0,
            fixed_min_count: 50,
            fixed_share: 0.995,
        }
    }
}

/// One training sentence for the parser.
pub struct ParseExample {
    pub atoms: Vec<Atoms>,
    /// Tag classes as the tagger predicts them (jackknifed), not gold.
    pub tags: Vec<u8>,
    /// Projective gold heads, node numbers (`heads[k]` is the head of node `k + 1`).
    pub heads: Vec<u32>,
    /// Label class per word (`ROOT_LABEL` for the root's dependent).
    pub labels: Vec<u8>,
}

/// Gold dependents of each node, for the oracle.
struct Gold<'a> {
    heads: &'a [u32],
    /// `kids[h]` = dependents of node h, ascending.
    kids: Vec<Vec<u32>>,
}

impl<'a> Gold<'a> {
    fn new(heads: &'a [u32]) -> Self {
        let mut kids = vec![Vec::new(); heads.len() + 1];
        for (k, &h) in heads.iter().enumerate() {
            kids[h as usize].push(k as u32 + 1);
        }
        Gold { heads, kids }
    }

    fn head(&self, node: u32) -> u32 {
        self.heads[node as usize - 1]
    }

    /// Gold dependents of `x` still in the buffer (at or after `b`).
    fn deps_in_buffer(&self, x: u32, b: u32) -> usize {
        let k = &self.kids[x as usize];
        k.len() - k.partition_point(|&d| d < b)
    }

    /// Cost of each transition: gold arcs it makes unreachable (Goldberg & Nivre 2013, arc-hybrid).
    fn costs(&self, st: &State) -> [usize; N_ACTIONS] {
        let mut c = [usize::MAX; N_ACTIONS];
        let valid = st.valid();
        let b = st.b;
        let in_buffer = |x: u32| x != 0 && x >= b;
        let s0 = st.s(0);
        let s1 = st.s(1);
        if valid & (1 << SHIFT) != 0 {
            // b's head deeper in the stack than s0, and b's dependents on the stack, are lost.
            let mut cost = 0;
            let hb = self.head(b);
            let depth = st.stack.len();
            for (k, &x) in st.stack.iter().enumerate() {
                if x != 0 && self.head(x) == b {
                    cost += 1;
                }
                if k + 1 < depth && x == hb {
                    cost += 1;
                }
            }
            c[SHIFT] = cost;
        }
        if let Some(s0) = s0.filter(|&x| x != 0) {
            let lost_deps = self.deps_in_buffer(s0, b);
            let h = self.head(s0);
            if valid & (1 << LEFT) != 0 {
                let lost_head = h != b && (Some(h) == s1 || in_buffer(h));
                c[LEFT] = lost_deps + usize::from(lost_head);
            }
            if valid & (1 << RIGHT) != 0 {
                c[RIGHT] = lost_deps + usize::from(in_buffer(h));
            }
        }
        c
    }
}

/// Trains the parser. `labels` is the label set (class k = `labels[k]`), `tags` the number of
/// tag classes.
pub fn train(
    cfg: &ParserConfig,
    labels: &[Rel],
    tags: usize,
    data: &[ParseExample],
    verbose: bool,
) -> ParserModel {
    let fixed = fixed_labels(cfg, tags, data);
    let (actions, labeler) = train_weights(cfg, labels, &fixed, data, verbose);
    ParserModel {
        labels: labels.to_vec(),
        actions: actions.to_table(cfg.bits_actions, cfg.prune),
        labeler: labeler.to_table(cfg.bits_labels, cfg.prune),
        fixed,
    }
}

/// The labels that the (predicted) tags of an arc's words and its direction decide: those seen
/// at least `fixed_min_count` times with one label at least `fixed_share` of the time.
pub fn fixed_labels(cfg: &ParserConfig, tags: usize, data: &[ParseExample]) -> FixedLabels {
    let mut count: HashMap<(u8, u8, bool), HashMap<u8, usize>> = HashMap::new();
    for ex in data {
        for (k, (&h, &l)) in ex.heads.iter().zip(&ex.labels).enumerate() {
            if h == 0 || l == ROOT_LABEL {
                continue;
            }
            let key = (ex.tags[k], ex.tags[h as usize - 1], k as u32 + 1 > h);
            *count.entry(key).or_default().entry(l).or_default() += 1;
        }
    }
    let mut entries: Vec<((u8, u8, bool), u8)> = count
        .into_iter()
        .filter_map(|(key, c)| {
            let total: usize = c.values().sum();
            let (l, n) = c
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
            (total >= cfg.fixed_min_count && n as f64 >= cfg.fixed_share * total as f64)
                .then_some((key, l))
        })
        .collect();
    entries.sort_unstable();
    FixedLabels::new(tags, entries)
}

/// Trains the transition and label perceptrons (arcs whose label `fixed` decides are not
/// learned from, as they are never scored at run time).
pub fn train_weights(
    cfg: &ParserConfig,
    labels: &[Rel],
    fixed: &FixedLabels,
    data: &[ParseExample],
    verbose: bool,
) -> (Perceptron, Perceptron) {
    let mut actions = Perceptron::new(N_ACTIONS);
    let mut labeler = Perceptron::new(labels.len());
    let mut rng = Rng::new(cfg.seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut st = State::default();
    let (mut feats, mut lfeats) = (Vec::new(), Vec::new());
    let mut scores = vec![0f32; N_ACTIONS];
    let mut lscores = Vec::new();
    let mut punct = Vec::new();
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        let (mut wrong, mut steps, mut lwrong, mut larcs) = (0usize, 0usize, 0usize, 0usize);
        let explore = if epoch == 0 { 0.0 } else { cfg.explore };
        for &k in &order {
            let ex = &data[k];
            punct_prefix(&ex.atoms, &mut punct);
            let inp = Input {
                atoms: &ex.atoms,
                tags: &ex.tags,
                punct: &punct,
            };
            let gold = Gold::new(&ex.heads);
            st.reset(ex.atoms.len());
            while !st.is_terminal() {
                let valid = st.valid();
                let costs = gold.costs(&st);
                let chosen = if valid.count_ones() == 1 {
                    valid.trailing_zeros() as usize
                } else {
                    parser::features(&inp, &st, &mut feats);
                    scores.iter_mut().for_each(|s| *s = 0.0);
                    actions.add(&feats, &mut scores);
                    let pred = best_valid(&scores, valid);
                    let min = costs.iter().copied().min().unwrap_or(0);
                    // The best-scoring transition among the cheapest (zero-cost when possible).
                    let mut good = usize::MAX;
                    for a in 0..N_ACTIONS {
                        if valid & (1 << a) != 0
                            && costs[a] == min
                            && (good == usize::MAX || scores[a] > scores[good])
                        {
                            good = a;
                        }
                    }
                    steps += 1;
                    if costs[pred] > min {
                        wrong += 1;
                        actions.learn(&feats, good, pred);
                        actions.tick();
                        if rng.unit() < explore {
                            pred
                        } else {
                            good
                        }
                    } else {
                        actions.tick();
                        pred
                    }
                };
                let label = match st.arc(chosen) {
                    Some((0, _)) => ROOT_LABEL,
                    Some((h, d)) if fixed_label(fixed, &inp, h, d).is_some() => {
                        fixed_label(fixed, &inp, h, d).unwrap_or(0)
                    }
                    Some((h, d)) => {
                        parser::label_features(&inp, &st, h, d, &mut lfeats);
                        lscores.clear();
                        lscores.resize(labels.len(), 0.0);
                        labeler.add(&lfeats, &mut lscores);
                        let guess = argmax(&lscores);
                        if gold.head(d) == h {
                            let g = ex.labels[d as usize - 1];
                            if g != ROOT_LABEL {
                                larcs += 1;
                                lwrong += usize::from(guess != usize::from(g));
                                labeler.learn(&lfeats, usize::from(g), guess);
                                labeler.tick();
                            }
                        }
                        guess as u8
                    }
                    None => 0,
                };
                st.apply(chosen, label);
            }
        }
        if verbose {
            eprintln!(
                "  parser epoch {}: {:.2}% wrong transitions of {}, {:.2}% wrong labels of {} ({} + {} features)",
                epoch + 1,
                100.0 * wrong as f64 / steps.max(1) as f64,
                steps,
                100.0 * lwrong as f64 / larcs.max(1) as f64,
                larcs,
                actions.feature_count(),
                labeler.feature_count()
            );
        }
    }
    (actions, labeler)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Following the zero-cost transitions from the start rebuilds any projective tree.
    #[test]
    fn oracle_reaches_the_gold_tree() {
        let trees: &[&[u32]] = &[
            &[2, 0, 2],
            &[0, 1, 1, 3, 3],
            &[3, 3, 0, 5, 3, 5],
            &[0],
            &[4, 4, 4, 0, 4, 5, 6],
        ];
        for heads in trees {
            let gold = Gold::new(heads);
            let mut st = State::default();
            st.reset(heads.len());
            while !st.is_terminal() {
                let c = gold.costs(&st);
                let a = (0..N_ACTIONS)
                    .find(|&a| c[a] == 0)
                    .expect("a zero-cost transition");
                st.apply(a, 0);
            }
            for (k, h) in heads.iter().enumerate() {
                assert_eq!(st.heads[k + 1], *h, "tree {heads:?}");
            }
        }
    }
}
