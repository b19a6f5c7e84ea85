//! The closed tag sets of the syntax layer: the 17 Universal POS tags, the Penn Treebank tags of
//! English UD treebanks (XPOS), and UD v2 basic dependency relations with the subtypes English
//! treebanks use. Each is a `u8`-sized value, so a token's syntax costs a few bytes.

macro_rules! closed_set {
    ($(#[$m:meta])* $name:ident { $($var:ident = $label:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(u8)]
        pub enum $name { $($var),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),*];

            /// The label as written in CoNLL-U.
            pub fn label(self) -> &'static str {
                match self { $($name::$var => $label),* }
            }

            pub fn from_label(s: &str) -> Option<$name> {
                match s { $($label => Some($name::$var),)* _ => None }
            }

            pub fn index(self) -> usize {
                self as usize
            }

            pub fn from_index(i: usize) -> Option<$name> {
                Self::ALL.get(i).copied()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

closed_set! {
    /// Universal part-of-speech tag (UD v2).
    Upos {
        Adj = "ADJ", Adp = "ADP", Adv = "ADV", Aux = "AUX", Cconj = "CCONJ", Det = "DET",
        Intj = "INTJ", Noun = "NOUN", Num = "NUM", Part = "PART", Pron = "PRON", Propn = "PROPN",
        Punct = "PUNCT", Sconj = "SCONJ", Sym = "SYM", Verb = "VERB", X = "X",
    }
}

closed_set! {
    /// Penn Treebank tag as English UD treebanks (EWT, GUM) use it in the XPOS column.
    Xpos {
        Cc = "CC", Cd = "CD", Dt = "DT", Ex = "EX", Fw = "FW", In = "IN", Jj = "JJ", Jjr = "JJR",
        Jjs = "JJS", Ls = "LS", Md = "MD", Nn = "NN", Nns = "NNS", Nnp = "NNP", Nnps = "NNPS",
        Pdt = "PDT", Pos = "POS", Prp = "PRP", PrpS = "PRP$", Rb = "RB", Rbr = "RBR",
        Rbs = "RBS", Rp = "RP", Sym = "SYM", To = "TO", Uh = "UH", Vb = "VB", Vbd = "VBD",
        Vbg = "VBG", Vbn = "VBN", Vbp = "VBP", Vbz = "VBZ", Wdt = "WDT", Wp = "WP", WpS = "WP$",
        Wrb = "WRB", Dollar = "$", Comma = ",", Period = ".", Colon = ":", OpenQuote = "``",
        CloseQuote = "''", Lrb = "-LRB-", Rrb = "-RRB-", Hyph = "HYPH", Nfp = "NFP", Add = "ADD",
        Afx = "AFX", Gw = "GW", Xx = "XX",
    }
}

closed_set! {
    /// Dependency relation: UD v2 basic relations and the subtypes English treebanks use.
    Rel {
        Acl = "acl", AclRelcl = "acl:relcl", Advcl = "advcl", AdvclRelcl = "advcl:relcl",
        Advmod = "advmod", Amod = "amod", Appos = "appos", Aux = "aux", AuxPass = "aux:pass",
        Case = "case", Cc = "cc", CcPreconj = "cc:preconj", Ccomp = "ccomp", Clf = "clf",
        Compound = "compound", CompoundPrt = "compound:prt", Conj = "conj", Cop = "cop",
        Csubj = "csubj", CsubjOuter = "csubj:outer", CsubjPass = "csubj:pass", Dep = "dep",
        Det = "det", DetPredet = "det:predet", Discourse = "discourse",
        Dislocated = "dislocated", Expl = "expl", Fixed = "fixed", Flat = "flat",
        FlatForeign = "flat:foreign", Goeswith = "goeswith", Iobj = "iobj", List = "list",
        Mark = "mark", Nmod = "nmod", NmodDesc = "nmod:desc", NmodNpmod = "nmod:npmod",
        NmodPoss = "nmod:poss", NmodTmod = "nmod:tmod", NmodUnmarked = "nmod:unmarked",
        Nsubj = "nsubj", NsubjOuter = "nsubj:outer", NsubjPass = "nsubj:pass",
        Nummod = "nummod", Obj = "obj", Obl = "obl", OblAgent = "obl:agent",
        OblNpmod = "obl:npmod", OblTmod = "obl:tmod", OblUnmarked = "obl:unmarked",
        Orphan = "orphan", Parataxis = "parataxis", Punct = "punct", Reparandum = "reparandum",
        Root = "root", Vocative = "vocative", Xcomp = "xcomp",
    }
}

impl Rel {
    /// A label as found in a treebank: known subtypes as themselves, an unknown subtype as its
    /// universal relation (`obl:foo` → `obl`), anything else `dep`.
    pub fn parse_lenient(s: &str) -> Rel {
        Rel::from_label(s)
            .or_else(|| Rel::from_label(s.split(':').next().unwrap_or(s)))
            .unwrap_or(Rel::Dep)
    }

    /// The universal relation without its subtype (`nsubj:pass` → `nsubj`).
    pub fn base(self) -> Rel {
        let l = self.label();
        match l.split_once(':') {
            Some((b, _)) => Rel::from_label(b).unwrap_or(self),
            None => self,
        }
    }

    /// Subjects of any kind: `nsubj`, `nsubj:pass`, `csubj`, ... (`:outer` included).
    pub fn is_subject(self) -> bool {
        matches!(self.base(), Rel::Nsubj | Rel::Csubj)
    }
}

impl Upos {
    /// Verbs and auxiliaries: words that can head a finite clause.
    pub fn is_verbal(self) -> bool {
        matches!(self, Upos::Verb | Upos::Aux)
    }

    /// Nouns, proper nouns and pronouns: heads of noun phrases.
    pub fn is_nominal(self) -> bool {
        matches!(self, Upos::Noun | Upos::Propn | Upos::Pron)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip() {
        for (i, u) in Upos::ALL.iter().enumerate() {
            assert_eq!(Upos::from_label(u.label()), Some(*u));
            assert_eq!(u.index(), i);
        }
        assert_eq!(Upos::ALL.len(), 17);
        for x in Xpos::ALL {
            assert_eq!(Xpos::from_label(x.label()), Some(*x));
        }
        for r in Rel::ALL {
            assert_eq!(Rel::from_label(r.label()), Some(*r));
            assert_eq!(Rel::from_index(r.index()), Some(*r));
        }
    }

    #[test]
    fn subtypes_and_lenient_parsing() {
        assert_eq!(Rel::NsubjPass.base(), Rel::Nsubj);
        assert_eq!(Rel::AclRelcl.base(), Rel::Acl);
        assert_eq!(Rel::Obj.base(), Rel::Obj);
        assert_eq!(Rel::parse_lenient("obl:npmod"), Rel::OblNpmod);
        assert_eq!(Rel::parse_lenient("obl:whatever"), Rel::Obl);
        assert_eq!(Rel::parse_lenient("nonsense"), Rel::Dep);
        assert!(Rel::CsubjPass.is_subject() && !Rel::Obj.is_subject());
    }
}
