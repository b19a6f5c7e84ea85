//! Unit tests of the fact stages on invented sentences (no seed-article names).

use super::testkit::{article, build, run, summaries, summary as summaries_one, E};
use crate::model::{EntityType::*, ExtractOptions};

fn has(s: &[String], want: &str) -> bool {
    s.iter().any(|x| x == want)
}

/// Whether some summary starts with `prefix`.
fn starts(s: &[String], prefix: &str) -> bool {
    s.iter().any(|x| x.starts_with(prefix))
}

fn check(s: &[String], want: &[&str]) {
    for w in want {
        assert!(has(s, w), "missing {w:?} in {s:#?}");
    }
}

#[test]
fn roles_prenominal_coordinated_rank_appositive_membership() {
    let a = article(
        "LIMA: Interior Minister Carla Ruiz met Deputy Prime Minister and Finance Minister Tomas Vega on Friday.\n\
         Navy Chief Admiral Pedro Salas attended the dinner.\n\
         Maria Lopez, Chile's deputy secretary for trade affairs, travelled to Lima.\n\
         Jorge Paz, who is a senior official within the Garcia government, declined to comment.\n\
         Peru's election as a non-permanent member of the United Nations Security Council for the 2027-2028 term was welcomed.\n\
         US President Sam Hill was absent.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Carla Ruiz"]),
            E(Person, &["Tomas Vega"]),
            E(Person, &["Pedro Salas"]),
            E(Person, &["Maria Lopez"]),
            E(Gpe, &["Chile"]),
            E(Gpe, &["Lima", "LIMA"]),
            E(Person, &["Jorge Paz"]),
            E(Org, &["Garcia government"]),
            E(Gpe, &["Peru"]),
            E(Org, &["United Nations Security Council"]),
            E(Gpe, &["US"]),
            E(Person, &["Sam Hill"]),
        ],
        &[("Friday", "2026-11-27"), ("2027-2028", "2027/2028")],
        Some("LIMA"),
    );
    run(&mut d);
    let s = summaries(&d);
    check(
        &s,
        &[
            "ROLE person=Carla Ruiz title=Interior Minister",
            "ROLE person=Tomas Vega title=Deputy Prime Minister",
            "ROLE person=Tomas Vega title=Finance Minister",
            "ROLE person=Pedro Salas title=Navy Chief",
            "ROLE person=Pedro Salas title=Admiral",
            "ROLE person=Maria Lopez title=deputy secretary for trade affairs organization=Chile",
            "AFFILIATION member=Jorge Paz organization=Garcia government",
            "AFFILIATION member=Peru organization=United Nations Security Council position=non-permanent member time=2027/2028",
            "ROLE person=Sam Hill title=President organization=US",
            "MEETING participant=Carla Ruiz participant=Tomas Vega time=2026-11-27",
        ],
    );
    // `senior official` is generic: a membership, not a title.
    assert!(!starts(&s, "ROLE person=Jorge Paz"), "{s:#?}");
    // No title swallows the verb or the preceding clause.
    assert!(!s.iter().any(|x| x.contains("title=met")), "{s:#?}");
}

#[test]
fn events_meetings_travel_negated_contact_and_statements() {
    let a = article(
        "ROME: Foreign Minister Anna Berg held talks with Prime Minister Luca Conti and met Defence Minister Paolo Neri.\n\
         She also called on President Marco Villa.\n\
         The two sides discussed trade.\n\
         Berg has never spoken to either Ivan Petrov or Olga Sokol on the telephone.\n\
         While Karl Weber is traveling to Spain and Portugal, Berg was sent to Rome and Milan.\n\
         A statement issued by the German embassy here said Berg met today with Neri in Rome.\n\
         She thanked Conti for his hospitality.\n\
         \"We are ready,\" said Conti.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Anna Berg", "Berg", "She"]),
            E(Person, &["Luca Conti", "Conti", "his"]),
            E(Person, &["Paolo Neri", "Neri"]),
            E(Person, &["Marco Villa"]),
            E(Person, &["Ivan Petrov"]),
            E(Person, &["Olga Sokol"]),
            E(Person, &["Karl Weber"]),
            E(Gpe, &["Spain"]),
            E(Gpe, &["Portugal"]),
            E(Gpe, &["Rome", "ROME"]),
            E(Gpe, &["Milan"]),
            E(Org, &["German embassy"]),
        ],
        &[("today", "2026-11-28")],
        Some("ROME"),
    );
    run(&mut d);
    let s = summaries(&d);
    check(
        &s,
        &[
            "MEETING participant=Anna Berg participant=Luca Conti",
            "MEETING participant=Anna Berg participant=Paolo Neri location=Rome time=2026-11-28",
            "MEETING participant=Anna Berg participant=Marco Villa",
            "COMMUNICATION participant=Anna Berg participant=Ivan Petrov [NEG]",
            "COMMUNICATION participant=Anna Berg participant=Olga Sokol [NEG]",
            "TRAVEL traveler=Karl Weber destination=Spain destination=Portugal",
            "TRAVEL traveler=Anna Berg destination=Rome destination=Milan",
            "STATEMENT speaker=German embassy",
            "STATEMENT speaker=Luca Conti",
        ],
    );
    assert!(
        starts(&s, "STATEMENT speaker=Anna Berg addressee=Luca Conti"),
        "{s:#?}"
    );
    // The meeting stated twice is one fact with both sentences as evidence; the embassy's
    // version adds its time, its place and its source.
    let twice: Vec<_> = d
        .facts
        .iter()
        .filter(|f| {
            summaries_one(&d, f).starts_with("MEETING participant=Anna Berg participant=Paolo Neri")
        })
        .collect();
    assert_eq!(twice.len(), 1, "{s:#?}");
    assert_eq!(twice[0].evidence.len(), 2, "{:#?}", d.facts);
    assert!(twice[0].arguments.iter().any(|a| a.role == "time"));
    assert!(twice[0].arguments.iter().any(|a| a.role == "location"));
    assert!(twice[0].attributed_to.is_some());
    assert!(
        !starts(&s, "STATEMENT speaker=German embassy time"),
        "{s:#?}"
    );
    // Alternatives are separate contacts, never with each other.
    assert!(
        !s.iter()
            .any(|x| x.contains("Ivan Petrov participant=Olga Sokol")),
        "{s:#?}"
    );
}

#[test]
fn statements_sources_quotes_addressees_and_modality() {
    let a = article(
        "According to the Trade Ministry, Foreign Minister Jane Roe thanked Paul Smith for his support.\n\
         A statement issued by the Acme Corporation said profits rose.\n\
         \"We will win,\" said Ann Lee.\n\
         Ann Lee said on Monday that the talks were useful.\n\
         Roe expressed condolences over the floods.\n\
         Roe plans to visit Peru.\n\
         Smith may meet Ann Lee.\n\
         Analysts believe Roe met Smith.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Org, &["Trade Ministry"]),
            E(Person, &["Jane Roe", "Roe"]),
            E(Person, &["Paul Smith", "Smith", "his"]),
            E(Org, &["Acme Corporation"]),
            E(Person, &["Ann Lee"]),
            E(Gpe, &["Peru"]),
        ],
        &[("Monday", "2026-11-23")],
        None,
    );
    run(&mut d);
    let s = summaries(&d);
    check(
        &s,
        &[
            "STATEMENT speaker=Jane Roe addressee=Paul Smith [Reported]",
            "STATEMENT speaker=Acme Corporation",
            "STATEMENT speaker=Ann Lee time=2026-11-23",
            "TRAVEL traveler=Jane Roe destination=Peru [Intended]",
            "MEETING participant=Paul Smith participant=Ann Lee [Hypothetical]",
            "MEETING participant=Jane Roe participant=Paul Smith [Opinion]",
        ],
    );
    let by_pred = |p: &str| d.facts.iter().find(|f| f.predicate == p).unwrap();
    assert_eq!(by_pred("thank").cameo_code, "051");
    assert_eq!(by_pred("express").cameo_code, "018");
    assert_eq!(by_pred("visit").cameo_code, "036");
    let ministry = d
        .entities
        .iter()
        .find(|e| e.canonical_name == "Trade Ministry")
        .unwrap();
    assert_eq!(
        by_pred("thank").attributed_to.as_deref(),
        Some(ministry.id.as_str())
    );
    // The quote is the content of the inverted statement; the sentence is its evidence.
    let quoted = d
        .facts
        .iter()
        .find(|f| f.extractor == "rule:statement/inverted")
        .expect("inverted speech");
    let content = quoted
        .arguments
        .iter()
        .find(|x| x.role == "content")
        .unwrap();
    assert_eq!(
        content.value,
        crate::model::ArgValue::Text("We will win".into())
    );
    assert!(quoted
        .evidence
        .iter()
        .any(|e| d.slice(*e).contains("said Ann Lee")));
}

#[test]
#[ignore = "registry matcher: `The foreign minister` (no mention, only a ROLE title) is not resolved to its holder by the matcher"]
fn title_reference_resolves_through_roles_when_coreference_did_not() {
    let a = article(
        "Foreign Minister Jane Roe arrived in Lima on Sunday.\n\
         The foreign minister later met Paul Smith.",
    );
    let o = ExtractOptions::default();
    // `The foreign minister` is deliberately not a mention: only the roles stage knows her title.
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Jane Roe"]),
            E(Gpe, &["Lima"]),
            E(Person, &["Paul Smith"]),
        ],
        &[("Sunday", "2026-11-22")],
        None,
    );
    run(&mut d);
    let s = summaries(&d);
    check(
        &s,
        &[
            "TRAVEL traveler=Jane Roe destination=Lima time=2026-11-22",
            "MEETING participant=Jane Roe participant=Paul Smith",
        ],
    );
}

#[test]
fn assembly_renumbers_in_text_order_drops_empty_entities_and_merges() {
    let a = article("Paul Smith met Jane Roe.\nLater, Smith met Roe again.");
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Jane Roe", "Roe"]),
            E(Person, &["Nobody Here"]),
            E(Person, &["Paul Smith", "Smith"]),
        ],
        &[],
        None,
    );
    run(&mut d);
    let ids: Vec<_> = d
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.canonical_name.as_str()))
        .collect();
    assert_eq!(ids, vec![("e1", "Paul Smith"), ("e2", "Jane Roe")]);
    assert_eq!(d.facts.len(), 1, "{:#?}", summaries(&d));
    assert_eq!(d.facts[0].id, "f1");
    assert_eq!(d.facts[0].evidence.len(), 2);
    for f in &d.facts {
        for arg in &f.arguments {
            if let crate::model::ArgValue::Entity(id) = &arg.value {
                assert!(d.entities.iter().any(|e| &e.id == id));
            }
        }
    }
}

#[test]
fn arbitrary_text_never_panics_and_spans_slice() {
    // Deterministic pseudo-random bodies built from trigger words, names, punctuation and
    // multi-byte characters, through the whole default pipeline.
    let palette = [
        "met",
        "said",
        "and",
        "or",
        "to",
        "with",
        "the",
        "Minister",
        "President",
        "General",
        ",",
        ".",
        "’s",
        "\"",
        "“",
        "”",
        "—",
        "Jane",
        "Roe",
        "Paris",
        "visited",
        "travelled",
        "never",
        "spoke",
        "telephone",
        "who",
        "is",
        "official",
        "within",
        "of",
        "election",
        "as",
        "member",
        "called",
        "on",
        "é",
        "🇵🇰",
        "\u{0}",
        "\n",
        "Ünïcödé",
        "according",
        "statement",
        "by",
        "They",
        "two",
        "sides",
        "held",
        "talks",
        "here",
        ":",
        "(",
        ")",
        "US",
        "U.S.",
        "2025-2026",
        "term",
    ];
    let engine = crate::Engine::new(Default::default()).unwrap();
    let mut x: u64 = 0x9e3779b97f4a7c15;
    // FACTX_FUZZ_ROUNDS scales the run up for a longer local soak.
    let rounds: usize = std::env::var("FACTX_FUZZ_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(300);
    for round in 0..rounds {
        let mut body = String::new();
        let n = 1 + round % 60;
        for _ in 0..n {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            body.push_str(palette[(x % palette.len() as u64) as usize]);
            if !x.is_multiple_of(3) {
                body.push(' ');
            }
        }
        let art = article(&body);
        let fs = match engine.extract(&art, &ExtractOptions::default()) {
            Ok(fs) => fs,
            Err(crate::Error::InvalidArgument { .. }) => continue,
            Err(e) => panic!("{e} on {body:?}"),
        };
        for f in &fs.facts {
            assert!(
                body.get(f.trigger.start..f.trigger.end).is_some(),
                "{body:?}"
            );
            for e in &f.evidence {
                assert!(body.get(e.start..e.end).is_some(), "{body:?}");
            }
        }
    }
}

#[test]
fn news_style_modifiers_titles_with_of_and_trailing_attribution() {
    let a = article(
        "U.S. Secretary of State Jane Roe met Chilean Foreign Minister Paul Smith in Lima on Monday, the State Department said.\n\
         Analysts say the talks could lead to a summit between Smith and Ann Lee.\n\
         Ann Lee will host Roe on Friday.\n\
         Smith on Tuesday hosted his Peruvian counterpart Ann Lee at the palace in Lima.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Gpe, &["U.S."]),
            E(Person, &["Jane Roe", "Roe"]),
            E(Norp, &["Chilean"]),
            E(Person, &["Paul Smith", "Smith"]),
            E(Gpe, &["Lima"]),
            E(Org, &["State Department"]),
            E(Person, &["Ann Lee"]),
            E(Norp, &["Peruvian"]),
            E(Person, &["his"]),
        ],
        &[
            ("Monday", "2026-11-23"),
            ("Friday", "2026-11-27"),
            ("Tuesday", "2026-11-24"),
        ],
        None,
    );
    run(&mut d);
    let s = summaries(&d);
    check(
        &s,
        &[
            "ROLE person=Jane Roe title=Secretary of State organization=U.S.",
            "ROLE person=Paul Smith title=Foreign Minister organization=Chilean",
            "MEETING participant=Jane Roe participant=Paul Smith location=Lima time=2026-11-23 [Reported]",
            "STATEMENT speaker=State Department",
            "MEETING participant=Paul Smith participant=Ann Lee [Hypothetical]",
            "MEETING participant=Ann Lee participant=Jane Roe time=2026-11-27 [Intended]",
            "MEETING participant=Paul Smith participant=Ann Lee location=Lima time=2026-11-24",
        ],
    );
    // The nationality modifier is never a participant.
    assert!(
        !s.iter().any(|x| x.contains("participant=Chilean")),
        "{s:#?}"
    );
    let met = d.facts.iter().find(|f| f.predicate == "meet").unwrap();
    let dept = d
        .entities
        .iter()
        .find(|e| e.canonical_name == "State Department")
        .unwrap();
    assert_eq!(met.attributed_to.as_deref(), Some(dept.id.as_str()));
}

#[test]
#[ignore = "registry matcher: the parse makes `Prime Minister Ann Lee` a conjunct of `Saturday`, so `promised` has no subject for the fronted `In a phone call with Roe`"]
fn coordinated_titled_subjects_parentheticals_fronted_calls_and_negated_gerunds() {
    let a = article(
        "Chilean President Jane Roe and Peruvian President Paul Smith met in Lima on Thursday.\n\
         Roe, accompanied by her husband Tom Roe, arrived in Quito on Friday.\n\
         In a phone call with Roe on Saturday, Prime Minister Ann Lee promised more aid.\n\
         Smith said he would visit Quito soon.\n\
         Lee denied meeting Tom Roe in Quito.\n\
         The meeting between Lee and Smith lasted two hours.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Norp, &["Chilean"]),
            E(Person, &["Jane Roe", "Roe", "her"]),
            E(Norp, &["Peruvian"]),
            E(Person, &["Paul Smith", "Smith", "he"]),
            E(Gpe, &["Lima"]),
            E(Person, &["Tom Roe"]),
            E(Gpe, &["Quito"]),
            E(Person, &["Ann Lee", "Lee"]),
        ],
        &[
            ("Thursday", "2026-11-26"),
            ("Friday", "2026-11-27"),
            ("Saturday", "2026-11-28"),
        ],
        None,
    );
    // `two hours` is a duration: never an event's time.
    d.times.push(crate::model::TimeExpression {
        id: "dur".into(),
        span: {
            let b = a.body.find("two hours").unwrap();
            crate::model::Span::new(b, b + 9)
        },
        text: "two hours".into(),
        value: "PT2H".into(),
        time_type: crate::model::TimeType::Duration,
    });
    run(&mut d);
    let s = summaries(&d);
    check(
        &s,
        &[
            "MEETING participant=Jane Roe participant=Paul Smith location=Lima time=2026-11-26",
            "TRAVEL traveler=Jane Roe destination=Quito time=2026-11-27",
            "COMMUNICATION participant=Ann Lee participant=Jane Roe time=2026-11-28",
            "TRAVEL traveler=Paul Smith destination=Quito [Intended]",
            // Denying is saying: the negated meeting is reported by the one who denies it.
            "MEETING participant=Ann Lee participant=Tom Roe location=Quito [NEG] [Reported]",
            "MEETING participant=Ann Lee participant=Paul Smith",
        ],
    );
    assert!(!starts(&s, "TRAVEL traveler=Tom Roe"), "{s:#?}");
}

#[test]
fn speech_guards_and_appositive_chains() {
    let a = article(
        "Jane Roe said, \"Thank you, Paul Smith, thank you.\"\n\
         Is the dispute national, say between Chileans and Peruvians?\n\
         A leaked letter seen by the Daily Post says the plan failed.\n\
         Professor Ann Lee, Director of the Lima Institute, and Chairman of the Andean Council, says salt matters.\n\
         As Roe told the Daily Post, Peru has changed.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Jane Roe", "Roe"]),
            E(Person, &["Paul Smith"]),
            E(Norp, &["Chileans"]),
            E(Norp, &["Peruvians"]),
            E(Org, &["Daily Post"]),
            E(Person, &["Ann Lee"]),
            E(Org, &["Lima Institute"]),
            E(Org, &["Andean Council"]),
            E(Gpe, &["Peru"]),
        ],
        &[],
        None,
    );
    run(&mut d);
    let s = summaries(&d);
    check(
        &s,
        &[
            "STATEMENT speaker=Jane Roe",
            "STATEMENT speaker=Ann Lee",
            "STATEMENT speaker=Jane Roe addressee=Daily Post",
        ],
    );
    for bad in [
        "STATEMENT speaker=Paul Smith",
        "STATEMENT speaker=Chileans",
        "STATEMENT speaker=Peruvians",
        "STATEMENT speaker=Daily Post",
        "STATEMENT speaker=Andean Council",
    ] {
        assert!(!s.iter().any(|x| x.starts_with(bad)), "{bad} in {s:#?}");
    }
    assert!(!s.iter().any(|x| x.contains("addressee=Peru")), "{s:#?}");
}

#[test]
fn purpose_infinitives_and_visiting_a_person() {
    let a = article(
        "Jane Roe travelled to Quito to meet Paul Smith.\n\
         Ann Lee visited Tom Reed in Lima on Friday.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Jane Roe"]),
            E(Gpe, &["Quito"]),
            E(Person, &["Paul Smith"]),
            E(Person, &["Ann Lee"]),
            E(Person, &["Tom Reed"]),
            E(Gpe, &["Lima"]),
        ],
        &[("Friday", "2026-11-27")],
        None,
    );
    run(&mut d);
    let s = summaries(&d);
    check(
        &s,
        &[
            "TRAVEL traveler=Jane Roe destination=Quito",
            "MEETING participant=Jane Roe participant=Paul Smith [Intended]",
            "MEETING participant=Ann Lee participant=Tom Reed location=Lima time=2026-11-27",
        ],
    );
    let visit = d
        .facts
        .iter()
        .find(|f| f.fact_type == crate::model::FactType::Meeting && f.predicate == "visit")
        .unwrap();
    // A visit to a person is a meeting coded as CAMEO's `make a visit`.
    assert_eq!(visit.cameo_code, "042");
    assert_eq!(visit.plover_mode, "visit");
}

#[test]
fn appositive_variants_and_memberships() {
    let a = article(
        "Jane Roe, the country's foreign minister, said the talks were useful.\n\
         Paul Smith, Peru's ambassador to the United Nations, said he agreed.\n\
         Peru's foreign minister, Ann Lee, arrived in Quito on Monday.\n\
         Tom Reed, 54, a former senator from Ohio, criticized the plan.\n\
         Bob Kent joined Acme Corp in 2019.\n\
         Reed, who heads the Ohio Bar Association, said he would sue.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Jane Roe"]),
            E(Person, &["Paul Smith", "Peru's ambassador", "he@0"]),
            E(Gpe, &["Peru"]),
            E(Org, &["United Nations"]),
            E(Person, &["Ann Lee", "Peru's foreign minister"]),
            E(Gpe, &["Quito"]),
            E(Person, &["Tom Reed", "Reed", "he@1"]),
            E(Gpe, &["Ohio"]),
            E(Person, &["Bob Kent"]),
            E(Org, &["Acme Corp"]),
            E(Org, &["Ohio Bar Association"]),
        ],
        &[("Monday", "2026-11-23"), ("2019", "2019")],
        None,
    );
    run(&mut d);
    let s = summaries(&d);
    check(
        &s,
        &[
            "ROLE person=Jane Roe title=foreign minister",
            "ROLE person=Paul Smith title=ambassador organization=Peru",
            "ROLE person=Ann Lee title=foreign minister organization=Peru",
            "ROLE person=Tom Reed title=senator organization=Ohio",
            "AFFILIATION member=Bob Kent organization=Acme Corp time=2019",
            "AFFILIATION member=Tom Reed organization=Ohio Bar Association",
            "STATEMENT speaker=Tom Reed",
        ],
    );
    // An inverted speaker is looked for inside the sentence only.
    assert!(!starts(&s, "STATEMENT speaker=Bob Kent"), "{s:#?}");
}

#[test]
fn coordinated_speakers_both_speak() {
    let a = article("Jane Roe and Paul Smith said the deal was fair.");
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[E(Person, &["Jane Roe"]), E(Person, &["Paul Smith"])],
        &[],
        None,
    );
    run(&mut d);
    check(
        &summaries(&d),
        &["STATEMENT speaker=Jane Roe speaker=Paul Smith"],
    );
}

#[test]
fn passive_hosting_and_held_talks() {
    let a = article(
        "Jane Roe was received by Paul Smith in Lima.\n\
         Talks were held between Ann Lee and Tom Reed on Friday.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Jane Roe"]),
            E(Person, &["Paul Smith"]),
            E(Gpe, &["Lima"]),
            E(Person, &["Ann Lee"]),
            E(Person, &["Tom Reed"]),
        ],
        &[("Friday", "2026-11-27")],
        None,
    );
    run(&mut d);
    check(
        &summaries(&d),
        &[
            "MEETING participant=Jane Roe participant=Paul Smith location=Lima",
            "MEETING participant=Ann Lee participant=Tom Reed time=2026-11-27",
        ],
    );
}

#[test]
fn copular_definite_titles() {
    let a = article("Jane Roe is the country's foreign minister.\nPaul Smith was the best player.");
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[E(Person, &["Jane Roe"]), E(Person, &["Paul Smith"])],
        &[],
        None,
    );
    run(&mut d);
    let s = summaries(&d);
    check(&s, &["ROLE person=Jane Roe title=foreign minister"]);
    assert!(!starts(&s, "ROLE person=Paul Smith"), "{s:#?}");
}

#[test]
fn adverbs_between_verb_and_preposition() {
    let a = article("Jane Roe spoke briefly with Paul Smith.\nSmith flew directly to Lima.");
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Jane Roe"]),
            E(Person, &["Paul Smith", "Smith"]),
            E(Gpe, &["Lima"]),
        ],
        &[],
        None,
    );
    run(&mut d);
    check(
        &summaries(&d),
        &[
            "COMMUNICATION participant=Jane Roe participant=Paul Smith",
            "TRAVEL traveler=Paul Smith destination=Lima",
        ],
    );
}

#[test]
fn a_leading_quote_is_the_content() {
    let a = article("\"We will win,\" Jane Roe told supporters.");
    let o = ExtractOptions::default();
    let mut d = build(&a, &o, &[E(Person, &["Jane Roe"])], &[], None);
    run(&mut d);
    let f = d
        .facts
        .iter()
        .find(|f| f.predicate == "tell")
        .expect("statement");
    let content = f.arguments.iter().find(|x| x.role == "content").unwrap();
    assert_eq!(
        content.value,
        crate::model::ArgValue::Text("We will win".into())
    );
}

#[test]
fn on_a_visit_to() {
    let a = article("Jane Roe, who is on a three-day visit to Peru, met Paul Smith.");
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Jane Roe"]),
            E(Gpe, &["Peru"]),
            E(Person, &["Paul Smith"]),
        ],
        &[],
        None,
    );
    run(&mut d);
    check(
        &summaries(&d),
        &[
            "TRAVEL traveler=Jane Roe destination=Peru",
            "MEETING participant=Jane Roe participant=Paul Smith",
        ],
    );
}

/// The content of each STATEMENT, by speaker, from the built doc.
fn contents(d: &crate::doc::Doc<'_>) -> Vec<(String, String)> {
    use crate::model::{ArgValue, FactType};
    let name = |id: &str| {
        d.entities
            .iter()
            .find(|e| e.id == id)
            .map_or(String::new(), |e| e.canonical_name.clone())
    };
    d.facts
        .iter()
        .filter(|f| f.fact_type == FactType::Statement)
        .map(|f| {
            let arg = |role: &str| {
                f.arguments
                    .iter()
                    .find(|a| a.role == role)
                    .map(|a| match &a.value {
                        ArgValue::Entity(id) => name(id),
                        ArgValue::Text(t) => t.clone(),
                        ArgValue::Time(_) => String::new(),
                    })
            };
            (
                arg("speaker").unwrap_or_default(),
                arg("content").unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn statement_content_skips_circumstances_after_the_verb() {
    let a = article(
        "SANTIAGO, March 3 - Ann Lee will visit Chile next week, the State Department announced on Friday.\n\
         \"We are ready,\" Paul Smith told reporters after the meeting.\n\
         The talks went well, spokesman Tom Hart said in a statement.\n\
         Paul Smith said on Monday that the border would reopen.\n\
         Tom Hart told a news briefing the deal was close.\n\
         Ann Lee said the vote in parliament was delayed.\n\
         Paul Smith assured Ann Lee of support and invited her to Lima, spokesman Tom Hart said in a statement.\n\
         \"We have learned a lot,\" Tom Hart, a senior adviser to the council, said.\n\
         Ann Lee said the talks were \"frank and open\".",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Ann Lee"]),
            E(Gpe, &["Chile"]),
            E(Org, &["State Department"]),
            E(Person, &["Paul Smith"]),
            E(Person, &["Tom Hart"]),
        ],
        &[
            ("next week", "2026-W49"),
            ("Friday", "2026-11-27"),
            ("Monday", "2026-11-23"),
        ],
        Some("SANTIAGO"),
    );
    run(&mut d);
    let c = contents(&d);
    // One content per statement, even when a quote opens the sentence and a speech verb ends it.
    for f in d
        .facts
        .iter()
        .filter(|f| f.fact_type == crate::model::FactType::Statement)
    {
        assert!(
            f.arguments.iter().filter(|a| a.role == "content").count() <= 1,
            "{f:#?}"
        );
    }
    let want = [
        ("State Department", "Ann Lee will visit Chile next week"),
        ("Paul Smith", "We are ready"),
        ("Tom Hart", "The talks went well"),
        ("Paul Smith", "the border would reopen"),
        ("Tom Hart", "the deal was close"),
        ("Ann Lee", "the vote in parliament was delayed"),
        ("Paul Smith", "of support and invited her to Lima"),
        ("Tom Hart", "We have learned a lot"),
        ("Ann Lee", "the talks were \"frank and open\""),
        (
            "Tom Hart",
            "Paul Smith assured Ann Lee of support and invited her to Lima",
        ),
    ];
    for (s, t) in want {
        assert!(
            c.iter().any(|(a, b)| a == s && b == t),
            "missing ({s}, {t}) in {c:#?}"
        );
    }
    // No circumstance is ever reported as what was said.
    for (_, t) in &c {
        assert!(
            !matches!(
                t.as_str(),
                "on Friday" | "in a statement" | "a news briefing" | "reporters after the meeting"
            ),
            "{c:#?}"
        );
    }
}

#[test]
#[ignore = "registry matcher: `Bolivian President Tom Hart` is parsed as an unmarked oblique of `meet`, not a coordinated object"]
fn meeting_objects_after_counterpart_and_after_places() {
    let a = article(
        "The foreign minister met his Chilean counterpart, Foreign Minister Paul Smith, on Monday.\n\
         Jane Roe will meet Peruvian Foreign Minister Ann Lee in Lima and Bolivian President Tom Hart in La Paz.\n\
         Ann Lee met Tom Hart in Lima and Cusco.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["foreign minister"]),
            E(Norp, &["Chilean"]),
            E(Person, &["Paul Smith"]),
            E(Person, &["Jane Roe"]),
            E(Norp, &["Peruvian"]),
            E(Person, &["Ann Lee"]),
            E(Gpe, &["Lima"]),
            E(Norp, &["Bolivian"]),
            E(Person, &["Tom Hart"]),
            E(Gpe, &["La Paz"]),
            E(Gpe, &["Cusco"]),
        ],
        &[("Monday", "2026-11-23")],
        None,
    );
    run(&mut d);
    let s = summaries(&d);
    let meets = |a: &str, b: &str| {
        s.iter().any(|x| {
            x.starts_with("MEETING")
                && x.contains(&format!("participant={a}"))
                && x.contains(&format!("participant={b}"))
        })
    };
    assert!(meets("foreign minister", "Paul Smith"), "{s:#?}");
    assert!(meets("Jane Roe", "Ann Lee"), "{s:#?}");
    assert!(meets("Jane Roe", "Tom Hart"), "{s:#?}");
    // Two meetings, not one of three parties, and neither placed in the other's city.
    assert!(
        !meets("Ann Lee", "Tom Hart")
            || s.iter()
                .any(|x| x.contains("location=Lima") && !x.contains("Jane Roe")),
        "{s:#?}"
    );
    assert!(
        !s.iter()
            .any(|x| x.contains("Jane Roe") && x.contains("location=La Paz")),
        "{s:#?}"
    );
    // A second place is no party to the meeting.
    assert!(!s.iter().any(|x| x.contains("participant=Cusco")), "{s:#?}");
}

#[test]
fn visiting_is_no_part_of_a_title() {
    let a = article("Jane Roe received Ann Lee on Monday. Roe welcomed the visiting president.");
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Jane Roe", "Roe"]),
            E(Person, &["Ann Lee", "visiting president"]),
        ],
        &[("Monday", "2026-11-23")],
        None,
    );
    run(&mut d);
    let s = summaries(&d);
    assert!(!s.iter().any(|x| x.contains("title=visiting")), "{s:#?}");
}

#[test]
fn coordinated_appositive_titles_are_two_roles_and_positions_are_none() {
    let a = article(
        "Ann Lee, chief financial officer and treasurer of the Lima Foundation, resigned.\n\
         Tom Hart, director of the museum and curator of the show, spoke first.\n\
         Paul Smith is a member of the team.\n\
         Jane Roe, Minister of Trade and Industry, arrived.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Ann Lee"]),
            E(Org, &["Lima Foundation"]),
            E(Person, &["Tom Hart"]),
            E(Person, &["Paul Smith"]),
            E(Person, &["Jane Roe"]),
        ],
        &[],
        None,
    );
    run(&mut d);
    let s = summaries(&d);
    let role = |p: &str, t: &str| {
        s.iter()
            .any(|x| x.starts_with(&format!("ROLE person={p} title={t}")))
    };
    assert!(role("Ann Lee", "chief financial officer"), "{s:#?}");
    assert!(role("Ann Lee", "treasurer"), "{s:#?}");
    assert!(role("Tom Hart", "director"), "{s:#?}");
    assert!(role("Tom Hart", "curator"), "{s:#?}");
    assert!(role("Jane Roe", "Minister of Trade and Industry"), "{s:#?}");
    assert!(!s.iter().any(|x| x.contains("title=member")), "{s:#?}");
}

#[test]
fn a_demonym_office_belongs_to_the_named_country() {
    let a = article("Chile is hosting the talks. Chilean Ambassador Ann Lee met Tom Hart.");
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Gpe, &["Chile"]),
            E(Norp, &["Chilean"]),
            E(Person, &["Ann Lee"]),
            E(Person, &["Tom Hart"]),
        ],
        &[],
        None,
    );
    d.entities[0]
        .external_ids
        .insert("iso3166".into(), "CL".into());
    run(&mut d);
    let s = summaries(&d);
    assert!(
        s.iter()
            .any(|x| x == "ROLE person=Ann Lee title=Ambassador organization=Chile"),
        "{s:#?}"
    );
}

#[test]
#[ignore = "registry matcher: `spoke twice by phone with army chief General Tom Hart` reads the `by` phrase as the medium up to the name"]
fn objects_named_by_an_appositive_after_a_title() {
    let a = article(
        "Ann Lee met with the head of the Andean Commission, Paul Smith, in Lima on Thursday to discuss the crisis in Peru.\n\
         Lee also spoke with the bloc's foreign policy chief, Jane Roe.\n\
         Lee has spoken twice by phone with army chief General Tom Hart this week.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Ann Lee", "Lee"]),
            E(Org, &["Andean Commission"]),
            E(Person, &["Paul Smith"]),
            E(Gpe, &["Lima"]),
            E(Gpe, &["Peru"]),
            E(Person, &["Jane Roe"]),
            E(Person, &["Tom Hart"]),
        ],
        &[("Thursday", "2026-11-26"), ("this week", "2026-W48")],
        None,
    );
    run(&mut d);
    let s = summaries(&d);
    let pair = |t: &str, a: &str, b: &str| {
        s.iter().any(|x| {
            x.starts_with(t)
                && x.contains(&format!("participant={a}"))
                && x.contains(&format!("participant={b}"))
        })
    };
    assert!(pair("MEETING", "Ann Lee", "Paul Smith"), "{s:#?}");
    assert!(!pair("MEETING", "Ann Lee", "Andean Commission"), "{s:#?}");
    // The purpose (`to discuss`) is no second meeting.
    assert_eq!(
        s.iter().filter(|x| x.starts_with("MEETING")).count(),
        1,
        "{s:#?}"
    );
    assert!(pair("COMMUNICATION", "Ann Lee", "Jane Roe"), "{s:#?}");
    assert!(pair("COMMUNICATION", "Ann Lee", "Tom Hart"), "{s:#?}");
}

#[test]
fn phone_call_between_and_a_compound_statement_author() {
    let a = article(
        "A phone call between Ann Lee and Tom Hart took place on Friday, a Chilean government statement said.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Ann Lee"]),
            E(Person, &["Tom Hart"]),
            E(Org, &["Chilean government"]),
        ],
        &[("Friday", "2026-11-27")],
        None,
    );
    run(&mut d);
    let s = summaries(&d);
    assert!(
        starts(&s, "COMMUNICATION participant=Ann Lee participant=Tom Hart"),
        "{s:#?}"
    );
    assert!(starts(&s, "STATEMENT speaker=Chilean government"), "{s:#?}");
}

#[test]
fn quotes_running_over_sentences_keep_their_speaker() {
    let a = article(
        "\"Prices will fall,\" Ann Lee told reporters. \"Demand is weak. We expect a slow year.\"\n\
         \"Nobody knows.\"\n\
         Markets rose on Monday.\n\
         Paul Smith said the plan was bold. \"It will fail.\"",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[E(Person, &["Ann Lee"]), E(Person, &["Paul Smith"])],
        &[("Monday", "2026-11-23")],
        None,
    );
    run(&mut d);
    // One statement per quotation: its pieces are the statement's contents, in order.
    let stated: Vec<(String, Vec<String>)> = d
        .facts
        .iter()
        .filter(|f| f.fact_type == crate::model::FactType::Statement)
        .map(|f| {
            let speaker = f
                .arguments
                .iter()
                .find_map(|x| match &x.value {
                    crate::model::ArgValue::Entity(id) if x.role == "speaker" => d
                        .entities
                        .iter()
                        .find(|e| &e.id == id)
                        .map(|e| e.canonical_name.clone()),
                    _ => None,
                })
                .unwrap_or_default();
            let contents = f
                .arguments
                .iter()
                .filter_map(|x| match &x.value {
                    crate::model::ArgValue::Text(t) if x.role == "content" => Some(t.clone()),
                    _ => None,
                })
                .collect();
            (speaker, contents)
        })
        .collect();
    let s = |x: &str| x.to_string();
    assert_eq!(
        stated,
        vec![
            (
                s("Ann Lee"),
                vec![
                    s("Prices will fall"),
                    s("Demand is weak. We expect a slow year"),
                    // A new paragraph that opens with a bare quote goes on with the last speaker.
                    s("Nobody knows"),
                ]
            ),
            // A quote after an indirect statement, with no cue of its own, is the same
            // speaker's.
            (
                s("Paul Smith"),
                vec![s("the plan was bold"), s("It will fail")]
            ),
        ]
    );
    // Every piece is grounded in the evidence.
    for f in d
        .facts
        .iter()
        .filter(|f| f.fact_type == crate::model::FactType::Statement)
    {
        for x in &f.arguments {
            if let crate::model::ArgValue::Text(t) = &x.value {
                assert!(
                    f.evidence.iter().any(|e| d.slice(*e).contains(t.as_str())),
                    "{t}"
                );
            }
        }
    }
}

#[test]
fn planned_talks_between_are_intended() {
    let a = article(
        "Talks between Ann Lee and Tom Hart are planned for next week in Lima.\n\
         Talks between Ann Lee and Paul Smith took place on Monday.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Ann Lee"]),
            E(Person, &["Tom Hart"]),
            E(Person, &["Paul Smith"]),
            E(Gpe, &["Lima"]),
        ],
        &[("next week", "2026-W49"), ("Monday", "2026-11-23")],
        None,
    );
    run(&mut d);
    let s = summaries(&d);
    let m = |b: &str| {
        s.iter()
            .find(|x| x.starts_with("MEETING") && x.contains(b))
            .cloned()
            .unwrap_or_default()
    };
    assert!(m("Tom Hart").ends_with("[Intended]"), "{s:#?}");
    assert!(
        !m("Paul Smith").is_empty() && !m("Paul Smith").contains('['),
        "{s:#?}"
    );
}

#[test]
fn received_calls_possessive_visits_and_relative_visitors() {
    let a = article(
        "Ann Lee later received a call from Chilean President Tom Hart.\n\
         Hart's two-day visit to Lima last month was his first trip abroad.\n\
         Paul Smith, who is on a three-day visit to Peru, met Lee.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Ann Lee", "Lee"]),
            E(Norp, &["Chilean"]),
            E(Person, &["Tom Hart", "Hart", "his"]),
            E(Gpe, &["Lima"]),
            E(Person, &["Paul Smith"]),
            E(Gpe, &["Peru"]),
        ],
        &[("last month", "2026-10")],
        None,
    );
    run(&mut d);
    let s = summaries(&d);
    assert!(
        starts(&s, "COMMUNICATION participant=Ann Lee participant=Tom Hart"),
        "{s:#?}"
    );
    assert!(
        !starts(&s, "MEETING participant=Ann Lee participant=Tom Hart"),
        "{s:#?}"
    );
    assert!(
        starts(&s, "TRAVEL traveler=Tom Hart destination=Lima"),
        "{s:#?}"
    );
    assert!(
        starts(&s, "TRAVEL traveler=Paul Smith destination=Peru"),
        "{s:#?}"
    );
}

#[test]
fn a_paid_courtesy_call_is_a_meeting() {
    let a = article(
        "Foreign Secretary Ann Lee paid a courtesy call on Tom Hart at the palace. Hart paid tribute to Lee.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Ann Lee", "Lee"]),
            E(Person, &["Tom Hart", "Hart"]),
        ],
        &[],
        None,
    );
    run(&mut d);
    let s = summaries(&d);
    assert!(
        starts(&s, "MEETING participant=Ann Lee participant=Tom Hart"),
        "{s:#?}"
    );
    assert_eq!(
        s.iter().filter(|x| x.starts_with("MEETING")).count(),
        1,
        "{s:#?}"
    );
}

#[test]
fn second_cues_trailing_findings_quoted_names_and_tail_subjects() {
    let a = article(
        "\"The operation was conducted with skill,\" Tom Hart said, adding that the train was cleared.\n\
         The committee voted to amend the law, the Chile News Agency reported.\n\
         Ann Lee called the ruling \"arbitrary.\"\n\
         Paul Smith called for help.\n\
         Although Chile has said that the port is not for military use, it gives Peru a foothold, say analysts.\n\
         Some politicians argued that the border may never reopen.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Tom Hart"]),
            E(Org, &["Chile News Agency"]),
            E(Person, &["Ann Lee"]),
            E(Person, &["Paul Smith"]),
            E(Gpe, &["Chile"]),
            E(Gpe, &["Peru"]),
        ],
        &[],
        None,
    );
    run(&mut d);
    let c = contents(&d);
    let want = [
        // The quotation is the first cue's; `adding` says what follows it.
        ("Tom Hart", "The operation was conducted with skill"),
        ("Tom Hart", "the train was cleared"),
        // A finding verb that ends the sentence reports the clause before the comma.
        ("Chile News Agency", "The committee voted to amend the law"),
        // `called` with a quotation is a statement; `called Y "Z"` is mixed content, Y and
        // the quoted Z (GUIDELINES.md 2), even with the period inside the closing mark.
        ("Ann Lee", "the ruling \"arbitrary"),
        // A subordinate speech verb says its clause, up to the comma.
        ("Chile", "the port is not for military use"),
        ("analysts", "it gives Peru a foothold"),
        ("Some politicians", "the border may never reopen"),
    ];
    for (s, t) in want {
        assert!(
            c.iter().any(|(a, b)| a == s && b == t),
            "missing ({s}, {t}) in {c:#?}"
        );
    }
    // `called for help` is no statement.
    assert!(!c.iter().any(|(a, _)| a == "Paul Smith"), "{c:#?}");
}

#[test]
fn unsure_speakers_give_no_statement() {
    let a = article(
        "Ann Lee published a book in 2019. When she received a message from a friend, telling her the book was banned, she was shocked.\n\
         \"I am very proud of Paul Smith, a good adviser,\" Representative Tom Hart told VOA.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Person, &["Ann Lee"]),
            E(Person, &["Paul Smith"]),
            E(Person, &["Tom Hart"]),
            E(Org, &["VOA"]),
        ],
        &[],
        None,
    );
    run(&mut d);
    let c = contents(&d);
    // Ann Lee does not tell herself; the quotation is Tom Hart's, not the name inside it.
    assert!(
        !c.iter()
            .any(|(a, b)| a == "Ann Lee" && b.contains("banned")),
        "{c:#?}"
    );
    assert!(
        c.iter()
            .any(|(a, b)| a == "Tom Hart" && b.starts_with("I am very proud")),
        "{c:#?}"
    );
    assert!(
        !c.iter().any(|(a, _)| a == "Paul Smith" || a == "VOA"),
        "{c:#?}"
    );
}

#[test]
fn registry_arguments_pronouns_things_fronted_times_and_inner_places() {
    let a = article(
        "In April, the army jailed the opposition leader and banned his party.\n\
         The minister rejected the allegations.\n\
         They attacked the convoy in the northern city of Mosul.\n\
         North Korea fired artillery rounds at the border.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[E(Gpe, &["Mosul"]), E(Gpe, &["North Korea"])],
        &[("April", "2026-04")],
        None,
    );
    run(&mut d);
    let s = summaries(&d);
    // A time fronted before the first of coordinated verbs is said of each.
    assert!(
        s.iter().any(|x| x.starts_with("COERCE")
            && x.contains("recipient=his party")
            && x.contains("time=2026-04")),
        "{s:#?}"
    );
    // The thing acted on is the recipient of a rejection (a literal, not a party).
    assert!(
        starts(&s, "REJECT actor=The minister recipient=the allegations"),
        "{s:#?}"
    );
    // An unresolved pronoun is an argument; a place inside a common-noun phrase locates.
    assert!(
        starts(&s, "ASSAULT actor=They recipient=the convoy location=Mosul"),
        "{s:#?}"
    );
    // The weapon fired is no recipient.
    assert!(
        s.iter()
            .any(|x| x.starts_with("ASSAULT actor=North Korea") && !x.contains("recipient")),
        "{s:#?}"
    );
}

#[test]
fn addressees_stop_at_that_circumstances_and_unnamed_subjects() {
    let a = article(
        "The Liberation Army warned Wednesday that it would free the hostages.\n\
         Tom Hart said this is another achievement.\n\
         Tom Hart said before the jailbreak, 1,542 prisoners were in detention.\n\
         Reporters Without Borders said that conditions have improved.\n\
         The officials, speaking on condition of anonymity, said the detainees were flown out.\n\
         Analysts point out that the base will stay.\n\
         Ann Lee characterized the conflict as \"a small skirmish.\"\n\
         \"Prompted by the video, a new obsession is taking hold.\" Anonymous blogger, \"Anon declares war\"",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Org, &["Liberation Army"]),
            E(Person, &["Tom Hart"]),
            E(Person, &["Ann Lee"]),
        ],
        &[],
        None,
    );
    run(&mut d);
    let c = contents(&d);
    let want = [
        // `it` is in the content, not the one warned (with no time stage here, `Wednesday`
        // stays in the content).
        ("Liberation Army", "it would free the hostages"),
        // `this` opens the complement clause, not a circumstance (`said this week`).
        ("Tom Hart", "this is another achievement"),
        // A circumstance, then the complement clause.
        ("Tom Hart", "prisoners were in detention"),
        // A capitalized run the tagger reads as common nouns speaks as a name.
        ("Reporters Without Borders", "conditions have improved"),
        // A parenthetical between the subject and its verb.
        ("The officials", "the detainees were flown out"),
        ("Analysts", "the base will stay"),
    ];
    for (s, t) in want {
        assert!(
            c.iter().any(|(a, b)| a == s && b.ends_with(t)),
            "missing ({s}, ...{t}) in {c:#?}"
        );
    }
    // A pull quote with its byline on the same line goes on with nobody's statement.
    assert!(
        !c.iter()
            .any(|(a, b)| a == "Ann Lee" && b.contains("Prompted")),
        "{c:#?}"
    );
}

/// Speaker errors found on news outside the gold (statements7's audit), each class on invented
/// sentences, through the whole pipeline: a wrong named speaker is worse than none.
#[test]
fn named_speakers_are_the_heads_not_modifiers_objects_or_outer_speakers() {
    use super::testkit::pipeline_speakers;
    let who = |body: &str, trigger: &str| -> Vec<String> {
        pipeline_speakers(body)
            .into_iter()
            .filter(|(t, _)| t == trigger)
            .map(|(_, s)| s)
            .collect()
    };
    // A place or nationality before a title and a name modifies the person, who speaks.
    assert_eq!(
        who(
            "U.S. Senator Tom Carter, a member of the Armed Services Committee, said on Monday \
             that the deal was weak.",
            "said"
        ),
        ["Tom Carter"]
    );
    assert_eq!(
        who(
            "\"We should wait for the report,\" Chinese Ambassador Li Wei told the assembly on \
             Friday.",
            "told"
        ),
        ["Li Wei"]
    );
    // A participle never inverts: the name after it is in its content or its object.
    let s = pipeline_speakers(
        "Maria Lopez spoke to reporters. \"The talks failed,\" she added, suggesting that Brazil \
         is unhappy with the plan.",
    );
    assert!(!s.iter().any(|(_, n)| n == "Brazil"), "{s:?}");
    let s = pipeline_speakers(
        "The magazine profiled John Baker in 2020 as \"a rising star,\" calling him a \"war hero\" \
         for his reports.",
    );
    assert!(!s.iter().any(|(_, n)| n == "John Baker"), "{s:?}");
    // The object of a preposition opening the sentence is no first name of an apposition.
    assert_eq!(
        who(
            "Paul Green spoke on Monday. Like Green, Kevin Brown, director of the National \
             Economic Council, emphasized the drug issue in an interview.",
            "emphasized"
        ),
        ["Kevin Brown"]
    );
    // A possessor after an inverted verb is not its subject.
    let s = pipeline_speakers(
        "Albert Moore came to Boston in 1950. \"Albert was only 11 years old,\" said his \
         daughter Linda Moore.",
    );
    assert!(!s.iter().any(|(_, n)| n == "Albert Moore"), "{s:?}");
    // An infinitive inside what someone said is not that speaker's statement.
    let s = pipeline_speakers(
        "Tom Hill said the administration has used the authority given it by Congress to deny \
         visas in hundreds of cases.",
    );
    assert!(!s.iter().any(|(t, _)| t == "deny"), "{s:?}");
}

#[test]
fn plural_noun_before_infinitive_is_no_speech_verb() {
    // `states` before `to` and a verb is the plural noun (`EU states to abstain`), not a verb of
    // saying with `EU` as its speaker; `states that` still speaks.
    let a = article(
        "Germany expected a significant number of EU states to abstain from voting on the tariffs.\n\
         Ann Lee states that the plan failed.",
    );
    let o = ExtractOptions::default();
    let mut d = build(
        &a,
        &o,
        &[
            E(Gpe, &["Germany"]),
            E(Org, &["EU"]),
            E(Person, &["Ann Lee"]),
        ],
        &[],
        None,
    );
    run(&mut d);
    let s = summaries(&d);
    assert!(!starts(&s, "STATEMENT speaker=EU"), "{s:#?}");
    assert!(starts(&s, "STATEMENT speaker=Ann Lee"), "{s:#?}");
}
