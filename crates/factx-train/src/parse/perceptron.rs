//! An averaged multiclass perceptron over exact (unhashed) features, for training. Rows are kept
//! sparse (only classes a feature was updated for) and averaged lazily: each weight remembers the
//! step of its last change, so an update costs O(1) and the average is computed once at the end.
//! Everything is deterministic: iteration for export is in feature order.

use std::collections::HashMap;

use factx_core::syntax::tagger::IdHash;
use factx_core::syntax::weights::{Row, Scorer, Table};

#[derive(Clone, Copy, Debug)]
struct Cell {
    class: u8,
    w: f32,
    /// Sum of the weight over all steps up to `stamp`.
    total: f64,
    stamp: u64,
}

pub struct Perceptron {
    classes: usize,
    rows: HashMap<u64, Vec<Cell>, IdHash>,
    step: u64,
}

impl Perceptron {
    pub fn new(classes: usize) -> Self {
        Perceptron {
            classes,
            rows: HashMap::with_hasher(IdHash),
            step: 1,
        }
    }

    /// Counts one training decision (the clock of the averaging).
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Adds `delta` to the weight of `class` for every feature.
    pub fn update(&mut self, features: &[u64], class: usize, delta: f32) {
        let now = self.step;
        for &f in features {
            let row = self.rows.entry(f).or_default();
            let cell = match row.iter_mut().position(|c| usize::from(c.class) == class) {
                Some(k) => &mut row[k],
                None => {
                    row.push(Cell {
                        class: class as u8,
                        w: 0.0,
                        total: 0.0,
                        stamp: now,
                    });
                    row.last_mut().expect("just pushed")
                }
            };
            cell.total += (now - cell.stamp) as f64 * f64::from(cell.w);
            cell.stamp = now;
            cell.w += delta;
        }
    }

    /// The standard perceptron update for one decision.
    pub fn learn(&mut self, features: &[u64], gold: usize, guess: usize) {
        if gold != guess {
            self.update(features, gold, 1.0);
            self.update(features, guess, -1.0);
        }
    }

    pub fn feature_count(&self) -> usize {
        self.rows.len()
    }

    /// Averaged weights of every feature, features ascending, zero weights dropped.
    pub fn averaged(&self) -> Vec<Row> {
        let now = self.step as f64;
        let mut keys: Vec<u64> = self.rows.keys().copied().collect();
        keys.sort_unstable();
        let mut out = Vec::with_capacity(keys.len());
        for f in keys {
            let mut weights: Vec<(u8, f32)> = self.rows[&f]
                .iter()
                .map(|c| {
                    let total = c.total + (now - c.stamp as f64) * f64::from(c.w);
                    (c.class, (total / now) as f32)
                })
                .filter(|(_, w)| *w != 0.0)
                .collect();
            weights.sort_unstable_by_key(|(c, _)| *c);
            if !weights.is_empty() {
                out.push(Row {
                    feature: f,
                    weights,
                });
            }
        }
        out
    }

    pub fn classes(&self) -> usize {
        self.classes
    }
}

/// Averaged rows as a run-time table of at most `2^max_bits` slot groups, sized so the slots
/// are about 60% full (a fuller table drops more features on conflicts). Rows whose summed
/// absolute weight is below `prune` are dropped first.
pub fn to_table(classes: usize, rows: &[Row], max_bits: u32, prune: f32) -> Table {
    let rows = prune_rows(
        rows.iter()
            .map(|r| Row {
                feature: r.feature,
                weights: r.weights.clone(),
            })
            .collect(),
        prune,
    );
    let mut bits = 1;
    while bits < max_bits && ((1usize << bits) * 8 * 6 / 10) < rows.len() {
        bits += 1;
    }
    Table::build(bits, classes, rows).expect("table shape")
}

impl Perceptron {
    /// The averaged model as a run-time table (see `to_table`).
    pub fn to_table(&self, max_bits: u32, prune: f32) -> Table {
        to_table(self.classes, &self.averaged(), max_bits, prune)
    }
}

/// Drops the rows (features) whose summed absolute averaged weight is below `min_norm`. Most
/// features are rare and were updated once or twice; their rows are small and many, and
/// dropping them halves a model at no measurable cost in accuracy (see `models/README.md`).
pub fn prune_rows(rows: Vec<Row>, min_norm: f32) -> Vec<Row> {
    if min_norm <= 0.0 {
        return rows;
    }
    rows.into_iter()
        .filter(|r| r.weights.iter().map(|(_, w)| w.abs()).sum::<f32>() >= min_norm)
        .collect()
}

impl Scorer for Perceptron {
    fn classes(&self) -> usize {
        self.classes
    }

    fn add(&self, features: &[u64], scores: &mut [f32]) {
        for f in features {
            if let Some(row) = self.rows.get(f) {
                for c in row {
                    if let Some(s) = scores.get_mut(usize::from(c.class)) {
                        *s += c.w;
                    }
                }
            }
        }
    }
}

/// xorshift64*: tiny, deterministic, enough for shuffling and exploration.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_averages() {
        let mut p = Perceptron::new(2);
        // Features are hashes in real use; the table reads their top and middle bits.
        let f = |k: u64| factx_core::syntax::features::f1(k, 0);
        let data = [
            ([f(1), f(10)], 0usize),
            ([f(2), f(10)], 1),
            ([f(1), f(11)], 0),
            ([f(2), f(11)], 1),
        ];
        for _ in 0..5 {
            for (f, y) in &data {
                let mut s = [0f32; 2];
                p.add(f, &mut s);
                let guess = usize::from(s[1] > s[0]);
                p.learn(f, *y, guess);
                p.tick();
            }
        }
        let t = p.to_table(8, 0.0);
        for (f, y) in &data {
            let mut s = [0f32; 2];
            t.add(f, &mut s);
            assert_eq!(usize::from(s[1] > s[0]), *y);
        }
        // Deterministic export.
        let a: Vec<u64> = p.averaged().iter().map(|r| r.feature).collect();
        assert!(a.windows(2).all(|w| w[0] < w[1]));
    }
}
