//! Hashed views of tokens ("atoms") shared by the tagger and the parser. Each token's strings are
//! hashed once per sentence; a feature is then a cheap mix of a template number with one to three
//! atoms, so feature extraction allocates nothing and the weight tables are found by hashing.

use crate::text::norm_char;

// The NER's hashing: one definition of the mixer and the byte hash for both models.
pub use crate::ner::features::{hash_bytes, mix};

/// Final avalanche so that the top bits (the bucket) depend on every input bit.
#[inline]
pub fn finish(h: u64) -> u64 {
    let h = (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let h = (h ^ (h >> 32)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

// A feature from a template number and one to three atoms: one multiply per atom. The atoms
// are hashes already, and a weight table reads the top bits of the product (its slot group),
// which depend on every input bit, and bits 8..24 as check bits.
#[inline]
fn template(t: u64) -> u64 {
    t.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x2545_f491
}
#[inline]
pub fn f1(t: u64, a: u64) -> u64 {
    mix(template(t), a)
}
#[inline]
pub fn f2(t: u64, a: u64, b: u64) -> u64 {
    mix(mix(template(t), a), b)
}
#[inline]
pub fn f3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(template(t), a), b), c)
}

/// Longest token (in chars) whose normalized form is hashed in full; the rest of a longer token
/// (a URL, a run of symbols) only counts through its length, which bounds per-token work.
const MAX_CHARS: usize = 48;

/// Hashed views of one token.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Atoms {
    /// Lowercased, typographic quotes and dashes folded, digits mapped to `0`.
    pub word: u64,
    /// Word shape with runs collapsed (`Xx`, `d,d`, `XX.`).
    pub shape: u64,
    /// Suffixes of 1..=4 chars and prefixes of 1..=3 chars of the normalized form.
    pub suf: [u64; 4],
    pub pre: [u64; 3],
    /// `FLAG_*` bits.
    pub flags: u32,
}

pub const FLAG_UPPER_INITIAL: u32 = 1;
pub const FLAG_ALL_CAPS: u32 = 2;
pub const FLAG_DIGIT: u32 = 4;
pub const FLAG_HYPHEN: u32 = 8;
pub const FLAG_PUNCT_ONLY: u32 = 16;
pub const FLAG_LONG: u32 = 32;

/// Atoms of the positions before the first and after the last token.
pub const BOUNDARY_BEFORE: Atoms = Atoms {
    word: 0xb05,
    shape: 0xb05,
    suf: [0xb05; 4],
    pre: [0xb05; 3],
    flags: 0,
};
pub const BOUNDARY_AFTER: Atoms = Atoms {
    word: 0xe05,
    shape: 0xe05,
    suf: [0xe05; 4],
    pre: [0xe05; 3],
    flags: 0,
};

fn shape_class(c: char) -> u8 {
    if c.is_uppercase() {
        b'X'
    } else if c.is_lowercase() {
        b'x'
    } else if c.is_ascii_digit() {
        b'd'
    } else if c.is_alphabetic() {
        b'a'
    } else if c.is_ascii() {
        c as u8
    } else {
        b'*'
    }
}

/// Reusable buffers, so computing atoms allocates nothing once warm.
#[derive(Default)]
pub struct AtomBuf {
    norm: Vec<char>,
    bytes: String,
    shape: Vec<u8>,
}

impl AtomBuf {
    /// The normalized form of `tok` (what `Atoms::word` hashes), for lexicon lookups.
    pub fn normalized(&mut self, tok: &str) -> &str {
        self.fill(tok);
        &self.bytes
    }

    fn fill(&mut self, tok: &str) {
        self.norm.clear();
        for c in tok.chars().take(MAX_CHARS) {
            let c = norm_char(c);
            if c.is_ascii_digit() {
                self.norm.push('0');
            } else if c.is_ascii() {
                self.norm.push(c.to_ascii_lowercase());
            } else {
                self.norm.extend(c.to_lowercase());
            }
        }
        self.bytes.clear();
        self.bytes.extend(self.norm.iter());
    }

    pub fn atoms(&mut self, tok: &str) -> Atoms {
        if tok.is_ascii() && tok.len() <= MAX_CHARS {
            return atoms_ascii(tok.as_bytes());
        }
        self.atoms_chars(tok)
    }

    /// `atoms` of any token, char by char.
    fn atoms_chars(&mut self, tok: &str) -> Atoms {
        self.fill(tok);
        let mut a = Atoms {
            word: hash_bytes(1, self.bytes.as_bytes()),
            ..Atoms::default()
        };
        let n = self.norm.len();
        let mut buf = [0u8; 16];
        for k in 1..=4 {
            let s = &self.norm[n.saturating_sub(k)..];
            a.suf[k - 1] = hash_chars(10 + k as u64, s, &mut buf);
        }
        for k in 1..=3 {
            let s = &self.norm[..k.min(n)];
            a.pre[k - 1] = hash_chars(20 + k as u64, s, &mut buf);
        }
        self.shape.clear();
        let (mut upper, mut lower, mut digit, mut alnum) = (0, 0, false, false);
        for (k, c) in tok.chars().enumerate() {
            if k >= MAX_CHARS {
                break;
            }
            let s = shape_class(c);
            if self.shape.last() != Some(&s) {
                self.shape.push(s);
            }
            upper += usize::from(c.is_uppercase());
            lower += usize::from(c.is_lowercase());
            digit |= c.is_numeric();
            alnum |= c.is_alphanumeric();
            if k == 0 && c.is_uppercase() {
                a.flags |= FLAG_UPPER_INITIAL;
            }
            if c == '-' && k > 0 {
                a.flags |= FLAG_HYPHEN;
            }
        }
        if upper > 0 && lower == 0 {
            a.flags |= FLAG_ALL_CAPS;
        }
        if digit {
            a.flags |= FLAG_DIGIT;
        }
        if !alnum {
            a.flags |= FLAG_PUNCT_ONLY;
        }
        if tok.len() > 20 {
            a.flags |= FLAG_LONG;
        }
        a.shape = hash_bytes(3, &self.shape);
        a
    }
}

/// `AtomBuf::atoms` of an ASCII token of at most `MAX_CHARS` bytes (most news tokens),
/// on bytes: no char decoding, no buffers, the same hashes and flags.
fn atoms_ascii(tok: &[u8]) -> Atoms {
    let mut norm = [0u8; MAX_CHARS];
    for (d, &c) in norm.iter_mut().zip(tok) {
        // `norm_char` on ASCII: a backquote is an apostrophe, a tab a space.
        *d = match c {
            b'`' => b'\'',
            b'\t' => b' ',
            b'0'..=b'9' => b'0',
            _ => c.to_ascii_lowercase(),
        };
    }
    let n = tok.len();
    let norm = &norm[..n];
    let mut a = Atoms {
        word: hash_bytes(1, norm),
        ..Atoms::default()
    };
    for k in 1..=4 {
        a.suf[k - 1] = hash_bytes(10 + k as u64, &norm[n.saturating_sub(k)..]);
    }
    for k in 1..=3 {
        a.pre[k - 1] = hash_bytes(20 + k as u64, &norm[..k.min(n)]);
    }
    let mut shape = [0u8; MAX_CHARS];
    let mut len = 0;
    let (mut upper, mut lower, mut digit, mut alnum) = (false, false, false, false);
    for (k, &c) in tok.iter().enumerate() {
        let s = match c {
            b'A'..=b'Z' => b'X',
            b'a'..=b'z' => b'x',
            b'0'..=b'9' => b'd',
            _ => c,
        };
        if len == 0 || shape[len - 1] != s {
            shape[len] = s;
            len += 1;
        }
        upper |= c.is_ascii_uppercase();
        lower |= c.is_ascii_lowercase();
        digit |= c.is_ascii_digit();
        alnum |= c.is_ascii_alphanumeric();
        if k == 0 && c.is_ascii_uppercase() {
            a.flags |= FLAG_UPPER_INITIAL;
        }
        if c == b'-' && k > 0 {
            a.flags |= FLAG_HYPHEN;
        }
    }
    if upper && !lower {
        a.flags |= FLAG_ALL_CAPS;
    }
    if digit {
        a.flags |= FLAG_DIGIT;
    }
    if !alnum {
        a.flags |= FLAG_PUNCT_ONLY;
    }
    if n > 20 {
        a.flags |= FLAG_LONG;
    }
    a.shape = hash_bytes(3, &shape[..len]);
    a
}

fn hash_chars(seed: u64, s: &[char], buf: &mut [u8; 16]) -> u64 {
    let mut len = 0;
    for c in s {
        let n = c.len_utf8();
        if len + n > buf.len() {
            break;
        }
        c.encode_utf8(&mut buf[len..]);
        len += n;
    }
    hash_bytes(seed, &buf[..len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_folds_case_quotes_and_digits() {
        let mut b = AtomBuf::default();
        assert_eq!(b.atoms("Don’t").word, b.atoms("don't").word);
        assert_eq!(b.atoms("1999").word, b.atoms("2024").word);
        assert_ne!(b.atoms("cat").word, b.atoms("cats").word);
        assert_eq!(b.atoms("cats").suf[0], b.atoms("dogs").suf[0]);
        assert_eq!(b.normalized("U.S.-Backed"), "u.s.-backed");
        let a = b.atoms("NATO");
        assert!(a.flags & FLAG_ALL_CAPS != 0 && a.flags & FLAG_UPPER_INITIAL != 0);
        assert!(b.atoms(",").flags & FLAG_PUNCT_ONLY != 0);
        // The ASCII path gives what the char path gives.
        let mut toks = vec![
            "Don`t",
            "U.S.-Backed",
            "1,999.5",
            "NATO",
            "x\ty",
            "--",
            "A",
            "",
        ];
        toks.extend([
            "e-mail",
            "$",
            "McDonald's",
            "(",
            "AK-47s",
            "#Hashtag",
            "~!@{}|",
        ]);
        let long = "Ab".repeat(MAX_CHARS / 2);
        toks.push(&long);
        for tok in toks {
            assert_eq!(atoms_ascii(tok.as_bytes()), b.atoms_chars(tok), "{tok}");
        }
        // Long and odd tokens are fine.
        b.atoms(&"x".repeat(10_000));
        b.atoms("");
        b.atoms("\u{301}é");
    }
}
