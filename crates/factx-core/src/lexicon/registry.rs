//! The fact-type registry (`data/facts/registry/`): every event type with its PLOVER category, CAMEO code, roles, argument
//! frames and triggers, read from the data files under `data/facts/registry/` (format in that
//! folder's `README.md`). Parsed once on first use; a malformed entry panics naming its file,
//! line and entry, and `tests::registry_loads` parses every file, so a bad edit fails a unit test
//! and never reaches a request.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::file::{data_file, DataFile};
use super::hash::{FxMap, FxSet};
use crate::model::{EntityType, FactType, PloverCategory};

/// Every file of the registry, one per family (a new family file is added here), then the
/// modality cues (`modality_cue`).
pub(super) const FILES: [DataFile; 11] = [
    data_file!("facts/registry/frames.tsv"),
    data_file!("facts/registry/consult.tsv"),
    data_file!("facts/registry/conflict.tsv"),
    data_file!("facts/registry/justice.tsv"),
    data_file!("facts/registry/politics.tsv"),
    data_file!("facts/registry/diplomacy.tsv"),
    data_file!("facts/registry/business.tsv"),
    data_file!("facts/registry/disaster.tsv"),
    data_file!("facts/registry/petrarch.tsv"),
    data_file!("facts/registry/actors.tsv"),
    data_file!("facts/registry/modality.tsv"),
];

/// Builds every table of the registry (for the loader's tests).
#[cfg(test)]
pub(super) fn force() {
    let _ = registry();
    let _ = modality_cue("not");
}

/// What may fill a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filler {
    Entity(EntityType),
    /// A common noun phrase naming an unnamed actor (`police`, `a suicide bomber`).
    Nominal,
    Time,
    /// A number with its qualifier (`at least 12`, `$69 billion`).
    Quantity,
    /// A literal: an office, a charge, a kind of disaster.
    Text,
}

#[derive(Debug, Clone)]
pub struct RoleDef {
    pub name: String,
    pub fillers: Vec<Filler>,
    /// The role may have several fillers (`actor`×N).
    pub repeats: bool,
    /// An event of the type is only stated with this role filled (`traveler!`: a trip nobody
    /// makes is no TRAVEL fact).
    pub required: bool,
}

impl RoleDef {
    pub fn allows(&self, f: Filler) -> bool {
        self.fillers.contains(&f)
    }
    pub fn allows_entity(&self, t: EntityType) -> bool {
        self.fillers.contains(&Filler::Entity(t))
    }
}

/// A place in the parse around a trigger that an argument can come from (the frame library;
/// the matcher finds them, the types say which role each one fills).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Slot {
    /// Active subject, passive `by`-agent; for a noun, the subject of its light verb.
    Subj,
    /// Direct object, passive subject, the noun a reduced passive modifies.
    Obj,
    Iobj,
    /// Possessor of a nominal trigger (`Israel's attack`, `his arrest`).
    Poss,
    /// Name compound of a nominal trigger (`a Taliban attack`).
    Compound,
    /// An oblique or nominal modifier in a place (`in`, `at`, `near`...).
    Place,
    /// A time expression attached to the trigger (or its light verb).
    Time,
    /// The numeral of a nominal trigger (`12 deaths`).
    Count,
    /// The numeral of the subject / object filler (`killed at least 12 people`).
    SubjCount,
    ObjCount,
    /// The trigger word itself, as text (`storm` for DISASTER `kind`).
    Trigger,
    /// For a nominal trigger that is an oblique of an active clause, not a back-reference:
    /// that clause's subject (`X met Y on a visit to Peru`, `in a phone call with Y, X said`).
    Clause,
    /// An oblique or nominal modifier marked by this preposition (`with`, `to`, `against`).
    Prep(String),
}

impl Slot {
    fn parse(s: &str) -> Slot {
        match s {
            "subj" => Slot::Subj,
            "obj" => Slot::Obj,
            "iobj" => Slot::Iobj,
            "poss" => Slot::Poss,
            "compound" => Slot::Compound,
            "place" => Slot::Place,
            "time" => Slot::Time,
            "count" => Slot::Count,
            "subjcount" => Slot::SubjCount,
            "objcount" => Slot::ObjCount,
            "trigger" => Slot::Trigger,
            "clause" => Slot::Clause,
            p => Slot::Prep(p.to_string()),
        }
    }
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    pub fact_type: FactType,
    pub plover: Option<PloverCategory>,
    /// Default PLOVER mode (`arrest` for ARREST), or empty.
    pub mode: String,
    /// Default CAMEO code, or empty.
    pub cameo: String,
    pub roles: Vec<RoleDef>,
    /// Slot → index into `roles`.
    pub slots: Vec<(Slot, usize)>,
    /// The matcher emits this type (false: declared for its metadata, or disabled by
    /// measurement; see the file's comments).
    pub enabled: bool,
    /// Acts this type's trigger governs (`urged Russia to withdraw`, `called for his release`)
    /// are carried by it, not separate events.
    pub absorbs: bool,
    /// Mentions of one event with the same parties are one fact with several evidence spans
    /// (`Smith met Roe. Later, Smith met Roe again.`), as for the relations; otherwise every
    /// trigger is its own fact (two attacks with the same parties are two attacks).
    pub merges: bool,
    /// The CAMEO code of a mention stated as INTENDED (`will visit`: 036, express intent to
    /// meet or negotiate), or empty.
    pub intent_cameo: String,
}

impl TypeDef {
    pub fn role(&self, slot: &Slot) -> Option<&RoleDef> {
        self.slots
            .iter()
            .find(|(s, _)| s == slot)
            .map(|&(_, r)| &self.roles[r])
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    Verb,
    Noun,
    Adj,
    /// A multiword expression: consecutive lemmas.
    Phrase,
}

/// A condition on a trigger's context.
#[derive(Debug, Clone)]
pub enum Cond {
    /// The object (a verb's) or the `of`/compound complement (a noun's) has one of these lemmas.
    Obj(Vec<String>),
    /// ... and not one of these.
    NotObj(Vec<String>),
    /// A noun trigger is modified by one of these lemmas (an adjective, a compound noun or its
    /// `of` complement): `military drills`, `troop deployment`, `deployment of troops`, not
    /// `deployment of AI`.
    Mod(Vec<String>),
    /// The object (a verb's) or the `of` complement (a noun's) names an entity of one of these
    /// types (`visited Tom Reed` is a MEETING, `visited Peru` a TRAVEL).
    ObjType(Vec<EntityType>),
    Passive,
    Active,
    /// A dependent of the trigger is marked by one of these prepositions (`travel to`,
    /// `arrive in|at`): the frame a sense needs.
    Prep(Vec<String>),
    /// The trigger governs a clause (`called on Russia to withdraw`: a `to`-infinitive or a
    /// finite complement of the trigger or of its object or oblique), the frame of an act asked
    /// for or promised.
    Comp,
    /// The event found has at least two arguments of these roles (`X received Y` is a meeting,
    /// `X received aid` none); checked once the arguments are read.
    Many(Vec<String>),
    /// The event found has an argument of one of these roles (`go to` is TRAVEL only with a
    /// place to go to); checked once the arguments are read.
    Has(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct Trigger {
    /// Index into `Registry::types`; `None`: this phrasing is no event (negative evidence).
    pub ty: Option<usize>,
    pub pos: Pos,
    /// The head lemma (the first word).
    pub lemma: String,
    /// Particles or prepositions of a verb (`call for`), the following lemmas of a phrase.
    pub rest: Vec<String>,
    pub mode: String,
    pub cameo: String,
    pub when: Vec<Cond>,
    /// Slot → role index of this trigger's type, over the type's own map (`sent to`: the
    /// passive subject travels; `arrive in`: the place is the destination).
    pub slots: Vec<(Slot, usize)>,
    /// `file:line`, for messages and measurements.
    pub origin: String,
}

impl Trigger {
    /// The role a slot fills for this trigger: its own map first, then its type's.
    pub fn role<'a>(&self, ty: &'a TypeDef, slot: &Slot) -> Option<&'a RoleDef> {
        match self.slots.iter().find(|(s, _)| s == slot) {
            Some(&(_, r)) if r == usize::MAX => None,
            Some(&(_, r)) => Some(&ty.roles[r]),
            None => ty.role(slot),
        }
    }
}

pub struct Registry {
    pub types: Vec<TypeDef>,
    pub triggers: Vec<Trigger>,
    /// Head lemma → triggers, the most specific first (more words, then conditions).
    pub by_lemma: FxMap<String, Vec<usize>>,
    /// Light verbs: their object noun names the event and their subject is its actor.
    pub light: FxSet<String>,
    /// Light verbs whose subject undergoes the noun's act (`faced charges`, `received aid`,
    /// `awaits trial`): the subject fills the noun's object slot. Also in `light`.
    pub undergo: FxSet<String>,
    /// Unnamed-actor nouns (lemma) → entity type.
    pub actors: FxMap<String, EntityType>,
}

static REGISTRY: LazyLock<Registry> =
    LazyLock::new(|| Registry::parse(&FILES[..10]).unwrap_or_else(|e| panic!("{e}")));

/// The registry shipped in the binary.
pub fn registry() -> &'static Registry {
    &REGISTRY
}

fn entity_type(s: &str) -> Option<EntityType> {
    Some(match s {
        "PERSON" => EntityType::Person,
        "ORG" => EntityType::Org,
        "GPE" => EntityType::Gpe,
        "LOC" => EntityType::Loc,
        "NORP" => EntityType::Norp,
        "FAC" => EntityType::Fac,
        "EVENT" => EntityType::Event,
        "PRODUCT" => EntityType::Product,
        "LAW" => EntityType::Law,
        _ => return None,
    })
}

fn fillers(s: &str) -> Result<Vec<Filler>, String> {
    let mut out = Vec::new();
    for f in s.split('|') {
        match f {
            "PARTY" => out.extend(
                ["PERSON", "ORG", "GPE", "NORP"]
                    .iter()
                    .filter_map(|t| entity_type(t))
                    .map(Filler::Entity),
            ),
            "PLACE" => out.extend(
                ["GPE", "LOC", "FAC"]
                    .iter()
                    .filter_map(|t| entity_type(t))
                    .map(Filler::Entity),
            ),
            "NOMINAL" => out.push(Filler::Nominal),
            "TIME" => out.push(Filler::Time),
            "QUANTITY" => out.push(Filler::Quantity),
            "TEXT" => out.push(Filler::Text),
            t => out.push(Filler::Entity(
                entity_type(t).ok_or_else(|| format!("unknown filler `{t}`"))?,
            )),
        }
    }
    Ok(out)
}

fn words(s: &str) -> Vec<String> {
    s.split('|')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

impl Registry {
    /// Parses and checks the files; the error names the file, line and entry.
    pub fn parse(files: &[DataFile]) -> Result<Registry, String> {
        let mut reg = Registry {
            types: Vec::new(),
            triggers: Vec::new(),
            by_lemma: FxMap::default(),
            light: FxSet::default(),
            undergo: FxSet::default(),
            actors: FxMap::default(),
        };
        let mut frames: HashMap<String, Vec<(String, String)>> = HashMap::new();
        // Triggers are read after every type is known (any file may add triggers to any type).
        let mut trigger_rows = Vec::new();
        for file in files {
            for (n, line) in file.text.lines().enumerate() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let f: Vec<&str> = line.split('\t').map(str::trim).collect();
                let at = format!("data/{}:{}", file.path, n + 1);
                let err = |m: String| format!("{at} ({}): {m}", f[..f.len().min(4)].join(" "));
                let get = |i: usize| f.get(i).copied().unwrap_or("");
                match f[0] {
                    "frame" => {
                        let mut map = Vec::new();
                        for m in get(2).split_whitespace() {
                            let (s, r) = m
                                .split_once('=')
                                .ok_or_else(|| err(format!("`{m}` is not slot=role")))?;
                            map.push((s.to_string(), r.to_string()));
                        }
                        frames.insert(get(1).to_string(), map);
                    }
                    "type" => {
                        let ty = reg.parse_type(&f, &frames).map_err(err)?;
                        if reg.types.iter().any(|t| t.fact_type == ty.fact_type) {
                            return Err(err("type declared twice".into()));
                        }
                        reg.types.push(ty);
                    }
                    "trigger" => trigger_rows.push((at.clone(), f.clone())),
                    "light" => reg.light.extend(words(get(1))),
                    "undergo" => {
                        reg.light.extend(words(get(1)));
                        reg.undergo.extend(words(get(1)));
                    }
                    "actor" => {
                        let t = entity_type(get(2))
                            .ok_or_else(|| err(format!("unknown entity type `{}`", get(2))))?;
                        reg.actors.insert(get(1).to_string(), t);
                    }
                    k => return Err(err(format!("unknown row kind `{k}`"))),
                }
            }
        }
        for (at, f) in trigger_rows {
            let err = |m: String| format!("{at} ({}): {m}", f[..f.len().min(4)].join(" "));
            let t = reg.parse_trigger(&f, at.clone()).map_err(err)?;
            reg.triggers.push(t);
        }
        let mut seen: HashMap<(String, Vec<String>, bool), usize> = HashMap::new();
        for (i, t) in reg.triggers.iter().enumerate() {
            let key = (t.lemma.clone(), t.rest.clone(), matches!(t.pos, Pos::Noun));
            if t.when.is_empty() {
                if let Some(&j) = seen.get(&key) {
                    let o = &reg.triggers[j];
                    if o.ty != t.ty && o.when.is_empty() && o.pos == t.pos {
                        return Err(format!(
                            "{}: trigger `{} {}` already given another type at {}",
                            t.origin,
                            t.lemma,
                            t.rest.join(" "),
                            o.origin
                        ));
                    }
                }
                seen.entry(key).or_insert(i);
            }
            reg.by_lemma.entry(t.lemma.clone()).or_default().push(i);
        }
        for v in reg.by_lemma.values_mut() {
            // More words first, then conditioned entries, then file order.
            let t = &reg.triggers;
            v.sort_by_key(|&i| (std::cmp::Reverse(t[i].rest.len()), t[i].when.is_empty(), i));
        }
        Ok(reg)
    }

    fn parse_type(
        &self,
        f: &[&str],
        frames: &HashMap<String, Vec<(String, String)>>,
    ) -> Result<TypeDef, String> {
        let get = |i: usize| f.get(i).copied().unwrap_or("");
        let fact_type =
            FactType::from_name(get(1)).ok_or_else(|| format!("unknown fact type `{}`", get(1)))?;
        let (cat, mode) = get(2).split_once('/').unwrap_or((get(2), ""));
        let plover = match cat {
            "-" | "" => None,
            c => Some(
                PloverCategory::from_name(c)
                    .ok_or_else(|| format!("unknown PLOVER category `{c}`"))?,
            ),
        };
        let cameo = match get(3) {
            "-" => "",
            c if c.chars().all(|ch| ch.is_ascii_digit()) => c,
            c => return Err(format!("CAMEO code `{c}` is not digits")),
        };
        let mut roles = Vec::new();
        for r in get(4).split_whitespace() {
            let (name, fl) = r
                .split_once(':')
                .ok_or_else(|| format!("role `{r}` is not name:FILLERS"))?;
            let marks = name.trim_start_matches(|c: char| c != '*' && c != '!');
            roles.push(RoleDef {
                name: name.trim_end_matches(['*', '!']).to_string(),
                fillers: fillers(fl)?,
                repeats: marks.contains('*'),
                required: marks.contains('!'),
            });
        }
        // (slot, role, from a frame): a frame may name a role the type lacks (`@plover` on a
        // type without location); an explicit `slot=role` may not.
        let mut map: Vec<(String, String, bool)> = Vec::new();
        for m in get(5).split_whitespace() {
            if let Some(fr) = m.strip_prefix('@') {
                let fr = frames
                    .get(fr)
                    .ok_or_else(|| format!("unknown frame `{fr}` (frames come first)"))?;
                map.extend(fr.iter().map(|(s, r)| (s.clone(), r.clone(), true)));
            } else {
                let (s, r) = m
                    .split_once('=')
                    .ok_or_else(|| format!("`{m}` is not slot=role or @frame"))?;
                map.retain(|(x, _, _)| x != s);
                if r != "-" {
                    map.push((s.to_string(), r.to_string(), false));
                }
            }
        }
        let mut slots = Vec::new();
        for (s, r, framed) in map {
            match roles.iter().position(|x| x.name == r) {
                Some(k) => slots.push((Slot::parse(&s), k)),
                None if framed => {}
                None => return Err(format!("slot `{s}` names no role `{r}`")),
            }
        }
        let flags: Vec<&str> = get(6).split_whitespace().collect();
        let mut intent_cameo = String::new();
        for fl in &flags {
            if let Some(c) = fl.strip_prefix("intent=") {
                if c.is_empty() || !c.chars().all(|ch| ch.is_ascii_digit()) {
                    return Err(format!("intent CAMEO code `{c}` is not digits"));
                }
                intent_cameo = c.to_string();
            } else if !matches!(*fl, "off" | "absorbs" | "merges") {
                return Err(format!("unknown flag `{fl}`"));
            }
        }
        Ok(TypeDef {
            fact_type,
            plover,
            mode: mode.to_string(),
            cameo: cameo.to_string(),
            roles,
            slots,
            enabled: !flags.contains(&"off"),
            absorbs: flags.contains(&"absorbs"),
            merges: flags.contains(&"merges"),
            intent_cameo,
        })
    }

    fn parse_trigger(&self, f: &[&str], origin: String) -> Result<Trigger, String> {
        let get = |i: usize| f.get(i).copied().unwrap_or("");
        let ty = match get(1) {
            "-" => None,
            n => {
                let ft =
                    FactType::from_name(n).ok_or_else(|| format!("unknown fact type `{n}`"))?;
                Some(
                    self.types
                        .iter()
                        .position(|t| t.fact_type == ft)
                        .ok_or_else(|| format!("type `{n}` is not declared"))?,
                )
            }
        };
        let pos = match get(2) {
            "verb" => Pos::Verb,
            "noun" => Pos::Noun,
            "adj" => Pos::Adj,
            "phrase" => Pos::Phrase,
            p => return Err(format!("unknown part of speech `{p}`")),
        };
        let mut ws = get(3).split_whitespace().map(str::to_string);
        let lemma = ws.next().ok_or("empty trigger")?;
        let rest: Vec<String> = ws.collect();
        if pos == Pos::Phrase && rest.is_empty() {
            return Err("a phrase needs two words or more".into());
        }
        let mut when = Vec::new();
        for c in get(6).split_whitespace() {
            // `many=` and `has=` name roles of the trigger's own type.
            let role_words = |v: &str| -> Result<Vec<String>, String> {
                let t = ty.ok_or("a trigger of no type has no roles")?;
                let ws = words(v);
                match ws
                    .iter()
                    .find(|w| self.types[t].roles.iter().all(|r| &r.name != *w))
                {
                    Some(w) => Err(format!("condition `{c}` names no role `{w}`")),
                    None => Ok(ws),
                }
            };
            when.push(match c.split_once('=') {
                Some(("obj", v)) => Cond::Obj(words(v)),
                Some(("notobj", v)) => Cond::NotObj(words(v)),
                Some(("mod", v)) => Cond::Mod(words(v)),
                Some(("prep", v)) => Cond::Prep(words(v)),
                Some(("objtype", v)) => Cond::ObjType(
                    v.split('|')
                        .map(|t| entity_type(t).ok_or_else(|| format!("unknown entity type `{t}`")))
                        .collect::<Result<_, _>>()?,
                ),
                Some(("many", v)) => Cond::Many(role_words(v)?),
                Some(("has", v)) => Cond::Has(role_words(v)?),
                None if c == "passive" => Cond::Passive,
                None if c == "active" => Cond::Active,
                None if c == "comp" => Cond::Comp,
                _ => return Err(format!("unknown condition `{c}`")),
            });
        }
        let cameo = get(5);
        if !cameo.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!("CAMEO code `{cameo}` is not digits"));
        }
        let mut slots = Vec::new();
        for m in get(7).split_whitespace() {
            let (s, r) = m
                .split_once('=')
                .ok_or_else(|| format!("`{m}` is not slot=role"))?;
            let k = match (r, ty) {
                ("-", _) => usize::MAX,
                (_, None) => return Err("a trigger of no type has no slots".into()),
                (r, Some(t)) => self.types[t]
                    .roles
                    .iter()
                    .position(|x| x.name == r)
                    .ok_or_else(|| format!("slot `{s}` names no role `{r}`"))?,
            };
            slots.push((Slot::parse(s), k));
        }
        Ok(Trigger {
            ty,
            pos,
            lemma,
            rest,
            mode: get(4).to_string(),
            cameo: cameo.to_string(),
            when,
            slots,
            origin,
        })
    }

    pub fn type_of(&self, ft: FactType) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.fact_type == ft)
    }

    /// The names of the types the system emits (what `factx types` prints).
    pub fn expressible(&self) -> Vec<&'static str> {
        self.types
            .iter()
            .filter(|t| t.enabled)
            .map(|t| t.fact_type.name())
            .collect()
    }
}

/// What a modality cue word does to the predicate it governs or modifies
/// (`data/facts/registry/modality.tsv`; used by `facts::modality`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModalityCue {
    Hypothetical,
    Intended,
    /// A verb of planning a set act: intended like `intended`, and its passive subject is the
    /// act planned (`talks are planned for next week`).
    Scheduled,
    Opinion,
    /// A verb of saying or reporting: what it governs is REPORTED, attributed to its subject.
    Report,
    /// `would`: a plan after a report in the past (`said he would visit`), else hypothetical.
    Would,
    Negation,
    /// Hoped-for or discussed acts (`hopes to resolve`) are no events.
    Unreal,
    /// A frequency adverb on the predicate (`routinely deny`, `usually arrest`): a habit, no
    /// specific event (`facts::habitual`).
    Habitual,
}

static MODALITY: LazyLock<HashMap<&'static str, ModalityCue>> = LazyLock::new(|| {
    let file = &FILES[10];
    file.rows(2, 2)
        .map(|r| {
            let cue = match r.get(1) {
                "hypothetical" => ModalityCue::Hypothetical,
                "intended" => ModalityCue::Intended,
                "scheduled" => ModalityCue::Scheduled,
                "opinion" => ModalityCue::Opinion,
                "report" => ModalityCue::Report,
                "would" => ModalityCue::Would,
                "negation" => ModalityCue::Negation,
                "unreal" => ModalityCue::Unreal,
                "habitual" => ModalityCue::Habitual,
                c => file.fail(r.line, &format!("unknown cue `{c}`")),
            };
            (r.get(0), cue)
        })
        .collect()
});

/// The modality cue a lemma is, if any.
pub fn modality_cue(lemma: &str) -> Option<ModalityCue> {
    MODALITY.get(lemma).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_loads() {
        let r = registry();
        assert!(r.types.len() >= 30, "{} types", r.types.len());
        assert!(r.triggers.len() > 100);
        assert!(r.light.contains("hold"));
        assert!(r.undergo.contains("face") && r.light.contains("face"));
        assert_eq!(r.actors.get("police"), Some(&EntityType::Org));
    }

    fn parse(text: &'static str) -> Result<Registry, String> {
        Registry::parse(&[
            DataFile {
                path: "frames.tsv",
                text: "frame\tplover\tsubj=actor obj=recipient place=location time=time\n",
            },
            DataFile {
                path: "t.tsv",
                text,
            },
        ])
    }

    /// The README's row for a type: `| `NAME` | PLOVER[ / mode] | CAMEO | roles |`.
    fn readme_row(t: &TypeDef) -> String {
        let plover = match (t.plover, t.mode.as_str()) {
            (None, _) => "—".to_string(),
            (Some(c), "") => c.name().to_string(),
            (Some(c), m) => format!("{} / {m}", c.name()),
        };
        let cameo = if t.cameo.is_empty() { "—" } else { &t.cameo };
        let roles: Vec<String> = t
            .roles
            .iter()
            .map(|r| format!("{}{}", r.name, if r.repeats { "×N" } else { "" }))
            .collect();
        format!(
            "| `{}` | {plover} | {cameo} | {} |",
            t.fact_type.name(),
            roles.join(", ")
        )
    }

    #[test]
    fn readme_lists_every_type_with_its_roles() {
        let readme = include_str!("../../../../README.md");
        for t in &registry().types {
            let row = readme_row(t);
            assert!(readme.contains(&row), "README.md lacks the row\n{row}");
        }
    }

    #[test]
    fn every_event_type_of_the_model_is_in_the_registry() {
        for ft in FactType::ALL {
            let relation = matches!(
                ft,
                FactType::Role | FactType::Affiliation | FactType::Statement
            );
            assert_eq!(
                registry().type_of(*ft).is_some(),
                !relation,
                "{}",
                ft.name()
            );
        }
    }

    #[test]
    fn malformed_entries_are_named() {
        let e = parse(
            "type\tASSAULT\tASSAULT\t190\tactor*:PARTY|NOMINAL\t@plover\n\
                       trigger\tASSAULT\tverb\tkill\t\t\tbogus=1\n",
        )
        .err()
        .unwrap();
        assert!(
            e.contains("t.tsv:2") && e.contains("kill") && e.contains("bogus"),
            "{e}"
        );
        let e = parse("type\tASSAULTS\tASSAULT\t190\tactor:PARTY\t@plover\n")
            .err()
            .unwrap();
        assert!(e.contains("t.tsv:1") && e.contains("ASSAULTS"), "{e}");
        let e = parse("type\tASSAULT\tASSAULT\t190\tactor:PARTY\t@plover objcount=dead\n")
            .err()
            .unwrap();
        assert!(e.contains("names no role `dead`"), "{e}");
        let e = parse("trigger\tARREST\tverb\tarrest\n").err().unwrap();
        assert!(e.contains("not declared"), "{e}");
        let e = parse(
            "type\tASSAULT\tASSAULT\t190\tactor:PARTY\t@plover\n\
             type\tARREST\tCOERCE/arrest\t173\tagent:PARTY\tsubj=agent\n\
             trigger\tASSAULT\tverb\tseize\n\
             trigger\tARREST\tverb\tseize\n",
        )
        .err()
        .unwrap();
        assert!(e.contains("already given another type"), "{e}");
    }

    #[test]
    fn a_type_reads_its_frames() {
        let r = parse(
            "type\tASSAULT\tASSAULT\t190\tactor*:PARTY|NOMINAL location:PLACE\t@plover obj=-\n\
             trigger\tASSAULT\tverb\tkill\tsuicide-attack\t\tactive\n",
        )
        .unwrap();
        let t = &r.types[0];
        assert_eq!(t.plover, Some(PloverCategory::Assault));
        assert!(t.role(&Slot::Subj).is_some_and(|r| r.repeats));
        assert!(t.role(&Slot::Obj).is_none());
        assert_eq!(t.role(&Slot::Place).unwrap().name, "location");
        assert_eq!(r.by_lemma["kill"].len(), 1);
    }
}
