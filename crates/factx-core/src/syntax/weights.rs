//! A hashed, sparse, quantized weight table: the storage of every linear model of the syntax
//! layer (tagger, parser transitions, relation labels).
//!
//! A feature (a 64-bit hash) selects bucket `top bits`; the bucket holds the weights of one
//! trained feature as `(class, i16 weight)` entries, contiguous in memory (only the classes the
//! feature ever voted for). Each bucket also stores 8 check bits of its feature's hash, so an
//! unseen feature that lands on a trained bucket is ignored rather than adding someone else's
//! weights. A feature whose bucket is taken by a stronger one goes to the next bucket (one probe).
//!
//! File layout (little endian): hash bits (u8), class count (u16), scale (f32), used buckets
//! (u32); then per used bucket in ascending order: bucket delta (LEB128), check (u8), entry count
//! (u8), and per entry class (u8) and weight (i16). Weight = value × scale; decoding compares
//! scores, so it adds raw values and never multiplies.

use crate::error::{Error, Result};

/// Adds the weights of features to per-class scores. The runtime `Table` implements it, and so
/// does the trainer's exact perceptron, so that training decodes with the run-time code.
pub trait Scorer {
    fn classes(&self) -> usize;
    fn add(&self, features: &[u64], scores: &mut [f32]);
}

const OFFSET_BITS: u32 = 24;
const OFFSET_MASK: u32 = (1 << OFFSET_BITS) - 1;
/// Most entries one table can hold (offsets share a u32 with the check byte).
pub const MAX_ENTRIES: usize = OFFSET_MASK as usize;

#[derive(Clone, PartialEq)]
pub struct Table {
    bits: u32,
    classes: usize,
    /// Per bucket (and one past the last): `check << 24 | first entry`.
    heads: Vec<u32>,
    /// `weight << 16 | class`, weight an i16.
    entries: Vec<u32>,
    scale: f32,
}

impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Table")
            .field("bits", &self.bits)
            .field("classes", &self.classes)
            .field("entries", &self.entries.len())
            .finish()
    }
}

#[inline]
fn check_of(feature: u64) -> u32 {
    // Low bits: independent of the bucket, which uses the top bits.
    (feature & 0xff) as u32
}

#[inline]
fn bucket_of(feature: u64, bits: u32) -> usize {
    (feature >> (64 - bits)) as usize
}

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
            bits: 4,
            classes,
            heads: vec![0; 17],
            entries: Vec::new(),
            scale: 1.0,
        }
    }

    /// Quantizes `rows` into a table of `2^bits` buckets. Rows are placed strongest first (by
    /// summed absolute weight), so a bucket conflict drops the weaker feature. Weights that
    /// quantize to 0 are dropped.
    pub fn build(bits: u32, classes: usize, mut rows: Vec<Row>) -> Result<Table> {
        if !(4..=28).contains(&bits) || classes == 0 || classes > 256 {
            return Err(Error::Internal("weight table: bad shape".into()));
        }
        let max = rows
            .iter()
            .flat_map(|r| r.weights.iter())
            .fold(0f32, |m, (_, w)| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let norm = |r: &Row| r.weights.iter().map(|(_, w)| f64::from(w.abs())).sum::<f64>();
        rows.sort_by(|a, b| norm(b).total_cmp(&norm(a)).then(a.feature.cmp(&b.feature)));
        let n = 1usize << bits;
        let mut slot: Vec<Option<(u32, Vec<(u8, i16)>)>> = vec![None; n];
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
            let b = bucket_of(r.feature, bits);
            let free = [b, b + 1].into_iter().find(|&x| x < n && slot[x].is_none());
            if let Some(x) = free {
                slot[x] = Some((check_of(r.feature), q));
            }
        }
        let mut heads = Vec::with_capacity(n + 1);
        let mut entries = Vec::new();
        for s in &slot {
            let check = s.as_ref().map_or(0, |(c, _)| *c);
            heads.push(check << OFFSET_BITS | entries.len() as u32);
            if let Some((_, q)) = s {
                for &(c, w) in q {
                    entries.push((w as u16 as u32) << 16 | u32::from(c));
                }
            }
            if entries.len() > MAX_ENTRIES {
                return Err(Error::Internal("weight table: too many entries".into()));
            }
        }
        heads.push(entries.len() as u32);
        Ok(Table {
            bits,
            classes,
            heads,
            entries,
            scale,
        })
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    pub fn used_buckets(&self) -> usize {
        self.heads
            .windows(2)
            .filter(|w| (w[0] & OFFSET_MASK) != (w[1] & OFFSET_MASK))
            .count()
    }

    /// Multiply raw scores by this to get the trained weights' units.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Entries of the bucket holding `feature`, if its check bits match.
    #[inline]
    fn row(&self, feature: u64) -> &[u32] {
        let b = bucket_of(feature, self.bits);
        let want = check_of(feature);
        for x in [b, b + 1] {
            if x + 1 >= self.heads.len() {
                break;
            }
            let (h0, h1) = (self.heads[x], self.heads[x + 1]);
            let (s, e) = ((h0 & OFFSET_MASK) as usize, (h1 & OFFSET_MASK) as usize);
            if s < e && h0 >> OFFSET_BITS == want {
                return &self.entries[s..e];
            }
        }
        &[]
    }

    pub fn save(&self, out: &mut Vec<u8>) {
        out.push(self.bits as u8);
        out.extend_from_slice(&(self.classes as u16).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        let used: Vec<usize> = (0..self.heads.len() - 1)
            .filter(|&b| (self.heads[b] & OFFSET_MASK) != (self.heads[b + 1] & OFFSET_MASK))
            .collect();
        out.extend_from_slice(&(used.len() as u32).to_le_bytes());
        let mut last = 0;
        for b in used {
            write_leb(out, (b - last) as u64);
            last = b;
            let (h0, h1) = (self.heads[b], self.heads[b + 1]);
            let (s, e) = ((h0 & OFFSET_MASK) as usize, (h1 & OFFSET_MASK) as usize);
            out.push((h0 >> OFFSET_BITS) as u8);
            out.push((e - s) as u8);
            for &x in &self.entries[s..e] {
                out.push(x as u8);
                out.extend_from_slice(&((x >> 16) as u16).to_le_bytes());
            }
        }
    }

    pub fn load(r: &mut Reader<'_>) -> Result<Table> {
        let bits = u32::from(r.u8()?);
        let classes = usize::from(r.u16()?);
        let scale = r.f32()?;
        if !(4..=28).contains(&bits) || classes == 0 || classes > 256 || !scale.is_finite() {
            return Err(r.bad("weight table header"));
        }
        let used = r.u32()? as usize;
        let n = 1usize << bits;
        if used > n {
            return Err(r.bad("more buckets than the table has"));
        }
        let mut heads = Vec::with_capacity(n + 1);
        let mut entries = Vec::new();
        let mut b = 0usize;
        for k in 0..used {
            let d = r.leb()? as usize;
            if k > 0 && d == 0 {
                return Err(r.bad("duplicate bucket"));
            }
            b = b.checked_add(d).filter(|&x| x < n).ok_or_else(|| r.bad("bucket"))?;
            while heads.len() < b {
                heads.push(entries.len() as u32);
            }
            let check = u32::from(r.u8()?);
            let count = usize::from(r.u8()?);
            if count == 0 {
                return Err(r.bad("empty bucket"));
            }
            heads.push(check << OFFSET_BITS | entries.len() as u32);
            for _ in 0..count {
                let c = r.u8()?;
                let w = r.u16()?;
                if usize::from(c) >= classes {
                    return Err(r.bad("class out of range"));
                }
                entries.push(u32::from(w) << 16 | u32::from(c));
            }
            if entries.len() > MAX_ENTRIES {
                return Err(r.bad("too many entries"));
            }
        }
        while heads.len() <= n {
            heads.push(entries.len() as u32);
        }
        Ok(Table {
            bits,
            classes,
            heads,
            entries,
            scale,
        })
    }
}

impl Scorer for Table {
    fn classes(&self) -> usize {
        self.classes
    }

    #[inline]
    fn add(&self, features: &[u64], scores: &mut [f32]) {
        for &f in features {
            for &e in self.row(f) {
                if let Some(s) = scores.get_mut((e & 0xff) as usize) {
                    *s += f32::from((e >> 16) as u16 as i16);
                }
            }
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

    #[test]
    fn scores_round_trip_through_bytes() {
        let t = Table::build(10, 3, rows()).unwrap();
        let mut s = [0f32; 3];
        t.add(&[0x1234_5678_9abc_def0, 0xfedc_ba98_7654_3210, 42], &mut s);
        let w: Vec<f32> = s.iter().map(|x| x * t.scale()).collect();
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

    #[test]
    fn unseen_features_are_ignored_and_conflicts_probe() {
        // Same bucket (top bits), different check bits: both kept, one probed to the next bucket.
        let a = 0xabc0_0000_0000_0001u64;
        let b = 0xabc0_0000_0000_0002u64;
        let t = Table::build(
            8,
            2,
            vec![
                Row {
                    feature: a,
                    weights: vec![(0, 2.0)],
                },
                Row {
                    feature: b,
                    weights: vec![(1, 1.0)],
                },
            ],
        )
        .unwrap();
        let score = |f: u64| {
            let mut s = [0f32; 2];
            t.add(&[f], &mut s);
            s
        };
        assert!(score(a)[0] > 0.0 && score(a)[1] == 0.0);
        assert!(score(b)[1] > 0.0 && score(b)[0] == 0.0);
        assert_eq!(score(0xabc0_0000_0000_0003), [0.0, 0.0]);
        assert_eq!(t.used_buckets(), 2);
    }
}
