//! CSV export of a dataset (`civicmap export csv`): the actors, links,
//! events and stakes sheets the import reads back, lossless for what the
//! sheets can hold; what they cannot is reported as warnings.

use super::*;

/// The four CSV files of a dataset, and what they could not carry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exported {
    pub actors: String,
    pub links: String,
    /// `timeline.csv`
    pub events: String,
    /// `issues.csv`
    pub stakes: String,
    /// One line per value that CSV cannot hold (positions, languages other
    /// than fr/en, unknown fields, …), with the JSON path.
    pub warnings: Vec<String>,
}

/// Writes the dataset as the four CSV files (same columns and conventions
/// as the data team's: CRLF, quotes only where needed). The taxonomy and meta
/// are not in the CSVs: write them as JSON beside them.
pub fn export_csv(dataset: &Dataset) -> Exported {
    let mut w = Vec::new();
    let mut actors = Vec::new();
    for (i, a) in dataset.actors.iter().enumerate() {
        let p = format!("actors[{i}]");
        let (dfr, den) = split_localized(&p, "description", a.description.as_ref(), &mut w);
        lossy_extra(&p, &a.extra, &mut w);
        actors.push(vec![
            a.id().to_string(),
            a.name().to_string(),
            join_list(&p, "aliases", &a.aliases, &mut w),
            a.actor_type().to_string(),
            join_list(&p, "objectives", &a.objectives, &mut w),
            join_list(&p, "ecosystems", &a.ecosystems, &mut w),
            a.country.clone().unwrap_or_default(),
            year_cell(a.founded),
            year_cell(a.dissolved),
            a.website.clone().unwrap_or_default(),
            dfr,
            den,
            sources_cell(&p, &a.sources, &mut w),
        ]);
    }
    let placed = dataset
        .actors
        .iter()
        .filter(|a| a.position.is_some())
        .count();
    if placed > 0 {
        // One line, not one per actor: a laid-out file places them all.
        w.push(format!(
            "actors[].position: not exported (CSV has no position column; {placed} of {} actors \
             placed; `civicmap layout` writes them again)",
            dataset.actors.len()
        ));
    }
    let mut links = Vec::new();
    for (i, l) in dataset.links.iter().enumerate() {
        let p = format!("links[{i}]");
        let (dfr, den) = split_localized(&p, "description", l.description.as_ref(), &mut w);
        lossy_extra(&p, &l.extra, &mut w);
        links.push(vec![
            l.source().to_string(),
            l.target().to_string(),
            l.kind().to_string(),
            year_cell(l.since),
            year_cell(l.until),
            dfr,
            den,
            sources_cell(&p, &l.sources, &mut w),
        ]);
    }
    let mut events = Vec::new();
    for (i, e) in dataset.events.iter().enumerate() {
        let p = format!("events[{i}]");
        let (tfr, ten) = split_localized(&p, "title", e.title.as_ref(), &mut w);
        lossy_extra(&p, &e.extra, &mut w);
        events.push(vec![
            e.id.clone().unwrap_or_default(),
            e.date.clone().unwrap_or_default(),
            tfr,
            ten,
            join_list(&p, "actors", &e.actors, &mut w),
            sources_cell(&p, &e.sources, &mut w),
        ]);
    }
    let mut stakes = Vec::new();
    for (i, s) in dataset.stakes.iter().enumerate() {
        let p = format!("stakes[{i}]");
        let (tfr, ten) = split_localized(&p, "title", s.title.as_ref(), &mut w);
        let (dfr, den) = split_localized(&p, "description", s.description.as_ref(), &mut w);
        lossy_extra(&p, &s.extra, &mut w);
        stakes.push(vec![
            s.id.clone().unwrap_or_default(),
            s.category.clone().unwrap_or_default(),
            tfr,
            ten,
            dfr,
            den,
            join_list(&p, "actors", &s.actors, &mut w),
            sources_cell(&p, &s.sources, &mut w),
        ]);
    }
    let actors = write_csv(&ACTOR_COLUMNS, &actors, &mut w);
    let links = write_csv(&LINK_COLUMNS, &links, &mut w);
    let events = write_csv(&EVENT_COLUMNS, &events, &mut w);
    let stakes = write_csv(&STAKE_COLUMNS, &stakes, &mut w);
    Exported {
        actors,
        links,
        events,
        stakes,
        warnings: w,
    }
}

fn write_csv(header: &[&str], rows: &[Vec<String>], warnings: &mut Vec<String>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    let mut result = writer.write_record(header);
    for row in rows {
        if result.is_ok() {
            result = writer.write_record(row);
        }
    }
    if let Err(e) = result {
        warnings.push(format!("CSV writer: {e}"));
    }
    match writer.into_inner() {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            warnings.push(format!("CSV writer: {e}"));
            String::new()
        }
    }
}

fn year_cell(y: Option<i64>) -> String {
    y.map(|y| y.to_string()).unwrap_or_default()
}

fn join_list(path: &str, field: &str, values: &[String], w: &mut Vec<String>) -> String {
    for v in values {
        if v.is_empty() || v.contains(';') {
            w.push(format!(
                "{path}.{field}: the value `{v}` is empty or contains `;`, which a CSV list cannot hold"
            ));
        }
    }
    values.join(";")
}

fn split_localized(
    path: &str,
    field: &str,
    text: Option<&LocalizedText>,
    w: &mut Vec<String>,
) -> (String, String) {
    match text {
        None => (String::new(), String::new()),
        Some(LocalizedText::Plain(s)) => (s.clone(), String::new()),
        Some(LocalizedText::Map(m)) => {
            for lang in m.keys().filter(|l| *l != "fr" && *l != "en") {
                w.push(format!(
                    "{path}.{field}.{lang}: only French and English have CSV columns"
                ));
            }
            (
                m.get("fr").cloned().unwrap_or_default(),
                m.get("en").cloned().unwrap_or_default(),
            )
        }
    }
}

fn sources_cell(path: &str, sources: &[Source], w: &mut Vec<String>) -> String {
    let seed = seed_report_source();
    let parts: Vec<String> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let p = format!("{path}.sources[{i}]");
            match s {
                _ if *s == seed => SEED_REPORT.to_string(),
                Source::Url(u) => {
                    if !is_http_url(u) {
                        w.push(format!(
                            "{p}: `{u}` is not an http(s) URL; it will come back as a label"
                        ));
                    }
                    u.clone()
                }
                Source::Labelled {
                    label: LocalizedText::Plain(t),
                    url: None,
                } => {
                    if t.contains("; ") || is_http_url(t) || t == SEED_REPORT || t.trim() != t {
                        w.push(format!(
                            "{p}: the label `{t}` cannot be told apart in a CSV cell"
                        ));
                    }
                    t.clone()
                }
                Source::Labelled { label, url } => {
                    w.push(format!(
                        "{p}: a labelled source {} is exported as {}",
                        if url.is_some() {
                            "with a URL"
                        } else {
                            "in several languages"
                        },
                        if url.is_some() {
                            "its URL"
                        } else {
                            "its French label"
                        }
                    ));
                    url.clone().unwrap_or_else(|| label.get("fr").to_string())
                }
            }
        })
        .collect();
    parts.join("; ")
}

fn lossy_extra(path: &str, extra: &crate::model::format::dataset::Extra, w: &mut Vec<String>) {
    for key in extra.keys() {
        w.push(format!("{path}.{key}: unknown field, not exported"));
    }
}
