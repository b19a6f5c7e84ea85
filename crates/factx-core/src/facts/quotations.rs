//! Direct quotations over a whole article: every pair of quote marks, tracked across sentences
//! and paragraphs, so that a quotation running over several sentences is one quotation and a
//! quotation continued in the next paragraph (news style: the paragraph ends without a closing
//! mark and the next opens with one) is linked to the one it continues.
//!
//! Curly marks say which side they are on; a straight `"` is an opening mark when it follows a
//! space (or opens the text) and a closing one otherwise. A mark that opens while a quotation is
//! still open, or a paragraph end, closes the open quotation: a missing closing mark cannot
//! swallow the rest of the article.

use std::ops::Range;

use super::view::View;

/// One quotation: the tokens between its marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Tokens inside the marks (the marks excluded).
    pub inner: Range<usize>,
    /// Paragraph index.
    pub para: usize,
    /// Continues the previous quotation, left open at the end of the previous paragraph.
    pub continues: bool,
}

#[derive(Debug, Default)]
pub struct Quotations {
    pub quotes: Vec<Quote>,
    /// Paragraph index of every sentence.
    pub sent_para: Vec<usize>,
}

/// Sentence index of token `i`.
pub fn sentence_of(v: &View, i: usize) -> Option<usize> {
    let k = v.sents.partition_point(|(r, _)| r.end <= i);
    (k < v.sents.len() && v.sents[k].0.contains(&i)).then_some(k)
}

fn opening(w: &str) -> bool {
    matches!(w, "\u{201C}" | "``")
}

fn closing(w: &str) -> bool {
    matches!(w, "\u{201D}" | "''")
}

impl Quotations {
    pub fn scan(v: &View) -> Quotations {
        let mut sent_para = Vec::with_capacity(v.sents.len());
        let mut para = 0usize;
        let mut prev_end = 0usize;
        // Paragraph of every token (the segmenter's paragraphs: a hard-wrapped line is not one).
        let mut tok_para = vec![0usize; v.len()];
        for (i, (toks, span)) in v.sents.iter().enumerate() {
            if i > 0 && crate::doc::paragraph_break(&v.paragraphs, prev_end, span.start) {
                para += 1;
            }
            prev_end = span.end;
            sent_para.push(para);
            for t in toks.clone() {
                if let Some(p) = tok_para.get_mut(t) {
                    *p = para;
                }
            }
        }
        let mut quotes: Vec<Quote> = Vec::new();
        // (first inner token, paragraph, continues)
        let mut open: Option<(usize, usize, bool)> = None;
        // The quotation left open at the end of the previous paragraph.
        let mut left_open_para: Option<usize> = None;
        let close = |quotes: &mut Vec<Quote>, o: (usize, usize, bool), end: usize| {
            if end > o.0 {
                quotes.push(Quote {
                    inner: o.0..end,
                    para: o.1,
                    continues: o.2,
                });
            }
        };
        for k in 0..v.len() {
            let p = tok_para[k];
            if let Some(o) = open.filter(|o| o.1 != p) {
                // A paragraph ends inside the quotation: it may go on in the next one.
                let end = (o.0..k)
                    .rev()
                    .find(|&j| tok_para[j] == o.1)
                    .map_or(o.0, |j| j + 1);
                close(&mut quotes, o, end);
                open = None;
                left_open_para = Some(o.1);
            }
            let first_of_para = k == 0 || tok_para[k - 1] != p;
            let continues = first_of_para && left_open_para.is_some_and(|lp| lp + 1 == p);
            if left_open_para.is_some_and(|lp| lp < p) {
                left_open_para = None;
            }
            let w = v.w(k);
            let straight = w == "\"";
            if !(straight || opening(w) || closing(w)) {
                continue;
            }
            let spaced_before = v.spans[k].start == 0
                || v.text[..v.spans[k].start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_whitespace() || "([{\u{2014}\u{2013}-".contains(c));
            let is_open = opening(w) || (straight && (open.is_none() || spaced_before));
            if is_open {
                if let Some(o) = open.take() {
                    // A new opening mark before the last one closed: the last one ends here.
                    close(&mut quotes, o, k);
                }
                open = Some((k + 1, p, continues));
            } else if let Some(o) = open.take() {
                close(&mut quotes, o, k);
            }
        }
        if let Some(o) = open {
            close(&mut quotes, o, v.len());
        }
        Quotations { quotes, sent_para }
    }

    /// The quotation holding token `k`, if any.
    pub fn at(&self, k: usize) -> Option<usize> {
        let i = self.quotes.partition_point(|q| q.inner.end <= k);
        (i < self.quotes.len() && self.quotes[i].inner.contains(&k)).then_some(i)
    }

    /// Quotations overlapping tokens `r`.
    pub fn overlapping(&self, r: &Range<usize>) -> Range<usize> {
        let a = self.quotes.partition_point(|q| q.inner.end <= r.start);
        let mut b = a;
        while b < self.quotes.len() && self.quotes[b].inner.start < r.end {
            b += 1;
        }
        a..b
    }
}
