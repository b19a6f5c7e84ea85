//! A parsed document as CoNLL-U: one sentence per parse unit (a sentence, or a piece of an
//! over-long one), `# newdoc id`, `# sent_id = <id>-<n>`, `# text`, the ten columns with
//! `SpaceAfter=No` where no whitespace follows, and multiword-token lines where the tokenizer
//! split a written word (`don't` → `do` + `n't`, `Jones's`, `cannot`), as UD English writes them,
//! so the file scores with the CoNLL 2018 evaluation's tokens metric.

use factx_core::doc::{Sentence, Token};
use factx_core::syntax::{parse_units, Syntax, Xpos};
use factx_core::text::is_apostrophe;

use crate::conllu;

/// Whether token `k + 1` continues the written word of token `k` (same word, split by the
/// tokenizer): a clitic, a possessive apostrophe, or letters right after letters.
fn continues_word(text: &str, tokens: &[Token], syntax: &Syntax, k: usize) -> bool {
    let (a, b) = (tokens[k].span, tokens[k + 1].span);
    if a.end != b.start {
        return false;
    }
    let (left, right) = (a.slice(text), b.slice(text));
    let ends_alnum = left.chars().next_back().is_some_and(char::is_alphanumeric);
    let mut r = right.chars();
    let first = r.next();
    if !ends_alnum {
        return false;
    }
    match first {
        Some(c) if c.is_alphabetic() => true,
        // `'s`, `'re`, `n't` handled above (starts with a letter); `'` alone is a possessive
        // only when tagged so (else it is a closing quote).
        Some(c) if is_apostrophe(c) => r.next().is_some() || syntax.xpos(k + 1) == Xpos::Pos,
        _ => false,
    }
}

/// The CoNLL-U sentences of one parsed document.
pub fn to_conllu(
    id: &str,
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    syntax: &Syntax,
) -> Vec<conllu::Sentence> {
    let mut out = Vec::new();
    for (n, unit) in parse_units(text, tokens, sentences).into_iter().enumerate() {
        let mut s = conllu::Sentence::default();
        if n == 0 {
            s.comments.push(format!("newdoc id = {id}"));
        }
        s.comments.push(format!("sent_id = {id}-{}", n + 1));
        let span_text = &text[tokens[unit.start].span.start..tokens[unit.end - 1].span.end];
        let one_line: String = span_text
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        s.comments.push(format!("text = {one_line}"));
        let no_space = |k: usize| {
            tokens
                .get(k + 1)
                .is_some_and(|t| t.span.start == tokens[k].span.end)
        };
        let mut k = unit.start;
        while k < unit.end {
            // Group a written word split into several tokens.
            let mut last = k;
            while last + 1 < unit.end && continues_word(text, tokens, syntax, last) {
                last += 1;
            }
            if last > k {
                s.multiword.push(conllu::MultiwordToken {
                    first: (k - unit.start + 1) as u32,
                    last: (last - unit.start + 1) as u32,
                    form: text[tokens[k].span.start..tokens[last].span.end].to_owned(),
                    misc: if no_space(last) {
                        "SpaceAfter=No".into()
                    } else {
                        String::new()
                    },
                });
            }
            #[allow(clippy::needless_range_loop)] // `j` indexes tokens and the syntax alike
            for j in k..=last {
                let head = match syntax.head(j) {
                    Some(h) if unit.contains(&h) => (h - unit.start + 1) as u32,
                    _ => 0,
                };
                let rel = if head == 0 {
                    "root"
                } else {
                    syntax.rel(j).label()
                };
                s.words.push(conllu::Word {
                    id: (j - unit.start + 1) as u32,
                    form: tokens[j].span.slice(text).to_owned(),
                    lemma: syntax.lemma(j).to_owned(),
                    upos: syntax.upos(j).label().to_owned(),
                    xpos: syntax.xpos(j).label().to_owned(),
                    feats: String::new(),
                    head: Some(head),
                    deprel: rel.to_owned(),
                    deps: String::new(),
                    misc: if last == k && no_space(j) {
                        "SpaceAfter=No".into()
                    } else {
                        String::new()
                    },
                });
            }
            k = last + 1;
        }
        out.push(s);
    }
    out
}
