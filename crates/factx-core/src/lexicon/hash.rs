//! A fast hasher for the lexicon tables: looked up for nearly every token, so SipHash's cost
//! would show; keys are the project's own word lists, so flooding resistance buys nothing.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x517c_c1b7_2722_0a95;

/// FxHash (rustc's): one rotate-xor-multiply per 8 bytes.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        // Whole words, then a half word, then bytes: no copy of a short tail (keys are words).
        let mut b = bytes;
        while let Some((w, rest)) = b.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*w));
            b = rest;
        }
        if let Some((w, rest)) = b.split_first_chunk::<4>() {
            self.add(u64::from(u32::from_le_bytes(*w)));
            b = rest;
        }
        for &x in b {
            self.add(u64::from(x));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxBuildHasher = BuildHasherDefault<FxHasher>;
pub type FxMap<K, V> = HashMap<K, V, FxBuildHasher>;
pub type FxSet<K> = HashSet<K, FxBuildHasher>;
