//! Scoring a system CoNLL-U file against gold from raw text, with the alignment of the CoNLL 2018
//! shared task (Zeman et al. 2018, "CoNLL 2018 Shared Task: Multilingual Parsing from Raw Text to
//! Universal Dependencies"), implemented from its description:
//!
//! - Both files must hold the same characters once whitespace is removed; every surface token
//!   (a word, or a multiword token) and every sentence becomes a range over those characters.
//!   Tokens and Sentences are scored by exact range match.
//! - Words outside multiword tokens align when their ranges match. Around multiword tokens, a
//!   "multiword span" is grown until no multiword token of either side sticks out of it, and the
//!   words inside are aligned by a longest common subsequence of their lowercased forms.
//! - Tag, lemma and attachment scores count aligned words whose value matches; precision divides
//!   by system words, recall by gold words. UAS compares heads through the alignment (a head must
//!   be the aligned counterpart of the gold head); LAS also compares the relation without its
//!   subtype (`nsubj:pass` = `nsubj`), as the shared task did.

use crate::conllu::Sentence;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub correct: usize,
    pub gold: usize,
    pub system: usize,
    /// Words aligned (the denominator of "aligned accuracy"); 0 for span metrics.
    pub aligned: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.system)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        ratio(2 * self.correct, self.gold + self.system)
    }
    pub fn aligned_accuracy(&self) -> f64 {
        ratio(self.correct, self.aligned)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub tokens: Counts,
    pub sentences: Counts,
    pub words: Counts,
    pub upos: Counts,
    pub xpos: Counts,
    pub lemmas: Counts,
    pub uas: Counts,
    pub las: Counts,
    /// LAS with the full label, subtypes included (not a shared-task metric).
    pub las_full: Counts,
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "metric       precision    recall        F1   aligned acc"
        )?;
        let rows = [
            ("Tokens", &self.tokens, false),
            ("Sentences", &self.sentences, false),
            ("Words", &self.words, false),
            ("UPOS", &self.upos, true),
            ("XPOS", &self.xpos, true),
            ("Lemmas", &self.lemmas, true),
            ("UAS", &self.uas, true),
            ("LAS", &self.las, true),
            ("LAS (full)", &self.las_full, true),
        ];
        for (name, c, aligned) in rows {
            write!(
                f,
                "{:<12} {:>9.2} {:>9.2} {:>9.2}",
                name,
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1()
            )?;
            if aligned {
                write!(f, " {:>13.2}", 100.0 * c.aligned_accuracy())?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

/// One word of a file, flattened: its character range (the whole multiword token's range for a
/// word inside one), and the columns the metrics compare.
#[derive(Debug, Clone)]
struct FlatWord<'a> {
    start: usize,
    end: usize,
    multiword: bool,
    form: String,
    upos: &'a str,
    xpos: &'a str,
    lemma: &'a str,
    /// Index into the flat word list of the head, `None` for the root.
    head: Option<usize>,
    deprel: &'a str,
}

struct Flat<'a> {
    chars: Vec<char>,
    tokens: Vec<(usize, usize)>,
    sentences: Vec<(usize, usize)>,
    words: Vec<FlatWord<'a>>,
}

fn strip_spaces(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| !c.is_whitespace())
}

fn flatten(sentences: &[Sentence]) -> Flat<'_> {
    let mut f = Flat {
        chars: Vec::new(),
        tokens: Vec::new(),
        sentences: Vec::new(),
        words: Vec::new(),
    };
    for s in sentences {
        let sent_start = f.chars.len();
        let base = f.words.len();
        for t in s.tokens() {
            let start = f.chars.len();
            f.chars.extend(strip_spaces(t.form));
            let end = f.chars.len();
            f.tokens.push((start, end));
            let multiword = t.last > t.first;
            for w in &s.words[t.first..=t.last] {
                f.words.push(FlatWord {
                    start,
                    end,
                    multiword,
                    form: strip_spaces(&w.form).flat_map(char::to_lowercase).collect(),
                    upos: &w.upos,
                    xpos: &w.xpos,
                    lemma: &w.lemma,
                    head: match w.head {
                        Some(h) if h > 0 => Some(base + h as usize - 1),
                        _ => None,
                    },
                    deprel: &w.deprel,
                });
            }
        }
        f.sentences.push((sent_start, f.chars.len()));
    }
    f
}

fn span_counts(gold: &[(usize, usize)], system: &[(usize, usize)]) -> Counts {
    let (mut g, mut s, mut correct) = (0, 0, 0);
    while g < gold.len() && s < system.len() {
        if system[s].0 < gold[g].0 {
            s += 1;
        } else if gold[g].0 < system[s].0 {
            g += 1;
        } else {
            correct += usize::from(gold[g].1 == system[s].1);
            g += 1;
            s += 1;
        }
    }
    Counts {
        correct,
        gold: gold.len(),
        system: system.len(),
        aligned: 0,
    }
}

/// Whether word `i` lies past the end of the current multiword span.
fn beyond(words: &[FlatWord], i: usize, span_end: usize) -> bool {
    match words.get(i) {
        None => true,
        Some(w) if w.multiword => w.start >= span_end,
        Some(w) => w.end > span_end,
    }
}

/// Aligns gold and system words; returns `map[system word] = gold word`.
fn align(gold: &[FlatWord], system: &[FlatWord]) -> Vec<Option<usize>> {
    let mut map = vec![None; system.len()];
    let (mut g, mut s) = (0, 0);
    while g < gold.len() && s < system.len() {
        if !(gold[g].multiword || system[s].multiword) {
            if (gold[g].start, gold[g].end) == (system[s].start, system[s].end) {
                map[s] = Some(g);
                g += 1;
                s += 1;
            } else if gold[g].start <= system[s].start {
                g += 1;
            } else {
                s += 1;
            }
            continue;
        }
        // Grow the multiword span from the multiword token found here.
        let mut end;
        if gold[g].multiword {
            end = gold[g].end;
            if !system[s].multiword && system[s].start < gold[g].start {
                s += 1;
            }
        } else {
            end = system[s].end;
            if !gold[g].multiword && gold[g].start < system[s].start {
                g += 1;
            }
        }
        let (gs, ss) = (g, s);
        while !beyond(gold, g, end) || !beyond(system, s, end) {
            let take_gold =
                g < gold.len() && (s >= system.len() || gold[g].start <= system[s].start);
            let w = if take_gold { &gold[g] } else { &system[s] };
            if w.multiword && w.end > end {
                end = w.end;
            }
            if take_gold {
                g += 1;
            } else {
                s += 1;
            }
        }
        // LCS of lowercased forms inside the span.
        let (ng, ns) = (g - gs, s - ss);
        if ng == 0 || ns == 0 {
            continue;
        }
        let mut lcs = vec![0u32; (ng + 1) * (ns + 1)];
        let at = |a: usize, b: usize| a * (ns + 1) + b;
        for a in (0..ng).rev() {
            for b in (0..ns).rev() {
                let v = if gold[gs + a].form == system[ss + b].form {
                    1 + lcs[at(a + 1, b + 1)]
                } else {
                    0
                };
                lcs[at(a, b)] = v.max(lcs[at(a + 1, b)]).max(lcs[at(a, b + 1)]);
            }
        }
        let (mut a, mut b) = (0, 0);
        while a < ng && b < ns {
            if gold[gs + a].form == system[ss + b].form {
                map[ss + b] = Some(gs + a);
                a += 1;
                b += 1;
            } else if lcs[at(a, b)] == lcs[at(a + 1, b)] {
                a += 1;
            } else {
                b += 1;
            }
        }
    }
    map
}

#[derive(Debug)]
pub struct AlignError(pub String);

impl std::fmt::Display for AlignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for AlignError {}

/// Which aligned word pairs (gold index, system index) a caller wants to inspect, plus scores.
pub struct Alignment {
    pub scores: Scores,
    /// `(gold word, system word)` for every aligned pair, in system order, as flat indices
    /// over all sentences of each file.
    pub pairs: Vec<(usize, usize)>,
}

/// Scores `system` against `gold` (both whole files, sentences in order).
pub fn score(gold: &[Sentence], system: &[Sentence]) -> Result<Alignment, AlignError> {
    let g = flatten(gold);
    let s = flatten(system);
    if g.chars != s.chars {
        let i = g
            .chars
            .iter()
            .zip(&s.chars)
            .take_while(|(a, b)| a == b)
            .count();
        let show = |c: &[char]| c.iter().skip(i).take(20).collect::<String>();
        return Err(AlignError(format!(
            "gold and system texts differ at character {i}: gold {:?}, system {:?}",
            show(&g.chars),
            show(&s.chars)
        )));
    }
    let map = align(&g.words, &s.words);
    // Gold word → aligned system word, to compare heads through the alignment.
    let mut back = vec![None; g.words.len()];
    for (si, gi) in map.iter().enumerate() {
        if let Some(gi) = gi {
            back[*gi] = Some(si);
        }
    }
    let (ng, ns) = (g.words.len(), s.words.len());
    let counts = |correct: usize, aligned: usize| Counts {
        correct,
        gold: ng,
        system: ns,
        aligned,
    };
    let mut sc = Scores {
        tokens: span_counts(&g.tokens, &s.tokens),
        sentences: span_counts(&g.sentences, &s.sentences),
        ..Default::default()
    };
    let (mut aligned, mut upos, mut xpos, mut lemma, mut uas, mut las, mut las_full) =
        (0, 0, 0, 0, 0, 0, 0);
    let mut pairs = Vec::new();
    for (si, gi) in map.iter().enumerate() {
        let Some(gi) = *gi else { continue };
        pairs.push((gi, si));
        let (gw, sw) = (&g.words[gi], &s.words[si]);
        aligned += 1;
        upos += usize::from(gw.upos == sw.upos);
        xpos += usize::from(gw.xpos == sw.xpos);
        lemma += usize::from(gw.lemma == sw.lemma || gw.lemma == "_");
        let head_ok = match (gw.head, sw.head) {
            (None, None) => true,
            (Some(gh), Some(sh)) => back[gh] == Some(sh),
            _ => false,
        };
        if head_ok {
            uas += 1;
            let base = |r: &str| r.split(':').next().unwrap_or("").to_owned();
            las += usize::from(base(gw.deprel) == base(sw.deprel));
            las_full += usize::from(gw.deprel == sw.deprel);
        }
    }
    sc.words = counts(aligned, 0);
    sc.upos = counts(upos, aligned);
    sc.xpos = counts(xpos, aligned);
    sc.lemmas = counts(lemma, aligned);
    sc.uas = counts(uas, aligned);
    sc.las = counts(las, aligned);
    sc.las_full = counts(las_full, aligned);
    Ok(Alignment { scores: sc, pairs })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu::parse;

    /// A file from a compact description: words separated by spaces, a multiword token written
    /// `surface=part+part`; every word headed by the first, relation `dep`.
    fn file(desc: &str) -> Vec<Sentence> {
        let mut out = String::new();
        let mut n = 0;
        for tok in desc.split(' ') {
            if let Some((surface, parts)) = tok.split_once('=') {
                let k = parts.split('+').count();
                out += &format!("{}-{}\t{surface}\t_\t_\t_\t_\t_\t_\t_\t_\n", n + 1, n + k);
                for p in parts.split('+') {
                    n += 1;
                    out += &format!("{n}\t{p}\t_\tX\tX\t_\t{}\tdep\t_\t_\n", usize::from(n > 1));
                }
            } else {
                n += 1;
                out += &format!(
                    "{n}\t{tok}\t_\tX\tX\t_\t{}\tdep\t_\t_\n",
                    usize::from(n > 1)
                );
            }
        }
        parse(&out).unwrap()
    }

    fn words(gold: &str, system: &str) -> usize {
        score(&file(gold), &file(system))
            .unwrap()
            .scores
            .words
            .correct
    }

    #[test]
    fn aligns_like_the_shared_task() {
        // The cases of the shared-task script's own test suite, rewritten in this notation.
        assert_eq!(words("a", "a"), 1);
        assert_eq!(words("a b c", "a b c"), 3);
        assert_eq!(words("abc=a+b+c", "a b c"), 3);
        assert_eq!(words("a bc=b+c d", "a b c d"), 4);
        assert_eq!(words("abcd=a+b+c+d", "ab=a+b cd=c+d"), 4);
        assert_eq!(words("abc=a+b+c de=d+e", "a bcd=b+c+d e"), 5);
        assert_eq!(words("abcd", "a b c d"), 0);
        assert_eq!(words("abc d", "a b c d"), 1);
        assert_eq!(words("a bc d", "a b c d"), 2);
        assert_eq!(words("a bc=b+c d", "a b cd"), 2);
        assert_eq!(words("abc=a+BX+c def=d+EX+f", "ab=a+b cd=c+d ef=e+f"), 4);
        assert_eq!(words("ab=a+b cd=bc+d", "a bc d"), 2);
        assert_eq!(words("a bc=b+c d", "ab=AX+BX cd=CX+a"), 1);
        assert!(score(&file("a"), &file("b")).is_err());
    }

    #[test]
    fn heads_compare_through_the_alignment() {
        let g = file("a bc=b+c d");
        let s = file("a b c d");
        let r = score(&g, &s).unwrap().scores;
        assert_eq!(r.words.correct, 4);
        assert_eq!(r.uas.correct, 4);
        assert_eq!(r.las.correct, 4);
        assert_eq!(r.tokens.correct, 2);
        assert_eq!(r.tokens.gold, 3);
        assert_eq!(r.tokens.system, 4);
        assert_eq!(r.sentences.correct, 1);
    }
}
