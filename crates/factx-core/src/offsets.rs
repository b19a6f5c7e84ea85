//! Conversion of byte offsets into the caller's offset unit (UTF-8 bytes, UTF-16 code units,
//! Unicode code points). Built once per article in O(n); each lookup is O(log k) in the number of
//! non-ASCII chars, and free for ASCII bodies.

use crate::model::{OffsetUnit, Span};

pub struct OffsetMapper {
    unit: OffsetUnit,
    /// One entry per non-ASCII char: (byte start, byte length, unit start, unit length).
    wide: Vec<(usize, usize, usize, usize)>,
}

impl OffsetMapper {
    pub fn new(body: &str, unit: OffsetUnit) -> Self {
        let mut wide = Vec::new();
        if unit != OffsetUnit::Utf8 && !body.is_ascii() {
            let mut units = 0usize;
            for (byte, ch) in body.char_indices() {
                let n = match unit {
                    OffsetUnit::Utf16 => ch.len_utf16(),
                    _ => 1,
                };
                if !ch.is_ascii() {
                    wide.push((byte, ch.len_utf8(), units, n));
                }
                units += n;
            }
        }
        OffsetMapper { unit, wide }
    }

    pub fn unit(&self) -> OffsetUnit {
        self.unit
    }

    /// Maps a byte offset that lies on a char boundary to the unit offset.
    pub fn map(&self, byte: usize) -> usize {
        let i = self.wide.partition_point(|&(b, ..)| b < byte);
        if i == 0 {
            return byte;
        }
        // Everything between the end of the last wide char and `byte` is ASCII: one unit per byte.
        let (b, blen, u, ulen) = self.wide[i - 1];
        u + ulen + (byte - (b + blen))
    }

    pub fn map_span(&self, span: Span) -> Span {
        Span::new(self.map(span.start), self.map(span.end))
    }
}

/// Slices `body` by a span expressed in `unit`; `None` when the span is out of range or splits a
/// char. Used by tests and clients' examples to prove that spans slice in every unit.
pub fn slice_in_unit(body: &str, unit: OffsetUnit, span: Span) -> Option<String> {
    match unit {
        OffsetUnit::Utf8 => body.get(span.start..span.end).map(str::to_owned),
        OffsetUnit::CodePoint => {
            let chars: Vec<char> = body.chars().collect();
            chars.get(span.start..span.end).map(|c| c.iter().collect())
        }
        OffsetUnit::Utf16 => {
            let units: Vec<u16> = body.encode_utf16().collect();
            units
                .get(span.start..span.end)
                .and_then(|u| String::from_utf16(u).ok())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_boundary_maps_consistently_in_every_unit() {
        let body = "Pakistan’s 🇵🇰 talks — naïve e\u{301} العربية ok";
        for unit in [OffsetUnit::Utf8, OffsetUnit::Utf16, OffsetUnit::CodePoint] {
            let m = OffsetMapper::new(body, unit);
            let bounds: Vec<usize> = body
                .char_indices()
                .map(|(i, _)| i)
                .chain([body.len()])
                .collect();
            for w in bounds.windows(2) {
                for &end in &bounds {
                    if end < w[0] {
                        continue;
                    }
                    let span = Span::new(w[0], end);
                    let mapped = m.map_span(span);
                    assert_eq!(
                        slice_in_unit(body, unit, mapped).as_deref(),
                        Some(&body[w[0]..end])
                    );
                }
            }
        }
    }

    #[test]
    fn ascii_is_identity() {
        let m = OffsetMapper::new("plain ascii", OffsetUnit::Utf16);
        assert_eq!(m.map(5), 5);
    }
}
