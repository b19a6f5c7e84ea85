//! `Syntax`: the syntax annotation of a `Doc`, parallel to `Doc::tokens` (token `i` of the
//! document is entry `i` here), and the queries the fact stages ask of it.
//!
//! Per token: UPOS, XPOS, lemma, head (a token index, `None` for a root) and relation. Heads
//! never cross a sentence; a sentence longer than `MAX_PARSE_TOKENS` is parsed in pieces, each
//! with its own root. Lemmas live in one string per document (no allocation per token); children
//! lists and subtree extents are built once, in linear time, when the annotation is made.

use std::ops::Range;

use super::tags::{Rel, Upos, Xpos};

const NO_HEAD: u32 = u32::MAX;

/// One token's syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenSyntax {
    pub upos: Upos,
    pub xpos: Xpos,
    pub rel: Rel,
    head: u32,
    lemma: (u32, u32),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Syntax {
    tokens: Vec<TokenSyntax>,
    lemmas: String,
    /// Children of token `i` are `child_list[child_at[i]..child_at[i + 1]]`, in text order.
    child_at: Vec<u32>,
    child_list: Vec<u32>,
    /// First and one-past-last token of each token's subtree.
    sub_lo: Vec<u32>,
    sub_hi: Vec<u32>,
    /// Roots in text order (one per sentence, more for a sentence parsed in pieces).
    roots: Vec<u32>,
}

/// Builds a `Syntax` token by token (the syntax stage; tests).
#[derive(Debug, Default)]
pub struct SyntaxBuilder {
    s: Syntax,
}

impl SyntaxBuilder {
    pub fn with_capacity(n: usize) -> Self {
        let mut s = Syntax::default();
        s.tokens.reserve(n);
        s.lemmas.reserve(n * 6);
        SyntaxBuilder { s }
    }

    /// Appends the next token; `lemma` is copied into the document's lemma string.
    pub fn push(&mut self, upos: Upos, xpos: Xpos, lemma: &str, head: Option<usize>, rel: Rel) {
        let start = self.s.lemmas.len() as u32;
        self.s.lemmas.push_str(lemma);
        self.push_lemma_written(upos, xpos, start, head, rel);
    }

    /// The lemma buffer, to write the next token's lemma in place before `push_lemma_written`.
    pub fn lemma_buffer(&mut self) -> &mut String {
        &mut self.s.lemmas
    }

    /// Appends the next token whose lemma is `lemma_buffer()[start..]`.
    pub fn push_lemma_written(
        &mut self,
        upos: Upos,
        xpos: Xpos,
        start: u32,
        head: Option<usize>,
        rel: Rel,
    ) {
        let end = self.s.lemmas.len() as u32;
        self.s.tokens.push(TokenSyntax {
            upos,
            xpos,
            rel,
            head: head.map_or(NO_HEAD, |h| h as u32),
            lemma: (start.min(end), end),
        });
    }

    pub fn len(&self) -> usize {
        self.s.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.s.tokens.is_empty()
    }

    /// Indexes children and subtrees. Heads out of range or forming a cycle are cut (the token
    /// becomes a root), so the result is always a forest.
    pub fn finish(mut self) -> Syntax {
        let s = &mut self.s;
        let n = s.tokens.len();
        for t in &mut s.tokens {
            if t.head != NO_HEAD && t.head as usize >= n {
                t.head = NO_HEAD;
            }
        }
        break_cycles(&mut s.tokens);
        let mut count = vec![0u32; n + 1];
        for t in &s.tokens {
            if t.head != NO_HEAD {
                count[t.head as usize + 1] += 1;
            }
        }
        for i in 0..n {
            count[i + 1] += count[i];
        }
        s.child_at = count.clone();
        s.child_list = vec![0; n - s.tokens.iter().filter(|t| t.head == NO_HEAD).count()];
        let mut fill = count;
        for (i, t) in s.tokens.iter().enumerate() {
            if t.head != NO_HEAD {
                let h = t.head as usize;
                s.child_list[fill[h] as usize] = i as u32;
                fill[h] += 1;
            }
        }
        s.roots = (0..n as u32)
            .filter(|&i| s.tokens[i as usize].head == NO_HEAD)
            .collect();
        // Subtree extents by an explicit post-order walk from each root.
        s.sub_lo = (0..n as u32).collect();
        s.sub_hi = (1..=n as u32).collect();
        let mut stack: Vec<(u32, bool)> = Vec::new();
        for &r in &s.roots {
            stack.push((r, false));
            while let Some((x, done)) = stack.pop() {
                let x = x as usize;
                let kids = s.child_at[x] as usize..s.child_at[x + 1] as usize;
                if done {
                    for &c in &s.child_list[kids] {
                        s.sub_lo[x] = s.sub_lo[x].min(s.sub_lo[c as usize]);
                        s.sub_hi[x] = s.sub_hi[x].max(s.sub_hi[c as usize]);
                    }
                } else {
                    stack.push((x as u32, true));
                    for &c in &s.child_list[kids] {
                        stack.push((c, false));
                    }
                }
            }
        }
        self.s
    }
}

/// Cuts the arc of one token on every cycle, making it a root.
fn break_cycles(tokens: &mut [TokenSyntax]) {
    // 0 = unvisited, 1 = on the current path, 2 = done.
    let mut mark = vec![0u8; tokens.len()];
    let mut path = Vec::new();
    for start in 0..tokens.len() {
        let mut x = start;
        path.clear();
        loop {
            if mark[x] == 2 {
                break;
            }
            if mark[x] == 1 {
                tokens[x].head = NO_HEAD;
                tokens[x].rel = Rel::Root;
                break;
            }
            mark[x] = 1;
            path.push(x);
            let h = tokens[x].head;
            if h == NO_HEAD {
                break;
            }
            x = h as usize;
        }
        for &p in &path {
            mark[p] = 2;
        }
    }
}

impl Syntax {
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    pub fn token(&self, i: usize) -> Option<&TokenSyntax> {
        self.tokens.get(i)
    }

    /// Universal POS of token `i` (`X` out of range).
    pub fn upos(&self, i: usize) -> Upos {
        self.tokens.get(i).map_or(Upos::X, |t| t.upos)
    }

    /// Penn tag of token `i` (`XX` out of range).
    pub fn xpos(&self, i: usize) -> Xpos {
        self.tokens.get(i).map_or(Xpos::Xx, |t| t.xpos)
    }

    /// Lemma of token `i` (lowercase except proper nouns and `I`; "" out of range).
    pub fn lemma(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .and_then(|t| self.lemmas.get(t.lemma.0 as usize..t.lemma.1 as usize))
            .unwrap_or("")
    }

    /// Head of token `i`; `None` for a root (and out of range).
    pub fn head(&self, i: usize) -> Option<usize> {
        self.tokens
            .get(i)
            .and_then(|t| (t.head != NO_HEAD).then_some(t.head as usize))
    }

    /// Relation of token `i` to its head (`root` for a root).
    pub fn rel(&self, i: usize) -> Rel {
        self.tokens.get(i).map_or(Rel::Dep, |t| t.rel)
    }

    /// Children of token `i` in text order, with their relations.
    pub fn children(&self, i: usize) -> impl Iterator<Item = (usize, Rel)> + '_ {
        let r = if i + 1 < self.child_at.len() {
            self.child_at[i] as usize..self.child_at[i + 1] as usize
        } else {
            0..0
        };
        self.child_list[r]
            .iter()
            .map(move |&c| (c as usize, self.tokens[c as usize].rel))
    }

    /// The first child of `i` with relation `rel` (exactly, subtype included).
    pub fn child(&self, i: usize, rel: Rel) -> Option<usize> {
        self.children(i).find(|&(_, r)| r == rel).map(|(c, _)| c)
    }

    /// The first child of `i` whose relation satisfies `pred`.
    pub fn child_where(&self, i: usize, pred: impl Fn(Rel) -> bool) -> Option<usize> {
        self.children(i).find(|&(_, r)| pred(r)).map(|(c, _)| c)
    }

    /// Tokens covered by the subtree of `i` (`i` and all its descendants), as the range from
    /// the first to the last; for a non-projective subtree the range may include other tokens.
    pub fn subtree(&self, i: usize) -> Range<usize> {
        match (self.sub_lo.get(i), self.sub_hi.get(i)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => i..i,
        }
    }

    /// Roots of the whole document, in text order.
    pub fn roots(&self) -> &[u32] {
        &self.roots
    }

    /// The first root among tokens `range` (a sentence's token range): the sentence's main
    /// predicate (or head word of a fragment).
    pub fn root_in(&self, range: Range<usize>) -> Option<usize> {
        let k = self.roots.partition_point(|&r| (r as usize) < range.start);
        self.roots
            .get(k)
            .map(|&r| r as usize)
            .filter(|r| range.contains(r))
    }

    /// The root above token `i`.
    pub fn root_of(&self, mut i: usize) -> usize {
        let mut steps = 0;
        while let Some(h) = self.head(i) {
            i = h;
            steps += 1;
            if steps > self.tokens.len() {
                break;
            }
        }
        i
    }

    /// Whether `a` is `d` or one of its ancestors.
    pub fn dominates(&self, a: usize, d: usize) -> bool {
        self.subtree(a).contains(&d) && {
            let mut x = d;
            loop {
                if x == a {
                    break true;
                }
                match self.head(x) {
                    Some(h) => x = h,
                    None => break false,
                }
            }
        }
    }

    /// Whether token `i` heads a clause: a verb, or any word with a copula or a subject
    /// (`she is president`: `president`; `the plan, approved by`: `approved`).
    pub fn is_predicate(&self, i: usize) -> bool {
        self.upos(i) == Upos::Verb
            || self
                .children(i)
                .any(|(_, r)| r == Rel::Cop || r.is_subject())
    }

    /// Whether the clause of `i` is passive (`nsubj:pass`, `aux:pass` or `csubj:pass` child).
    pub fn is_passive(&self, i: usize) -> bool {
        self.children(i)
            .any(|(_, r)| matches!(r, Rel::NsubjPass | Rel::AuxPass | Rel::CsubjPass))
    }

    /// Whether the clause of `i` is negated (`not`, `n't`, `never` attached to it).
    pub fn is_negated(&self, i: usize) -> bool {
        self.children(i).any(|(c, r)| {
            r == Rel::Advmod && matches!(self.lemma(c), "not" | "never" | "no")
                || r == Rel::Det && self.lemma(c) == "no"
        })
    }

    /// The subject of predicate `i`: its own `nsubj`/`csubj` (any subtype), else the subject it
    /// shares through coordination (`A met B and discussed C`: `discussed` → `A`), else for an
    /// open complement (`xcomp`) the controller: the object of the governing verb if it has one
    /// (`asked him to leave` → `him`), its subject otherwise (`wants to leave`).
    pub fn subject(&self, i: usize) -> Option<usize> {
        let mut x = i;
        for _ in 0..16 {
            if let Some(s) = self.child_where(x, Rel::is_subject) {
                return Some(s);
            }
            let h = self.head(x)?;
            match self.rel(x) {
                Rel::Conj => x = h,
                Rel::Xcomp => {
                    if let Some(o) = self.object(h) {
                        return Some(o);
                    }
                    x = h;
                }
                _ => return None,
            }
        }
        None
    }

    /// The direct object of `i` (`obj`).
    pub fn object(&self, i: usize) -> Option<usize> {
        self.child(i, Rel::Obj)
    }

    /// The indirect object of `i` (`iobj`).
    pub fn indirect_object(&self, i: usize) -> Option<usize> {
        self.child(i, Rel::Iobj)
    }

    /// The passive agent of `i`: an `obl:agent`, or an `obl` marked `by` in a passive clause.
    pub fn agent(&self, i: usize) -> Option<usize> {
        self.child(i, Rel::OblAgent)
            .or_else(|| self.is_passive(i).then(|| self.oblique(i, "by")).flatten())
    }

    /// The lemma of the preposition (`case` child, with its `fixed` parts: `according to`)
    /// marking nominal `i`, if any. Returns the first word's lemma; see `marker_span` for all.
    pub fn preposition(&self, i: usize) -> Option<&str> {
        self.child(i, Rel::Case).map(|c| self.lemma(c))
    }

    /// Obliques and nominal modifiers of `i` (`obl*`, `nmod*` except possessives), with the
    /// lemma of their preposition (`None` when unmarked: `obl:tmod`, `obl:unmarked`).
    pub fn obliques(&self, i: usize) -> impl Iterator<Item = (usize, Option<&str>)> + '_ {
        self.children(i)
            .filter(|&(_, r)| matches!(r.base(), Rel::Obl | Rel::Nmod) && r != Rel::NmodPoss)
            .map(move |(c, _)| (c, self.preposition(c)))
    }

    /// The oblique or nominal modifier of `i` marked by preposition `prep` (a lemma: `to`,
    /// `with`, `against`).
    pub fn oblique(&self, i: usize, prep: &str) -> Option<usize> {
        self.obliques(i)
            .find(|&(_, p)| p == Some(prep))
            .map(|(c, _)| c)
    }

    /// The clausal complement of `i`: `ccomp` (`said that ...`), else `xcomp` (`agreed to ...`).
    pub fn clausal_complement(&self, i: usize) -> Option<usize> {
        self.child(i, Rel::Ccomp)
            .or_else(|| self.child(i, Rel::Xcomp))
    }

    /// The conjuncts coordinated with `i`, `i` first (`A, B and C`: the first conjunct heads
    /// the others in UD).
    pub fn conjuncts(&self, i: usize) -> Vec<usize> {
        let mut first = i;
        let mut steps = 0;
        while self.rel(first) == Rel::Conj && steps < 64 {
            match self.head(first) {
                Some(h) => first = h,
                None => break,
            }
            steps += 1;
        }
        let mut out = vec![first];
        let mut k = 0;
        while k < out.len() && out.len() < 256 {
            let x = out[k];
            out.extend(
                self.children(x)
                    .filter(|&(_, r)| r == Rel::Conj)
                    .map(|(c, _)| c),
            );
            k += 1;
        }
        out.sort_unstable();
        out
    }

    /// The noun a relative clause headed by `i` modifies (`acl:relcl`), if `i` heads one.
    pub fn relative_antecedent(&self, i: usize) -> Option<usize> {
        (self.rel(i) == Rel::AclRelcl)
            .then(|| self.head(i))
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Officials said Smith , who met Jones , was asked to resign and left .`
    fn sample() -> Syntax {
        let rows: &[(&str, Upos, Xpos, Option<usize>, Rel)] = &[
            ("official", Upos::Noun, Xpos::Nns, Some(1), Rel::Nsubj), // 0 Officials
            ("say", Upos::Verb, Xpos::Vbd, None, Rel::Root),          // 1 said
            ("Smith", Upos::Propn, Xpos::Nnp, Some(10), Rel::NsubjPass), // 2
            (",", Upos::Punct, Xpos::Comma, Some(5), Rel::Punct),     // 3
            ("who", Upos::Pron, Xpos::Wp, Some(5), Rel::Nsubj),       // 4
            ("meet", Upos::Verb, Xpos::Vbd, Some(2), Rel::AclRelcl),  // 5 met
            ("Jones", Upos::Propn, Xpos::Nnp, Some(5), Rel::Obj),     // 6
            (",", Upos::Punct, Xpos::Comma, Some(5), Rel::Punct),     // 7
            ("be", Upos::Aux, Xpos::Vbd, Some(10), Rel::AuxPass),     // 8 was
            ("to", Upos::Part, Xpos::To, Some(11), Rel::Mark),        // 9 -- placeholder
            ("ask", Upos::Verb, Xpos::Vbn, Some(1), Rel::Ccomp),      // 10 asked
            ("resign", Upos::Verb, Xpos::Vb, Some(10), Rel::Xcomp),   // 11
            ("and", Upos::Cconj, Xpos::Cc, Some(13), Rel::Cc),        // 12
            ("leave", Upos::Verb, Xpos::Vbd, Some(11), Rel::Conj),    // 13 left
            (".", Upos::Punct, Xpos::Period, Some(1), Rel::Punct),    // 14
        ];
        let mut b = SyntaxBuilder::with_capacity(rows.len());
        for (l, u, x, h, r) in rows {
            b.push(*u, *x, l, *h, *r);
        }
        b.finish()
    }

    #[test]
    fn basic_accessors() {
        let s = sample();
        assert_eq!(s.len(), 15);
        assert_eq!(s.lemma(1), "say");
        assert_eq!(s.lemma(99), "");
        assert_eq!(s.head(1), None);
        assert_eq!(s.head(0), Some(1));
        assert_eq!(s.rel(2), Rel::NsubjPass);
        assert_eq!(s.upos(6), Upos::Propn);
        assert_eq!(s.roots(), &[1]);
        assert_eq!(s.root_in(0..15), Some(1));
        assert_eq!(s.root_in(2..15), None);
        assert_eq!(s.root_of(6), 1);
        let kids: Vec<usize> = s.children(5).map(|(c, _)| c).collect();
        assert_eq!(kids, [3, 4, 6, 7]);
        assert_eq!(s.subtree(2), 2..8);
        assert_eq!(s.subtree(1), 0..15);
        assert!(s.dominates(10, 13) && !s.dominates(13, 10));
    }

    #[test]
    fn clause_queries() {
        let s = sample();
        assert!(s.is_predicate(5) && !s.is_predicate(6));
        assert_eq!(s.subject(5), Some(4));
        assert_eq!(s.relative_antecedent(5), Some(2));
        assert_eq!(s.object(5), Some(6));
        assert!(s.is_passive(10));
        assert_eq!(s.subject(10), Some(2));
        assert_eq!(s.clausal_complement(1), Some(10));
        // xcomp without an object: controlled by the governing verb's subject.
        assert_eq!(s.subject(11), Some(2));
        // conj shares the subject of its first conjunct.
        assert_eq!(s.subject(13), Some(2));
        assert_eq!(s.conjuncts(13), vec![11, 13]);
    }

    #[test]
    fn bad_heads_become_roots() {
        let mut b = SyntaxBuilder::default();
        b.push(Upos::Noun, Xpos::Nn, "a", Some(1), Rel::Dep);
        b.push(Upos::Noun, Xpos::Nn, "b", Some(0), Rel::Dep);
        b.push(Upos::Noun, Xpos::Nn, "c", Some(77), Rel::Dep);
        let s = b.finish();
        assert_eq!(s.roots().len(), 2);
        for i in 0..3 {
            let _ = s.root_of(i);
            assert!(s.subtree(i).contains(&i));
        }
    }
}
