//! Names written two ways in one article: the same text tagged with two types (`Stardust` as a
//! person and as a product), or a one-letter slip (`Untied Nations`, `Kristin`/`Kristen
//! Wilkins`). The earlier spelling's entity is reused.

use std::collections::VecDeque;

use crate::model::EntityType;

/// How many recent distinct names a new name is compared with (bounds the cost per name).
const RECENT: usize = 64;
/// Shortest name (in chars) a one-letter difference may be forgiven in: `Iran`/`Iraq` differ.
const MIN_FUZZY_CHARS: usize = 7;

#[derive(Default)]
pub(super) struct RecentNames {
    /// (matching key, entity type, cluster), most recent last.
    items: VecDeque<(String, EntityType, usize)>,
}

impl RecentNames {
    pub fn push(&mut self, key: String, etype: EntityType, cluster: usize) {
        if let Some(p) = self.items.iter().position(|x| x.0 == key && x.1 == etype) {
            self.items.remove(p);
        }
        self.items.push_back((key, etype, cluster));
        if self.items.len() > RECENT {
            self.items.pop_front();
        }
    }

    /// The cluster of the same name seen with another type, else of a name one edit away with
    /// the same type and first letter.
    pub fn find(&self, key: &str, etype: EntityType) -> Option<usize> {
        if let Some(x) = self.items.iter().rev().find(|x| x.0 == key) {
            return Some(x.2);
        }
        if key.chars().count() < MIN_FUZZY_CHARS {
            return None;
        }
        self.items
            .iter()
            .rev()
            .find(|x| {
                x.1 == etype && x.0.chars().next() == key.chars().next() && one_edit(&x.0, key)
            })
            .map(|x| x.2)
    }
}

/// Whether `a` and `b` differ by exactly one substitution, insertion, deletion or swap of two
/// adjacent characters (`untied`/`united`). Linear in their length.
pub(super) fn one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let p = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[p..], &b[p..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Equal => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        std::cmp::Ordering::Greater => ra[1..] == *rb,
        std::cmp::Ordering::Less => *ra == rb[1..],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_cases() {
        assert!(one_edit("untied nations", "united nations"));
        assert!(one_edit("kristin wilkins", "kristen wilkins"));
        assert!(one_edit("maurer", "mauer"));
        assert!(!one_edit("austria", "australia"));
        assert!(!one_edit("same", "same"));
        assert!(!one_edit("ab", "ba c"));
    }

    #[test]
    fn recent_names_match_types_and_slips() {
        let mut r = RecentNames::default();
        r.push("united nations".into(), EntityType::Org, 3);
        r.push("stardust".into(), EntityType::Person, 5);
        assert_eq!(r.find("untied nations", EntityType::Org), Some(3));
        assert_eq!(r.find("untied nations", EntityType::Gpe), None);
        assert_eq!(r.find("stardust", EntityType::Product), Some(5));
        assert_eq!(r.find("iraq", EntityType::Gpe), None);
    }
}
