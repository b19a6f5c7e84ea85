//! `View`: a read-only index over a `Doc` that the fact rules share. It maps every token to the
//! longest entity mention covering it and to a time expression, so that the rules can walk a
//! sentence word by word in O(1) per step. Built once per article in O(tokens + mentions).

use std::ops::Range;

use crate::doc::{Doc, TokenKind};
use crate::model::{EntityType, MentionKind, Span, TimeType};

#[derive(Debug, Clone)]
pub struct MentionRef {
    pub toks: Range<usize>,
    pub span: Span,
    /// Index into `Doc::entities`.
    pub entity: usize,
    pub kind: MentionKind,
    pub etype: EntityType,
}

pub struct View<'d> {
    pub text: &'d str,
    pub spans: Vec<Span>,
    /// Lowercased token texts with curly apostrophes straightened, concatenated in one buffer
    /// (one allocation per article, not one per token); `lower_at[i]` is token i's range in it.
    lower: String,
    lower_at: Vec<(usize, usize)>,
    pub kinds: Vec<TokenKind>,
    /// Token range and byte span of each sentence.
    pub sents: Vec<(Range<usize>, Span)>,
    /// Byte offsets where paragraphs start (`Doc::paragraphs`).
    pub paragraphs: Vec<usize>,
    /// Every mention, sorted by first token (longest first on ties).
    pub mentions: Vec<MentionRef>,
    /// Token → index into `mentions` of the longest mention covering it.
    pub top: Vec<Option<usize>>,
    /// Token → index into `Doc::times`.
    pub time_at: Vec<Option<usize>>,
    /// Per time: whether it locates an event (a date or time, not a duration or a set).
    pub time_is_point: Vec<bool>,
    /// Entity holding the dateline place, the referent of `here`.
    pub dateline_entity: Option<usize>,
    /// ISO 3166 code → the first country entity with that code.
    pub country_by_iso: std::collections::HashMap<String, usize>,
}

/// Token range covering a byte span (tokens that overlap it).
fn token_range(spans: &[Span], s: Span) -> Range<usize> {
    let a = spans.partition_point(|t| t.end <= s.start);
    let mut b = a;
    while b < spans.len() && spans[b].start < s.end {
        b += 1;
    }
    a..b
}

impl<'d> View<'d> {
    pub fn new(doc: &Doc<'d>) -> Self {
        let text = doc.text;
        let spans: Vec<Span> = doc.tokens.iter().map(|t| t.span).collect();
        let kinds = doc.tokens.iter().map(|t| t.kind).collect();
        let mut lower = String::with_capacity(text.len() + text.len() / 8);
        let mut lower_at = Vec::with_capacity(spans.len());
        for s in &spans {
            let a = lower.len();
            for c in text.get(s.start..s.end).unwrap_or("").chars() {
                if c == '’' {
                    lower.push('\'');
                } else if c.is_ascii() {
                    lower.push(c.to_ascii_lowercase());
                } else {
                    lower.extend(c.to_lowercase());
                }
            }
            lower_at.push((a, lower.len()));
        }
        let sents = doc
            .sentences
            .iter()
            .map(|s| {
                (
                    s.tokens.start.min(spans.len())..s.tokens.end.min(spans.len()),
                    s.span,
                )
            })
            .collect();
        let mut mentions = Vec::new();
        for (ei, e) in doc.entities.iter().enumerate() {
            for m in &e.mentions {
                let toks = token_range(&spans, m.span);
                if toks.is_empty() {
                    continue;
                }
                mentions.push(MentionRef {
                    toks,
                    span: m.span,
                    entity: ei,
                    kind: m.kind,
                    etype: e.entity_type,
                });
            }
        }
        mentions.sort_by_key(|m| (m.toks.start, std::cmp::Reverse(m.span.len())));
        let mut top: Vec<Option<usize>> = vec![None; spans.len()];
        for (mi, m) in mentions.iter().enumerate() {
            for slot in &mut top[m.toks.clone()] {
                let longer = match *slot {
                    None => true,
                    Some(o) => mentions[o].span.len() < m.span.len(),
                };
                if longer {
                    *slot = Some(mi);
                }
            }
        }
        let mut time_at = vec![None; spans.len()];
        for (ti, t) in doc.times.iter().enumerate() {
            for slot in &mut time_at[token_range(&spans, t.span)] {
                *slot = Some(ti);
            }
        }
        let time_is_point = doc
            .times
            .iter()
            .map(|t| matches!(t.time_type, TimeType::Date | TimeType::Time))
            .collect();
        let dateline_entity = doc.dateline.as_ref().and_then(|d| {
            mentions
                .iter()
                .find(|m| m.span.overlaps(&d.place))
                .map(|m| m.entity)
        });
        let mut country_by_iso = std::collections::HashMap::new();
        for (i, e) in doc.entities.iter().enumerate() {
            if e.entity_type == EntityType::Gpe {
                if let Some(iso) = e.external_ids.get("iso3166") {
                    country_by_iso.entry(iso.clone()).or_insert(i);
                }
            }
        }
        View {
            text,
            spans,
            lower,
            lower_at,
            kinds,
            sents,
            paragraphs: doc.paragraphs.clone(),
            mentions,
            top,
            time_at,
            time_is_point,
            dateline_entity,
            country_by_iso,
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Lowercased word at `i`, or "" out of range.
    pub fn w(&self, i: usize) -> &str {
        self.lower_at
            .get(i)
            .and_then(|&(a, b)| self.lower.get(a..b))
            .unwrap_or("")
    }

    pub fn raw(&self, i: usize) -> &'d str {
        self.spans
            .get(i)
            .and_then(|s| self.text.get(s.start..s.end))
            .unwrap_or("")
    }

    pub fn is_cap(&self, i: usize) -> bool {
        self.kinds.get(i) == Some(&TokenKind::Word)
            && self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Punctuation, except the hyphen inside a written word (`delegation-level`, split into
    /// three tokens as UD English does), which the rules read as part of the word.
    pub fn is_punct(&self, i: usize) -> bool {
        matches!(self.kinds.get(i), Some(TokenKind::Punct)) && !self.is_word_hyphen(i)
    }

    /// Whether token `i` is a hyphen written between two words with no space around it.
    pub fn is_word_hyphen(&self, i: usize) -> bool {
        let word =
            |k: usize| matches!(self.kinds.get(k), Some(TokenKind::Word | TokenKind::Number));
        i > 0
            && matches!(self.raw(i), "-" | "\u{2010}" | "\u{2011}")
            && word(i - 1)
            && word(i + 1)
            && self.spans[i - 1].end == self.spans[i].start
            && self.spans[i].end == self.spans[i + 1].start
    }

    pub fn mention(&self, i: usize) -> Option<&MentionRef> {
        self.top
            .get(i)
            .copied()
            .flatten()
            .map(|m| &self.mentions[m])
    }

    /// Every mention (nested ones too) whose first token lies in `r`.
    pub fn mentions_starting_in(&self, r: Range<usize>) -> &[MentionRef] {
        let a = self.mentions.partition_point(|m| m.toks.start < r.start);
        let b = self.mentions.partition_point(|m| m.toks.start < r.end);
        &self.mentions[a..b.max(a)]
    }

    /// Byte span of tokens `r`; an empty span at `r.start` when `r` is empty or out of range.
    pub fn span_of(&self, r: &Range<usize>) -> Span {
        if r.start >= r.end || r.end > self.spans.len() {
            let p = self.spans.get(r.start).map_or(self.text.len(), |s| s.start);
            return Span::new(p, p);
        }
        Span::new(self.spans[r.start].start, self.spans[r.end - 1].end)
    }

    /// Whether the body text right after `m` is a possessive (`Peru’s`, `Peru's`).
    pub fn possessive_after(&self, m: &MentionRef) -> bool {
        crate::text::starts_with_possessive(self.text.get(m.span.end..).unwrap_or(""))
    }

    /// Index of the first token after a mention, past a possessive ending.
    pub fn after_mention(&self, m: &MentionRef) -> usize {
        let mut j = m.toks.end;
        if self.possessive_after(m) && j < self.len() && self.spans[j].start == m.span.end {
            j += 1;
        }
        j
    }
}
