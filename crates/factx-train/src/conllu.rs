//! A generic CoNLL-U reader and writer (https://universaldependencies.org/format.html): all ten
//! columns, comment lines and `key = value` metadata (`sent_id`, `text`, `newdoc id`, `newpar`),
//! multiword-token lines (`3-4`), empty nodes (`5.1`) and the `SpaceAfter=No` convention.
//!
//! Strings are owned: this is offline code (training, evaluation), read once per run.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// One syntactic word (a line whose ID is an integer).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Word {
    /// 1-based position in the sentence.
    pub id: u32,
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 = the root; `None` when the column is `_` (unannotated).
    pub head: Option<u32>,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

/// A surface token that spans several words (`don't` over `do` + `n't`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MultiwordToken {
    pub first: u32,
    pub last: u32,
    pub form: String,
    pub misc: String,
}

/// An empty node of the enhanced graph (`8.1`); kept only so nothing is lost.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmptyNode {
    /// The line's ID column as written (`8.1`).
    pub id: String,
    /// The other nine columns, tab-joined.
    pub rest: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Every comment line, without the leading `# ` (in order).
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    pub multiword: Vec<MultiwordToken>,
    pub empty: Vec<EmptyNode>,
}

/// Whether a MISC column says no space follows (`SpaceAfter=No`).
pub fn misc_no_space(misc: &str) -> bool {
    misc.split('|').any(|m| m == "SpaceAfter=No")
}

impl Sentence {
    /// The value of a `# key = value` comment (`text`, `sent_id`, `newdoc id`).
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let (k, v) = c.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }

    pub fn text(&self) -> Option<&str> {
        self.meta("text")
    }

    pub fn sent_id(&self) -> Option<&str> {
        self.meta("sent_id")
    }

    /// `# newdoc` or `# newdoc id = X`: the id (empty when none is given).
    pub fn newdoc(&self) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let c = c.trim();
            if c == "newdoc" {
                return Some("");
            }
            let (k, v) = c.split_once('=')?;
            (k.trim() == "newdoc id").then(|| v.trim())
        })
    }

    /// Whether a new paragraph starts with this sentence (`# newpar`, `# newpar id = X`).
    pub fn newpar(&self) -> bool {
        self.comments.iter().any(|c| {
            let c = c.trim();
            c == "newpar" || c.starts_with("newpar ") && !c.starts_with("newpar_")
        })
    }

    /// Surface tokens in order: a multiword token stands for its words; every other word is its
    /// own token. Yields (form, first word index, last word index (inclusive), no space after).
    pub fn tokens(&self) -> Vec<SurfaceToken<'_>> {
        let mut out = Vec::with_capacity(self.words.len());
        let mut mwt = self.multiword.iter().peekable();
        let mut i = 0;
        while i < self.words.len() {
            let id = self.words[i].id;
            if let Some(m) = mwt.next_if(|m| m.first <= id) {
                if m.first == id && m.last >= id {
                    let n = (m.last - m.first + 1) as usize;
                    let last = (i + n - 1).min(self.words.len() - 1);
                    out.push(SurfaceToken {
                        form: &m.form,
                        first: i,
                        last,
                        no_space_after: misc_no_space(&m.misc),
                    });
                    i = last + 1;
                    continue;
                }
                continue;
            }
            let w = &self.words[i];
            out.push(SurfaceToken {
                form: &w.form,
                first: i,
                last: i,
                no_space_after: misc_no_space(&w.misc),
            });
            i += 1;
        }
        out
    }

    /// The sentence text rebuilt from its tokens and `SpaceAfter=No` (what `# text` should say).
    pub fn rebuilt_text(&self) -> String {
        let toks = self.tokens();
        let mut s = String::new();
        for (k, t) in toks.iter().enumerate() {
            s.push_str(t.form);
            if !t.no_space_after && k + 1 < toks.len() {
                s.push(' ');
            }
        }
        s
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SurfaceToken<'a> {
    pub form: &'a str,
    /// Index into `Sentence::words` of its first word.
    pub first: usize,
    /// Index of its last word (== `first` unless a multiword token).
    pub last: usize,
    pub no_space_after: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

fn col(s: &str) -> String {
    s.to_owned()
}

/// Parses a CoNLL-U document. Lines may end in `\r\n`; a missing final blank line is fine.
pub fn parse(text: &str) -> Result<Vec<Sentence>, ParseError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut started = false;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let err = |message: String| ParseError {
            line: n + 1,
            message,
        };
        if line.trim().is_empty() {
            if started {
                out.push(std::mem::take(&mut cur));
                started = false;
            }
            continue;
        }
        started = true;
        if let Some(c) = line.strip_prefix('#') {
            cur.comments
                .push(c.strip_prefix(' ').unwrap_or(c).to_owned());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(format!("expected 10 columns, found {}", cols.len())));
        }
        let id = cols[0];
        if let Some((a, b)) = id.split_once('-') {
            let (first, last) = (a.parse::<u32>(), b.parse::<u32>());
            let (Ok(first), Ok(last)) = (first, last) else {
                return Err(err(format!("bad multiword range {id:?}")));
            };
            if last < first {
                return Err(err(format!("empty multiword range {id:?}")));
            }
            cur.multiword.push(MultiwordToken {
                first,
                last,
                form: col(cols[1]),
                misc: col(cols[9]),
            });
            continue;
        }
        if id.contains('.') {
            cur.empty.push(EmptyNode {
                id: col(id),
                rest: cols[1..].join("\t"),
            });
            continue;
        }
        let id: u32 = id.parse().map_err(|_| err(format!("bad word id {id:?}")))?;
        if id as usize != cur.words.len() + 1 {
            return Err(err(format!(
                "word id {id} out of sequence (expected {})",
                cur.words.len() + 1
            )));
        }
        let head = match cols[6] {
            "_" => None,
            h => Some(
                h.parse::<u32>()
                    .map_err(|_| err(format!("bad head {h:?}")))?,
            ),
        };
        cur.words.push(Word {
            id,
            form: col(cols[1]),
            lemma: col(cols[2]),
            upos: col(cols[3]),
            xpos: col(cols[4]),
            feats: col(cols[5]),
            head,
            deprel: col(cols[7]),
            deps: col(cols[8]),
            misc: col(cols[9]),
        });
    }
    if started {
        out.push(cur);
    }
    for (k, s) in out.iter().enumerate() {
        let n = s.words.len() as u32;
        if let Some(w) = s.words.iter().find(|w| w.head.is_some_and(|h| h > n)) {
            return Err(ParseError {
                line: 0,
                message: format!(
                    "sentence {}: word {} has head beyond the sentence",
                    k + 1,
                    w.id
                ),
            });
        }
    }
    Ok(out)
}

pub fn read_file(path: &Path) -> io::Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path)?;
    parse(&text).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: {e}", path.display()),
        )
    })
}

/// A file, or every `*.conllu` file of a directory in file-name order.
pub fn read_path(path: &Path) -> io::Result<Vec<Sentence>> {
    if !path.is_dir() {
        return read_file(path);
    }
    let mut files: Vec<_> = std::fs::read_dir(path)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        out.extend(read_file(&f)?);
    }
    Ok(out)
}

/// A document: consecutive sentences from one `# newdoc` to the next.
pub fn documents(sentences: &[Sentence]) -> Vec<&[Sentence]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, s) in sentences.iter().enumerate() {
        if i > start && s.newdoc().is_some() {
            out.push(&sentences[start..i]);
            start = i;
        }
    }
    if start < sentences.len() {
        out.push(&sentences[start..]);
    }
    out
}

/// Writes one sentence in CoNLL-U (comments, multiword tokens before their first word, empty
/// nodes after their word, then a blank line).
pub fn write_sentence(out: &mut String, s: &Sentence) {
    for c in &s.comments {
        let _ = writeln!(out, "# {c}");
    }
    let mut mwt = s.multiword.iter().peekable();
    for w in &s.words {
        while let Some(m) = mwt.next_if(|m| m.first <= w.id) {
            let _ = writeln!(
                out,
                "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                m.first,
                m.last,
                m.form,
                or_blank(&m.misc)
            );
        }
        let head = w.head.map_or_else(|| "_".to_owned(), |h| h.to_string());
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            w.id,
            w.form,
            or_blank(&w.lemma),
            or_blank(&w.upos),
            or_blank(&w.xpos),
            or_blank(&w.feats),
            head,
            or_blank(&w.deprel),
            or_blank(&w.deps),
            or_blank(&w.misc)
        );
        let prefix = format!("{}.", w.id);
        for e in s.empty.iter().filter(|e| e.id.starts_with(&prefix)) {
            let _ = writeln!(out, "{}\t{}", e.id, e.rest);
        }
    }
    out.push('\n');
}

fn or_blank(s: &str) -> &str {
    if s.is_empty() {
        "_"
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# newpar\n# sent_id = d1-1\n# text = I don't know.\n\
1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t4:nsubj\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n\
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No\n\
4.1\tknows\t_\t_\t_\t_\t_\t_\t4:conj\t_\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n\
\n\
# sent_id = d1-2\n# text = Yes\n\
1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t0:root\t_\n";

    #[test]
    fn reads_columns_comments_multiword_and_empty_nodes() {
        let s = parse(SAMPLE).unwrap();
        assert_eq!(s.len(), 2);
        let a = &s[0];
        assert_eq!(a.newdoc(), Some("d1"));
        assert!(a.newpar());
        assert!(!s[1].newpar());
        assert_eq!(a.sent_id(), Some("d1-1"));
        assert_eq!(a.text(), Some("I don't know."));
        assert_eq!(a.words.len(), 5);
        assert_eq!(a.words[2].lemma, "not");
        assert_eq!(a.words[3].head, Some(0));
        assert_eq!(a.multiword.len(), 1);
        assert_eq!(a.empty.len(), 1);
        let t = a.tokens();
        let forms: Vec<&str> = t.iter().map(|t| t.form).collect();
        assert_eq!(forms, ["I", "don't", "know", "."]);
        assert_eq!((t[1].first, t[1].last), (1, 2));
        assert!(t[2].no_space_after);
        assert_eq!(a.rebuilt_text(), "I don't know.");
    }

    #[test]
    fn writes_back_what_it_read() {
        let s = parse(SAMPLE).unwrap();
        let mut out = String::new();
        for x in &s {
            write_sentence(&mut out, x);
        }
        assert_eq!(out, SAMPLE.to_owned() + "\n");
        assert_eq!(parse(&out).unwrap(), s);
    }

    #[test]
    fn rejects_malformed_lines() {
        assert!(parse("1\ta\n").is_err());
        assert!(parse("2\ta\ta\tX\tX\t_\t0\troot\t_\t_\n").is_err());
        assert!(parse("1\ta\ta\tX\tX\t_\t5\troot\t_\t_\n").is_err());
        assert!(parse("3-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n").is_err());
        assert!(parse("").unwrap().is_empty());
    }

    #[test]
    fn documents_split_at_newdoc() {
        let two = format!("{SAMPLE}\n# newdoc id = d2\n1\tNo\tno\tINTJ\tUH\t_\t0\troot\t_\t_\n");
        let s = parse(&two).unwrap();
        let d = documents(&s);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].len(), 2);
        assert_eq!(d[1][0].newdoc(), Some("d2"));
    }
}
