#!/usr/bin/env python3
"""Turns PETRARCH2's CAMEO 2.0 verb dictionary and Phoenix agent dictionary into factx data.

Reads (paths default to ../shared/data/... next to the repository):
  petrarch2/CAMEO.2.0.txt        verb dictionary: synonym sets, verb blocks, patterns (MIT)
  petrarch2/Phoenix.agents.txt   agent dictionary: unnamed-actor nouns with CAMEO agent codes (MIT)
  petrarch2/SOURCE_COMMIT.txt    the PETRARCH2 commit the files come from
  plover/CAMEO2PLOVER-2021.txt   CAMEO code -> PLOVER category, mode, context (CC-BY-SA 4.0)

Writes, under crates/factx-core/data/facts/petrarch/:
  verb_patterns.tsv  one row per (verb lemma, pattern), reduced to dependency-matcher slots
  verbs.tsv          one row per (verb lemma, particle): the majority fact type and counts
  nouns.tsv          nominal triggers: objects of light verbs ("stage attack", "hold talks")
  agents.tsv         unnamed-actor nouns (police, rebels, gunmen...) with agent code and entity type

Usage: python3 scripts/data/petrarch_to_factx.py [--data DIR] [--cameo F] [--agents F] [--plover F]
                                                 [--out DIR]
Standard library only. The output is deterministic: rerunning it on the same inputs gives the same
bytes. The mapping rules are documented in crates/factx-core/data/facts/petrarch/README.md.
"""
import argparse
import collections
import hashlib
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_DATA = os.path.normpath(os.path.join(REPO, "..", "shared", "data"))
OUT_REL = os.path.join("crates", "factx-core", "data", "facts", "petrarch")
COMMAND = "python3 scripts/data/petrarch_to_factx.py"

# ----------------------------------------------------------------------------- word classes
# Adverbial particles of English phrasal verbs. A bare word right after the verb in a pattern
# ("- * DOWN", "- * UP POSITION", "- * &WEAPON OUT") that is one of these is a particle
# (dependency label compound:prt), not an object noun.
PARTICLES = {"up", "down", "out", "off", "back", "over", "away", "aside", "forward", "forth",
             "around", "about", "along", "apart", "ahead", "through", "together", "in", "on",
             "by", "behind", "across", "under", "home", "open", "free"}

# ----------------------------------------------------------------------------- fact-type rules
CONSULT = {  # CAMEO 04x -> the factx type expressing that kind of consultation
    "040": "MEETING",        # consult
    "041": "COMMUNICATION",  # discuss by telephone
    "042": "TRAVEL",         # make a visit
    "043": "TRAVEL",         # host a visit (the host is the destination)
    "044": "MEETING",        # meet at a third location
    "045": "MEETING",        # engage in mediation
    "046": "MEETING",        # engage in negotiation
}
# CAMEO codes whose meaning is one of the news staples of eval/gold/GUIDELINES.md section 1.
STAPLE_CODE = {
    "173": "ARREST",       # arrest, detain, or charge with legal action
    "0841": "RELEASE",     # return, release person(s)
    "115": "LAWSUIT",      # bring lawsuit against
    "116": "CONVICTION",   # find guilty or liable (legally)
}
# Codes that lump several staples (or a staple and a PLOVER type) together: the trigger's or the
# pattern's own words decide, first match wins; no match keeps the code's default (STAPLE_CODE,
# else the PLOVER category).
STAPLE_KEYWORDS = {
    "173": [("LAWSUIT", ["sue", "lawsuit", "suit"]),
            ("SENTENCE", ["sentence", "penalty"]),
            ("CONVICTION", ["convict", "guilty"]),
            ("CHARGE", ["charge", "indict", "prosecute", "accuse"]),
            ("TRIAL", ["trial", "try", "court", "hearing"])],
    "172": [("SENTENCE", ["sentence", "penalty"])],
    "116": [("SENTENCE", ["sentence", "penalty"])],
    "115": [],
    "084": [("RELEASE", ["release", "free", "liberate", "set free"])],
    "0831": [("RESIGNATION", ["resign", "resignation", "step down", "quit", "step aside"])],
    "112": [("CHARGE", ["charge", "indict"])],
}
# Where eval/gold/GUIDELINES.md section 1 (the inventory the registry implements) or the PLOVER
# manual's "potential ambiguities" notes place a CAMEO code differently from CAMEO2PLOVER-2021.
GUIDELINE_OVERRIDE = {
    "057": ("AGREE", "GUIDELINES: sign (a deal) is AGREE; CAMEO2PLOVER has SUPPORT"),
    "055": ("CONCEDE", "PLOVER manual: expressions of regret are CONCEDE; CAMEO2PLOVER has SUPPORT"),
    "163": ("SANCTION", "GUIDELINES: impose tariffs/embargo/boycott is SANCTION; CAMEO2PLOVER has COERCE"),
}
NOTE_COMMENT = "CAMEO 01 make public statement: STATEMENT is the attribution layer, not the registry"
NOTE_APPEAL = "CAMEO 02 appeal: dropped by CAMEO2PLOVER; PLOVER REQUEST covers all requests"


def load_plover(path):
    """CAMEO code -> (category, mode, context, description); 2-digit roots -> category."""
    codes, roots = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#") or line.startswith("~"):
                continue
            m = re.match(r"^(\d+):\s*(.*)$", line)
            if not m:
                continue
            code, rest = m.group(1), m.group(2)
            desc = ""
            if "#" in rest:
                rest, desc = rest.split("#", 1)
            fields = [x.strip() for x in rest.split(",")]
            if len(code) == 2:
                roots.setdefault(code, fields[0])
                continue
            fields += [""] * (3 - len(fields))
            codes.setdefault(code, (fields[0], fields[1].strip(), fields[2].strip(), desc.strip()))
    return codes, roots


class CodeMapper:
    def __init__(self, plover_codes, plover_roots):
        self.codes = plover_codes
        self.roots = plover_roots

    def plover(self, code):
        """(category, mode, context, description, matched code) for a CAMEO code; the longest
        listed prefix when the code itself is not in the table (176 -> 17, 1952 -> 195)."""
        if not code or not code.isdigit():
            return ("", "", "", "", "")
        for k in range(len(code), 2, -1):
            c = code[:k]
            if c in self.codes:
                cat, mode, ctx, desc = self.codes[c]
                return (cat, mode, ctx, desc, c)
        root = code[:2]
        if root in self.roots and root != "08":
            return (self.roots[root], "", "", "", root)
        return ("", "", "", "", "")

    def fact_type(self, code, words):
        """(fact type, rule, note) for a CAMEO code; `words` is the text of the trigger and its
        pattern (lemma, particle, objects, obliques) for the keyword rules."""
        if not code or not code.isdigit():
            return ("", "none", "")
        if code.startswith("01"):
            return ("STATEMENT", "comment", NOTE_COMMENT)
        if code.startswith("02"):
            return ("REQUEST", "appeal", NOTE_APPEAL)
        if code[:3] in CONSULT:
            return (CONSULT[code[:3]], "consult", "")
        for key in (code, code[:3]):
            if key in STAPLE_KEYWORDS:
                for staple, kws in STAPLE_KEYWORDS[key]:
                    if any(has_words(words, kw) for kw in kws):
                        return (staple, "staple-keyword", "")
                break
        for key in (code, code[:3]):
            if key in STAPLE_CODE:
                return (STAPLE_CODE[key], "staple-code", "")
        if code[:3] in GUIDELINE_OVERRIDE:
            t, why = GUIDELINE_OVERRIDE[code[:3]]
            return (t, "guidelines", why)
        cat = self.plover(code)[0]
        return (cat, "plover", "") if cat else ("", "none", "")


def has_words(text, phrase):
    """True if `phrase` occurs in the space-separated `text` as whole words; each word of the text
    may be an inflection of the phrase's word (charge: charges, charged, charging)."""
    ws = phrase.split()
    toks = text.split()
    for i in range(len(toks) - len(ws) + 1):
        if all(w in lemma_candidates(toks[i + k]) for k, w in enumerate(ws)):
            return True
    return False


# ----------------------------------------------------------------------------- morphology
def regular_plural(word):
    """Regular noun plural (PETRARCH's -Y -> -IES, -S -> -ES, else -S; plus -MAN -> -MEN)."""
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def lemma_candidates(w):
    """The possible base forms of an English word by undoing regular inflection and common
    nominalizing suffixes are not attempted here: -s/-es/-ies, -ed/-d/-ied, -ing (with undoubled
    consonant and restored -e), -men. The word itself is always a candidate; a caller keeps the
    candidates its lexicon knows."""
    w = w.lower()
    out = [w]
    def add(x):
        if len(x) >= 2 and x not in out:
            out.append(x)
    if w.endswith("men"):
        add(w[:-3] + "man")
    if w.endswith("ies"):
        add(w[:-3] + "y")
        add(w[:-1])
    if w.endswith("es"):
        add(w[:-2])
    if w.endswith("s") and not w.endswith("ss"):
        add(w[:-1])
    if w.endswith("ied"):
        add(w[:-3] + "y")
    if w.endswith("ed"):
        b = w[:-2]
        add(b)
        add(w[:-1])
        if len(b) >= 2 and b[-1] == b[-2]:
            add(b[:-1])
    if w.endswith("ing"):
        b = w[:-3]
        add(b)
        add(b + "e")
        if len(b) >= 2 and b[-1] == b[-2]:
            add(b[:-1])
        if b.endswith("y"):
            add(b[:-1] + "ie")
    return out


# ----------------------------------------------------------------------------- verb dictionary
class Synsets:
    def __init__(self):
        self.members = {}  # "&NAME" -> [member phrase (lower, words joined by spaces)]
        self.undefined = collections.Counter()

    def expand(self, token):
        name = token
        if name in self.members:
            return self.members[name]
        self.undefined[name] += 1
        return [name.lower()]


def clean_word(w):
    return w.strip().strip("_").replace("_", " ").lower()


def parse_np_words(words, syn):
    """A noun phrase (list of raw tokens, head last) -> list of alternatives per token."""
    out = []
    for w in words:
        if not w:
            continue
        if w.startswith("&"):
            out.append(syn.expand(w))
        else:
            out.append([clean_word(w)])
    return out


def render_np(alts):
    """[[alt, ...] per token] -> 'mod|mod head|head' with multiword alternatives joined by '_'."""
    return " ".join("|".join(a.replace(" ", "_") for a in dedup(tok)) for tok in alts)


def np_heads(alts):
    """The head word alternatives: the last word of each alternative of the last token."""
    if not alts:
        return []
    return dedup(a.split()[-1] for a in alts[-1])


def dedup(xs):
    seen, out = set(), []
    for x in xs:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def tokenize_side(text):
    """Splits one side of a pattern into items: ('np', [tokens]), ('pp', prep, [[tokens]...]),
    ('word', token), ('marker', symbol)."""
    toks = text.split()
    items = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.startswith("("):
            group = []
            while True:
                group.append(toks[i])
                if toks[i].endswith(")") or i == len(toks) - 1:
                    break
                i += 1
            inner = " ".join(group)[1:]
            if inner.endswith(")"):
                inner = inner[:-1]
            parts = inner.split()
            prep = parts[0].lower() if parts else ""
            nps, markers = [], []
            j = 1
            while j < len(parts):
                p = parts[j]
                if p in ("+", "$", "^", "%"):
                    markers.append(p)
                elif p.startswith("{"):
                    np = []
                    while True:
                        np.append(parts[j].strip("{}"))
                        if parts[j].endswith("}") or j == len(parts) - 1:
                            break
                        j += 1
                    nps.append(np)
                else:
                    nps.append([p])
                j += 1
            items.append(("pp", prep, nps, markers))
        elif t.startswith("{"):
            np = []
            while True:
                np.append(toks[i].strip("{}"))
                if toks[i].endswith("}") or i == len(toks) - 1:
                    break
                i += 1
            items.append(("np", np))
        elif t in ("+", "$", "^", "%"):
            items.append(("marker", t))
        else:
            items.append(("word", t))
        i += 1
    return items


MARKER_NAME = {"+": "target", "$": "source", "^": "skip", "%": "compound"}


PREPOSITIONS = {"on", "in", "by", "to", "from", "for", "with", "at", "of", "into", "against", "over",
                "about", "toward", "towards", "after", "during", "under", "between", "as", "than", "that",
                "behind", "before", "within", "without", "through", "across", "despite"}


def reduce_pattern(pre, post, syn):
    """Pattern sides -> dict of matcher slots (all cells are strings). PETRARCH2 patterns mark noun
    phrases {...} and prepositional phrases (...); bare words are noun heads. A bare particle
    right after the verb or at the end is a particle; bare -ly words are adverbs. Patterns left in
    the older linear TABARI style (bare prepositions inside, several bare nouns in a row, stray
    brackets) are flagged 'unstructured'."""
    subj, subj_heads, obj, obj_heads, obl, parts, advs, markers = [], [], [], [], [], [], [], []
    unstructured = False
    for side, text in (("pre", pre), ("post", post)):
        if text.count("(") != text.count(")") or text.count("{") != text.count("}"):
            unstructured = True
        items = tokenize_side(text)
        bare_run = 0
        for idx, it in enumerate(items):
            kind = it[0]
            if kind == "word" and re.search(r"[()]", it[1]):
                unstructured = True
            if kind == "marker":
                markers.append(f"{MARKER_NAME[it[1]]}@{'subject' if side == 'pre' else 'object'}")
                continue
            if kind == "pp":
                bare_run = 0
                _, prep, nps, mk = it
                phrase = " ".join(render_np(parse_np_words(np, syn)) for np in nps)
                obl.append(("<" if side == "pre" else "") + f"{prep}:{phrase}")
                for m in mk:
                    markers.append(f"{MARKER_NAME[m]}@{prep}")
                continue
            words = it[1] if kind == "np" else [it[1]]
            w0 = clean_word(words[0]) if kind == "word" else ""
            if kind == "word" and not words[0].startswith("&"):
                if side == "post" and w0 in PARTICLES and (idx == 0 or idx == len(items) - 1):
                    parts.append(w0)
                    continue
                if w0.endswith("ly") and len(w0) > 4:
                    advs.append(w0)
                    continue
                if w0 in PREPOSITIONS:
                    unstructured = True
                bare_run += 1
                if bare_run >= 2:
                    unstructured = True
            else:
                bare_run = 0
            alts = parse_np_words(words, syn)
            if side == "pre":
                subj.append(render_np(alts))
                subj_heads.append("|".join(np_heads(alts)))
            else:
                obj.append(render_np(alts))
                obj_heads.append("|".join(np_heads(alts)))
    return {
        "particle": " ".join(parts),
        "subject": "; ".join(subj),
        "subject_head": "; ".join(subj_heads),
        "object": "; ".join(obj),
        "object_head": "; ".join(obj_heads),
        "obliques": "; ".join(obl),
        "adverb": " ".join(advs),
        "markers": " ".join(markers),
        "unstructured": unstructured,
    }


class Verb:
    __slots__ = ("lemma", "verb", "forms", "code", "block", "block_code", "line")


def parse_verb_line(raw, block, block_code, lineno):
    """'+CORDON_OFF {+CORDONED_OFF ...} [160] # comment' -> Verb."""
    text = raw.split("#", 1)[0].strip()
    code = block_code
    m = re.search(r"\[([^\]]*)\]\s*$", text)
    if m:
        code = m.group(1).strip()
        text = text[: m.start()].strip()
    forms_raw = None
    m = re.search(r"\{([^}]*)\}", text)
    if m:
        forms_raw = m.group(1).split()
        text = (text[: m.start()] + text[m.end():]).strip()
    word = text.split()[0] if text.split() else ""
    if not word:
        return None
    v = Verb()
    parts = word.split("_")
    verb_idx = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
    v.lemma = " ".join(p.strip("+").lower() for p in parts if p.strip("+"))
    v.verb = parts[verb_idx].strip("+").lower()
    # Only the dictionary's own {...} forms: PETRARCH generates -s/-ed/-ing for the others, which
    # is wrong for irregular verbs the dictionary does not mark (set -> "seted").
    v.forms = [" ".join(p.strip("+").lower() for p in f.split("_") if p.strip("+")) for f in forms_raw or []]
    v.code = code
    v.block, v.block_code, v.line = block, block_code, lineno
    return v


def split_code(code):
    """'042:043' -> ('042', '043'); ':173' -> ('', '173'); '---' -> ('---', '')."""
    if ":" in code:
        a, b = code.split(":", 1)
        return a.strip(), b.strip()
    return code.strip(), ""


def read_verb_dictionary(path):
    syn = Synsets()
    blocks = collections.OrderedDict()  # block name -> {"code", "line", "verbs": [Verb], "patterns": [...]}
    in_patterns = False
    cur_set = None
    block = None
    transformations = 0
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, raw in enumerate(lines, 1):
        line = raw.rstrip()
        if line.startswith("####### VERB PATTERNS"):
            in_patterns = True
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not in_patterns:
            if line.startswith("&"):
                cur_set = line.split("#")[0].strip()
                syn.members[cur_set] = []
            elif line.startswith("+") and cur_set:
                member = clean_word(line[1:].split("#")[0])
                if member:
                    syn.members[cur_set].append(member)
            continue
        if line.startswith("~"):
            transformations += 1
            continue
        m = re.match(r"^---\s*(\S+)\s*\[([^\]]*)\]\s*-*", line)
        if m:
            name = m.group(1)
            if name in blocks:
                name = f"{name}@{n}"
            block = blocks.setdefault(name, {"code": m.group(2).strip(), "line": n, "verbs": [], "patterns": []})
            continue
        if block is None:
            continue
        if line.startswith("-"):
            body, _, comment = line[1:].partition("#")
            body = body.strip()
            m = re.search(r"\[([^\]]*)\]$", body)
            if not m or "*" not in body:
                continue
            code = m.group(1).strip()
            pre, _, post = body[: m.start()].partition("*")
            block["patterns"].append({"pre": pre.strip(), "post": post.strip(), "code": code,
                                      "comment": comment.strip(), "line": n})
            continue
        v = parse_verb_line(line, None, block["code"], n)
        if v:
            block["verbs"].append(v)
    for name, b in blocks.items():
        for v in b["verbs"]:
            v.block = name.split("@")[0]
    return syn, blocks, transformations


def comment_verbs(comment, verbs):
    """The block verbs a pattern's comment names ('# RUSH', '# THREW', '# CALLED_OFF , CALL_OFF'),
    matched on lemma or any listed/regular form."""
    found = []
    for cand in re.split(r"[,;]", comment):
        w = cand.strip().split()
        if not w:
            continue
        key = w[0].replace("_", " ").replace("+", "").lower().split()
        keys = {" ".join([c] + key[1:]) for c in lemma_candidates(key[0])}
        hit = [v for v in verbs if v.lemma in keys or any(k in v.forms for k in keys)]
        if not hit and len(key) > 1:
            # "LAID_DOWN" where the block has LAY: the verb word alone (the particle is in the pattern)
            first = set(lemma_candidates(key[0]))
            hit = [v for v in verbs if " " not in v.lemma and (v.lemma in first or key[0] in v.forms)]
        for v in hit:
            if v not in found:
                found.append(v)
    return found


# ----------------------------------------------------------------------------- agents
ORG_HEADS = {
    "ministry", "ministries", "group", "force", "forces", "court", "courts", "council", "commission",
    "department", "government", "organization", "organisation", "party", "parties", "army", "armies",
    "agency", "service", "services", "movement", "unit", "committee", "authority", "authorities",
    "office", "bank", "assembly", "union", "parliament", "militia", "bureau", "institution",
    "delegation", "corp", "company", "companies", "coalition", "alliance", "wing", "senate",
    "presidency", "junta", "regime", "navy", "cabinet", "legislature", "tribunal", "syndicate",
    "federation", "association", "board", "command", "administration", "firm", "enterprise",
    "corporation", "conglomerate", "cartel", "gang", "faction", "squad", "battalion", "brigade",
    "regiment", "detachment", "garrison", "patrol", "patrols", "congress", "duma", "politburo",
    "presidium", "praesidium", "secretariat", "secretariate", "judiciary", "judicature",
    "procuratorate", "consistory", "diocese", "archdiocese", "church", "mafia", "maffia", "clique",
    "band", "body", "bodies", "media", "newspaper", "magazine", "gazette", "tabloid", "daily",
    "radio", "television", "tv", "publication", "outlet", "website", "blog", "airline", "airway",
    "carmaker", "automaker", "steelmaker", "agrobusiness", "ngo", "ngos", "org", "exchange",
    "opposition", "leadership", "bureaucracy", "commons", "echelon", "phalanx", "system",
    "chamber", "house", "state", "republic", "kingdom", "polity", "university", "college",
    "school", "preschool", "kindergarten", "kindergarden", "conservatory", "hospital", "infirmary",
    "sanatorium", "sanitarium", "sanatarium", "monastery", "monastary", "apparatus", "network",
    "team", "crew", "corps", "division", "embassy", "consulate", "chancery", "chancellery",
    "mission", "gendarmerie", "gendarmery", "gendermarie", "rangers", "marines", "infantry",
    "artillery", "insurgency", "resistance", "underground", "mob", "rabble", "family", "families",
}
FAC_HEADS = {"post", "base", "station", "camp", "barracks", "prison", "jail", "building",
             "facility", "facilitiy", "site", "palace", "checkpoint", "check", "headquarters",
             "schoolhouse", "home", "district", "village", "town", "neighborhood", "neighbourhood",
             "capital", "cities", "settlement"}
VEHICLE_HEADS = {"ship", "jet", "missile", "aircraft", "plane", "planes", "helicopter", "helicopters",
                 "drone", "drones", "vessel", "warship", "tank", "tanker", "supertanker", "frigate",
                 "destroyer", "cruiser", "corvette", "battleship", "battlewagon", "gunship", "boat",
                 "airliner", "jetliner", "jumbojet", "jetfighter", "warplane", "humvee", "hmmwv",
                 "vehicle", "carrier", "containership", "freighter", "craft", "uav", "gun", "machine",
                 "predator", "reaper", "raptor", "hornet", "falcon", "apache", "chinook", "osprey",
                 "orion", "poseidon", "typhoon", "dragonfly", "kfir", "mig", "bomber", "bombers",
                 "fighter"}
# Collective nouns naming a body of people without a singular member noun (police, military).
COLLECTIVE_HEADS = {"police", "military", "personnel", "clergy", "staff", "people", "youth",
                    "population", "electorate", "soldiery", "gangdom", "gangland", "laity",
                    "paramilitary", "enforcement", "security", "intelligence", "poor", "rich",
                    "public", "press", "townspeople", "leadership", "hasidim", "janjaweed"}
ABSTRACT_HEADS = {"rebellion", "uprising", "revolt", "crime", "war", "peace", "reform", "insurgence",
                  "news", "information", "control", "operation", "operations", "activity",
                  "integration", "investigation", "transformation", "progress", "rule", "quality",
                  "meeting", "order", "cooperation", "presence", "solidarity", "loan", "budget",
                  "revenue", "extortion", "trade", "industry", "sector", "economy", "finance",
                  "development", "planning", "welfare", "health", "education", "environment",
                  "energy", "transport", "agriculture", "justice", "defense", "defence",
                  "communication", "communications", "tourism"}
PREPS = {"of", "for", "on", "in", "to", "at", "with", "from", "de", "del", "and", "against"}
# Human suffixes (people nouns) for heads not otherwise classified.
ROLE_NAMES = {
    "GOV": "government", "MIL": "military", "COP": "police", "REB": "rebels", "OPP": "opposition",
    "CVL": "civilians", "BUS": "business", "CRM": "criminal", "JUD": "judiciary", "MED": "media",
    "LEG": "legislature", "HLH": "health", "EDU": "education", "UAF": "unaligned armed forces",
    "SPY": "intelligence", "AGR": "agriculture", "MUS": "muslim", "REL": "religious", "LAB": "labor",
    "ENV": "environment", "DEV": "development", "REF": "refugees", "PTY": "political party",
    "ELI": "elites", "CHR": "christian", "HIN": "hindu", "HRI": "human rights", "NGO": "NGO",
    "BUD": "buddhist", "JEW": "jewish", "RAD": "radicals", "PPL": "people", "IGO": "intergovernmental",
    "IMG": "militant group", "CTH": "catholic", "PRO": "protestant", "MAR": "maronite",
}


def head_index(words):
    """Index of the head noun of a multiword agent phrase: the last word before the first
    preposition ('minister of foreign affairs' -> minister), else the last word."""
    for i, w in enumerate(words):
        if i > 0 and w in PREPS:
            return i - 1
    return len(words) - 1


# Heads that name a person or a machine (suicide bomber / stealth bomber, freedom fighter / jet
# fighter): a machine when the agent code has the military or business role, else a person.
AMBIGUOUS_HEADS = {"bomber", "bombers", "fighter", "carrier", "tanker", "predator", "gun", "machine",
                   "reaper", "raptor", "hornet", "falcon", "raider", "runner"}


def entity_type(head, number, roles=()):
    """A factx entity type proposal for an unnamed actor from its head noun, number and roles."""
    if head in AMBIGUOUS_HEADS:
        return "PRODUCT" if {"MIL", "BUS"} & set(roles) else ("PERSON_GROUP" if number == "plural" else "PERSON")
    if head in VEHICLE_HEADS:
        return "PRODUCT"
    if head in FAC_HEADS:
        return "FAC"
    if head in ORG_HEADS:
        return "ORG"
    if head in COLLECTIVE_HEADS:
        return "PERSON_GROUP"
    if head in ABSTRACT_HEADS or (head.endswith(("ism", "tion", "ment")) and head != "parliament"):
        return "NONE"
    return "PERSON_GROUP" if number == "plural" else "PERSON"


def read_agents(path):
    subst = {}
    rows = collections.OrderedDict()
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("<!"):
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.*)$", line)
        if m:
            subst[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        m = re.search(r"\[([^\]}]*)[\]}]\s*$", line)
        if not m:
            continue
        code = m.group(1).strip()
        text = line[: m.start()].strip()
        plural_given = None
        pm = re.search(r"\{([^}]*)\}", text)
        if pm:
            plural_given = pm.group(1).strip()
            text = (text[: pm.start()] + text[pm.end():]).strip()
        # Substitution markers: each item replaces the marker; an item followed by its own plural
        # (MAN, MEN; MINISTRY, MINISTRIES) gives one singular/plural pair.
        variants = []
        mk = re.search(r"![A-Z]+!", text)
        if mk and mk.group(0) in subst:
            items = subst[mk.group(0)]
            i = 0
            while i < len(items):
                sing = items[i]
                plur = None
                if i + 1 < len(items) and is_plural_of(sing, items[i + 1]):
                    plur = items[i + 1]
                    i += 1
                variants.append((text.replace(mk.group(0), sing, 1),
                                 text.replace(mk.group(0), plur, 1) if plur else ""))
                i += 1
        else:
            variants.append((text, None))
        for sing_raw, plur_raw in variants:
            gap = " " in sing_raw.strip().strip("_")
            words = [w for w in re.split(r"[_\s]+", sing_raw.strip("_ ").lower()) if w]
            if not words:
                continue
            h = head_index(words)
            head = words[h]
            number = ""
            if plur_raw is not None and plur_raw != "":
                plural = " ".join(w for w in re.split(r"[_\s]+", plur_raw.strip("_ ").lower()) if w)
            elif plur_raw == "":
                plural = ""
            elif plural_given is not None:
                plural = " ".join(w for w in re.split(r"[_\s]+", plural_given.strip("_ ").lower()) if w)
            elif looks_plural(head):
                plural, number = "", "plural"
            else:
                pw = list(words)
                pw[h] = regular_plural(head)
                plural = " ".join(pw)
            singular = " ".join(words)
            if number == "plural":
                singular, plural, number = "", singular, "plural-only"
            elif not plural:
                number = "mass" if head in COLLECTIVE_HEADS or head in ORG_HEADS else "singular-only"
            else:
                number = "both"
            key = (singular, plural)
            if key not in rows:
                rows[key] = {"singular": singular, "plural": plural, "head": head, "number": number,
                             "codes": [], "lines": [], "gap": gap}
            r = rows[key]
            if code not in r["codes"]:
                r["codes"].append(code)
            r["lines"].append(n)
    # A singular-only entry (GUNMAN {}) and a plural-only entry of the same noun (GUNMEN) are one pair.
    out = list(rows.values())
    plural_only = {r["plural"]: r for r in out if not r["singular"]}
    merged = []
    for r in out:
        if r["number"] == "singular-only":
            w = r["singular"].split()
            h = head_index(w)
            w[h] = regular_plural(w[h])
            p = plural_only.get(" ".join(w))
            if p is not None and p.get("merged") is None:
                r["plural"], r["number"] = p["plural"], "both"
                r["codes"] += [c for c in p["codes"] if c not in r["codes"]]
                r["lines"] += p["lines"]
                p["merged"] = True
        merged.append(r)
    return [r for r in merged if not r.get("merged")]


def is_plural_of(a, b):
    a, b = a.upper(), b.upper()
    return b in (a + "S", a + "ES", a[:-1] + "IES") or (a.endswith("MAN") and b == a[:-3] + "MEN")


def looks_plural(head):
    """A head that is already a plural form (gunmen, troops, marines): no plural is generated."""
    if head.endswith("men") or head in ("people", "children", "police", "clergy"):
        return head != "men" or True
    return head.endswith("s") and not head.endswith(("ss", "us", "is", "ous")) and len(head) > 3 \
        and head not in ("news", "corps", "series", "species", "headquarters", "barracks", "commons")


def agent_roles(code):
    """'~GOVMED' -> ('suffix', ['GOV', 'MED']); 'NGO~' -> ('prefix', ['NGO'])."""
    pos = "suffix" if code.startswith("~") else "prefix" if code.endswith("~") else ""
    c = code.strip("~")
    return pos, [c[i:i + 3] for i in range(0, len(c), 3)]


# ----------------------------------------------------------------------------- output
def sha256_short(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()[:16]


def header(what, columns_doc, commit, inputs, plover=True):
    lines = [f"# {what}"]
    lines += [f"# {c}" for c in columns_doc]
    lines.append(f"# Source: PETRARCH2 dictionaries, {commit} (https://github.com/openeventdata/petrarch2)")
    lines.append("# License: MIT, (C) 2014-2015 Open Event Data Alliance and the PETRARCH2 authors (see NOTICE)"
                 + (";" if plover else "."))
    if plover:
        lines.append("#   CAMEO -> PLOVER category/mode/context from openeventdata/PLOVER CAMEO2PLOVER-2021.txt,"
                     " CC-BY-SA 4.0 (those columns are CC-BY-SA 4.0)")
    lines.append(f"# Generated by: {COMMAND}  (inputs: {', '.join(inputs)})")
    lines.append("# Do not edit by hand: change the script and rerun it. Formats and rules: README.md in this folder.")
    return lines


def write_tsv(path, head_lines, columns, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in head_lines:
            f.write(h + "\n")
        f.write("\t".join(columns) + "\n")
        for r in rows:
            vals = []
            for c in columns:
                v = r.get(c, "")
                v = "" if v is None else str(v)
                if "\t" in v or "\n" in v:
                    raise ValueError(f"tab or newline in {c}: {v!r}")
                vals.append(v)
            f.write("\t".join(vals) + "\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=DEFAULT_DATA, help="folder holding petrarch2/ and plover/")
    ap.add_argument("--cameo", help="CAMEO.2.0.txt (default DATA/petrarch2/CAMEO.2.0.txt)")
    ap.add_argument("--agents", help="Phoenix.agents.txt (default DATA/petrarch2/Phoenix.agents.txt)")
    ap.add_argument("--plover", help="CAMEO2PLOVER-2021.txt (default DATA/plover/CAMEO2PLOVER-2021.txt)")
    ap.add_argument("--commit", help="SOURCE_COMMIT.txt (default DATA/petrarch2/SOURCE_COMMIT.txt)")
    ap.add_argument("--out", default=os.path.join(REPO, OUT_REL))
    a = ap.parse_args(argv)
    cameo = a.cameo or os.path.join(a.data, "petrarch2", "CAMEO.2.0.txt")
    agents_path = a.agents or os.path.join(a.data, "petrarch2", "Phoenix.agents.txt")
    plover_path = a.plover or os.path.join(a.data, "plover", "CAMEO2PLOVER-2021.txt")
    commit_path = a.commit or os.path.join(a.data, "petrarch2", "SOURCE_COMMIT.txt")
    for p in (cameo, agents_path, plover_path, commit_path):
        if not os.path.isfile(p):
            sys.exit(f"missing input: {p} (give --data DIR, the folder holding petrarch2/ and plover/)")
    commit = open(commit_path, encoding="utf-8").read().split()
    commit = f"{commit[0]} commit {commit[1]}" if len(commit) >= 2 else " ".join(commit)
    inputs = [f"{os.path.basename(p)} sha256:{sha256_short(p)}" for p in (cameo, agents_path, plover_path)]
    os.makedirs(a.out, exist_ok=True)

    pcodes, proots = load_plover(plover_path)
    mapper = CodeMapper(pcodes, proots)
    syn, blocks, n_transform = read_verb_dictionary(cameo)

    # ---- verb_patterns.tsv
    prow = []
    stats = collections.Counter()

    def classify(code_field, words):
        fwd, rev = split_code(code_field)
        direction = "forward"
        main_code = fwd
        if fwd in ("", "---") and rev and rev != "---":
            main_code, direction = rev, "reverse"
        if main_code == "---" or not main_code:
            return {"cameo": fwd, "cameo_reverse": rev, "direction": "", "plover_category": "",
                    "plover_mode": "", "plover_context": "", "cameo_desc": "", "fact_type": "",
                    "rule": "none", "note": "null code: the pattern blocks an event"}
        cat, mode, ctx, desc, _ = mapper.plover(main_code)
        ft, rule, note = mapper.fact_type(main_code, words)
        if main_code.startswith(("01", "02")):
            cat, mode, ctx = "", "", ""
        return {"cameo": fwd, "cameo_reverse": rev, "direction": direction, "plover_category": cat,
                "plover_mode": mode, "plover_context": ctx, "cameo_desc": desc, "fact_type": ft,
                "rule": rule, "note": note}

    def words_of(v, slots):
        text = " ".join([v.lemma, slots.get("particle", ""), slots.get("object", ""),
                         slots.get("obliques", "")])
        text = re.sub(r"[|:;_<]", " ", text)
        return " ".join(text.split())

    empty_slots = {"particle": "", "subject": "", "subject_head": "", "object": "", "object_head": "",
                   "obliques": "", "adverb": "", "markers": ""}
    for name, b in blocks.items():
        verbs = b["verbs"]
        for v in verbs:
            stats["verb_entries"] += 1
            row = {"lemma": v.lemma, "verb": v.verb, **empty_slots, "forms": " | ".join(v.forms),
                   "block": v.block, "scope": "verb", "line": v.line}
            row.update(classify(v.code, words_of(v, empty_slots)))
            if row["note"].startswith("null code"):
                row["note"] = "null code: the verb alone is no event"
            prow.append(row)
        for p in b["patterns"]:
            stats["patterns"] += 1
            slots = reduce_pattern(p["pre"], p["post"], syn)
            unstructured = slots.pop("unstructured")
            stats["unstructured"] += unstructured
            targets = comment_verbs(p["comment"], verbs)
            scope = "source"
            if not targets:
                targets, scope = list(verbs), "block"
                stats["patterns_block_scope"] += 1
            for v in targets:
                row = {"lemma": v.lemma, "verb": v.verb, **slots, "forms": " | ".join(v.forms),
                       "block": v.block, "scope": scope, "line": p["line"]}
                row.update(classify(p["code"], words_of(v, slots)))
                if unstructured:
                    row["note"] = "; ".join(x for x in (row["note"], "unstructured (TABARI-style) pattern") if x)
                if any(t.startswith("&") for t in (slots["object"] + " " + slots["obliques"] + " "
                                                    + slots["subject"]).replace("|", " ").split()):
                    row["note"] = "; ".join(x for x in (row["note"], "undefined synonym set kept literally") if x)
                prow.append(row)
    pcols = ["lemma", "verb", "particle", "subject", "subject_head", "object", "object_head", "obliques",
             "adverb", "markers", "cameo", "cameo_reverse", "direction", "plover_category", "plover_mode",
             "plover_context", "cameo_desc", "fact_type", "rule", "note", "forms", "block", "scope", "line"]
    write_tsv(os.path.join(a.out, "verb_patterns.tsv"), header(
        "PETRARCH2 CAMEO 2.0 verb patterns reduced to dependency-matcher slots: one row per (verb lemma,"
        " pattern); scope=verb rows are the verb alone.",
        ["lemma: the dictionary verb, lower case (multiword verbs whole: 'cordon off'); verb: its verb word.",
         "particle: adverbial particles after the verb; subject/object: noun phrases before/after the verb"
         " (head last; 'a|b' alternatives from synonym sets, multiword members joined by '_'; '; ' between"
         " phrases); subject_head/object_head: the head words only; adverb: -ly words.",
         "obliques: 'prep:phrase' prepositional phrases after the verb ('<prep:...' before it); markers:"
         " PETRARCH's explicit source/target slots (target@object, source@from...).",
         "cameo/cameo_reverse: the pattern's code 'a:b' split (b: the event the target does to the source);"
         " direction=reverse when only b is given (the syntactic object/oblique is the actor).",
         "plover_*: CAMEO2PLOVER-2021 for the code used; fact_type/rule/note: the factx proposal, the rule"
         " that gave it (plover, consult, staple-code, staple-keyword, guidelines, appeal, comment, none).",
         "forms: the dictionary's irregular forms {...} (empty: regular -s/-ed/-ing); block: the synonym block;"
         " scope: source (the verb the pattern's comment names), block (the comment names no verb of the"
         " block: every verb of it), verb (the verb alone); line: line in CAMEO.2.0.txt."],
        commit, [i for i in inputs if not i.startswith("Phoenix")]), pcols, prow)

    # ---- verbs.tsv: (lemma, particle, preposition) -> fact type
    # A pattern with no object whose first slot after the verb is a prepositional phrase ("call (FOR
    # ...)", "rail (AGAINST ...)") groups under that preposition: "call for" is not "call".
    def verb_prep(r):
        if r["object"] or not r["obliques"] or r["obliques"].startswith("<"):
            return ""
        return r["obliques"].split(":", 1)[0]

    groups = collections.OrderedDict()
    alone = collections.defaultdict(list)
    for r in prow:
        if r["scope"] == "verb":
            alone[r["lemma"]].append(r)
            groups.setdefault((r["lemma"], "", ""), [])
        else:
            groups.setdefault((r["lemma"], r["particle"], verb_prep(r)), []).append(r)
    vrows = []
    for (lemma, particle, prep), rows in sorted(groups.items()):
        typed = [r for r in rows if r["fact_type"]]
        tcount = collections.Counter(r["fact_type"] for r in typed)
        al = alone.get(lemma, []) if not particle and not prep else []
        alone_types = [r["fact_type"] for r in al if r["fact_type"]]
        alone_type = alone_types[0] if alone_types else ""
        alone_row = next((r for r in al if r["fact_type"] == alone_type), al[0] if al else None)
        best = ""
        if tcount:
            order = sorted(tcount.items(), key=lambda kv: (-kv[1], kv[0] != alone_type, kv[0]))
            best = order[0][0]
        share = tcount.get(best, 0) / len(rows) if rows else 0.0

        def top_code(rs, t):
            cc = collections.Counter(r["cameo"] if r["direction"] != "reverse" else ":" + r["cameo_reverse"]
                                     for r in rs if r["fact_type"] == t)
            return sorted(cc.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if cc else ""
        pattern_code = top_code(rows, best)
        if alone_type:
            fact_type, basis = alone_type, "alone"
            code = alone_row["cameo"] if alone_row["direction"] != "reverse" else ":" + alone_row["cameo_reverse"]
        elif best and share >= 0.5:
            fact_type, basis, code = best, "patterns", pattern_code
        else:
            fact_type, basis, code = "", ("object-dependent" if rows else "no event"), ""
        mc = code.lstrip(":")
        cat, mode, _, desc, _ = mapper.plover(mc) if mc else ("", "", "", "", "")
        if mc.startswith(("01", "02")):
            cat, mode = "", ""
        v0 = (al or rows)[0]
        vrows.append({
            "lemma": lemma, "particle": particle, "prep": prep, "verb": v0["verb"], "fact_type": fact_type,
            "basis": basis,
            "cameo": code, "plover_category": cat, "plover_mode": mode, "cameo_desc": desc,
            "alone_code": "|".join(dedup(r["cameo"] if r["direction"] != "reverse" else ":" + r["cameo_reverse"]
                                         for r in al)),
            "alone_fact_type": alone_type,
            "pattern_fact_type": best, "pattern_cameo": pattern_code,
            "n_patterns": len(rows), "n_type": tcount.get(best, 0), "n_null": len(rows) - len(typed),
            "share": f"{share:.2f}" if rows else "",
            "types": " ".join(f"{t}:{c}" for t, c in sorted(tcount.items(), key=lambda kv: (-kv[1], kv[0]))),
            "blocks": "|".join(dedup(r["block"] for r in al + rows)),
            "forms": v0["forms"],
        })
    vcols = ["lemma", "particle", "prep", "verb", "fact_type", "basis", "cameo", "plover_category", "plover_mode",
             "cameo_desc", "alone_code", "alone_fact_type", "pattern_fact_type", "pattern_cameo", "n_patterns",
             "n_type", "n_null", "share", "types", "blocks", "forms"]
    write_tsv(os.path.join(a.out, "verbs.tsv"), header(
        "Verb triggers: one row per distinct (lemma, particle, prep) of verb_patterns.tsv and its proposed fact"
        " type. prep: the preposition of a pattern with no object whose first slot is a prepositional phrase"
        " ('call' + 'for'); particle '' and prep '': the verb alone and its other patterns.",
        ["fact_type/basis/cameo: the verb-alone reading when the dictionary codes the verb alone"
         " (basis=alone), else the patterns' majority type when it has >= half of the rows (basis=patterns),"
         " else none (basis=object-dependent: see nouns.tsv; 'no event': null code, no patterns).",
         "alone_code/alone_fact_type: the code(s) and type of the verb alone (rows without particle and prep).",
         "pattern_fact_type/pattern_cameo: the type most pattern rows give (ties: the verb-alone type, then"
         " alphabetical) and its most frequent code (':c' = reverse direction); n_patterns: pattern rows;"
         " n_type: rows of that type; n_null: rows with the null code; share: n_type/n_patterns;"
         " types: every type with its row count.",
         "blocks: the synonym blocks holding the verb; forms: irregular forms (see verb_patterns.tsv)."],
        commit, [i for i in inputs if not i.startswith("Phoenix")]), vcols, vrows)

    # ---- nouns.tsv: object nouns whose type the verb does not change ("stage attack", "hold talks")
    # Light (support) verbs are found from the data, not listed (see the comment below).
    literal = set()
    for b in blocks.values():
        for p in b["patterns"]:
            for it in tokenize_side(p["post"]):
                ws = it[1] if it[0] == "np" else [it[1]] if it[0] == "word" else []
                if ws and not ws[-1].startswith("&"):
                    literal.add(singular_noun(clean_word(ws[-1])))
    alone_null = collections.defaultdict(lambda: True)
    for r in prow:
        if r["scope"] == "verb" and r["fact_type"]:
            alone_null[r["lemma"]] = False
    verb_type = {v["lemma"]: v["fact_type"] for v in vrows if not v["particle"] and not v["prep"]
                 and v["fact_type"]}
    verb_lemmas = {r["lemma"] for r in prow}
    # evidence: (noun, verb key, pattern line) -> (type, code); a block-scope pattern is one verb "[block]"
    ev = {}
    forms = collections.defaultdict(set)
    mods_of = collections.defaultdict(lambda: collections.defaultdict(collections.Counter))
    for r in prow:
        if r["scope"] == "verb" or not r["object"] or not r["fact_type"] \
                or "unstructured" in r["note"] or "undefined" in r["note"]:
            continue
        toks = r["object"].split("; ")[0].split(" ")  # several noun phrases: the first is the object
        mods = " ".join(m.split("|")[0].replace("_", " ") + ("|..." if "|" in m else "") for m in toks[:-1])
        code = r["cameo"] if r["direction"] != "reverse" else ":" + r["cameo_reverse"]
        verb = (f"[{r['block'].lower()}]" if r["scope"] == "block" else r["lemma"]) \
            + (" " + r["particle"] if r["particle"] else "")
        for h in toks[-1].split("|"):
            form = h.replace("_", " ")
            noun = singular_noun(form)
            ev[(noun, verb, r["line"])] = (r["fact_type"], code, bool(mods))
            forms[noun].add(form)
            if mods:
                mods_of[noun][mods][r["fact_type"]] += 1
    nouns_all = sorted({k[0] for k in ev})
    by_noun = collections.defaultdict(list)
    by_verb = collections.defaultdict(list)
    for (noun, verb, line), tc in ev.items():
        by_noun[noun].append((verb, line, tc))
        by_verb[verb].append((noun, line, tc))
    base_of = {n: deverbal(n.split()[-1], verb_lemmas) for n in nouns_all}

    # A verb "imposes" its own reading when it codes an event alone (plan -> AGREE, condemn -> ACCUSE)
    # or gives one type to most of its objects (sign X -> AGREE); the other verbs (hold, stage,
    # launch, carry out...) let the object noun show its own type.
    imposing = set()
    for v, items in by_verb.items():
        c = collections.Counter(tc[0] for _, _, tc in items)
        top = c.most_common(1)[0][1] / sum(c.values())
        if not alone_null[v.split(" ")[0].strip("[]")] and not v.startswith("["):
            imposing.add(v)
        elif len(items) >= LIGHT_MIN_OBJECTS and top >= HEAVY_MIN_SHARE:
            imposing.add(v)
    light = set(by_verb) - imposing
    nrows = []
    dropped = collections.Counter()
    for n in nouns_all:
        items = by_noun[n]
        base = base_of[n]
        prior = verb_type.get(base, "")
        lv_all = [(v, tc) for v, _, tc in items if v in light]
        lv = [(v, tc) for v, tc in lv_all if not tc[2]] or lv_all  # bare-noun evidence first
        votes = collections.defaultdict(set)
        for v, tc in lv:
            votes[tc[0]].add(v)
        order = sorted(votes.items(), key=lambda kv: (-len(kv[1]), kv[0] != prior, kv[0]))
        if not order:
            dropped["no light verb"] += 1
            continue
        best, agreeing = order[0][0], sorted(order[0][1])
        if not base and n not in literal:
            dropped["synonym-set member only, not deverbal"] += 1
            continue
        if len(agreeing) < NOUN_MIN_VERBS and not (best == prior and agreeing):
            dropped[f"< {NOUN_MIN_VERBS} light verbs agree and not the type of its verb"] += 1
            continue
        cc = collections.Counter(tc[1] for v, tc in lv if tc[0] == best)
        code = sorted(cc.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        mc = code.lstrip(":")
        cat, mode, _, desc, _ = mapper.plover(mc)
        if mc.startswith(("01", "02")):
            cat, mode = "", ""
        types = collections.Counter(tc[0] for _, _, tc in items)
        n_best = sum(1 for v, tc in lv_all if tc[0] == best)
        lines = sorted({line for _, line, _ in items})
        exceptions = []
        for m, c in sorted(mods_of[n].items()):
            t, _ = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            if t != best:
                exceptions.append(f"{m} {n}:{t}")
        nrows.append({
            "noun": n, "forms": "|".join(sorted(forms[n])), "fact_type": best, "cameo": code,
            "plover_category": cat, "plover_mode": mode, "cameo_desc": desc,
            "n_patterns": len(items), "n_light": len(lv_all), "n_type": n_best,
            "share": f"{n_best / len(lv_all):.2f}", "n_agreeing": len(agreeing), "light_verbs": "|".join(agreeing),
            "deverbal": base, "verb_type": verb_type.get(base, ""),
            "agrees": ("yes" if verb_type.get(base) == best else "no") if verb_type.get(base) else "",
            "literal": "yes" if n in literal else "",
            "types": " ".join(f"{t}:{c}" for t, c in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
            "modifier_exceptions": "; ".join(exceptions),
            "lines": " ".join(str(x) for x in lines[:12]) + (" ..." if len(lines) > 12 else ""),
        })
    ncols = ["noun", "forms", "fact_type", "cameo", "plover_category", "plover_mode", "cameo_desc",
             "n_patterns", "n_light", "n_type", "share", "n_agreeing", "light_verbs", "deverbal", "verb_type",
             "agrees", "literal", "types", "modifier_exceptions", "lines"]
    write_tsv(os.path.join(a.out, "nouns.tsv"), header(
        "Nominal triggers: object nouns of light verbs in the verb patterns ('stage attack', 'impose"
        " sanctions', 'hold talks'), one row per noun (singular, lower case; synonym sets expanded).",
        ["Light verbs are found from the data, not listed: a verb imposes its own reading when it codes an"
         f" event alone (plan, condemn) or when >= {HEAVY_MIN_SHARE:.0%} of its (>= {LIGHT_MIN_OBJECTS}) object"
         " patterns have one type (sign X -> AGREE); the others are light (hold, stage, launch, carry out)."
         " The noun's type is the one the most light verbs give it (bare-noun patterns over modified ones;"
         " ties: the type of the verb it derives from).",
         f"Kept: >= {NOUN_MIN_VERBS} light verbs agree on the type, or it is the type of the dictionary verb the"
         " noun derives from; nouns reached only through a synonym set (weapons, currencies) must be deverbal."
         " Unstructured patterns are not used.",
         "forms: surface forms seen; fact_type/cameo: the noun's type and its most frequent code with light"
         " verbs; n_patterns: pattern lines with the noun as object; n_light: those with a light verb; n_type:"
         " those giving fact_type; share: n_type/n_light; n_agreeing/light_verbs: the light verbs giving"
         " fact_type ('[block]' = a pattern of a whole block).",
         "deverbal: the dictionary verb the noun derives from (attack; negotiation -> negotiate); verb_type:"
         " that verb's type in verbs.tsv; agrees: verb_type = fact_type; literal: written as a word in some"
         " pattern; types: every type over all patterns; modifier_exceptions: modifiers that change the"
         " type ('mock attack:MOBILIZE'); lines: pattern lines in CAMEO.2.0.txt (first 12)."],
        commit, [i for i in inputs if not i.startswith("Phoenix")]), ncols, nrows)

    # ---- agents.tsv
    arows = []
    for r in read_agents(agents_path):
        positions, roles = set(), []
        for c in r["codes"]:
            pos, rs = agent_roles(c)
            positions.add(pos)
            for x in rs:
                if x not in roles:
                    roles.append(x)
        et = entity_type(r["head"], "singular", roles) if r["singular"] else ""
        et_pl = entity_type(r["head"], "plural", roles) if r["plural"] else ""
        arows.append({
            "singular": r["singular"], "plural": r["plural"], "head": r["head"], "number": r["number"],
            "agent_code": "|".join(r["codes"]), "code_position": "|".join(sorted(positions)),
            "roles": " ".join(roles), "role_names": "; ".join(ROLE_NAMES.get(x, x) for x in roles),
            "entity_type": et, "entity_type_plural": et_pl,
            "adjacent": "no" if r["gap"] else "yes",
            "line": " ".join(str(x) for x in r["lines"]),
        })
    acols = ["singular", "plural", "head", "number", "agent_code", "code_position", "roles", "role_names",
             "entity_type", "entity_type_plural", "adjacent", "line"]
    write_tsv(os.path.join(a.out, "agents.tsv"), header(
        "Unnamed-actor nouns from PETRARCH2's Phoenix agent dictionary (police, rebels, gunmen, troops,"
        " protesters...), one row per singular/plural pair.",
        ["singular/plural: lower case ('' when there is none); plurals: the dictionary's {...}, else regular"
         " on the head noun; a {}-entry and a plural-only entry of the same noun are one row; head: head noun.",
         "number: both | singular-only ({}) | plural-only (troops, gunmen entered as such) | mass ({} on a"
         " collective or organisation noun: police, military).",
         "agent_code: the CAMEO agent code(s) ('~GOV': role added after the actor's code, 'NGO~': before);"
         " roles/role_names: its 3-letter role codes.",
         "entity_type/entity_type_plural: factx entity type proposal for the singular/plural form (PERSON,"
         " PERSON_GROUP, ORG, FAC, PRODUCT for vehicles and weapons, NONE for abstract nouns).",
         "adjacent: 'no' when the dictionary lets other words come between the phrase's words; line: line(s)"
         " in Phoenix.agents.txt."],
        commit, [i for i in inputs if i.startswith("Phoenix")], plover=False), acols, arows)

    # ---- summary on stderr
    ft = collections.Counter(r["fact_type"] for r in prow if r["fact_type"])
    print(f"verb_patterns.tsv {len(prow)} rows ({stats['verb_entries']} verb entries, {stats['patterns']}"
          f" patterns: {stats['patterns_block_scope']} with block scope, {stats['unstructured']} unstructured;"
          f" {n_transform} transformations skipped)", file=sys.stderr)
    print(f"verbs.tsv {len(vrows)} rows; nouns.tsv {len(nrows)} rows ({len(light)} light verbs found; dropped: "
          + ", ".join(f"{k} {v}" for k, v in sorted(dropped.items())) + f"); agents.tsv {len(arows)} rows",
          file=sys.stderr)
    if syn.undefined:
        print("undefined synonym sets kept literally: " + ", ".join(sorted(syn.undefined)), file=sys.stderr)
    print("fact types over verb_patterns rows: " + " ".join(f"{t}:{c}" for t, c in ft.most_common()),
          file=sys.stderr)


def _product(lists):
    out = [[]]
    for l in lists:
        out = [o + [x] for o in out for x in l]
    return out


HEAVY_MIN_SHARE = 0.6
LIGHT_MIN_OBJECTS = 3
NOUN_MIN_VERBS = 2


def singular_noun(phrase):
    """Singular of a noun phrase's last word: -ies -> -y, -sses/-shes/-ches/-xes -> drop -es,
    -s -> drop (not -ss, -us, -is); -men -> -man."""
    w = phrase.split()
    h = w[-1]
    if h.endswith("men") and len(h) > 4:
        h = h[:-3] + "man"
    elif h.endswith("ies") and len(h) > 4:
        h = h[:-3] + "y"
    elif h.endswith(("sses", "shes", "ches", "xes")):
        h = h[:-2]
    elif h.endswith("s") and not h.endswith(("ss", "us", "is")) and len(h) > 3:
        h = h[:-1]
    return " ".join(w[:-1] + [h])
# Derivational suffixes turning a verb into an event noun: (noun ending, verb ending).
NOMINALIZERS = [("ation", "ate"), ("ation", "e"), ("ation", ""), ("ition", "ose"), ("sion", "de"),
                ("ssion", "t"), ("sion", "se"), ("tion", "te"), ("ion", "e"), ("ion", ""), ("ment", ""),
                ("al", "e"), ("al", ""), ("ance", ""), ("ance", "e"), ("ence", ""), ("ure", "e"),
                ("ing", ""), ("ing", "e")]


def deverbal(noun, verb_lemmas):
    """The dictionary verb a noun derives from (attacks -> attack, negotiation -> negotiate,
    withdrawal -> withdraw), or ''."""
    for c in lemma_candidates(noun):
        if c in verb_lemmas:
            return c
        for nsuf, vsuf in NOMINALIZERS:
            if c.endswith(nsuf) and len(c) - len(nsuf) >= 3:
                v = c[: -len(nsuf)] + vsuf
                if v in verb_lemmas:
                    return v
    return ""


if __name__ == "__main__":
    main()
