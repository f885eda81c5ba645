//! What search finds of a joint matter (issue 11): its title, its decision points and the case
//! number it was registered under, for everyone, like its public page (`/samverkan/{id}`). The
//! create writes it in its transaction (ADR 20); the title and points do not change afterwards.

use domain::search::{Kind, Readers, SearchDocument, Searchable};
use time::Date;

pub(super) struct IndexedMatter<'a> {
    pub id: i64,
    pub title: &'a str,
    pub points: &'a [String],
    pub case_number: &'a str,
    pub due_on: Date,
}

impl Searchable for IndexedMatter<'_> {
    fn search_document(&self) -> SearchDocument {
        SearchDocument {
            kind: Kind::JointMatter,
            ref_id: self.id,
            title: self.title.to_string(),
            text: format!("{} Diarienummer {}.", self.points.join(" "), self.case_number),
            url: format!("/samverkan/{}", self.id),
            body_id: None,
            year: Some(self.due_on.year()),
            date: self.due_on.to_string(),
            readers: Readers::Public,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_matter_is_found_by_title_points_and_case_number() {
        let points = vec!["Kommunstyrelsen ställer sig bakom arbetsprocessen.".to_string()];
        let d = IndexedMatter {
            id: 4,
            title: "RUS – gemensam arbetsprocess",
            points: &points,
            case_number: "RÖ 2026/12",
            due_on: date!(2027 - 03 - 31),
        }
        .search_document();
        assert_eq!(
            (d.kind, d.url.as_str(), d.year, d.readers),
            (Kind::JointMatter, "/samverkan/4", Some(2027), Readers::Public)
        );
        assert!(d.text.contains("ställer sig bakom") && d.text.contains("RÖ 2026/12"));
    }
}
