//! Dependency parsing: a greedy arc-hybrid transition parser (Kuhlmann, Gómez-Rodríguez & Satta
//! 2011) scored by averaged perceptrons, trained with a dynamic oracle (Goldberg & Nivre 2013; the
//! trainer is in `factx-train`). Unlabeled transitions and relation labels are two models: the
//! transition model sees rich features of the stack and buffer (Zhang & Nivre 2011 templates,
//! adapted to arc-hybrid), and when an arc is made, the label model names it from features of the
//! head, the dependent and the dependent's finished subtree. That keeps each score row narrow,
//! which keeps the model small and the scoring fast.
//!
//! Configuration: a stack whose bottom is the artificial root (node 0) and a buffer of the
//! sentence's tokens (nodes 1..=n). SHIFT pushes the buffer's front; LEFT makes the buffer's front
//! the head of the stack's top and pops it; RIGHT makes the second item of the stack the head of
//! the top and pops it. RIGHT onto the root is allowed only once the buffer is empty, so every
//! parse has exactly one root, and every token gets a head: the output is always a tree.
//! A sentence of n tokens takes exactly 2n transitions.

use super::features::{f1, f2, f3, Atoms, FLAG_PUNCT_ONLY};
use super::tags::Rel;
use super::weights::{Reader, Scorer, Table, TableSource};
use crate::error::Result;

pub const SHIFT: usize = 0;
pub const LEFT: usize = 1;
pub const RIGHT: usize = 2;
pub const N_ACTIONS: usize = 3;

/// No head (yet).
pub const NONE: u32 = u32::MAX;
/// The label of arcs from the root: not one of the label model's classes.
pub const ROOT_LABEL: u8 = u8::MAX;

/// The parser's model: transition weights, label weights and the label set.
#[derive(Debug, Clone, PartialEq)]
pub struct ParserModel {
    /// Class `k` of the label model is `labels[k]` (never `root`).
    pub labels: Vec<Rel>,
    pub actions: Table,
    pub labeler: Table,
    pub fixed: FixedLabels,
}

/// Arcs whose relation their words' tags decide (in training, the same relation at least 99.5%
/// of the time: a determiner before its noun is `det`, a comma is `punct`): (dependent's tag,
/// head's tag, direction) → label class. They skip the label model: a fifth of all arcs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FixedLabels {
    tags: usize,
    /// `(dep * tags + head) * 2 + right` → label class, or `ROOT_LABEL` for none.
    table: Vec<u8>,
}

impl FixedLabels {
    pub fn new(tags: usize, entries: impl IntoIterator<Item = ((u8, u8, bool), u8)>) -> Self {
        let mut table = vec![ROOT_LABEL; tags * tags * 2];
        for ((d, h, right), l) in entries {
            if let Some(x) = table.get_mut(Self::index(tags, d, h, right)) {
                *x = l;
            }
        }
        FixedLabels { tags, table }
    }

    #[inline]
    fn index(tags: usize, dep: u8, head: u8, right: bool) -> usize {
        (usize::from(dep) * tags + usize::from(head)) * 2 + usize::from(right)
    }

    /// The fixed label class of an arc between words tagged `dep` and `head`, if any.
    #[inline]
    pub fn get(&self, dep: u8, head: u8, right: bool) -> Option<u8> {
        self.table
            .get(Self::index(self.tags, dep, head, right))
            .copied()
            .filter(|&l| l != ROOT_LABEL)
    }

    pub fn len(&self) -> usize {
        self.table.iter().filter(|&&l| l != ROOT_LABEL).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn save(&self, out: &mut Vec<u8>) {
        out.push(self.tags as u8);
        out.extend_from_slice(&self.table);
    }

    fn load(r: &mut Reader<'_>, labels: usize) -> Result<FixedLabels> {
        let tags = usize::from(r.u8()?);
        let table = r.take(tags * tags * 2)?.to_vec();
        if table
            .iter()
            .any(|&l| l != ROOT_LABEL && usize::from(l) >= labels)
        {
            return Err(r.bad("fixed label out of range"));
        }
        Ok(FixedLabels { tags, table })
    }
}

impl ParserModel {
    /// A model that knows nothing: every token attaches to its right neighbour.
    pub fn empty() -> ParserModel {
        ParserModel {
            labels: vec![Rel::Dep],
            actions: Table::empty(N_ACTIONS),
            labeler: Table::empty(1),
            fixed: FixedLabels::default(),
        }
    }

    pub fn save(&self, out: &mut Vec<u8>) {
        out.push(self.labels.len() as u8);
        for l in &self.labels {
            out.push(*l as u8);
        }
        self.actions.save(out);
        self.labeler.save(out);
        self.fixed.save(out);
    }

    pub fn load(r: &mut Reader<'_>) -> Result<ParserModel> {
        ParserModel::load_with(r, &mut Table::load)
    }

    /// `load`, the weight tables read by `tables` (decoded, or used in place: `SyntaxModel`).
    pub fn load_with(r: &mut Reader<'_>, tables: &mut TableSource<'_>) -> Result<ParserModel> {
        let n = usize::from(r.u8()?);
        if n == 0 || n >= usize::from(ROOT_LABEL) {
            return Err(r.bad("label count"));
        }
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            let l = Rel::from_index(usize::from(r.u8()?)).ok_or_else(|| r.bad("relation"))?;
            labels.push(l);
        }
        let actions = tables(r)?;
        let labeler = tables(r)?;
        if actions.classes() != N_ACTIONS || labeler.classes() != n {
            return Err(r.bad("parser table widths"));
        }
        let fixed = FixedLabels::load(r, n)?;
        Ok(ParserModel {
            labels,
            actions,
            labeler,
            fixed,
        })
    }
}

/// An arc-hybrid configuration over nodes 0 (root) ..= n.
#[derive(Debug, Clone, Default)]
pub struct State {
    pub n: usize,
    pub stack: Vec<u32>,
    /// Front of the buffer; the buffer is `b..=n` (empty when `b > n`).
    pub b: u32,
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
    /// Leftmost and second leftmost, rightmost and second rightmost children (0 = none: the
    /// root is never anyone's child).
    lc1: Vec<u32>,
    lc2: Vec<u32>,
    rc1: Vec<u32>,
    rc2: Vec<u32>,
    /// Left and right child counts.
    nl: Vec<u8>,
    nr: Vec<u8>,
    /// Bit sets of the labels of left and right children.
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.stack.push(0);
        self.b = 1;
        for v in [&mut self.lc1, &mut self.lc2, &mut self.rc1, &mut self.rc2] {
            v.clear();
            v.resize(n + 1, 0);
        }
        self.heads.clear();
        self.heads.resize(n + 1, NONE);
        self.labels.clear();
        self.labels.resize(n + 1, 0);
        self.nl.clear();
        self.nl.resize(n + 1, 0);
        self.nr.clear();
        self.nr.resize(n + 1, 0);
        self.lset.clear();
        self.lset.resize(n + 1, 0);
        self.rset.clear();
        self.rset.resize(n + 1, 0);
    }

    pub fn buffer_empty(&self) -> bool {
        self.b as usize > self.n
    }

    pub fn is_terminal(&self) -> bool {
        self.buffer_empty() && self.stack.len() == 1
    }

    /// The `k`-th item from the top of the stack (0 = top).
    #[inline]
    pub fn s(&self, k: usize) -> Option<u32> {
        let l = self.stack.len();
        (k < l).then(|| self.stack[l - 1 - k])
    }

    /// The `k`-th item of the buffer.
    #[inline]
    pub fn buf(&self, k: u32) -> Option<u32> {
        let x = self.b + k;
        (x as usize <= self.n).then_some(x)
    }

    /// Which transitions are allowed, as a bit set over `SHIFT`, `LEFT`, `RIGHT`.
    pub fn valid(&self) -> u8 {
        let mut v = 0;
        let depth = self.stack.len();
        if !self.buffer_empty() {
            v |= 1 << SHIFT;
            if depth >= 2 {
                v |= 1 << LEFT;
            }
        }
        if depth >= 3 || (depth == 2 && self.buffer_empty()) {
            v |= 1 << RIGHT;
        }
        v
    }

    /// The arc a transition would make: (head, dependent).
    pub fn arc(&self, action: usize) -> Option<(u32, u32)> {
        match action {
            LEFT => Some((self.b, self.s(0)?)),
            RIGHT => Some((self.s(1)?, self.s(0)?)),
            _ => None,
        }
    }

    /// Applies a valid transition; `label` names the arc (ignored for SHIFT).
    pub fn apply(&mut self, action: usize, label: u8) {
        match action {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
            }
            LEFT | RIGHT => {
                let Some((h, d)) = self.arc(action) else {
                    return;
                };
                self.stack.pop();
                let (h, d) = (h as usize, d as usize);
                self.heads[d] = h as u32;
                self.labels[d] = label;
                let bit = 1u64 << (label & 63);
                if d < h {
                    self.lc2[h] = self.lc1[h];
                    self.lc1[h] = d as u32;
                    self.nl[h] = self.nl[h].saturating_add(1);
                    self.lset[h] |= bit;
                } else {
                    self.rc2[h] = self.rc1[h];
                    self.rc1[h] = d as u32;
                    self.nr[h] = self.nr[h].saturating_add(1);
                    self.rset[h] |= bit;
                }
            }
            _ => {}
        }
    }
}

/// The per-token input of the parser: atoms and tag classes of one sentence (token `i` is node
/// `i + 1`).
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub atoms: &'a [Atoms],
    pub tags: &'a [u8],
    /// `punct[k]`: punctuation tokens among nodes `1..=k` (`punct_prefix`).
    pub punct: &'a [u16],
}

/// Running counts of punctuation tokens (`Input::punct`).
pub fn punct_prefix(atoms: &[Atoms], out: &mut Vec<u16>) {
    out.clear();
    out.push(0);
    let mut n = 0u16;
    for a in atoms {
        n = n.saturating_add(u16::from(a.flags & FLAG_PUNCT_ONLY != 0));
        out.push(n);
    }
}

const ABSENT: u64 = 0xab5e;
const ROOT_WORD: u64 = 0x2007;

impl Input<'_> {
    #[inline]
    fn w(&self, x: Option<u32>) -> u64 {
        match x {
            None => ABSENT,
            Some(0) => ROOT_WORD,
            Some(k) => self.atoms.get(k as usize - 1).map_or(ABSENT, |a| a.word),
        }
    }
    #[inline]
    fn p(&self, x: Option<u32>) -> u64 {
        match x {
            None => 0,
            Some(0) => 1,
            Some(k) => self
                .tags
                .get(k as usize - 1)
                .map_or(0, |t| u64::from(*t) + 2),
        }
    }
    #[inline]
    fn suf(&self, x: Option<u32>) -> u64 {
        match x {
            Some(k) if k > 0 => self.atoms.get(k as usize - 1).map_or(ABSENT, |a| a.suf[2]),
            _ => ABSENT,
        }
    }
}

#[inline]
fn child(v: &[u32], x: Option<u32>) -> Option<u32> {
    x.and_then(|x| v.get(x as usize).copied())
        .filter(|&c| c != 0)
}

fn dist(a: Option<u32>, b: Option<u32>) -> u64 {
    match (a, b) {
        (Some(a), Some(b)) => {
            let d = a.abs_diff(b);
            match d {
                0..=4 => u64::from(d),
                5..=6 => 5,
                7..=9 => 6,
                _ => 7,
            }
        }
        _ => 0,
    }
}

/// Punctuation tokens strictly between nodes `a` and `b`: 0, 1 or 2 (more).
#[inline]
fn punct_between(inp: &Input<'_>, a: Option<u32>, b: Option<u32>) -> u64 {
    match (a, b) {
        (Some(a), Some(b)) => {
            let (lo, hi) = (a.min(b) as usize, a.max(b) as usize);
            // punct[k] counts punctuation among nodes 1..=k; nodes lo+1..hi are between.
            let p = |k: usize| inp.punct.get(k).copied().unwrap_or(0);
            let n = if hi > lo {
                p(hi - 1).saturating_sub(p(lo))
            } else {
                0
            };
            u64::from(n.min(2)) + 1
        }
        _ => 0,
    }
}

/// Features of a configuration for the transition model: 57 templates, chosen by ablation from
/// the Zhang & Nivre (2011) set adapted to arc-hybrid (each template costs a table look-up per
/// transition, so those that did not pay on EWT dev were dropped), plus punctuation between the
/// candidate head and dependent (clause and coordination boundaries in news sentences).
pub fn features(inp: &Input<'_>, st: &State, out: &mut Vec<u64>) {
    out.clear();
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.buf(0), st.buf(1), st.buf(2));
    let (s0w, s0p, s1w, s1p, s2p) = (inp.w(s0), inp.p(s0), inp.w(s1), inp.p(s1), inp.p(s2));
    let (b0w, b0p, b1w, b1p, b2w, b2p) = (
        inp.w(b0),
        inp.p(b0),
        inp.w(b1),
        inp.p(b1),
        inp.w(b2),
        inp.p(b2),
    );
    let lab = |x: Option<u32>| x.map_or(0, |x| u64::from(st.labels[x as usize]) + 1);
    let (s0l1, s0l2, s0r1) = (child(&st.lc1, s0), child(&st.lc2, s0), child(&st.rc1, s0));
    let (s1l1, s1r1) = (child(&st.lc1, s1), child(&st.rc1, s1));
    let (b0l1, b0l2) = (child(&st.lc1, b0), child(&st.lc2, b0));
    let val = |v: &[u8], x: Option<u32>| x.map_or(0, |x| u64::from(v[x as usize].min(7)) + 1);
    let set = |v: &[u64], x: Option<u32>| x.map_or(0, |x| v[x as usize]);
    let d0 = dist(s0, b0);
    let d1 = dist(s1, s0);
    let s0wp = f2(0, s0w, s0p);
    let s1wp = f2(0, s1w, s1p);
    let b0wp = f2(0, b0w, b0p);
    let (s0l1p, s0r1p, b0l1p) = (inp.p(s0l1), inp.p(s0r1), inp.p(b0l1));
    let before_b0 = b0.map(|b| b - 1).filter(|&x| x > 0);
    out.extend_from_slice(&[
        f1(1, 0),
        // single positions
        f1(2, s0w),
        f1(3, s0p),
        f1(5, s1w),
        f1(6, s1p),
        f1(8, b0w),
        f1(9, b0p),
        f1(11, b1w),
        f1(12, b1p),
        f1(14, b2w),
        f1(16, s2p),
        f1(18, inp.suf(b0)),
        // pairs: stack top and buffer front (LEFT's arc)
        f2(24, s0p, b0wp),
        f2(25, s0w, b0w),
        f2(26, s0p, b0p),
        // pairs: second and top of the stack (RIGHT's arc)
        f2(30, s1wp, s0p),
        f2(32, s1w, s0w),
        f2(33, s1p, s0p),
        // tag trigrams
        f2(34, b0p, b1p),
        f3(35, b0p, b1p, b2p),
        f3(36, s0p, b0p, b1p),
        f3(37, s1p, s0p, b0p),
        f3(38, s2p, s1p, s0p),
        f3(39, s0p, s0l1p, b0p),
        f3(40, s0p, s0r1p, b0p),
        f3(41, s0p, b0p, b0l1p),
        f3(42, s1p, s0p, s0l1p),
        f3(44, s1p, s0p, s0r1p),
        // distance
        f2(45, s0w, d0),
        f2(46, s0p, d0),
        f2(48, b0p, d0),
        f3(50, s0p, b0p, d0),
        f3(51, s1p, s0p, d1),
        // valency
        f2(56, s0p, val(&st.nl, s0)),
        f2(60, b0p, val(&st.nl, b0)),
        f2(62, s1p, val(&st.nr, s1)),
        // children
        f1(63, inp.w(s0l1)),
        f1(65, lab(s0l1)),
        f1(68, lab(s0r1)),
        f1(69, inp.w(b0l1)),
        f1(70, b0l1p),
        f1(71, lab(b0l1)),
        f1(74, lab(s1r1)),
        f2(75, inp.p(s1l1), lab(s1l1)),
        // second children
        f2(76, inp.p(s0l2), lab(s0l2)),
        f2(78, inp.p(b0l2), lab(b0l2)),
        f3(80, s0p, s0l1p, inp.p(s0l2)),
        f3(82, b0p, b0l1p, inp.p(b0l2)),
        f3(83, s0p, lab(s0l1), lab(s0l2)),
        // label sets
        f2(85, s0wp, set(&st.lset, s0)),
        f2(86, s0p, set(&st.lset, s0)),
        f2(88, b0p, set(&st.lset, b0)),
        f2(91, s1p, set(&st.lset, s1)),
        // is the root the second item (RIGHT would end the parse)?
        f2(92, u64::from(s1 == Some(0)), s0p),
        // punctuation between the arcs' ends; the word before the buffer's front
        f3(93, s0p, b0p, punct_between(inp, s0, b0)),
        f3(94, s1p, s0p, punct_between(inp, s1, s0)),
        f3(95, s0p, inp.p(before_b0), b0p),
    ]);
}

/// Features of an arc `head → dep` for the label model (19 templates). `dep`'s subtree is
/// complete when the arc is made (arc-hybrid attaches a word only when it is popped).
pub fn label_features(inp: &Input<'_>, st: &State, head: u32, dep: u32, out: &mut Vec<u64>) {
    out.clear();
    let (h, d) = (Some(head), Some(dep));
    let (hw, hp, dp) = (inp.w(h), inp.p(h), inp.p(d));
    let right = u64::from(dep > head);
    let dd = dist(h, d);
    let lab = |x: Option<u32>| x.map_or(0, |x| u64::from(st.labels[x as usize]) + 1);
    let dl1 = child(&st.lc1, d);
    let dr1 = child(&st.rc1, d);
    let hset = st.lset[head as usize] | st.rset[head as usize];
    let next = Some(dep + 1).filter(|&x| x as usize <= st.n);
    let prev = Some(dep - 1).filter(|&x| x > 0);
    out.extend_from_slice(&[
        f1(101, 0),
        f1(103, dp),
        f1(105, hw),
        f1(106, hp),
        f2(107, hw, hp),
        f3(108, hp, dp, right),
        f3(109, hw, dp, right),
        f3(112, hp, dp, dd),
        f3(113, inp.w(dl1), lab(dl1), dp),
        f3(114, inp.w(dl1), dp, hp),
        f2(115, lab(dr1), dp),
        f3(116, inp.p(dl1), inp.p(dr1), dp),
        f3(117, hset, dp, right),
        f2(118, inp.suf(d), dp),
        f3(119, dp, inp.p(next), right),
        f3(120, dp, inp.p(prev), right),
        f3(122, hp, dp, inp.w(next)),
        f3(123, st.lset[dep as usize], dp, hp),
        f3(125, st.rset[dep as usize], dp, hp),
    ]);
}

/// Reusable buffers for parsing.
#[derive(Default)]
pub struct Workspace {
    pub state: State,
    feats: Vec<u64>,
    scores: Vec<f32>,
}

/// The best allowed transition under `scores`.
#[inline]
pub fn best_valid(scores: &[f32], valid: u8) -> usize {
    let mut best = usize::MAX;
    for (a, &s) in scores.iter().enumerate().take(N_ACTIONS) {
        if valid & (1 << a) != 0 && (best == usize::MAX || s > scores[best]) {
            best = a;
        }
    }
    best
}

/// The label class fixed by the tags of an arc's words, if any.
#[inline]
pub fn fixed_label(fixed: &FixedLabels, inp: &Input<'_>, head: u32, dep: u32) -> Option<u8> {
    let tag = |x: u32| inp.tags.get(x as usize - 1).copied();
    fixed.get(tag(dep)?, tag(head)?, dep > head)
}

/// The label class for an arc.
#[allow(clippy::too_many_arguments)]
pub fn predict_label<L: Scorer>(
    labeler: &L,
    fixed: &FixedLabels,
    inp: &Input<'_>,
    st: &State,
    head: u32,
    dep: u32,
    feats: &mut Vec<u64>,
    scores: &mut Vec<f32>,
) -> u8 {
    if head == 0 {
        return ROOT_LABEL;
    }
    if let Some(l) = fixed_label(fixed, inp, head, dep) {
        return l;
    }
    label_features(inp, st, head, dep, feats);
    labeler.best(feats, scores) as u8
}

/// Parses one sentence greedily; the result is in `ws.state` (`heads[i]`, `labels[i]` for
/// node `i` = token `i - 1`).
pub fn parse<A: Scorer, L: Scorer>(
    actions: &A,
    labeler: &L,
    fixed: &FixedLabels,
    inp: &Input<'_>,
    ws: &mut Workspace,
) {
    let n = inp.atoms.len();
    ws.state.reset(n);
    while !ws.state.is_terminal() {
        let valid = ws.state.valid();
        let action = if valid.count_ones() == 1 {
            valid.trailing_zeros() as usize
        } else {
            features(inp, &ws.state, &mut ws.feats);
            ws.scores.clear();
            ws.scores.resize(N_ACTIONS, 0.0);
            actions.add(&ws.feats, &mut ws.scores);
            best_valid(&ws.scores, valid)
        };
        let label = match ws.state.arc(action) {
            Some((h, d)) => predict_label(
                labeler,
                fixed,
                inp,
                &ws.state,
                h,
                d,
                &mut ws.feats,
                &mut ws.scores,
            ),
            None => 0,
        };
        ws.state.apply(action, label);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_transition_sequence_ends_in_a_tree() {
        // Whatever the scores, the constraints yield one root and a head for every token.
        for n in 0..12 {
            for seed in 0..20u64 {
                let mut st = State::default();
                st.reset(n);
                let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
                let mut steps = 0;
                while !st.is_terminal() {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    let valid = st.valid();
                    let choices: Vec<usize> =
                        (0..N_ACTIONS).filter(|a| valid & (1 << a) != 0).collect();
                    assert!(!choices.is_empty());
                    st.apply(choices[(x % choices.len() as u64) as usize], 0);
                    steps += 1;
                }
                assert_eq!(steps, 2 * n);
                let roots = (1..=n).filter(|&i| st.heads[i] == 0).count();
                assert_eq!(roots, usize::from(n > 0));
                assert!((1..=n).all(|i| st.heads[i] != NONE));
            }
        }
    }
}
