use super::*;
use crate::doc::Doc;
use crate::model::{Article, ExtractOptions, MentionKind};
use crate::pipeline::Pipeline;

fn run(body: &str, f: impl FnOnce(&Doc<'_>)) {
    let article = Article {
        body: body.into(),
        ..Default::default()
    };
    let opts = ExtractOptions::default();
    let stages: Vec<Box<dyn Stage>> = vec![
        Box::new(crate::segment::SegmentStage),
        Box::new(crate::dateline::DatelineStage),
        Box::new(EntityStage::new()),
    ];
    let p = Pipeline::new(stages).unwrap();
    let mut doc = Doc::new(&article, &opts);
    p.run(&mut doc, &mut |_, _| {}).unwrap();
    f(&doc)
}

fn find<'a>(doc: &'a Doc<'_>, text: &str) -> Option<&'a crate::doc::MentionCandidate> {
    doc.mentions.iter().find(|m| m.span.slice(doc.text) == text)
}

#[test]
fn titles_names_places_and_orgs() {
    let body = "NAIROBI, Kenya (AP) — Interior Minister Jane Wambui met Gen. Peter Otieno and \
                Deputy President and Finance Minister Samuel Kiprono on Tuesday.\n\
                The World Bank and the Ministry of Foreign Affairs welcomed Kenya’s offer, \
                a Treasury official said.";
    run(body, |doc| {
        let t = |s: &str| find(doc, s).map(|m| (m.entity_type.label(), m.kind));
        assert_eq!(t("NAIROBI"), Some(("GPE", MentionKind::Name)));
        assert_eq!(t("Kenya"), Some(("GPE", MentionKind::Name)));
        assert_eq!(t("Jane Wambui"), Some(("PERSON", MentionKind::Name)));
        assert_eq!(t("Peter Otieno"), Some(("PERSON", MentionKind::Name)));
        assert_eq!(t("Samuel Kiprono"), Some(("PERSON", MentionKind::Name)));
        assert_eq!(t("World Bank"), Some(("ORG", MentionKind::Name)));
        assert_eq!(
            t("Ministry of Foreign Affairs"),
            Some(("ORG", MentionKind::Name))
        );
        assert_eq!(
            t("Treasury official"),
            Some(("PERSON", MentionKind::Nominal))
        );
        assert!(find(doc, "Tuesday").is_none());
        assert!(
            find(doc, "Kenya’s").is_none(),
            "possessive stays outside the span"
        );
        let titles: Vec<&str> = doc.titles.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            titles,
            vec![
                "Interior Minister",
                "Gen.",
                "Deputy President",
                "Finance Minister"
            ]
        );
        let kip = doc.titles[3].person_mention;
        assert_eq!(doc.mentions[kip].span.slice(doc.text), "Samuel Kiprono");
    });
}

#[test]
fn nominals_pronouns_demonyms_acronyms() {
    let body = "Maria Lopez, the acting ambassador, arrived in Lima. She told Peruvians that \
                the ambassador would return.\nHowever, the IMF said its team and the Chilean \
                government disagreed.";
    run(body, |doc| {
        let t = |s: &str| find(doc, s).map(|m| (m.entity_type.label(), m.kind));
        assert_eq!(
            t("acting ambassador"),
            Some(("PERSON", MentionKind::Nominal))
        );
        assert_eq!(t("ambassador"), Some(("PERSON", MentionKind::Nominal)));
        assert_eq!(t("She").map(|x| x.1), Some(MentionKind::Pronoun));
        assert_eq!(t("Peruvians"), Some(("NORP", MentionKind::Name)));
        assert_eq!(t("IMF"), Some(("ORG", MentionKind::Name)));
        assert_eq!(t("Chilean government"), Some(("ORG", MentionKind::Name)));
        assert!(find(doc, "However").is_none());
    });
}

#[test]
fn lone_surnames_are_typed_by_the_full_name() {
    let body = "Officials said Tomas Ferreira resigned. Ferreira denied it. Ortega laughed.";
    run(body, |doc| {
        assert_eq!(
            find(doc, "Ferreira").map(|m| m.entity_type.label()),
            Some("PERSON")
        );
        assert!(find(doc, "Officials").is_none());
        assert!(
            find(doc, "Ortega").is_none(),
            "unknown lone word without evidence is dropped"
        );
    });
}

struct Fixed;
impl NameTagger for Fixed {
    fn model_name(&self) -> &str {
        "fixed"
    }
    fn tag(&self, tokens: &[&str]) -> Vec<TaggedName> {
        tokens
            .iter()
            .position(|t| *t == "Ortega")
            .map(|i| TaggedName {
                start_token: i,
                end_token: i + 1,
                entity_type: EntityType::Person,
                confidence: 0.9,
            })
            .into_iter()
            .collect()
    }
}

#[test]
fn tagger_spans_are_merged() {
    let article = Article {
        body: "Ortega laughed in Paris.".into(),
        ..Default::default()
    };
    let opts = ExtractOptions::default();
    let p = Pipeline::new(vec![
        Box::new(crate::segment::SegmentStage),
        Box::new(crate::syntax::SyntaxStage::embedded()),
        Box::new(crate::dateline::DatelineStage),
        Box::new(EntityStage::with_tagger(Arc::new(Fixed))),
    ])
    .unwrap();
    let mut doc = Doc::new(&article, &opts);
    p.run(&mut doc, &mut |_, _| {}).unwrap();
    let m = find(&doc, "Ortega").expect("tagged");
    assert_eq!((m.entity_type, m.source), (EntityType::Person, "ner"));
    assert!(find(&doc, "Paris").is_some());
    assert_eq!(doc.model_names(), ["syntax-perceptron", "fixed"]);
}

fn run_tagged(body: &str, f: impl FnOnce(&Doc<'_>)) {
    let article = Article {
        body: body.into(),
        ..Default::default()
    };
    let opts = ExtractOptions::default();
    let stages: Vec<Box<dyn Stage>> = vec![
        Box::new(crate::segment::SegmentStage),
        Box::new(crate::syntax::SyntaxStage::embedded()),
        Box::new(crate::dateline::DatelineStage),
        Box::new(EntityStage::with_tagger(std::sync::Arc::new(EmbeddedNer))),
    ];
    let p = Pipeline::new(stages).unwrap();
    let mut doc = Doc::new(&article, &opts);
    p.run(&mut doc, &mut |_, _| {}).unwrap();
    f(&doc)
}

#[test]
fn tagger_names_that_extend_rule_names_win() {
    run_tagged(
        "The study appeared in the Medical Journal of Australia last week. \
         Members of al-Qaeda were arrested, officials said.",
        |doc| {
            let got: Vec<(&str, &str)> = doc
                .mentions
                .iter()
                .filter(|m| m.kind == MentionKind::Name)
                .map(|m| (m.span.slice(doc.text), m.entity_type.label()))
                .collect();
            assert!(
                got.contains(&("Medical Journal of Australia", "ORG")),
                "{got:?}"
            );
            // The place stays as a mention nested in the organization.
            assert!(got.contains(&("Australia", "GPE")), "{got:?}");
        },
    );
}

fn names_of<'a>(doc: &'a Doc<'_>) -> Vec<(&'a str, &'static str)> {
    doc.mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Name)
        .map(|m| (m.span.slice(doc.text), m.entity_type.label()))
        .collect()
}

/// Runs the tagged pipeline on `body` and checks that each of `present` is among its names
/// (text and type) and none of `absent` is.
fn assert_names(body: &str, present: &[(&str, &str)], absent: &[(&str, &str)]) {
    run_tagged(body, |doc| {
        let got = names_of(doc);
        for want in present {
            assert!(got.contains(want), "missing {want:?} in {got:?}");
        }
        for unwanted in absent {
            assert!(
                !got.contains(unwanted),
                "unexpected {unwanted:?} in {got:?}"
            );
        }
    });
}

#[test]
fn parse_contexts_make_company_names_organizations() {
    run_tagged(
        "Shares of Qantas fell after Qantas reported a profit of $5 million. \
         Analysts said Sorvino’s shares could recover.",
        |doc| {
            let got = names_of(doc);
            assert_eq!(
                got.iter().filter(|g| **g == ("Qantas", "ORG")).count(),
                2,
                "{got:?}"
            );
            assert!(got.contains(&("Sorvino", "ORG")), "{got:?}");
        },
    );
}

#[test]
fn a_kind_of_organization_in_apposition_makes_an_organization() {
    assert_names(
        "Water Lee, a consultant with InterDots, a company that provides immigration services, \
         spoke to reporters. The son of pro-democracy publisher Jimmy Lai spoke in Washington.",
        &[
            ("InterDots", "ORG"),
            ("Water Lee", "PERSON"),
            ("Jimmy Lai", "PERSON"),
        ],
        &[],
    );
}

#[test]
fn person_evidence_wins_over_organization_contexts() {
    assert_names(
        "Maria Lopez’s shares were sold on Monday, officials said.",
        &[("Maria Lopez", "PERSON")],
        &[],
    );
}

#[test]
fn a_name_before_a_legal_form_is_the_company_elsewhere() {
    assert_names(
        "Rivera Holdings Inc. said on Monday it would cut jobs. \
         A week later Rivera Holdings hired new managers.",
        &[("Rivera Holdings Inc.", "ORG"), ("Rivera Holdings", "ORG")],
        &[],
    );
}

#[test]
fn a_surname_of_a_named_person_stays_a_person_in_organization_contexts() {
    assert_names(
        "Jane Sorvino founded the firm in 2004. Analysts said Sorvino’s shares could recover.",
        &[],
        &[("Sorvino", "ORG")],
    );
}

#[test]
fn a_legal_form_after_a_name_joins_it() {
    assert_names(
        "Officials said Baxter Digital plc filed the papers.",
        &[("Baxter Digital plc", "ORG")],
        &[],
    );
}

#[test]
fn a_legislature_named_congress_is_an_organization() {
    assert_names(
        "The United States Congress passed the bill on Friday.",
        &[("United States Congress", "ORG")],
        &[],
    );
}

#[test]
fn a_lone_legal_form_before_said_is_not_a_person() {
    // The speaker rule types a lone capitalized word before `said` as a person; a company's
    // legal form on its own (`Smith & Co said`) names no one.
    run(
        "The shares were sold to Morgan & Co. Smith & Co said the price was fair. \
         Hollis & Co told reporters the talks had ended.",
        |doc| {
            for lone in ["Co", "Co."] {
                let m = find(doc, lone);
                assert!(
                    m.is_none_or(|m| m.entity_type != EntityType::Person),
                    "{lone}: {m:?}"
                );
            }
        },
    );
}

#[test]
fn an_organization_run_on_into_a_person_is_cut_at_the_given_name() {
    // The tagger reads the organization and its officer as one name; the parse's `of` makes
    // it an organization's place, which must not swallow the person.
    assert_names(
        "After the leak, CEO of the Refugee Council Enver Solomon told Sky News the plan was \
         clumsy.",
        &[("Refugee Council", "ORG"), ("Enver Solomon", "PERSON")],
        &[("Refugee Council Enver Solomon", "ORG")],
    );
}

#[test]
fn a_given_name_inside_an_organization_name_does_not_cut_it() {
    assert_names(
        "Shares of the Walt Disney Company fell. The George Washington University Hospital \
         said on Monday it would hire nurses.",
        &[("Walt Disney Company", "ORG")],
        &[
            ("Disney Company", "ORG"),
            ("Washington University Hospital", "ORG"),
        ],
    );
}

#[test]
fn a_place_after_an_organization_word_is_not_a_given_name() {
    assert_names(
        "The ambassador told Radio France International he had not been informed.",
        &[("Radio France International", "ORG")],
        &[("Radio", "ORG")],
    );
}

#[test]
fn a_kind_of_organization_right_before_a_name_makes_an_organization() {
    assert_names(
        "The Spanish utility Iberdrola said on Monday it would sell the plant.",
        &[("Iberdrola", "ORG")],
        &[("Iberdrola", "PERSON")],
    );
}

#[test]
fn an_acronym_of_lowercase_words_is_a_term_and_a_unit_is_no_name() {
    assert_names(
        "Aid groups said internally displaced persons (IDPs) lacked water. More IDPs arrived \
         on Monday, when it was 35 ° C in the camps.",
        &[],
        &[("IDPs", "ORG"), ("C", "ORG"), ("C", "GPE")],
    );
}

#[test]
fn people_at_a_name_make_it_an_organization_despite_a_given_name() {
    assert_names(
        "Analysts at Morgan Stanley expect the bank to cut rates. A professor at Johns Hopkins \
         said the study was flawed.",
        &[("Morgan Stanley", "ORG"), ("Johns Hopkins", "ORG")],
        &[("Morgan Stanley", "PERSON"), ("Johns Hopkins", "PERSON")],
    );
}

#[test]
fn a_person_run_on_into_an_organization_is_cut_when_a_part_recurs() {
    assert_names(
        "Sara,\nPlease call me.\nSara Shackleton Enron Wholesale Services 1400 Smith Street\n",
        &[
            ("Sara Shackleton", "PERSON"),
            ("Enron Wholesale Services", "ORG"),
        ],
        &[("Sara Shackleton Enron Wholesale Services", "ORG")],
    );
    // Named whole each time: one organization.
    assert_names(
        "The Robert Wood Johnson Foundation gave $5 million. The Robert Wood Johnson \
         Foundation said on Monday it would give more.",
        &[],
        &[("Johnson Foundation", "ORG"), ("Robert Wood", "PERSON")],
    );
}

#[test]
fn two_organizations_joined_by_and_are_two() {
    assert_names(
        "Officials at the Federal Reserve Board and Treasury Department met on Monday. The \
         Department of Health and Human Services said the rule stands.",
        &[
            ("Federal Reserve Board", "ORG"),
            ("Treasury Department", "ORG"),
            ("Department of Health and Human Services", "ORG"),
        ],
        &[("Human Services", "ORG")],
    );
}

#[test]
fn an_organization_named_for_a_place_with_and_takes_the_whole_place() {
    assert_names(
        "The Bosnia and Herzegovina Football Federation fined the club. The Newfoundland and \
         Labrador Court of Appeal ruled on Monday.",
        &[
            ("Bosnia and Herzegovina Football Federation", "ORG"),
            ("Newfoundland and Labrador Court of Appeal", "ORG"),
        ],
        &[
            ("Herzegovina Football Federation", "ORG"),
            ("Labrador Court of Appeal", "ORG"),
        ],
    );
}

#[test]
fn a_storm_s_name_alone_is_the_storm() {
    assert_names(
        "Hurricane Ian made landfall in Florida on Wednesday. Ian knocked out power to \
         millions. Officials said Ian would weaken over land.",
        &[("Hurricane Ian", "EVENT"), ("Ian", "EVENT")],
        &[("Ian", "PERSON")],
    );
}
