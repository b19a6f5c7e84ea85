//! Unit tests of the fact stages on invented sentences (no seed-article names).

use super::testkit::{article, build, run, summaries, summary as summaries_one, E};
use crate::model::{EntityType::*, ExtractOptions};

fn has(s: &[String], want: &str) -> bool {
    s.iter().any(|x| x == want)
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
    assert!(
        !s.iter().any(|x| x.starts_with("ROLE person=Jorge Paz")),
        "{s:#?}"
    );
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
            "MEETING participant=Anna Berg participant=Paolo Neri time=2026-11-28 location=Rome",
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
        s.iter()
            .any(|x| x.starts_with("STATEMENT speaker=Anna Berg addressee=Luca Conti")),
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
        !s.iter()
            .any(|x| x.starts_with("STATEMENT speaker=German embassy time")),
        "{s:#?}"
    );
    // Alternatives are separate contacts, never with each other.
    assert!(
        !s.iter()
            .any(|x| x.contains("Ivan Petrov participant=Olga Sokol")),
        "{s:#?}"
    );
}
