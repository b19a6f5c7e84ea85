//! A hashed, sparse, quantized weight table: the storage of every linear model of the syntax
//! layer (tagger, parser transitions, relation labels).
//!
//! Scoring is bound by memory latency, not arithmetic: a sentence touches tens of thousands of
//! random rows of tables far larger than the caches. So a feature costs one cache line:
//! - Slots are 8 bytes, grouped 8 to a 64-byte line. A feature's hash picks a group and a
//!   preferred slot; it is stored in the first free slot of its group from there, with 16 check
//!   bits of its hash. An unseen feature matches nothing (a 1-in-65,535 chance of a false match
//!   per occupied slot), so it never borrows another feature's weights. Features are placed
//!   strongest first; one that finds its group full is dropped.
//! - Tables of at most 3 classes (parser transitions) keep the weights in the slot itself:
//!   `check | w0 | w1 | w2`, one i16 each. Wider tables keep `check | count | offset` and the
//!   `(class, i16 weight)` entries of each row contiguous elsewhere.
//! - `Table::add` first loads every feature's line, then scores them, so the cache misses of
//!   one decision overlap instead of queuing one after another.
//!
//! File layout (little endian): group bits (u8), class count (u16), scale (f32), used slots
//! (u32); then per used slot in ascending order: slot delta (LEB128), check (u16), entry count
//! (u8), and per entry class (u8) and weight (i16). Weight = value × scale; decoding only
//! compares scores, so it adds raw values and never multiplies.

use crate::error::{Error, Result};

/// Adds the weights of features to per-class scores. The runtime `Table` implements it, and so
/// does the trainer's exact perceptron, so that training decodes with the run-time code.
pub trait Scorer {
    fn classes(&self) -> usize;
    fn add(&self, features: &[u64], scores: &mut [f32]);
}

/// A row with more entries than this is stored dense (all classes, zeros included): the wide
/// rows of frequent features are then added with vector instructions.
fn dense_from(classes: usize) -> usize {
    (classes / 8).max(4)
}

/// Slots per group (one 64-byte cache line of 8-byte slots).
const GROUP: usize = 8;
/// Classes kept inline in the slot.
const INLINE: usize = 3;

#[derive(Clone, PartialEq)]
pub struct Table {
    /// log2 of the number of groups.
    bits: u32,
    classes: usize,
    /// `2^bits × GROUP` slots; 0 = empty. Inline: check | w0 << 16 | w1 << 32 | w2 << 48.
    /// Indirect: check | count << 16 | offset << 24, where count `DENSE` marks a dense row.
    slots: Vec<u64>,
    /// Sparse rows' entries: `weight << 16 | class`, weight an i16.
    entries: Vec<u32>,
    /// Dense rows: `stride` weights each (every class, padded with zeros).
    dense: Vec<i16>,
    stride: usize,
    scale: f32,
}

/// Count value marking a dense row.
const DENSE: u64 = 0xff;

impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Table")
            .field("bits", &self.bits)
            .field("classes", &self.classes)
            .field("rows", &self.used_slots())
            .field("entries", &self.entries.len())
            .finish()
    }
}

/// 16 check bits of a feature, never 0 (0 marks an empty slot). Independent of the bits that
/// choose the group (the top ones) and the preferred slot (the lowest three).
#[inline]
fn check_of(feature: u64) -> u64 {
    let c = (feature >> 8) & 0xffff;
    if c == 0 {
        1
    } else {
        c
    }
}

/// A row placed in a slot: (slot, check bits, quantized weights by class).
type Placed = (usize, u64, Vec<(u8, i16)>);

/// One trained feature's weights, for `Table::build`.
pub struct Row {
    pub feature: u64,
    /// `(class, weight)`, classes ascending.
    pub weights: Vec<(u8, f32)>,
}

impl Table {
    /// An empty table: every score stays 0.
    pub fn empty(classes: usize) -> Table {
        Table {
            bits: 1,
            classes,
            slots: vec![0; 2 * GROUP],
            entries: Vec::new(),
            dense: Vec::new(),
            stride: classes.div_ceil(16) * 16,
            scale: 1.0,
        }
    }

    fn inline(&self) -> bool {
        self.classes <= INLINE
    }

    #[inline]
    fn group_of(&self, feature: u64) -> usize {
        (feature >> (64 - self.bits)) as usize * GROUP
    }

    /// Quantizes `rows` into a table of `2^bits` groups of 8 slots. Rows are placed strongest
    /// first (by summed absolute weight), so a full group drops the weaker features. Weights
    /// that quantize to 0 are dropped.
    pub fn build(bits: u32, classes: usize, mut rows: Vec<Row>) -> Result<Table> {
        if !(1..=26).contains(&bits) || classes == 0 || classes > 256 {
            return Err(Error::Internal("weight table: bad shape".into()));
        }
        let max = rows
            .iter()
            .flat_map(|r| r.weights.iter())
            .fold(0f32, |m, (_, w)| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let norm = |r: &Row| {
            r.weights
                .iter()
                .map(|(_, w)| f64::from(w.abs()))
                .sum::<f64>()
        };
        rows.sort_by(|a, b| norm(b).total_cmp(&norm(a)).then(a.feature.cmp(&b.feature)));
        let mut t = Table {
            bits,
            classes,
            slots: vec![0; (1usize << bits) * GROUP],
            entries: Vec::new(),
            dense: Vec::new(),
            stride: classes.div_ceil(16) * 16,
            scale,
        };
        let mut placed: Vec<Placed> = Vec::new();
        for r in rows {
            let q: Vec<(u8, i16)> = r
                .weights
                .iter()
                .filter(|(c, _)| (*c as usize) < classes)
                .map(|&(c, w)| (c, (w / scale).round().clamp(-32767.0, 32767.0) as i16))
                .filter(|(_, w)| *w != 0)
                .collect();
            if q.is_empty() {
                continue;
            }
            let g = t.group_of(r.feature);
            let pref = (r.feature & (GROUP as u64 - 1)) as usize;
            let free = (0..GROUP)
                .map(|k| g + (pref + k) % GROUP)
                .find(|&s| t.slots[s] == 0);
            if let Some(s) = free {
                // Mark taken now; the final value is written below, in slot order.
                t.slots[s] = 1;
                placed.push((s, check_of(r.feature), q));
            }
        }
        placed.sort_unstable_by_key(|p| p.0);
        for (s, check, q) in placed {
            t.slots[s] = t.encode(check, &q)?;
        }
        Ok(t)
    }

    /// A slot's value for a row (appending an indirect row's entries).
    fn encode(&mut self, check: u64, q: &[(u8, i16)]) -> Result<u64> {
        if self.inline() {
            let mut v = check;
            for &(c, w) in q {
                v |= u64::from(w as u16) << (16 * (1 + u64::from(c)));
            }
            return Ok(v);
        }
        if q.len() > dense_from(self.classes) {
            let first = (self.dense.len() / self.stride) as u64;
            self.dense.resize(self.dense.len() + self.stride, 0);
            let row = first as usize * self.stride;
            for &(c, w) in q {
                self.dense[row + usize::from(c)] = w;
            }
            return Ok(check | DENSE << 16 | first << 24);
        }
        let first = self.entries.len() as u64;
        if first >= 1 << 40 {
            return Err(Error::Internal("weight table: too large".into()));
        }
        for &(c, w) in q {
            self.entries.push(u32::from(w as u16) << 16 | u32::from(c));
        }
        Ok(check | (q.len() as u64) << 16 | first << 24)
    }

    /// A slot's row as (class, weight) pairs.
    fn decode(&self, v: u64) -> Vec<(u8, i16)> {
        if self.inline() {
            (0..self.classes)
                .map(|c| (c as u8, (v >> (16 * (1 + c))) as u16 as i16))
                .filter(|(_, w)| *w != 0)
                .collect()
        } else if (v >> 16) & 0xff == DENSE {
            let row = (v >> 24) as usize * self.stride;
            self.dense[row..row + self.classes]
                .iter()
                .enumerate()
                .filter(|(_, w)| **w != 0)
                .map(|(c, w)| (c as u8, *w))
                .collect()
        } else {
            let (count, first) = ((v >> 16) & 0xff, v >> 24);
            self.entries[first as usize..(first + count) as usize]
                .iter()
                .map(|&e| (e as u8, (e >> 16) as u16 as i16))
                .collect()
        }
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// A copy without the rows whose summed absolute weight is below `min_norm` (trained
    /// units), in as few slot groups as keep the rest about 60% full. A feature's group is the
    /// top bits of its hash, so with fewer groups the rows of neighbouring groups merge into
    /// one; the strongest are kept if they do not all fit.
    pub fn pruned(&self, min_norm: f32) -> Table {
        let norm = |q: &[(u8, i16)]| {
            q.iter()
                .map(|(_, w)| f32::from(w.unsigned_abs()))
                .sum::<f32>()
        };
        let mut keep: Vec<Placed> = self
            .slots
            .iter()
            .enumerate()
            .filter(|(_, v)| **v != 0)
            .map(|(s, &v)| (s, v & 0xffff, self.decode(v)))
            .filter(|(_, _, q)| norm(q) * self.scale >= min_norm)
            .collect();
        keep.sort_by(|a, b| norm(&b.2).total_cmp(&norm(&a.2)).then(a.0.cmp(&b.0)));
        let mut bits = 1;
        while bits < self.bits && ((1usize << bits) * GROUP * 6 / 10) < keep.len() {
            bits += 1;
        }
        let shift = self.bits - bits;
        let mut t = Table {
            bits,
            classes: self.classes,
            slots: vec![0; (1usize << bits) * GROUP],
            entries: Vec::new(),
            dense: Vec::new(),
            stride: self.stride,
            scale: self.scale,
        };
        let mut placed = Vec::new();
        for (s, check, q) in keep {
            let g = ((s / GROUP) >> shift) * GROUP;
            if let Some(x) = (0..GROUP)
                .map(|k| g + (s + k) % GROUP)
                .find(|&x| t.slots[x] == 0)
            {
                t.slots[x] = 1;
                placed.push((x, check, q));
            }
        }
        placed.sort_unstable_by_key(|p| p.0);
        for (x, check, q) in placed {
            t.slots[x] = t.encode(check, &q).expect("same shape");
        }
        t
    }

    pub fn used_slots(&self) -> usize {
        self.slots.iter().filter(|&&v| v != 0).count()
    }

    /// Bytes of memory the table occupies.
    pub fn memory_bytes(&self) -> usize {
        self.slots.len() * 8 + self.entries.len() * 4 + self.dense.len() * 2
    }

    /// Multiply raw scores by this to get the trained weights' units.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// The slot holding `feature`, if any.
    /// The slot holding `feature`, 0 if none. Branch-free over the group's line.
    #[inline]
    fn find(&self, feature: u64) -> u64 {
        let g = self.group_of(feature);
        let want = check_of(feature);
        let Some(line) = self.slots.get(g..g + GROUP) else {
            return 0;
        };
        let mut found = 0;
        for &v in line {
            if v & 0xffff == want {
                found = v;
            }
        }
        found
    }

    pub fn save(&self, out: &mut Vec<u8>) {
        out.push(self.bits as u8);
        out.extend_from_slice(&(self.classes as u16).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(self.used_slots() as u32).to_le_bytes());
        let mut last = 0;
        for (s, &v) in self.slots.iter().enumerate() {
            if v == 0 {
                continue;
            }
            write_leb(out, (s - last) as u64);
            last = s;
            out.extend_from_slice(&((v & 0xffff) as u16).to_le_bytes());
            let q = self.decode(v);
            out.push(q.len() as u8);
            for (c, w) in q {
                out.push(c);
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
    }

    pub fn load(r: &mut Reader<'_>) -> Result<Table> {
        let bits = u32::from(r.u8()?);
        let classes = usize::from(r.u16()?);
        let scale = r.f32()?;
        if !(1..=26).contains(&bits) || classes == 0 || classes > 256 || !scale.is_finite() {
            return Err(r.bad("weight table header"));
        }
        let used = r.u32()? as usize;
        let n = (1usize << bits) * GROUP;
        if used > n {
            return Err(r.bad("more rows than slots"));
        }
        let mut t = Table {
            bits,
            classes,
            slots: vec![0; n],
            entries: Vec::new(),
            dense: Vec::new(),
            stride: classes.div_ceil(16) * 16,
            scale,
        };
        let mut s = 0usize;
        let mut q = Vec::new();
        for k in 0..used {
            let d = r.leb()? as usize;
            if k > 0 && d == 0 {
                return Err(r.bad("duplicate slot"));
            }
            s = s
                .checked_add(d)
                .filter(|&x| x < n)
                .ok_or_else(|| r.bad("slot"))?;
            let check = u64::from(r.u16()?);
            if check == 0 {
                return Err(r.bad("bad slot"));
            }
            let count = usize::from(r.u8()?);
            if count == 0 || count > classes {
                return Err(r.bad("bad slot"));
            }
            q.clear();
            for _ in 0..count {
                let c = r.u8()?;
                let w = r.u16()? as i16;
                if usize::from(c) >= classes {
                    return Err(r.bad("class out of range"));
                }
                q.push((c, w));
            }
            t.slots[s] = t.encode(check, &q).map_err(|_| r.bad("table too large"))?;
        }
        Ok(t)
    }
}

/// Features scored per batch: their cache lines are loaded before any is scored.
const BATCH: usize = 32;

impl Scorer for Table {
    fn classes(&self) -> usize {
        self.classes
    }

    #[inline]
    fn add(&self, features: &[u64], scores: &mut [f32]) {
        let mut found = [0u64; BATCH];
        // Integer accumulators: the weights are i16, their sums fit easily.
        let mut acc = [0i32; 256];
        let stride = self.stride;
        for chunk in features.chunks(BATCH) {
            // Independent loads first, so that their misses overlap.
            for (slot, &f) in found.iter_mut().zip(chunk) {
                *slot = self.find(f);
            }
            let found = &found[..chunk.len()];
            if self.inline() {
                for &v in found {
                    acc[0] += i32::from((v >> 16) as u16 as i16);
                    acc[1] += i32::from((v >> 32) as u16 as i16);
                    acc[2] += i32::from((v >> 48) as u16 as i16);
                }
                continue;
            }
            for &v in found.iter().filter(|&&v| v != 0) {
                let (count, first) = ((v >> 16) & 0xff, (v >> 24) as usize);
                if count == DENSE {
                    let row = &self.dense[first * stride..(first + 1) * stride];
                    for (a, &w) in acc[..stride].iter_mut().zip(row) {
                        *a += i32::from(w);
                    }
                } else {
                    for &e in &self.entries[first..first + count as usize] {
                        acc[(e & 0xff) as usize] += i32::from((e >> 16) as u16 as i16);
                    }
                }
            }
        }
        for (s, a) in scores.iter_mut().zip(&acc) {
            *s += *a as f32;
        }
    }
}

pub fn write_leb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

pub fn write_str(out: &mut Vec<u8>, s: &str) {
    write_leb(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A bounds-checked cursor over a model file.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    what: &'static str,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8], what: &'static str) -> Self {
        Reader {
            bytes,
            pos: 0,
            what,
        }
    }

    pub fn bad(&self, m: &str) -> Error {
        Error::Internal(format!("{} at byte {}: {m}", self.what, self.pos))
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| self.bad("truncated"))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    pub fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    pub fn u16(&mut self) -> Result<u16> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    pub fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn f32(&mut self) -> Result<f32> {
        Ok(f32::from_bits(self.u32()?))
    }

    pub fn leb(&mut self) -> Result<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.bad("bad varint"))
    }

    pub fn str(&mut self) -> Result<&'a str> {
        let n = self.leb()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|_| self.bad("bad UTF-8"))
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.bytes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Row> {
        vec![
            Row {
                feature: 0x1234_5678_9abc_def0,
                weights: vec![(0, 1.5), (2, -0.5)],
            },
            Row {
                feature: 0xfedc_ba98_7654_3210,
                weights: vec![(1, 3.0)],
            },
        ]
    }

    fn scores(t: &Table, f: &[u64]) -> Vec<f32> {
        let mut s = vec![0f32; t.classes()];
        t.add(f, &mut s);
        s.iter().map(|x| x * t.scale()).collect()
    }

    #[test]
    fn scores_round_trip_through_bytes_in_both_layouts() {
        for classes in [3, 5] {
            let t = Table::build(6, classes, rows()).unwrap();
            let w = scores(&t, &[0x1234_5678_9abc_def0, 0xfedc_ba98_7654_3210, 42]);
            assert!((w[0] - 1.5).abs() < 1e-3 && (w[1] - 3.0).abs() < 1e-3);
            assert!((w[2] + 0.5).abs() < 1e-3);
            let mut bytes = Vec::new();
            t.save(&mut bytes);
            let back = Table::load(&mut Reader::new(&bytes, "test")).unwrap();
            assert_eq!(back, t);
            for cut in 0..bytes.len() {
                assert!(Table::load(&mut Reader::new(&bytes[..cut], "test")).is_err());
            }
        }
    }

    #[test]
    fn unseen_features_are_ignored_and_groups_share_lines() {
        // Same group (top bits) and preferred slot, different check bits: both kept.
        let a = 0xabc0_0000_0001_0000u64;
        let b = 0xabc0_0000_0002_0000u64;
        let row = |feature, c| Row {
            feature,
            weights: vec![(c, 1.0)],
        };
        let t = Table::build(8, 2, vec![row(a, 0), row(b, 1)]).unwrap();
        assert!(scores(&t, &[a])[0] > 0.0 && scores(&t, &[a])[1] == 0.0);
        assert!(scores(&t, &[b])[1] > 0.0 && scores(&t, &[b])[0] == 0.0);
        assert_eq!(scores(&t, &[0xabc0_0000_0003_0000]), vec![0.0, 0.0]);
        assert_eq!(t.used_slots(), 2);
        // A full group drops the weakest features.
        let many: Vec<Row> = (0..12u64)
            .map(|k| Row {
                feature: 0x5500_0000_0000_0000 | (k + 1) << 8,
                weights: vec![(0, 1.0 + k as f32)],
            })
            .collect();
        let t = Table::build(8, 2, many).unwrap();
        assert_eq!(t.used_slots(), GROUP);
        assert_eq!(
            scores(&t, &[0x5500_0000_0000_0000 | 1 << 8]),
            vec![0.0, 0.0]
        );
        assert!(scores(&t, &[0x5500_0000_0000_0000 | 12 << 8])[0] > 0.0);
    }
}
