//! The tagger's weights: a hashed feature table stored sparsely (only buckets that training
//! touched), with per-row quantization on disk.
//!
//! File layout (little endian): `FXNER` magic, format version (u8), hash bits (u8), tag count
//! (u8), row count (u32), the rows' bucket numbers as ascending LEB128 deltas, then per row a
//! f32 scale and one i16 per tag (weight = value × scale).

use crate::error::{Error, Result};
use crate::model::EntityType;

pub const N_TYPES: usize = EntityType::ALL.len();
/// `O`, then `B-t`, `I-t` for each type in `EntityType::ALL` order.
pub const N_TAGS: usize = 1 + 2 * N_TYPES;
pub const OUTSIDE: u8 = 0;

const MAGIC: &[u8; 5] = b"FXNER";
const VERSION: u8 = 1;
/// Most rows a model keeps (the weakest dropped first): a bound on the file and on the memory
/// the hot loop touches. (The u16 index of the first format capped a model at 65,535 rows, which
/// the cluster features outgrew.)
pub const MAX_ROWS: usize = 1 << 20;

pub fn begin_tag(t: EntityType) -> u8 {
    1 + 2 * type_index(t) as u8
}
pub fn inside_tag(t: EntityType) -> u8 {
    2 + 2 * type_index(t) as u8
}
fn type_index(t: EntityType) -> usize {
    EntityType::ALL.iter().position(|x| *x == t).unwrap_or(0)
}
/// The entity type of a B or I tag.
pub fn tag_type(tag: u8) -> Option<EntityType> {
    if tag == OUTSIDE {
        return None;
    }
    EntityType::ALL.get((tag as usize - 1) / 2).copied()
}
pub fn is_begin(tag: u8) -> bool {
    tag != OUTSIDE && tag % 2 == 1
}
/// Whether `tag` may follow `prev` (an `I-t` only continues `B-t` or `I-t`).
pub fn allowed(prev: u8, tag: u8) -> bool {
    tag == OUTSIDE || is_begin(tag) || (prev != OUTSIDE && tag_type(prev) == tag_type(tag))
}

/// Lanes of a row in memory: `N_TAGS` padded to 24 (the padding stays 0).
const LANES: usize = 24;
/// Features whose rows are looked up before any is added (`Model::add_scores`).
const ROW_BATCH: usize = 64;

/// One bucket's weights and their scale (weight = q × scale) in one 64-byte cache line, so a
/// feature with weights costs one line of memory traffic. The model (5 MB) does not fit in
/// the caches: with the weights, their scales and the bucket index in three arrays, a
/// look-up touched three or four lines.
#[derive(Clone, Copy, PartialEq)]
#[repr(C, align(64))]
struct Row {
    q: [i16; LANES],
    scale: f32,
}
const _: () = assert!(std::mem::size_of::<Row>() == 64 && N_TAGS <= LANES);

/// 64 buckets: which have a row (bit k for bucket 64w + k), how many rows the buckets before
/// them have, and how many of their own rows lie before each of their 8-bucket bytes. Rows are
/// stored in bucket order, so a bucket's row number is `before` + `in_word[k / 8]` + the set bits
/// below it in its byte (`BYTE_RANK`: the build targets baseline x86-64, without a popcount
/// instruction). The whole index is 24 bytes per 64 buckets (96 KB at 2^18 buckets, resident
/// in L2), and a feature without weights touches nothing else.
#[derive(Clone, Copy, PartialEq, Default)]
struct Occupancy {
    bits: u64,
    before: u32,
    in_word: [u8; 8],
}

/// Set bits of each byte value.
const BYTE_RANK: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).count_ones() as u8;
        i += 1;
    }
    t
};

#[derive(Clone, PartialEq)]
pub struct Model {
    bits: u32,
    occupancy: Vec<Occupancy>,
    rows: Vec<Row>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("bits", &self.bits)
            .field("rows", &self.row_count())
            .finish()
    }
}

/// Per-row scale and i16 values of a row of weights.
fn quantize(row: &[f32]) -> Row {
    let max = row.iter().fold(0f32, |m, w| m.max(w.abs()));
    let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
    let mut q = [0i16; LANES];
    for (d, w) in q.iter_mut().zip(row) {
        *d = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
    }
    Row { q, scale }
}

/// The occupancy words of `2^bits` buckets, from ascending bucket numbers (`None` when one
/// repeats or is out of range).
fn occupancy(bits: u32, buckets: impl IntoIterator<Item = usize>) -> Option<Vec<Occupancy>> {
    let n = 1usize << bits;
    let mut occ = vec![Occupancy::default(); n.div_ceil(64)];
    for b in buckets {
        let w = occ.get_mut(b / 64).filter(|_| b < n)?;
        let bit = 1u64 << (b % 64);
        if w.bits & bit != 0 {
            return None;
        }
        w.bits |= bit;
    }
    let mut before = 0u32;
    for w in &mut occ {
        w.before = before;
        let mut in_word = 0u8;
        for (k, x) in w.in_word.iter_mut().enumerate() {
            *x = in_word;
            in_word += BYTE_RANK[(w.bits >> (8 * k)) as u8 as usize];
        }
        before += u32::from(in_word);
    }
    Some(occ)
}

impl Model {
    /// Builds a model from a dense `2^bits × N_TAGS` table, keeping non-zero rows only (at
    /// most `MAX_ROWS`: beyond that, the rows with the smallest largest weight are dropped).
    pub fn from_dense(bits: u32, dense: &[f32]) -> Model {
        Self::from_dense_capped(bits, dense, MAX_ROWS)
    }

    /// `from_dense` keeping at most `max_rows` rows (at most `MAX_ROWS`), the strongest.
    pub fn from_dense_capped(bits: u32, dense: &[f32], max_rows: usize) -> Model {
        let max_rows = max_rows.min(MAX_ROWS);
        let n = 1usize << bits;
        assert_eq!(dense.len(), n * N_TAGS, "dense table size");
        let row_max = |b: usize| {
            dense[b * N_TAGS..(b + 1) * N_TAGS]
                .iter()
                .fold(0f32, |m, w| m.max(w.abs()))
        };
        let mut keep: Vec<usize> = (0..n).filter(|&b| row_max(b) > 0.0).collect();
        if keep.len() > max_rows {
            keep.sort_by(|&a, &b| row_max(b).total_cmp(&row_max(a)).then(a.cmp(&b)));
            keep.truncate(max_rows);
            keep.sort_unstable();
        }
        let rows = keep
            .iter()
            .map(|&b| quantize(&dense[b * N_TAGS..(b + 1) * N_TAGS]))
            .collect();
        Model {
            bits,
            occupancy: occupancy(bits, keep).expect("ascending distinct buckets"),
            rows,
        }
    }

    pub fn bits(&self) -> u32 {
        self.bits
    }

    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    #[inline]
    pub fn bucket(&self, feature: u64) -> usize {
        bucket(feature, self.bits)
    }

    /// The row of weights of `bucket`, if it has one.
    #[inline]
    fn row(&self, bucket: usize) -> Option<&Row> {
        let w = self.occupancy.get(bucket / 64)?;
        let k = bucket % 64;
        if w.bits >> k & 1 == 0 {
            return None;
        }
        let below = (w.bits >> (k & !7)) as u8 & ((1u16 << (k & 7)) - 1) as u8;
        let r = w.before as usize
            + usize::from(w.in_word[k / 8])
            + usize::from(BYTE_RANK[usize::from(below)]);
        self.rows.get(r)
    }

    /// The buckets that have a row, ascending (the order of the rows).
    fn buckets(&self) -> impl Iterator<Item = usize> + '_ {
        self.occupancy.iter().enumerate().flat_map(|(k, w)| {
            let mut bits = w.bits;
            std::iter::from_fn(move || {
                (bits != 0).then(|| {
                    let b = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    64 * k + b
                })
            })
        })
    }

    /// Adds the weights of `features` to `scores`.
    #[inline]
    pub fn add_scores(&self, features: &[u64], scores: &mut [f32; N_TAGS]) {
        let mut acc = [0f32; LANES];
        let mut rows: [Option<&Row>; ROW_BATCH] = [None; ROW_BATCH];
        for chunk in features.chunks(ROW_BATCH) {
            // Each row's line requested before any is added (`syntax::weights::touch`'s
            // reason: the 5 MB of rows miss the caches, and the adding loop keeps few misses in
            // flight); the rows found are kept for it, and added in the features' order.
            let mut n = 0;
            let mut x = 0u32;
            for &f in chunk {
                if let Some(row) = self.row(self.bucket(f)) {
                    x ^= row.scale.to_bits();
                    rows[n] = Some(row);
                    n += 1;
                }
            }
            std::hint::black_box(x);
            for row in rows[..n].iter().flatten() {
                let sc = row.scale;
                for (a, &w) in acc.iter_mut().zip(&row.q) {
                    *a += f32::from(w) * sc;
                }
            }
        }
        for (s, a) in scores.iter_mut().zip(&acc) {
            *s += a;
        }
    }

    /// Weight of one tag in one row (tests, debugging).
    pub fn weight(&self, row: usize, tag: usize) -> f32 {
        let r = &self.rows[row];
        f32::from(r.q[tag]) * r.scale
    }

    pub fn save(&self) -> Vec<u8> {
        let nrows = self.row_count();
        let mut out = Vec::with_capacity(16 + nrows * (4 + 2 * N_TAGS + 3));
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.push(self.bits as u8);
        out.push(N_TAGS as u8);
        out.extend_from_slice(&(nrows as u32).to_le_bytes());
        let mut last = 0usize;
        for b in self.buckets() {
            let mut d = (b - last) as u64;
            last = b;
            loop {
                let byte = (d & 0x7f) as u8;
                d >>= 7;
                if d == 0 {
                    out.push(byte);
                    break;
                }
                out.push(byte | 0x80);
            }
        }
        for r in &self.rows {
            out.extend_from_slice(&r.scale.to_le_bytes());
            for q in &r.q[..N_TAGS] {
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        out
    }

    pub fn load(bytes: &[u8]) -> Result<Model> {
        let bad = |m: &str| Error::Internal(format!("NER model: {m}"));
        if bytes.len() < 12 || &bytes[..5] != MAGIC {
            return Err(bad("not a factx NER model"));
        }
        if bytes[5] != VERSION {
            return Err(bad("unsupported format version"));
        }
        let bits = u32::from(bytes[6]);
        if !(8..=26).contains(&bits) || bytes[7] as usize != N_TAGS {
            return Err(bad("hash bits or tag set do not match this build"));
        }
        let nrows = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
        let n = 1usize << bits;
        if nrows > n || nrows > MAX_ROWS {
            return Err(bad("more rows than buckets"));
        }
        let mut pos = 12;
        let mut buckets = Vec::with_capacity(nrows);
        let mut b = 0usize;
        for _ in 0..nrows {
            let mut d = 0u64;
            let mut shift = 0;
            loop {
                let byte = *bytes.get(pos).ok_or_else(|| bad("truncated"))?;
                pos += 1;
                if shift > 35 {
                    return Err(bad("bad bucket delta"));
                }
                d |= u64::from(byte & 0x7f) << shift;
                shift += 7;
                if byte & 0x80 == 0 {
                    break;
                }
            }
            b = b
                .checked_add(d as usize)
                .filter(|&x| x < n)
                .ok_or_else(|| bad("bucket out of range"))?;
            buckets.push(b);
        }
        let occupancy = occupancy(bits, buckets).ok_or_else(|| bad("duplicate bucket"))?;
        let row_bytes = 4 + 2 * N_TAGS;
        if bytes.len() - pos != nrows * row_bytes {
            return Err(bad("size does not match row count"));
        }
        let mut rows = Vec::with_capacity(nrows);
        for chunk in bytes[pos..].chunks_exact(row_bytes) {
            let scale = f32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
            if !scale.is_finite() {
                return Err(bad("non-finite row scale"));
            }
            let mut q = [0i16; LANES];
            for (d, v) in q.iter_mut().zip(chunk[4..].chunks_exact(2)) {
                *d = i16::from_le_bytes([v[0], v[1]]);
            }
            rows.push(Row { q, scale });
        }
        Ok(Model {
            bits,
            occupancy,
            rows,
        })
    }
}

#[inline]
pub fn bucket(feature: u64, bits: u32) -> usize {
    // Features are already avalanched (`features::finish`), so the top bits are well mixed.
    (feature >> (64 - bits)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip() {
        for t in EntityType::ALL {
            assert_eq!(tag_type(begin_tag(t)), Some(t));
            assert_eq!(tag_type(inside_tag(t)), Some(t));
            assert!(is_begin(begin_tag(t)) && !is_begin(inside_tag(t)));
            assert!(allowed(begin_tag(t), inside_tag(t)));
            assert!(!allowed(OUTSIDE, inside_tag(t)));
        }
        assert!((N_TAGS as u8) > inside_tag(EntityType::Language));
    }

    #[test]
    fn keeps_at_most_max_rows_dropping_the_weakest() {
        let bits = 12;
        let n = 1usize << bits;
        let mut dense = vec![0f32; n * N_TAGS];
        for b in 0..1010 {
            dense[b * N_TAGS + 1] = 1.0 + b as f32;
        }
        let m = Model::from_dense_capped(bits, &dense, 1000);
        assert_eq!(m.row_count(), 1000);
        // The 10 smallest rows (buckets 0..10) were dropped, the largest kept.
        assert!(m.row(9).is_none());
        assert!(m.row(1009).is_some());
        assert_eq!(Model::load(&m.save()).unwrap(), m);
    }

    #[test]
    fn loads_more_rows_than_the_u16_index_held() {
        // The first format's in-memory index was u16: more than 65,535 rows must round-trip.
        let bits = 17;
        let n = 1usize << bits;
        let mut dense = vec![0f32; n * N_TAGS];
        for b in 0..70_000 {
            dense[b * N_TAGS + b % N_TAGS] = 0.5 + (b % 7) as f32;
        }
        let m = Model::from_dense(bits, &dense);
        assert_eq!(m.row_count(), 70_000);
        let back = Model::load(&m.save()).unwrap();
        assert_eq!(back, m);
        assert!((back.weight(69_999, 69_999 % N_TAGS) - (0.5 + (69_999 % 7) as f32)).abs() < 1e-3);
        assert!(back.row(70_000).is_none());
    }

    #[test]
    fn scores_are_the_rows_of_the_features_buckets() {
        // Every third bucket has a row; a feature's scores are its bucket's row, found by
        // counting the rows before it (the occupancy words' rank), or nothing.
        let bits = 10;
        let n = 1usize << bits;
        let mut dense = vec![0f32; n * N_TAGS];
        for b in (0..n).step_by(3) {
            for t in 0..N_TAGS {
                dense[b * N_TAGS + t] = (b * 7 + t) as f32 % 13.0 - 6.0;
            }
        }
        let m = Model::from_dense(bits, &dense);
        for b in 0..n {
            let f = (b as u64) << (64 - bits) | 0x1234;
            let mut got = [0f32; N_TAGS];
            m.add_scores(&[f], &mut got);
            let mut want = [0f32; N_TAGS];
            if b % 3 == 0 {
                for (t, w) in want.iter_mut().enumerate() {
                    *w = m.weight(b / 3, t);
                }
            }
            assert_eq!(got, want, "bucket {b}");
        }
    }

    #[test]
    fn save_load_round_trip_and_rejects_garbage() {
        let bits = 10;
        let mut dense = vec![0f32; (1 << bits) * N_TAGS];
        dense[5 * N_TAGS + 3] = 1.5;
        dense[900 * N_TAGS] = -0.25;
        let m = Model::from_dense(bits, &dense);
        assert_eq!(m.row_count(), 2);
        let bytes = m.save();
        let back = Model::load(&bytes).unwrap();
        assert_eq!(back.row_count(), 2);
        assert_eq!(back.save(), bytes);
        assert_eq!(back, m);
        assert!((back.weight(0, 3) - 1.5).abs() < 1e-3);
        assert!((back.weight(1, 0) + 0.25).abs() < 1e-3);
        assert!(Model::load(b"nonsense").is_err());
        assert!(Model::load(&bytes[..bytes.len() - 1]).is_err());
    }
}
