//! `WordMap`: the frozen lookup table behind every word list. The stages ask it about nearly
//! every token, often several times, and most tokens are in no list, so a lookup must cost a
//! few instructions: a word of up to seven bytes is its own key (its bytes and length packed in
//! a `u64`, so a match needs no string comparison); a longer one is keyed by its hash and
//! confirmed by comparing the strings. Open addressing, at most half full.

use super::hash::FxHasher;
use std::hash::Hasher;

pub struct WordMap<V> {
    /// 0 = empty slot.
    tags: Vec<u64>,
    /// Index into `entries` of each occupied slot.
    slots: Vec<u32>,
    entries: Vec<(&'static str, V)>,
    shift: u32,
}

const MUL: u64 = 0x9e37_79b9_7f4a_7c15;
/// Set on the tags of words longer than seven bytes (a packed tag's top byte is its length).
const LONG: u64 = 1 << 63;

#[inline]
fn read_u32(b: &[u8], at: usize) -> u64 {
    u64::from(u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]))
}

/// The key of a word: bytes and length for a short word, a hash with `LONG` set for a long one;
/// 0 for the empty word, which no table holds.
#[inline]
fn tag(w: &str) -> u64 {
    let b = w.as_bytes();
    let n = b.len();
    let packed = match n {
        0 => return 0,
        1..=3 => {
            // First, middle and last byte cover every byte of a 1-3 byte word.
            u64::from(b[0])
                | u64::from(b[n / 2]) << (8 * (n / 2))
                | u64::from(b[n - 1]) << (8 * (n - 1))
        }
        4..=7 => read_u32(b, 0) | read_u32(b, n - 4) << (8 * (n - 4)),
        _ => {
            let mut h = FxHasher::default();
            h.write(b);
            return h.finish() | LONG;
        }
    };
    packed | (n as u64) << 56
}

impl<V> WordMap<V> {
    /// A table of `entries`, whose words must be distinct and non-empty.
    pub fn new(entries: Vec<(&'static str, V)>) -> WordMap<V> {
        let cap = (entries.len() * 2).next_power_of_two().max(16);
        let mut m = WordMap {
            tags: vec![0; cap],
            slots: vec![0; cap],
            entries,
            shift: 64 - cap.trailing_zeros(),
        };
        for (i, (w, _)) in m.entries.iter().enumerate() {
            let t = tag(w);
            assert!(t != 0, "empty word in a word table");
            let mut s = (t.wrapping_mul(MUL) >> m.shift) as usize;
            while m.tags[s] != 0 {
                assert!(
                    m.tags[s] != t || m.entries[m.slots[s] as usize].0 != *w,
                    "{w:?} twice in a word table"
                );
                s = (s + 1) & (cap - 1);
            }
            m.tags[s] = t;
            m.slots[s] = i as u32;
        }
        m
    }

    /// The value of `w`, exactly as written.
    #[inline]
    pub fn get(&self, w: &str) -> Option<&V> {
        let t = tag(w);
        if t == 0 {
            return None;
        }
        let mask = self.tags.len() - 1;
        let mut s = (t.wrapping_mul(MUL) >> self.shift) as usize;
        loop {
            match self.tags[s] {
                0 => return None,
                x if x == t => {
                    let (k, v) = &self.entries[self.slots[s] as usize];
                    if t & LONG == 0 || *k == w {
                        return Some(v);
                    }
                }
                _ => {}
            }
            s = (s + 1) & mask;
        }
    }

    /// Every entry, in the order given to `new`.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &V)> {
        self.entries.iter().map(|(k, v)| (*k, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_a_hash_map() {
        let words: Vec<&'static str> = vec![
            "a",
            "an",
            "the",
            "of",
            "Inc",
            "Inc.",
            "said",
            "says",
            "sa",
            "s",
            "é",
            "née",
            "’s",
            "'s",
            "seventh",
            "seventeenth",
            "international",
            "internationals",
            "U.S.",
            "mi'raj",
            "—",
            "\"",
            "1",
            "12345678",
            "1234567",
            "123456789",
        ];
        let m = WordMap::new(words.iter().enumerate().map(|(i, w)| (*w, i)).collect());
        for (i, w) in words.iter().enumerate() {
            assert_eq!(m.get(w), Some(&i), "{w}");
        }
        let absent = [
            "",
            "A",
            "The",
            "th",
            "t",
            "sai",
            "saidx",
            "seventeenths",
            "internationaL",
            "é ",
            "12345679",
            "123456",
            "\u{0}",
            "a\u{0}",
            "’",
            "ss",
        ];
        for w in absent {
            assert_eq!(m.get(w), None, "{w:?}");
        }
    }
}
