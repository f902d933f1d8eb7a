//! The timeline's pure parts: the dataset's events in chronological order,
//! grouped by year, with their actors resolved to indices; and the years the
//! "play" control steps through to show the ecosystem growing.
//!
//! **Order.** Events sort by date; a date with less precision sorts as the
//! start of its period (`2015` and `2015-03` before `2015-03-02`); equal
//! dates keep the dataset's order. Events without a readable date come last,
//! in one group without a year.
//!
//! **Play.** [`play_years`] lists the years from the earliest founding year
//! to the last year the dataset names (the year slider's end) in which the
//! ecosystem shown by `year=` changes: an actor is founded, a link starts,
//! or the year after an actor is dissolved or a link ends. Years in which
//! nothing changes are skipped, so a dataset reaching back to 1816 does not
//! play a hundred and fifty identical frames. [`play_start`] and
//! [`play_next`] say where a play begins and how it advances.
//!
//! ```
//! use civicmap::model::view::timeline::{play_next, play_start};
//! let years = [2009, 2012, 2015];
//! assert_eq!(play_start(&years, None), Some(2009)); // from the start
//! assert_eq!(play_start(&years, Some(2012)), Some(2012)); // resumes
//! assert_eq!(play_start(&years, Some(2015)), Some(2009)); // at the end: again
//! assert_eq!(play_next(&years, Some(2012)), Some(2015));
//! assert_eq!(play_next(&years, Some(2015)), None); // stop
//! ```

use std::collections::HashMap;

use crate::model::format::dataset::{Dataset, Event, LocalizedText};
use crate::model::network::filter::Visible;

/// A date of the format (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i64,
    /// 1–12.
    pub month: Option<u8>,
    /// 1–31, only with a month.
    pub day: Option<u8>,
}

impl Date {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` for anything else.
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.split('-');
        let year = parts.next().filter(|y| y.len() == 4)?;
        let year = digits(year)?;
        let month = match parts.next() {
            None => None,
            Some(m) => Some(u8::try_from(digits(m).filter(|_| m.len() == 2)?).ok()?),
        };
        let day = match parts.next() {
            None => None,
            Some(d) => Some(u8::try_from(digits(d).filter(|_| d.len() == 2)?).ok()?),
        };
        if parts.next().is_some()
            || month.is_some_and(|m| !(1..=12).contains(&m))
            || day.is_some_and(|d| !(1..=31).contains(&d))
        {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The ISO form for `<time datetime>`: `2015`, `2015-03`, `2015-03-02`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

fn digits(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The events of one year, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearGroup {
    /// `None`: the events without a readable date.
    pub year: Option<i64>,
    /// Indices into `dataset.events`.
    pub events: Vec<usize>,
}

/// The timeline of a dataset, built once per load.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    /// In chronological order; the undated group, if any, last.
    pub groups: Vec<YearGroup>,
    /// Per event (indexed like `dataset.events`): its date, if readable.
    pub dates: Vec<Option<Date>>,
    /// Per event: its actors' indices in `dataset.actors`, in the event's
    /// order (ids the dataset does not have are skipped).
    pub actors: Vec<Vec<usize>>,
}

impl Timeline {
    /// Orders, groups and resolves the events of `ds`.
    pub fn new(ds: &Dataset) -> Timeline {
        let index: HashMap<&str, usize> = ds
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id(), i))
            .collect();
        let dates: Vec<Option<Date>> = ds
            .events
            .iter()
            .map(|e| e.date.as_deref().and_then(Date::parse))
            .collect();
        let actors = ds
            .events
            .iter()
            .map(|e| {
                let mut v: Vec<usize> = Vec::with_capacity(e.actors.len());
                for i in e.actors.iter().filter_map(|id| index.get(id.as_str())) {
                    if !v.contains(i) {
                        v.push(*i);
                    }
                }
                v
            })
            .collect();
        let mut order: Vec<usize> = (0..ds.events.len()).collect();
        // Stable: equal dates keep the dataset's order; `None` sorts last.
        let key = |i: usize| {
            let d = dates.get(i).copied().flatten();
            (d.is_none(), d)
        };
        crate::model::order::sort_indices(&mut order, &|a, b| key(a).cmp(&key(b)));
        let mut groups: Vec<YearGroup> = Vec::new();
        for i in order {
            let year = dates.get(i).copied().flatten().map(|d| d.year);
            match groups.last_mut() {
                Some(g) if g.year == year => g.events.push(i),
                _ => groups.push(YearGroup {
                    year,
                    events: vec![i],
                }),
            }
        }
        Timeline {
            groups,
            dates,
            actors,
        }
    }

    /// The number of events.
    pub fn len(&self) -> usize {
        self.dates.len()
    }

    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }

    /// The actors of event `e` (empty for an unknown index).
    pub fn actors_of(&self, e: usize) -> &[usize] {
        self.actors.get(e).map(Vec::as_slice).unwrap_or_default()
    }

    /// Whether the filters hide every actor of event `e`. An event without
    /// actors is never hidden: it concerns the whole field.
    pub fn all_hidden(&self, e: usize, vis: &Visible) -> bool {
        let actors = self.actors_of(e);
        !actors.is_empty()
            && actors
                .iter()
                .all(|a| !vis.actors.get(*a).copied().unwrap_or(false))
    }

    /// The actors of event `e` the filters show.
    pub fn visible_actors(&self, e: usize, vis: &Visible) -> Vec<usize> {
        self.actors_of(e)
            .iter()
            .copied()
            .filter(|a| vis.actors.get(*a).copied().unwrap_or(false))
            .collect()
    }
}

/// An event's `description`: not a field of `civicmap/1` events, but kept
/// like any unknown field; when a file gives one (a string or an object of
/// language → string, like every other description), the timeline shows it.
pub fn description(e: &Event) -> Option<LocalizedText> {
    e.extra
        .get("description")
        .and_then(|v| serde_json::from_value::<LocalizedText>(v.clone()).ok())
}

/// The years the play control steps through (see the module doc); empty
/// when the dataset names no year.
pub fn play_years(ds: &Dataset) -> Vec<i64> {
    let founded = ds.actors.iter().filter_map(|a| a.founded);
    let all = ds
        .actors
        .iter()
        .flat_map(|a| [a.founded, a.dissolved])
        .chain(ds.links.iter().flat_map(|l| [l.since, l.until]))
        .flatten();
    let Some(end) = all.clone().max() else {
        return Vec::new();
    };
    let start = founded.min().or_else(|| all.min()).unwrap_or(end);
    let changes = ds
        .actors
        .iter()
        .flat_map(|a| [a.founded, a.dissolved.map(|d| d.saturating_add(1))])
        .chain(
            ds.links
                .iter()
                .flat_map(|l| [l.since, l.until.map(|u| u.saturating_add(1))]),
        )
        .flatten();
    let mut years: Vec<i64> = changes
        .chain([start, end])
        .filter(|y| (start..=end).contains(y))
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// The year a play starts at: the current year when it is one of `years`
/// short of the last (resume), else the first (from the start, or again
/// after the end).
pub fn play_start(years: &[i64], current: Option<i64>) -> Option<i64> {
    let last = years.last().copied()?;
    match current {
        Some(y) if y < last && years.first().is_some_and(|f| y >= *f) => Some(y),
        _ => years.first().copied(),
    }
}

/// The year after `current` in a play; `None` at the end (the play stops)
/// or without a current year.
pub fn play_next(years: &[i64], current: Option<i64>) -> Option<i64> {
    let y = current?;
    years.iter().copied().find(|n| *n > y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ds(json: &str) -> Dataset {
        crate::model::fixtures::sketch(json)
    }

    #[test]
    fn dates_of_every_precision_parse_and_others_do_not() {
        let d = |s| Date::parse(s);
        assert_eq!(
            d("2015-03-02"),
            Some(Date {
                year: 2015,
                month: Some(3),
                day: Some(2)
            })
        );
        assert_eq!(d("2015-03").map(|x| x.iso()).as_deref(), Some("2015-03"));
        assert_eq!(d("2015").map(|x| x.iso()).as_deref(), Some("2015"));
        for bad in [
            "",
            "15",
            "2015-3",
            "2015-13",
            "2015-00",
            "2015-01-32",
            "2015-01-01-01",
            "20a5",
            "2015/03",
            "+015",
            "2015-01-1",
        ] {
            assert_eq!(d(bad), None, "{bad}");
        }
    }

    #[test]
    fn events_are_ordered_by_date_then_dataset_order_and_grouped_by_year() {
        let ds = ds(r#"{
            "actors": [{"id": "a"}, {"id": "b"}],
            "events": [
                {"id": "e0", "date": "2016-05-01", "actors": ["b", "a", "b"]},
                {"id": "e1", "date": "2015-03-02"},
                {"id": "e2", "date": "2015"},
                {"id": "e3", "date": "2015-03"},
                {"id": "e4"},
                {"id": "e5", "date": "2015-03-02", "actors": ["ghost", "a"]},
                {"id": "e6", "date": "1999-12-31"}
            ]}"#);
        let t = Timeline::new(&ds);
        assert_eq!(
            t.groups,
            vec![
                YearGroup {
                    year: Some(1999),
                    events: vec![6]
                },
                YearGroup {
                    year: Some(2015),
                    events: vec![2, 3, 1, 5]
                },
                YearGroup {
                    year: Some(2016),
                    events: vec![0]
                },
                YearGroup {
                    year: None,
                    events: vec![4]
                },
            ]
        );
        assert_eq!(t.len(), 7);
        // Actors resolved once each, in the event's order; unknown ids skipped.
        assert_eq!(t.actors_of(0), &[1, 0]);
        assert_eq!(t.actors_of(5), &[0]);
        assert_eq!(t.actors_of(99), &[] as &[usize]);
    }

    #[test]
    fn an_event_is_hidden_only_when_all_its_actors_are() {
        let ds = ds(r#"{"actors": [{"id": "a"}, {"id": "b"}],
            "events": [{"actors": ["a", "b"]}, {"actors": ["b"]}, {"date": "2018"}]}"#);
        let t = Timeline::new(&ds);
        let vis = Visible {
            actors: vec![true, false],
            ..Visible::default()
        };
        assert!(!t.all_hidden(0, &vis));
        assert_eq!(t.visible_actors(0, &vis), vec![0]);
        assert!(t.all_hidden(1, &vis));
        assert!(t.visible_actors(1, &vis).is_empty());
        assert!(
            !t.all_hidden(2, &vis),
            "an event without actors concerns everyone"
        );
    }

    #[test]
    fn descriptions_are_read_when_given_in_either_form() {
        let ds = ds(r#"{"events": [
            {"description": {"fr": "En bref", "en": "In short"}},
            {"description": "Texte"},
            {"description": 42},
            {}]}"#);
        let got: Vec<Option<String>> = ds
            .events
            .iter()
            .map(|e| description(e).map(|d| d.get("en").to_string()))
            .collect();
        assert_eq!(
            got,
            vec![Some("In short".into()), Some("Texte".into()), None, None]
        );
    }

    #[test]
    fn play_steps_through_the_years_the_ecosystem_changes() {
        let ds = ds(r#"{
            "actors": [
                {"id": "a", "founded": 1816},
                {"id": "b", "founded": 2009, "dissolved": 2012},
                {"id": "c", "founded": 2015},
                {"id": "d"}],
            "links": [
                {"source": "a", "target": "c", "since": 2016, "until": 2017},
                {"source": "a", "target": "b", "since": 1700},
                {"source": "c", "target": "d", "since": 2020}]}"#);
        // 1700 is before anyone was founded; 2013 is when b is gone; 2018
        // when the a–c link has ended.
        assert_eq!(
            play_years(&ds),
            vec![1816, 2009, 2013, 2015, 2016, 2018, 2020]
        );
        assert_eq!(play_years(&Dataset::default()), Vec::<i64>::new());
        let only_links = ds_links_only();
        assert_eq!(play_years(&only_links), vec![2001, 2003]);
    }

    fn ds_links_only() -> Dataset {
        ds(r#"{"actors": [{"id": "a"}, {"id": "b"}],
              "links": [{"source": "a", "target": "b", "since": 2001, "until": 2003}]}"#)
    }

    #[test]
    fn a_play_starts_resumes_advances_and_stops_at_the_end() {
        let years = [1816, 2009, 2013, 2015];
        assert_eq!(play_start(&years, None), Some(1816));
        assert_eq!(play_start(&years, Some(2013)), Some(2013));
        assert_eq!(
            play_start(&years, Some(2014)),
            Some(2014),
            "a year between steps resumes"
        );
        assert_eq!(
            play_start(&years, Some(2015)),
            Some(1816),
            "at the end: again"
        );
        assert_eq!(play_start(&years, Some(2030)), Some(1816));
        assert_eq!(play_start(&years, Some(1500)), Some(1816));
        assert_eq!(play_start(&[], None), None);

        // The whole sequence from the start: every year once, in order, then stop.
        let mut seen = vec![];
        let mut y = play_start(&years, None);
        while let Some(v) = y {
            seen.push(v);
            y = play_next(&years, Some(v));
        }
        assert_eq!(seen, years);
        assert_eq!(play_next(&years, Some(2014)), Some(2015));
        assert_eq!(play_next(&years, None), None);
    }
}
