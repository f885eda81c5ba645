//! What a re-import changes (issue 13: "re-import updates values and keeps history"): the file's
//! values against those stored, as a pure function. A value whose number and status are the
//! same is unchanged and not written; a changed one is written and its former version goes to
//! the history; values the file does not mention stay as they are (a file of one year does not
//! remove the others).

use std::collections::HashMap;

use super::{Gender, Observation};

/// A stored value's key: geography code, year, gender.
pub type Key = (String, i32, Gender);

/// A stored value as the comparison needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    pub value: Option<f64>,
    pub status: Option<String>,
    /// The import that wrote it.
    pub import_id: i64,
}

/// The file's values sorted into what to write.
#[derive(Debug, Default)]
pub struct Changes<'a> {
    pub new: Vec<&'a Observation>,
    /// The new value and the stored one it replaces.
    pub changed: Vec<(&'a Observation, (Key, Stored))>,
    pub unchanged: usize,
}

impl<'a> Changes<'a> {
    /// The values to write: the new ones, then the changed ones, each in the file's order.
    pub fn writes(&self) -> impl Iterator<Item = &'a Observation> + '_ {
        self.new.iter().copied().chain(self.changed.iter().map(|(o, _)| *o))
    }
}

pub fn key(o: &Observation) -> Key {
    (o.geography.as_str().to_string(), o.year, o.gender)
}

/// Sorts `incoming` against `stored` (which it consumes the matches of).
pub fn diff<'a>(mut stored: HashMap<Key, Stored>, incoming: &'a [Observation]) -> Changes<'a> {
    let mut c = Changes::default();
    if stored.is_empty() {
        c.new = incoming.iter().collect();
        return c;
    }
    for o in incoming {
        let k = key(o);
        match stored.remove(&k) {
            None => c.new.push(o),
            Some(s) if s.value == o.value && s.status == o.status => c.unchanged += 1,
            Some(s) => c.changed.push((o, (k, s))),
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::Geography;

    fn obs(g: &str, year: i32, value: Option<f64>) -> Observation {
        Observation { geography: Geography::trusted(g), year, gender: Gender::Total, value, status: None }
    }

    #[test]
    fn new_changed_and_unchanged() {
        let stored = HashMap::from([
            (("0680".to_string(), 2021, Gender::Total), Stored { value: Some(1.0), status: None, import_id: 7 }),
            (("0680".to_string(), 2022, Gender::Total), Stored { value: Some(2.0), status: None, import_id: 7 }),
            (("0680".to_string(), 2020, Gender::Total), Stored { value: Some(0.5), status: None, import_id: 7 }),
        ]);
        let file = [obs("0680", 2021, Some(1.0)), obs("0680", 2022, Some(2.5)), obs("0680", 2023, None)];
        let c = diff(stored, &file);
        assert_eq!(c.unchanged, 1);
        assert_eq!(c.new.len(), 1);
        assert_eq!(c.changed.len(), 1);
        assert_eq!(c.changed[0].1.1.value, Some(2.0), "the replaced value goes to the history");
        assert_eq!(c.writes().count(), 2);
    }

    #[test]
    fn a_value_that_went_missing_is_a_change() {
        let stored = HashMap::from([(
            ("0680".to_string(), 2021, Gender::Total),
            Stored { value: Some(1.0), status: None, import_id: 1 },
        )]);
        let file = [obs("0680", 2021, None)];
        assert_eq!(diff(stored, &file).changed.len(), 1);
    }
}
