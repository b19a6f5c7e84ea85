//! A hashed, sparse, quantized weight table: the storage of every linear model of the syntax
//! layer (tagger, parser transitions, relation labels).
//!
//! Scoring a decision costs one table look-up per feature, so the look-up and the addition of a
//! row are kept to a few instructions each, and a feature costs one cache line:
//! - A feature's hash picks a group of 8 slots (its top bits) and a preferred slot (its lowest
//!   three); it is stored in the first free slot of its group from there, with 16 check bits of
//!   its hash. A group is one 64-byte line: the 8 check fields first, compared all at once as two
//!   words (SWAR), then the slots' payloads. An unseen feature matches nothing (a 1-in-65,535
//!   chance of a false match per occupied slot), so it never borrows another feature's weights.
//!   Features are placed strongest first; one that finds its group full is dropped.
//! - Tables of at most 3 classes (parser transitions) keep the weights in the line itself.
//!   Wider tables keep a row reference per slot: short rows as `(class, weight)` entries, rows
//!   with many classes dense (every class, added 8 lanes at a time).
//! - Weights are i16, at most `QMAX` in magnitude, so that the sums of a decision's features
//!   stay within i16 (saturating adds; vector instructions add 8 lanes at once).
//!
//! File layout (little endian): group bits (u8), class count (u16), scale (f32), used slots
//! (u32); then per used slot in ascending order: slot delta (LEB128), check (u16), entry count
//! (u8), and per entry class (u8) and weight (i16). Weight = value × scale; decoding only
//! compares scores, so it adds raw values and never multiplies.

use std::borrow::Cow;

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

use crate::error::{Error, Result};

/// Where a model loader gets its weight tables: `Table::load` decodes the file's rows,
/// `Table::from_image` borrows them from an image built with the binary.
pub type TableSource<'a> = dyn FnMut(&mut Reader<'_>) -> Result<Table> + 'a;

/// Adds the weights of features to per-class scores. The runtime `Table` implements it, and so
/// does the trainer's exact perceptron, so that training decodes with the run-time code.
pub trait Scorer {
    fn classes(&self) -> usize;
    fn add(&self, features: &[u64], scores: &mut [f32]);

    /// The class `features` score highest (the first on ties); `scores` is scratch.
    fn best(&self, features: &[u64], scores: &mut Vec<f32>) -> usize {
        scores.clear();
        scores.resize(self.classes(), 0.0);
        self.add(features, scores);
        argmax(scores)
    }
}

/// Index of the largest score (the first on ties; 0 for an empty slice).
#[inline]
pub fn argmax(s: &[f32]) -> usize {
    let mut best = 0;
    for (k, &v) in s.iter().enumerate() {
        if v > s[best] {
            best = k;
        }
    }
    best
}

/// `argmax` of raw scores: the first index of the maximum. A table's scores are these values
/// exactly (`f32::from` of an i16 loses nothing, and adding it to 0.0 neither), so this is
/// `argmax` of what `add` would give, without converting every class.
#[inline]
fn argmax_raw(s: &[i16]) -> usize {
    let max = s.iter().copied().max().unwrap_or(0);
    s.iter().position(|&v| v == max).unwrap_or(0)
}

/// Largest quantized weight magnitude: 2 bits of headroom below `i16::MAX`, so that a decision's
/// score (a sum of tens of weights, most far below the largest) does not saturate.
pub const QMAX: i16 = 8191;

/// Slots per group (one 64-byte line).
const GROUP: usize = 8;
/// Classes kept inline in the line.
const INLINE: usize = 3;
/// Lanes of a dense row added at once (one 128-bit vector of i16).
const LANES: usize = 8;

/// A row with more entries than this is stored dense.
fn dense_from(classes: usize) -> usize {
    (classes / 8).max(4)
}

/// Check bits of 8 slots, 4 to a word (0 = empty slot).
type Checks = [u64; 2];

/// A group of a table of at most `INLINE` classes: checks, then 3 weights per slot.
#[derive(Clone, Copy, PartialEq, Eq, Default, FromBytes, IntoBytes, KnownLayout, Immutable)]
#[repr(C, align(64))]
struct NarrowLine {
    check: Checks,
    w: [[i16; INLINE]; GROUP],
}

/// A group of a wider table: checks, then a row reference per slot: `DENSE_BIT | row` for a
/// dense row, `count << 24 | first entry` for a sparse one.
#[derive(Clone, Copy, PartialEq, Eq, Default, FromBytes, IntoBytes, KnownLayout, Immutable)]
#[repr(C, align(64))]
struct WideLine {
    check: Checks,
    row: [u32; GROUP],
    /// The rest of the 64-byte line, named so that a line is plain bytes (`image`).
    pad: [u64; 2],
}

const DENSE_BIT: u32 = 1 << 31;
/// Most entries a sparse row reference can address.
const MAX_ENTRIES: usize = 1 << 24;

const ONES: u64 = 0x0001_0001_0001_0001;
const HIGHS: u64 = 0x8000_8000_8000_8000;

/// Which of the 8 slots holds `want` (8 if none). Zero-lane detection on each word: a lane equal
/// to `want` becomes 0; the lowest flagged lane is always a true match.
#[inline(always)]
fn slot_in(check: &Checks, want: u64) -> usize {
    let b = want.wrapping_mul(ONES);
    let zero = |w: u64| {
        let x = w ^ b;
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    let z = u128::from(zero(check[0])) | u128::from(zero(check[1])) << 64;
    (z.trailing_zeros() / 16) as usize
}

fn get_check(check: &Checks, k: usize) -> u16 {
    (check[k / 4] >> (16 * (k % 4))) as u16
}

fn set_check(check: &mut Checks, k: usize, v: u16) {
    let sh = 16 * (k % 4);
    check[k / 4] = (check[k / 4] & !(0xffff << sh)) | u64::from(v) << sh;
}

#[derive(Clone, PartialEq)]
pub struct Table {
    /// log2 of the number of groups.
    bits: u32,
    classes: usize,
    /// Groups of a table of at most `INLINE` classes (else empty). The arrays are borrowed
    /// when the table is used in place from the binary (`from_image`), owned when decoded.
    narrow: Cow<'static, [NarrowLine]>,
    /// Groups of a wider table (else empty).
    wide: Cow<'static, [WideLine]>,
    /// Sparse rows' entries: `weight << 16 | class`, weight an i16.
    entries: Cow<'static, [u32]>,
    /// Dense rows: `stride` blocks of `LANES` weights each (every class, padded with zeros).
    dense: Cow<'static, [Block]>,
    stride: usize,
    scale: f32,
}

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
#[inline(always)]
fn check_of(feature: u64) -> u64 {
    let c = (feature >> 8) & 0xffff;
    c | u64::from(c == 0)
}

/// A row placed in a slot: (slot, check bits, quantized weights by class).
type Placed = (usize, u16, Vec<(u8, i16)>);

/// One trained feature's weights, for `Table::build`.
pub struct Row {
    pub feature: u64,
    /// `(class, weight)`, classes ascending.
    pub weights: Vec<(u8, f32)>,
}

/// Blocks of `LANES` classes in a dense row.
fn stride_of(classes: usize) -> usize {
    classes.div_ceil(LANES)
}

/// `LANES` classes' weights (or scores).
type Block = [i16; LANES];

impl Table {
    /// An empty table of `2^bits` groups: every score stays 0.
    fn with_shape(bits: u32, classes: usize, scale: f32) -> Table {
        let groups = 1usize << bits;
        let inline = classes <= INLINE;
        Table {
            bits,
            classes,
            narrow: Cow::Owned(if inline {
                vec![NarrowLine::default(); groups]
            } else {
                Vec::new()
            }),
            wide: Cow::Owned(if inline {
                Vec::new()
            } else {
                vec![WideLine::default(); groups]
            }),
            entries: Cow::Owned(Vec::new()),
            dense: Cow::Owned(Vec::new()),
            stride: stride_of(classes),
            scale,
        }
    }

    /// An empty table: every score stays 0.
    pub fn empty(classes: usize) -> Table {
        Table::with_shape(1, classes, 1.0)
    }

    fn inline(&self) -> bool {
        self.classes <= INLINE
    }

    fn groups(&self) -> usize {
        1usize << self.bits
    }

    #[inline(always)]
    fn group_of(&self, feature: u64) -> usize {
        (feature >> (64 - self.bits)) as usize
    }

    fn check_at(&self, slot: usize) -> u16 {
        let (g, k) = (slot / GROUP, slot % GROUP);
        if self.inline() {
            get_check(&self.narrow[g].check, k)
        } else {
            get_check(&self.wide[g].check, k)
        }
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
        let scale = if max > 0.0 {
            max / f32::from(QMAX)
        } else {
            1.0
        };
        let norm = |r: &Row| {
            r.weights
                .iter()
                .map(|(_, w)| f64::from(w.abs()))
                .sum::<f64>()
        };
        rows.sort_by(|a, b| norm(b).total_cmp(&norm(a)).then(a.feature.cmp(&b.feature)));
        let lim = f32::from(QMAX);
        let mut taken = vec![false; (1usize << bits) * GROUP];
        let mut placed: Vec<Placed> = Vec::new();
        for r in rows {
            let q: Vec<(u8, i16)> = r
                .weights
                .iter()
                .filter(|(c, _)| (*c as usize) < classes)
                .map(|&(c, w)| (c, (w / scale).round().clamp(-lim, lim) as i16))
                .filter(|(_, w)| *w != 0)
                .collect();
            if q.is_empty() {
                continue;
            }
            let g = (r.feature >> (64 - bits)) as usize * GROUP;
            let pref = (r.feature & (GROUP as u64 - 1)) as usize;
            let free = (0..GROUP)
                .map(|k| g + (pref + k) % GROUP)
                .find(|&s| !taken[s]);
            if let Some(s) = free {
                taken[s] = true;
                placed.push((s, check_of(r.feature) as u16, q));
            }
        }
        Table::from_placed(bits, classes, scale, placed)
    }

    /// A table holding `placed` rows (slots distinct, weights within `QMAX`).
    fn from_placed(
        bits: u32,
        classes: usize,
        scale: f32,
        mut placed: Vec<Placed>,
    ) -> Result<Table> {
        placed.sort_unstable_by_key(|p| p.0);
        let mut t = Table::with_shape(bits, classes, scale);
        for (s, check, q) in placed {
            t.put(s, check, &q)?;
        }
        Ok(t)
    }

    /// Stores a row in slot `s` (rows are put in slot order, so the layout is deterministic).
    fn put(&mut self, s: usize, check: u16, q: &[(u8, i16)]) -> Result<()> {
        let (g, k) = (s / GROUP, s % GROUP);
        if self.inline() {
            let line = &mut self.narrow.to_mut()[g];
            set_check(&mut line.check, k, check);
            for &(c, w) in q {
                line.w[k][usize::from(c)] = w;
            }
            return Ok(());
        }
        let row = if q.len() > dense_from(self.classes) {
            let first = self.dense.len() / self.stride;
            if first >= DENSE_BIT as usize {
                return Err(Error::Internal("weight table: too large".into()));
            }
            let dense = self.dense.to_mut();
            dense.resize(dense.len() + self.stride, [0; LANES]);
            let at = first * self.stride;
            for &(c, w) in q {
                let c = usize::from(c);
                dense[at + c / LANES][c % LANES] = w;
            }
            DENSE_BIT | first as u32
        } else {
            let first = self.entries.len();
            if first + q.len() > MAX_ENTRIES {
                return Err(Error::Internal("weight table: too large".into()));
            }
            let entries = self.entries.to_mut();
            for &(c, w) in q {
                entries.push(u32::from(w as u16) << 16 | u32::from(c));
            }
            (q.len() as u32) << 24 | first as u32
        };
        let line = &mut self.wide.to_mut()[g];
        set_check(&mut line.check, k, check);
        line.row[k] = row;
        Ok(())
    }

    /// Slot `s`'s row as (class, weight) pairs (empty for an empty slot).
    fn decode(&self, s: usize) -> Vec<(u8, i16)> {
        let (g, k) = (s / GROUP, s % GROUP);
        if self.check_at(s) == 0 {
            return Vec::new();
        }
        if self.inline() {
            return (0..self.classes)
                .map(|c| (c as u8, self.narrow[g].w[k][c]))
                .filter(|(_, w)| *w != 0)
                .collect();
        }
        let row = self.wide[g].row[k];
        if row & DENSE_BIT != 0 {
            let at = (row & !DENSE_BIT) as usize * self.stride;
            self.dense[at..at + self.stride]
                .iter()
                .flatten()
                .take(self.classes)
                .enumerate()
                .filter(|(_, w)| **w != 0)
                .map(|(c, w)| (c as u8, *w))
                .collect()
        } else {
            let (count, first) = ((row >> 24) as usize, (row & 0xff_ffff) as usize);
            self.entries[first..first + count]
                .iter()
                .map(|&e| (e as u8, (e >> 16) as u16 as i16))
                .collect()
        }
    }

    fn used(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.groups() * GROUP).filter(|&s| self.check_at(s) != 0)
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
            .used()
            .map(|s| (s, self.check_at(s), self.decode(s)))
            .filter(|(_, _, q)| norm(q) * self.scale >= min_norm)
            .collect();
        keep.sort_by(|a, b| norm(&b.2).total_cmp(&norm(&a.2)).then(a.0.cmp(&b.0)));
        let mut bits = 1;
        while bits < self.bits && ((1usize << bits) * GROUP * 6 / 10) < keep.len() {
            bits += 1;
        }
        let shift = self.bits - bits;
        let mut taken = vec![false; (1usize << bits) * GROUP];
        let mut placed = Vec::new();
        for (s, check, q) in keep {
            let g = ((s / GROUP) >> shift) * GROUP;
            if let Some(x) = (0..GROUP).map(|k| g + (s + k) % GROUP).find(|&x| !taken[x]) {
                taken[x] = true;
                placed.push((x, check, q));
            }
        }
        Table::from_placed(bits, self.classes, self.scale, placed).expect("same shape")
    }

    pub fn used_slots(&self) -> usize {
        self.used().count()
    }

    /// Bytes of memory the table occupies.
    pub fn memory_bytes(&self) -> usize {
        self.narrow.len() * std::mem::size_of::<NarrowLine>()
            + self.wide.len() * std::mem::size_of::<WideLine>()
            + self.entries.len() * 4
            + self.dense.len() * std::mem::size_of::<Block>()
    }

    /// Multiply raw scores by this to get the trained weights' units.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    pub fn save(&self, out: &mut Vec<u8>) {
        out.push(self.bits as u8);
        out.extend_from_slice(&(self.classes as u16).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(self.used_slots() as u32).to_le_bytes());
        let mut last = 0;
        for s in self.used() {
            write_leb(out, (s - last) as u64);
            last = s;
            out.extend_from_slice(&self.check_at(s).to_le_bytes());
            let q = self.decode(s);
            out.push(q.len() as u8);
            for (c, w) in q {
                out.push(c);
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
    }

    /// Reads a table. Weights larger than `QMAX` (files of format version 2) are scaled down
    /// by a power of two, the scale up by the same.
    pub fn load(r: &mut Reader<'_>) -> Result<Table> {
        let bits = u32::from(r.u8()?);
        let classes = usize::from(r.u16()?);
        let scale = r.f32()?;
        if !(1..=26).contains(&bits) || classes == 0 || classes > 256 || !scale.is_finite() {
            return Err(r.bad("weight table header"));
        }
        let used = r.u32()? as usize;
        if used > (1usize << bits) * GROUP {
            return Err(r.bad("more rows than slots"));
        }
        // One pass puts the rows straight into the table, with no allocation per row (a model
        // has hundreds of thousands of rows: allocating each was most of the start-up time).
        // Only a file with weights above `QMAX` (format version 2) is read a second time, with
        // the shift that brings them within range now known.
        let from = r.clone();
        let (t, max) = Table::read_rows(r, bits, classes, scale, used, 0)?;
        let mut shift = 0;
        while (max >> shift) > QMAX as u16 {
            shift += 1;
        }
        if shift == 0 {
            return Ok(t);
        }
        *r = from;
        let scale = scale * f32::from(1u16 << shift);
        Ok(Table::read_rows(r, bits, classes, scale, used, shift)?.0)
    }

    /// Reads `used` rows into a new table, each weight shifted right by `shift` (the weights
    /// that become 0 dropped, and the rows left empty); also returns the largest magnitude read.
    ///
    /// The hot loop of start-up (a model has about 600,000 rows): it walks the bytes with one
    /// bounds check per row, not per field, and writes narrow rows straight into their line.
    fn read_rows(
        r: &mut Reader<'_>,
        bits: u32,
        classes: usize,
        scale: f32,
        used: usize,
        shift: u32,
    ) -> Result<(Table, u16)> {
        let n = (1usize << bits) * GROUP;
        let mut t = Table::with_shape(bits, classes, scale);
        let bytes = r.rest();
        let mut p = 0usize;
        let mut q: Vec<(u8, i16)> = Vec::with_capacity(classes);
        let mut s = 0usize;
        let mut max = 0u16;
        let bad = |r: &mut Reader<'_>, p: usize, m: &str| {
            r.advance(p.min(bytes.len()));
            r.bad(m)
        };
        for k in 0..used {
            // Slot delta (LEB128): one byte for nearly every row of a well-filled table.
            let mut d = 0usize;
            let mut sh = 0u32;
            loop {
                let Some(&b) = bytes.get(p) else {
                    return Err(bad(r, p, "truncated"));
                };
                p += 1;
                if sh >= usize::BITS {
                    return Err(bad(r, p, "bad varint"));
                }
                d |= usize::from(b & 0x7f) << sh;
                sh += 7;
                if b & 0x80 == 0 {
                    break;
                }
            }
            if k > 0 && d == 0 {
                return Err(bad(r, p, "duplicate slot"));
            }
            // Slots ascend in the file, the order `put` wants.
            s = match s.checked_add(d).filter(|&x| x < n) {
                Some(x) => x,
                None => return Err(bad(r, p, "slot")),
            };
            let Some(head) = bytes.get(p..p + 3) else {
                return Err(bad(r, p, "truncated"));
            };
            let check = u16::from_le_bytes([head[0], head[1]]);
            let count = usize::from(head[2]);
            if check == 0 || count == 0 || count > classes {
                return Err(bad(r, p, "bad slot"));
            }
            p += 3;
            let Some(body) = bytes.get(p..p + 3 * count) else {
                return Err(bad(r, p, "truncated"));
            };
            p += 3 * count;
            // One pass over the entries: validate, track the largest weight, store.
            let mut row_max = 0u16;
            if t.inline() {
                let (g, slot) = (s / GROUP, s % GROUP);
                let line = &mut t.narrow.to_mut()[g];
                let mut any = false;
                for e in body.chunks_exact(3) {
                    let w = i16::from_le_bytes([e[1], e[2]]);
                    row_max = row_max.max(w.unsigned_abs());
                    let c = usize::from(e[0]);
                    if c >= classes {
                        return Err(bad(r, p, "class out of range"));
                    }
                    line.w[slot][c] = w >> shift;
                    // As `put` would: every entry kept unless shifting zeroed it.
                    any |= shift == 0 || w >> shift != 0;
                }
                if any {
                    set_check(&mut line.check, slot, check);
                }
            } else {
                q.clear();
                for e in body.chunks_exact(3) {
                    let w = i16::from_le_bytes([e[1], e[2]]);
                    row_max = row_max.max(w.unsigned_abs());
                    if usize::from(e[0]) >= classes {
                        return Err(bad(r, p, "class out of range"));
                    }
                    if shift == 0 || w >> shift != 0 {
                        q.push((e[0], w >> shift));
                    }
                }
                if !q.is_empty() {
                    t.put(s, check, &q)
                        .map_err(|_| bad(r, p, "table too large"))?;
                }
            }
            max = max.max(row_max);
        }
        r.advance(p);
        Ok((t, max))
    }
}

/// Bytes before a table's arrays in an image: the length and the header of the table's
/// section in the model file, then the shape and the array lengths.
const IMAGE_HEADER: usize = 128;
/// Every array of an image starts at a multiple of this (a line's alignment).
const IMAGE_ALIGN: usize = 64;

/// Reads the table at `r` and appends its image to `out`: the arrays as they lie in memory
/// (little endian, each padded to `IMAGE_ALIGN`), after a header that ties them to the file's
/// bytes. The build script writes the embedded syntax model's tables so, and the binary uses
/// them in place (`Table::from_image`) instead of decoding them at start-up.
pub fn write_image(r: &mut Reader<'_>, out: &mut Vec<u8>) -> Result<()> {
    let section = r.rest();
    let before = section.len();
    let t = Table::load(r)?;
    let section = &section[..before - r.rest().len()];
    let start = out.len();
    out.extend_from_slice(&(section.len() as u64).to_le_bytes());
    out.extend_from_slice(&section[..FILE_HEADER]);
    out.resize(start + 32, 0);
    for v in [t.bits, t.classes as u32, t.scale.to_bits(), t.stride as u32] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for n in [t.narrow.len(), t.wide.len(), t.entries.len(), t.dense.len()] {
        out.extend_from_slice(&(n as u64).to_le_bytes());
    }
    out.resize(start + IMAGE_HEADER, 0);
    let pad = |out: &mut Vec<u8>| out.resize(out.len().next_multiple_of(IMAGE_ALIGN), 0);
    for line in t.narrow.iter() {
        line.check
            .iter()
            .for_each(|c| out.extend_from_slice(&c.to_le_bytes()));
        line.w
            .iter()
            .flatten()
            .for_each(|w| out.extend_from_slice(&w.to_le_bytes()));
    }
    for line in t.wide.iter() {
        line.check
            .iter()
            .for_each(|c| out.extend_from_slice(&c.to_le_bytes()));
        line.row
            .iter()
            .for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
        line.pad
            .iter()
            .for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
    }
    t.entries
        .iter()
        .for_each(|e| out.extend_from_slice(&e.to_le_bytes()));
    pad(out);
    t.dense
        .iter()
        .flatten()
        .for_each(|w| out.extend_from_slice(&w.to_le_bytes()));
    pad(out);
    Ok(())
}

/// Bytes of a table's header in the model file: group bits, class count, scale, used slots.
const FILE_HEADER: usize = 11;

/// The first `n` values of type `T` of `image`, borrowed in place; `image` moves past them
/// (and their padding).
fn take_image<T: FromBytes + KnownLayout + Immutable>(
    image: &mut &'static [u8],
    n: usize,
) -> Option<&'static [T]> {
    let len = n.checked_mul(std::mem::size_of::<T>())?;
    let (head, rest) = image.split_at_checked(len.next_multiple_of(IMAGE_ALIGN))?;
    let (values, _) = <[T]>::ref_from_prefix_with_elems(head, n).ok()?;
    *image = rest;
    Some(values)
}

impl Table {
    /// The table whose section of the model file `r` is at, its arrays borrowed from `image`
    /// (written by `write_image` from the same file, and moved past here): nothing is decoded,
    /// and the memory is the binary's own, paged in when first read. Fails if the image is not
    /// of this section (another file, or a big-endian target: use `load`).
    pub fn from_image(r: &mut Reader<'_>, image: &mut &'static [u8]) -> Result<Table> {
        let mismatch = || Error::Internal("weight table image does not match the file".into());
        if !cfg!(target_endian = "little") {
            return Err(mismatch());
        }
        let head = image.get(..IMAGE_HEADER).ok_or_else(mismatch)?;
        let word = |i: usize| u32::from_le_bytes([head[i], head[i + 1], head[i + 2], head[i + 3]]);
        let long = |i: usize| u64::from(word(i)) | u64::from(word(i + 4)) << 32;
        let section = usize::try_from(long(0)).map_err(|_| mismatch())?;
        let file = r.rest();
        if file.len() < section.max(FILE_HEADER) || file[..FILE_HEADER] != head[8..8 + FILE_HEADER]
        {
            return Err(mismatch());
        }
        let (bits, classes, scale, stride) = (word(32), word(36) as usize, word(40), word(44));
        let len = |k: usize| usize::try_from(long(48 + 8 * k)).map_err(|_| mismatch());
        let (narrow_n, wide_n, entries_n, dense_n) = (len(0)?, len(1)?, len(2)?, len(3)?);
        let groups = 1usize.checked_shl(bits).ok_or_else(mismatch)?;
        let inline = classes <= INLINE;
        let shape_ok = (1..=26).contains(&bits)
            && (1..=256).contains(&classes)
            && stride as usize == stride_of(classes)
            && (narrow_n, wide_n) == if inline { (groups, 0) } else { (0, groups) };
        if !shape_ok {
            return Err(mismatch());
        }
        let mut rest: &'static [u8] = &image[IMAGE_HEADER..];
        let narrow = take_image::<NarrowLine>(&mut rest, narrow_n).ok_or_else(mismatch)?;
        let wide = take_image::<WideLine>(&mut rest, wide_n).ok_or_else(mismatch)?;
        let entries = take_image::<u32>(&mut rest, entries_n).ok_or_else(mismatch)?;
        let dense = take_image::<Block>(&mut rest, dense_n).ok_or_else(mismatch)?;
        *image = rest;
        r.advance(section);
        Ok(Table {
            bits,
            classes,
            narrow: Cow::Borrowed(narrow),
            wide: Cow::Borrowed(wide),
            entries: Cow::Borrowed(entries),
            dense: Cow::Borrowed(dense),
            stride: stride as usize,
            scale: f32::from_bits(scale),
        })
    }
}

/// `acc += row` lane by lane, saturating (`paddsw`, 8 lanes an instruction). Written as one flat
/// loop: over blocks, the compiler would vectorize across blocks instead of within them.
#[inline(always)]
fn add_row(acc: &mut [Block], row: &[Block]) {
    for (a, w) in acc.as_flattened_mut().iter_mut().zip(row.as_flattened()) {
        *a = a.saturating_add(*w);
    }
}

/// `add_row` of a row of exactly `N` blocks, unrolled: one saturating vector add per block.
#[inline(always)]
fn add_blocks<const N: usize>(acc: &mut [Block; 256 / LANES], row: &[Block]) {
    let row: &[Block; N] = row.try_into().expect("dense row of N blocks");
    for (a, w) in acc.iter_mut().zip(row) {
        for l in 0..LANES {
            a[l] = a[l].saturating_add(w[l]);
        }
    }
}

/// Features scored per batch: their lines are found before any row is added, so the cache
/// misses of one decision overlap instead of queuing one after another.
const BATCH: usize = 32;

/// Reads the word `word` picks of each of `lines`' elements, and nothing else, before the
/// scoring loop reads them: a stand-in for a prefetch instruction (Rust has it only as an
/// `unsafe` intrinsic). The tables do not fit in the caches, and a look-up's first load is
/// where the time goes (68 % of the parser's samples on one instruction, `perf annotate`). In
/// the scoring loop (about 40 instructions and a data-dependent branch a feature) the core
/// has only a few of a decision's misses in flight; this loop is a load and an xor a feature,
/// so it issues all of them at once and the scoring loop then reads lines already on their
/// way. The xor is kept (`black_box`) so that the loads are not optimized away.
#[inline(always)]
fn touch<T>(lines: &[T], at: impl Iterator<Item = usize>, word: impl Fn(&T) -> u64) {
    let mut x = 0u64;
    for i in at {
        if let Some(l) = lines.get(i) {
            x ^= word(l);
        }
    }
    std::hint::black_box(x);
}

impl Table {
    /// Raw scores of `features` in a table of at most `INLINE` classes.
    #[inline]
    fn add_narrow(&self, features: &[u64]) -> [i16; INLINE] {
        let narrow: &[NarrowLine] = &self.narrow;
        let mask = narrow.len() - 1;
        let shift = 64 - self.bits;
        let mut a = [0i16; INLINE];
        touch(
            narrow,
            features.iter().map(|&f| (f >> shift) as usize & mask),
            |l| l.check[0],
        );
        for &f in features {
            let line = &narrow[(f >> shift) as usize & mask];
            let k = slot_in(&line.check, check_of(f));
            // k == 8: no match; read slot 0 and mask it out (no branch to mispredict).
            let m = -i16::from(k < GROUP);
            let w = &line.w[k & (GROUP - 1)];
            for c in 0..INLINE {
                a[c] = a[c].saturating_add(w[c] & m);
            }
        }
        a
    }

    /// Raw scores of `features` in a wider table, into `acc` (not cleared). The shipped
    /// tagger's and labeler's dense rows (10 and 7 blocks) are added by unrolled code.
    #[inline]
    fn add_raw(&self, features: &[u64], acc: &mut [Block; 256 / LANES]) {
        match self.stride {
            7 => self.add_raw_n::<7>(features, acc),
            10 => self.add_raw_n::<10>(features, acc),
            _ => self.add_raw_n::<0>(features, acc),
        }
    }

    /// `add_raw` for dense rows of `N` blocks (0: any, `self.stride`).
    #[inline(always)]
    fn add_raw_n<const N: usize>(&self, features: &[u64], acc: &mut [Block; 256 / LANES]) {
        let mut rows = [0u32; BATCH];
        let stride = self.stride;
        let (wide, dense, entries): (&[WideLine], &[Block], &[u32]) =
            (&self.wide, &self.dense, &self.entries);
        for chunk in features.chunks(BATCH) {
            touch(wide, chunk.iter().map(|&f| self.group_of(f)), |l| {
                l.check[0]
            });
            let mut n = 0;
            for &f in chunk {
                let line = &wide[self.group_of(f)];
                let k = slot_in(&line.check, check_of(f));
                if k < GROUP {
                    rows[n] = line.row[k];
                    n += 1;
                }
            }
            // The rows' lines too: a dense row's first and last (a tagger row of 10 blocks
            // spans three or four lines, the middle ones follow them), a sparse row's first.
            let row_at = |row: u32| {
                if row & DENSE_BIT != 0 {
                    let at = (row & !DENSE_BIT) as usize * stride;
                    (at, at + stride - 1)
                } else {
                    (usize::MAX, usize::MAX)
                }
            };
            touch(dense, rows[..n].iter().map(|&r| row_at(r).0), |b| {
                b[0] as u64
            });
            touch(dense, rows[..n].iter().map(|&r| row_at(r).1), |b| {
                b[0] as u64
            });
            touch(
                entries,
                rows[..n]
                    .iter()
                    .filter(|&&r| r & DENSE_BIT == 0)
                    .map(|&r| (r & 0xff_ffff) as usize),
                |&e| u64::from(e),
            );
            for &row in &rows[..n] {
                if row & DENSE_BIT != 0 {
                    let at = (row & !DENSE_BIT) as usize * stride;
                    if N == 0 {
                        add_row(acc, &dense[at..at + stride]);
                    } else {
                        add_blocks::<N>(acc, &dense[at..at + N]);
                    }
                } else {
                    let (count, first) = ((row >> 24) as usize, (row & 0xff_ffff) as usize);
                    for &e in &entries[first..first + count] {
                        let c = (e & 0xff) as usize;
                        let a = &mut acc[(c / LANES) & 31][c % LANES];
                        *a = a.saturating_add((e >> 16) as u16 as i16);
                    }
                }
            }
        }
    }
}

impl Scorer for Table {
    fn classes(&self) -> usize {
        self.classes
    }

    #[inline]
    fn add(&self, features: &[u64], scores: &mut [f32]) {
        if self.inline() {
            let w = self.add_narrow(features);
            for (s, a) in scores.iter_mut().zip(&w) {
                *s += f32::from(*a);
            }
            return;
        }
        let mut acc = [[0i16; LANES]; 256 / LANES];
        self.add_raw(features, &mut acc);
        for (s, a) in scores.iter_mut().zip(acc.as_flattened()) {
            *s += f32::from(*a);
        }
    }

    /// `argmax` over the raw sums: no scores converted to f32 or written.
    #[inline]
    fn best(&self, features: &[u64], _scores: &mut Vec<f32>) -> usize {
        if self.inline() {
            let w = self.add_narrow(features);
            return argmax_raw(&w[..self.classes]);
        }
        let mut acc = [[0i16; LANES]; 256 / LANES];
        self.add_raw(features, &mut acc);
        argmax_raw(&acc.as_flattened()[..self.classes])
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
#[derive(Clone)]
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

    /// The bytes not read yet.
    pub fn rest(&self) -> &'a [u8] {
        &self.bytes[self.pos.min(self.bytes.len())..]
    }

    /// Moves past `n` bytes of `rest()` (at most all of them).
    pub fn advance(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.bytes.len());
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
    fn best_is_the_argmax_of_the_scores_in_every_layout() {
        // Narrow, sparse and dense rows (7 and 10 blocks are unrolled, 3 is not); ties and
        // all-negative sums included: `best` is the first maximum of what `add` gives.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for classes in [3, 20, 50, 76] {
            let features: Vec<u64> = (0..400).map(|_| next()).collect();
            let rows = features
                .iter()
                .map(|&feature| {
                    let n = 1 + next() as usize % classes;
                    let weights = (0..n)
                        .map(|_| ((next() % classes as u64) as u8, (next() % 7) as f32 - 4.0))
                        .collect::<std::collections::BTreeMap<u8, f32>>()
                        .into_iter()
                        .collect();
                    Row { feature, weights }
                })
                .collect();
            let t = Table::build(8, classes, rows).unwrap();
            let mut scratch = Vec::new();
            for k in 0..200 {
                let picked: Vec<u64> = (0..1 + k % 30)
                    .map(|_| features[next() as usize % features.len()])
                    .collect();
                let mut s = vec![0f32; classes];
                t.add(&picked, &mut s);
                assert_eq!(
                    t.best(&picked, &mut scratch),
                    argmax(&s),
                    "{classes} classes"
                );
            }
            assert_eq!(t.best(&[], &mut scratch), 0);
        }
    }

    #[test]
    fn weights_above_qmax_are_halved_on_load_and_zeros_dropped() {
        // A version-2 file: bits 6, 5 classes, scale 1, one row in slot 3 (check 0x1234) with
        // weights 16000 (above QMAX) and 1 (0 once halved).
        let mut bytes = vec![6u8];
        bytes.extend_from_slice(&5u16.to_le_bytes());
        bytes.extend_from_slice(&1f32.to_le_bytes());
        bytes.extend_from_slice(&1u32.to_le_bytes());
        bytes.push(3);
        bytes.extend_from_slice(&0x1234u16.to_le_bytes());
        bytes.push(2);
        for (c, w) in [(0u8, 16000i16), (1, 1)] {
            bytes.push(c);
            bytes.extend_from_slice(&w.to_le_bytes());
        }
        let mut r = Reader::new(&bytes, "test");
        let t = Table::load(&mut r).unwrap();
        assert!(r.is_empty());
        assert_eq!(t.scale(), 2.0);
        assert_eq!(t.decode(3), vec![(0, 8000)]);
        assert_eq!(
            scores(&t, &[0x1234 << 8]),
            vec![16000.0, 0.0, 0.0, 0.0, 0.0]
        );
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
