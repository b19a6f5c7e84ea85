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

use super::features::{f1, f2, f3, Atoms};
use super::tags::Rel;
use super::weights::{Reader, Scorer, Table};
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
}

impl ParserModel {
    /// A model that knows nothing: every token attaches to its right neighbour.
    pub fn empty() -> ParserModel {
        ParserModel {
            labels: vec![Rel::Dep],
            actions: Table::empty(N_ACTIONS),
            labeler: Table::empty(1),
        }
    }

    pub fn save(&self, out: &mut Vec<u8>) {
        out.push(self.labels.len() as u8);
        for l in &self.labels {
            out.push(*l as u8);
        }
        self.actions.save(out);
        self.labeler.save(out);
    }

    pub fn load(r: &mut Reader<'_>) -> Result<ParserModel> {
        let n = usize::from(r.u8()?);
        if n == 0 || n >= usize::from(ROOT_LABEL) {
            return Err(r.bad("label count"));
        }
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            let l = Rel::from_index(usize::from(r.u8()?)).ok_or_else(|| r.bad("relation"))?;
            labels.push(l);
        }
        let actions = Table::load(r)?;
        let labeler = Table::load(r)?;
        if actions.classes() != N_ACTIONS || labeler.classes() != n {
            return Err(r.bad("parser table widths"));
        }
        Ok(ParserModel {
            labels,
            actions,
            labeler,
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

/// Features of a configuration for the transition model.
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
    let (s0l1, s0l2, s0r1, s0r2) = (
        child(&st.lc1, s0),
        child(&st.lc2, s0),
        child(&st.rc1, s0),
        child(&st.rc2, s0),
    );
    let (s1l1, s1r1, s1r2) = (child(&st.lc1, s1), child(&st.rc1, s1), child(&st.rc2, s1));
    let (b0l1, b0l2) = (child(&st.lc1, b0), child(&st.lc2, b0));
    let val = |v: &[u8], x: Option<u32>| x.map_or(0, |x| u64::from(v[x as usize].min(7)) + 1);
    let set = |v: &[u64], x: Option<u32>| x.map_or(0, |x| v[x as usize]);
    let d0 = dist(s0, b0);
    let d1 = dist(s1, s0);
    let s0wp = f2(0, s0w, s0p);
    let s1wp = f2(0, s1w, s1p);
    let b0wp = f2(0, b0w, b0p);
    out.extend_from_slice(&[
        f1(1, 0),
        // single positions
        f1(2, s0w),
        f1(3, s0p),
        f1(4, s0wp),
        f1(5, s1w),
        f1(6, s1p),
        f1(7, s1wp),
        f1(8, b0w),
        f1(9, b0p),
        f1(10, b0wp),
        f1(11, b1w),
        f1(12, b1p),
        f2(13, b1w, b1p),
        f1(14, b2w),
        f1(15, b2p),
        f1(16, s2p),
        f1(17, inp.suf(s0)),
        f1(18, inp.suf(b0)),
        // pairs: stack top and buffer front (LEFT's arc)
        f2(20, s0wp, b0wp),
        f2(21, s0wp, b0w),
        f2(22, s0w, b0wp),
        f2(23, s0wp, b0p),
        f2(24, s0p, b0wp),
        f2(25, s0w, b0w),
        f2(26, s0p, b0p),
        // pairs: second and top of the stack (RIGHT's arc)
        f2(27, s1wp, s0wp),
        f2(28, s1wp, s0w),
        f2(29, s1w, s0wp),
        f2(30, s1wp, s0p),
        f2(31, s1p, s0wp),
        f2(32, s1w, s0w),
        f2(33, s1p, s0p),
        // tag trigrams
        f2(34, b0p, b1p),
        f3(35, b0p, b1p, b2p),
        f3(36, s0p, b0p, b1p),
        f3(37, s1p, s0p, b0p),
        f3(38, s2p, s1p, s0p),
        f3(39, s0p, inp.p(s0l1), b0p),
        f3(40, s0p, inp.p(s0r1), b0p),
        f3(41, s0p, b0p, inp.p(b0l1)),
        f3(42, s1p, s0p, inp.p(s0l1)),
        f3(43, s1p, inp.p(s1r1), s0p),
        f3(44, s1p, s0p, inp.p(s0r1)),
        // distance
        f2(45, s0w, d0),
        f2(46, s0p, d0),
        f2(47, b0w, d0),
        f2(48, b0p, d0),
        f3(49, s0w, b0w, d0),
        f3(50, s0p, b0p, d0),
        f3(51, s1p, s0p, d1),
        f3(52, s1w, s0w, d1),
        f2(53, s1p, d1),
        f2(54, s0p, d1),
        // valency
        f2(55, s0w, val(&st.nl, s0)),
        f2(56, s0p, val(&st.nl, s0)),
        f2(57, s0w, val(&st.nr, s0)),
        f2(58, s0p, val(&st.nr, s0)),
        f2(59, b0w, val(&st.nl, b0)),
        f2(60, b0p, val(&st.nl, b0)),
        f2(61, s1w, val(&st.nr, s1)),
        f2(62, s1p, val(&st.nr, s1)),
        // children
        f1(63, inp.w(s0l1)),
        f1(64, inp.p(s0l1)),
        f1(65, lab(s0l1)),
        f1(66, inp.w(s0r1)),
        f1(67, inp.p(s0r1)),
        f1(68, lab(s0r1)),
        f1(69, inp.w(b0l1)),
        f1(70, inp.p(b0l1)),
        f1(71, lab(b0l1)),
        f1(72, inp.w(s1r1)),
        f1(73, inp.p(s1r1)),
        f1(74, lab(s1r1)),
        f2(75, inp.p(s1l1), lab(s1l1)),
        // second children
        f2(76, inp.p(s0l2), lab(s0l2)),
        f2(77, inp.p(s0r2), lab(s0r2)),
        f2(78, inp.p(b0l2), lab(b0l2)),
        f2(79, inp.p(s1r2), lab(s1r2)),
        f3(80, s0p, inp.p(s0l1), inp.p(s0l2)),
        f3(81, s0p, inp.p(s0r1), inp.p(s0r2)),
        f3(82, b0p, inp.p(b0l1), inp.p(b0l2)),
        f3(83, s0p, lab(s0l1), lab(s0l2)),
        f3(84, s0p, lab(s0r1), lab(s0r2)),
        // label sets
        f2(85, s0wp, set(&st.lset, s0)),
        f2(86, s0p, set(&st.lset, s0)),
        f2(87, s0p, set(&st.rset, s0)),
        f2(88, b0p, set(&st.lset, b0)),
        f2(89, b0w, set(&st.lset, b0)),
        f2(90, s1p, set(&st.rset, s1)),
        f2(91, s1p, set(&st.lset, s1)),
        // is the root the second item (RIGHT would end the parse)?
        f2(92, u64::from(s1 == Some(0)), s0p),
    ]);
}

/// Features of an arc `head → dep` for the label model. `dep`'s subtree is complete when the
/// arc is made (arc-hybrid attaches a word only when it is popped).
pub fn label_features(inp: &Input<'_>, st: &State, head: u32, dep: u32, out: &mut Vec<u64>) {
    out.clear();
    let (h, d) = (Some(head), Some(dep));
    let (hw, hp, dw, dp) = (inp.w(h), inp.p(h), inp.w(d), inp.p(d));
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
        f1(102, dw),
        f1(103, dp),
        f2(104, dw, dp),
        f1(105, hw),
        f1(106, hp),
        f2(107, hw, hp),
        f3(108, hp, dp, right),
        f3(109, hw, dp, right),
        f3(110, hp, dw, right),
        f3(111, hw, dw, right),
        f3(112, hp, dp, dd),
        f3(113, inp.w(dl1), lab(dl1), dp),
        f3(114, inp.w(dl1), dp, hp),
        f2(115, lab(dr1), dp),
        f3(116, inp.p(dl1), inp.p(dr1), dp),
        f3(117, hset, dp, right),
        f2(118, inp.suf(d), dp),
        f3(119, dp, inp.p(next), right),
        f3(120, dp, inp.p(prev), right),
        f2(121, u64::from(st.nl[dep as usize].min(3)), dp),
        f3(122, hp, dp, inp.w(next)),
        f3(123, st.lset[dep as usize], dp, hp),
        f2(124, inp.suf(h), dp),
        f3(125, st.rset[dep as usize], dp, hp),
        f2(126, inp.w(dr1), dp),
        f3(127, hp, dp, u64::from(st.nl[head as usize].min(3))),
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

/// The label class for an arc.
pub fn predict_label<L: Scorer>(
    labeler: &L,
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
    label_features(inp, st, head, dep, feats);
    scores.clear();
    scores.resize(labeler.classes(), 0.0);
    labeler.add(feats, scores);
    super::tagger::argmax(scores) as u8
}

/// Parses one sentence greedily; the result is in `ws.state` (`heads[i]`, `labels[i]` for
/// node `i` = token `i - 1`).
pub fn parse<A: Scorer, L: Scorer>(actions: &A, labeler: &L, inp: &Input<'_>, ws: &mut Workspace) {
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
            Some((h, d)) => {
                predict_label(labeler, inp, &ws.state, h, d, &mut ws.feats, &mut ws.scores)
            }
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
