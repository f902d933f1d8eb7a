//! The entry points of the fuzz targets (`fuzz/fuzz_targets/*.rs`), shared
//! with the stable replay test (`tests/corpus_replay.rs`) so that every
//! input ever found by the fuzzer is checked by a plain `cargo test`.
//!
//! Each function takes arbitrary bytes, drives one public entry of the
//! model the way the app or the CLI does, and checks invariants a user
//! relies on. A panic anywhere is a crash the fuzzer reports; a broken
//! invariant is returned as a [`Violation`], which the fuzz target and the
//! replay test turn into a failure. See `docs/fuzzing.md`.
//!
//! ```
//! use civicmap::model::fuzz_entry;
//! assert_eq!(fuzz_entry::url(b"?type=startup&depth=9&q=%C3%A9"), Ok(()));
//! assert_eq!(fuzz_entry::load(b"{\"format\": 1}"), Ok(()));
//! ```

use std::sync::OnceLock;

use crate::convert::csv::{import_csv, parse_taxonomy, to_pretty_json, CsvFile, CsvInput};
use crate::deploy::message::{self, HostCommand, MessageError};
use crate::model::format::dataset::Dataset;
use crate::model::format::file::Taxonomy;
use crate::model::format::validate::{self, Limits};
use crate::model::network::filter;
use crate::model::network::graph::Graph;
use crate::model::network::layout::Layout;
use crate::model::view::state::AppState;
use crate::model::view::url as codec;

/// A broken invariant: what was expected, for the input at hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation(pub String);

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn ensure(ok: bool, what: impl FnOnce() -> String) -> Result<(), Violation> {
    if ok {
        Ok(())
    } else {
        Err(Violation(what()))
    }
}

/// Small limits, so that the fuzzer reaches the `too-large` path.
const SMALL: Limits = Limits {
    max_actors: 8,
    max_links: 8,
};

/// The loader and validator on arbitrary bytes.
///
/// Invariants: a dataset comes back exactly when there is no error; every
/// diagnostic has a 1-based line and column; a loaded dataset builds a
/// graph, a visible set and a layout, and once written back as JSON (what
/// `civicmap import` commits) it loads again without errors, with the same
/// actors and links; with small limits, a file over them is refused with
/// `too-large` and only then.
pub fn load(data: &[u8]) -> Result<(), Violation> {
    let loaded = validate::load(data);
    ensure(loaded.dataset.is_some() != loaded.has_errors(), || {
        format!(
            "dataset present = {} but errors = {}",
            loaded.dataset.is_some(),
            loaded.has_errors()
        )
    })?;
    for d in &loaded.diagnostics {
        ensure(
            d.line.is_some_and(|l| l >= 1) && d.column.is_some_and(|c| c >= 1),
            || format!("diagnostic without a position: {d:?}"),
        )?;
    }
    let small = validate::load_with_limits(data, &SMALL);
    let refused = small.diagnostics.iter().any(|d| d.code == "too-large");
    if let Some(ds) = &loaded.dataset {
        let over = ds.actors.len() > SMALL.max_actors || ds.links.len() > SMALL.max_links;
        ensure(refused == over, || {
            format!(
                "{} actors, {} links: too-large = {refused}",
                ds.actors.len(),
                ds.links.len()
            )
        })?;
        ensure(refused || small.dataset.as_ref() == Some(ds), || {
            "limits changed a dataset under them".into()
        })?;
        exercise(ds)?;
        reload(ds)?;
    } else {
        ensure(small.dataset.is_none(), || {
            "a file refused without limits loads with limits".into()
        })?;
    }
    Ok(())
}

/// What the app does with a loaded dataset before the first frame.
fn exercise(ds: &Dataset) -> Result<(), Violation> {
    let g = Graph::new(ds);
    let visible = filter::visible(ds, &g, &AppState::default().filter);
    ensure(visible.actor_count == ds.actors.len(), || {
        format!(
            "the default view shows {} of {} actors",
            visible.actor_count,
            ds.actors.len()
        )
    })?;
    let mut layout = Layout::new(ds, &g);
    layout.step(2);
    Ok(())
}

/// A loaded dataset, written back as JSON, loads again to the same thing.
fn reload(ds: &Dataset) -> Result<(), Violation> {
    let json = to_pretty_json(ds).map_err(|e| Violation(format!("cannot serialize: {e}")))?;
    let again = validate::load(json.as_bytes());
    let Some(back) = again.dataset else {
        return Err(Violation(format!(
            "a loaded dataset written back does not load: {:?}",
            again.diagnostics
        )));
    };
    ensure(
        back.actors.len() == ds.actors.len() && back.links.len() == ds.links.len(),
        || "a loaded dataset written back lost actors or links".into(),
    )
}

/// A small dataset for resolving URLs against: types, objectives,
/// ecosystems, link kinds, aliases, a stake.
const URL_DATASET: &str = r#"{"format": "civicmap/1",
 "taxonomy": {"actor_types": [{"id": "association"}, {"id": "startup"}, {"id": "public"}]},
 "actors": [
  {"id": "decidim", "name": "Decidim", "type": "association", "objectives": ["co-production"],
   "ecosystems": ["open-source"], "founded": 2016},
  {"id": "cap-collectif", "name": "Cap Collectif", "aliases": ["capco"], "type": "startup",
   "objectives": ["mobilisation"], "founded": 2014},
  {"id": "dinum", "name": "DINUM", "aliases": ["dinsic", "Etalab"], "type": "public",
   "ecosystems": ["open-data"], "founded": 2019, "dissolved": 2100},
  {"id": "x.y_z-0", "name": "Démocratie Ouverte", "type": "association"}],
 "links": [
  {"source": "cap-collectif", "target": "decidim", "kind": "inspired-by", "since": 2017},
  {"source": "dinum", "target": "cap-collectif", "kind": "funds", "until": 2020},
  {"source": "x.y_z-0", "target": "dinum", "kind": "partners-with"}],
 "stakes": [{"id": "open-source", "actors": ["decidim"]}]}"#;

fn url_dataset() -> Option<&'static Dataset> {
    static DATASET: OnceLock<Option<Dataset>> = OnceLock::new();
    DATASET
        .get_or_init(|| validate::load(URL_DATASET.as_bytes()).dataset)
        .as_ref()
}

/// The URL codec on an arbitrary string (invalid UTF-8 is replaced, as a
/// browser's `location.search` would be).
///
/// Invariants: decoding never fails; the canonical query decodes to the
/// same state and re-encodes to itself (decode ∘ encode is stable); the
/// same holds after resolving against a dataset, resolving is idempotent,
/// and a resolved state only names ids of that dataset.
pub fn url(data: &[u8]) -> Result<(), Violation> {
    let text = String::from_utf8_lossy(data);
    let (state, _) = codec::decode(&text);
    round_trip(&state)?;
    let ds = url_dataset().ok_or_else(|| Violation("the URL dataset does not load".into()))?;
    let (resolved, _) = codec::resolve(state, ds);
    round_trip(&resolved)?;
    let (again, notices) = codec::resolve(resolved.clone(), ds);
    ensure(again == resolved && notices.is_empty(), || {
        format!("resolve is not idempotent: {notices:?}")
    })?;
    if let Some(actor) = &resolved.filter.actor {
        ensure(ds.actors.iter().any(|a| a.id() == actor), || {
            format!("resolved actor `{actor}` is not in the dataset")
        })?;
    }
    let g = Graph::new(ds);
    filter::visible(ds, &g, &resolved.filter);
    Ok(())
}

fn round_trip(state: &AppState) -> Result<(), Violation> {
    let query = codec::encode(state);
    let (back, notices) = codec::decode(&query);
    ensure(&back == state && notices.is_empty(), || {
        format!("decode(encode(s)) != s for `{query}`: {back:?} vs {state:?}, {notices:?}")
    })?;
    let again = codec::encode(&back);
    ensure(again == query, || {
        format!("encode is not stable: `{query}` then `{again}`")
    })
}

/// The project's taxonomy (`data/taxonomy.json`): closed actor types, link
/// kinds and objectives, as the data team imports with.
fn project_taxonomy() -> Option<&'static Taxonomy> {
    static TAXONOMY: OnceLock<Option<Taxonomy>> = OnceLock::new();
    TAXONOMY
        .get_or_init(|| {
            parse_taxonomy("taxonomy.json", include_str!("../../data/taxonomy.json")).ok()
        })
        .as_ref()
}

/// The CSV importer on arbitrary bytes: the first byte picks the taxonomy
/// (odd: the project's closed one; even: only the actor types of the
/// project, other lists open), the rest is the actors CSV, then a NUL
/// byte, then the links CSV. Invalid UTF-8 is replaced.
///
/// Invariants: the importer never panics; when it reports no error, the
/// dataset it built (written as JSON, as `civicmap import` does) loads
/// without errors — every row it could not use was reported, not passed on.
pub fn csv_import(data: &[u8]) -> Result<(), Violation> {
    let Some((&first, rest)) = data.split_first() else {
        return Ok(());
    };
    let project =
        project_taxonomy().ok_or_else(|| Violation("data/taxonomy.json does not load".into()))?;
    let taxonomy = if first % 2 == 1 {
        project.clone()
    } else {
        Taxonomy {
            actor_types: project.actor_types.clone(),
            ..Taxonomy::default()
        }
    };
    let (actors, links) = match rest.iter().position(|&b| b == 0) {
        Some(i) => (
            rest.get(..i).unwrap_or(&[]),
            rest.get(i + 1..).unwrap_or(&[]),
        ),
        None => (rest, &[][..]),
    };
    let actors = String::from_utf8_lossy(actors);
    let links = String::from_utf8_lossy(links);
    let input = CsvInput {
        actors: CsvFile {
            name: "actors.csv",
            text: &actors,
        },
        links: CsvFile {
            name: "links.csv",
            text: &links,
        },
        events: None,
        stakes: None,
        taxonomy,
        meta: Default::default(),
    };
    let imported = import_csv(&input);
    if imported.count(crate::convert::csv::Outcome::Error) > 0 {
        return Ok(());
    }
    let json = to_pretty_json(&imported.dataset)
        .map_err(|e| Violation(format!("cannot serialize: {e}")))?;
    let loaded = validate::load(json.as_bytes());
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    ensure(errors.is_empty(), || {
        format!("an import without errors does not load: {errors:?}\n{json}")
    })
}

/// The host-message decoder on arbitrary bytes (invalid UTF-8 replaced).
///
/// Invariants: decoding never panics; an accepted command's `state` goes
/// through the URL decoder without trouble; the map's own messages, for
/// any query or actor, are valid JSON that the decoder refuses (no echo
/// loop), and a `set-state` built around any string decodes to exactly
/// that string.
pub fn host_message(data: &[u8]) -> Result<(), Violation> {
    let text = String::from_utf8_lossy(data);
    if let Ok(HostCommand::SetState { state }) = message::decode_host_message(&text) {
        let (st, _) = codec::decode(&state);
        round_trip(&st)?;
    }
    let own = [
        message::encode_state_message(&text, data.len(), usize::MAX),
        message::encode_select_message(Some(&text)),
        message::encode_select_message(None),
    ];
    for m in &own {
        ensure(serde_json::from_str::<serde_json::Value>(m).is_ok(), || {
            format!("the map sent invalid JSON: {m}")
        })?;
        match message::decode_host_message(m) {
            Err(MessageError::UnknownType(_)) | Err(MessageError::TooLarge(_)) => {}
            other => return Err(Violation(format!("own message taken as {other:?}: {m}"))),
        }
    }
    let command = serde_json::json!({"type": message::SET_STATE, "state": &*text}).to_string();
    match message::decode_host_message(&command) {
        Ok(HostCommand::SetState { state }) => ensure(state == text, || {
            format!("set-state changed its state: {state:?} vs {text:?}")
        }),
        Err(MessageError::TooLarge(_)) => Ok(()),
        other => Err(Violation(format!(
            "a well-formed set-state was refused: {other:?}"
        ))),
    }
}

/// What every graph import must give, whatever the file: notes with a
/// place, valid and unique actor ids, links between existing actors, and a
/// GEXF export of the result that reads back with the same actors and
/// links (nothing the importer built is lost by the writer).
fn graph_import_invariants(
    result: Result<crate::convert::csv::Imported, crate::convert::csv::ImportNote>,
) -> Result<(), Violation> {
    use crate::convert::{gexf, mapping::Mapping};
    let imported = match result {
        Ok(i) => i,
        Err(note) => {
            return ensure(note.line.is_some_and(|l| l >= 1), || {
                format!("an error without a line: {note}")
            })
        }
    };
    if let Some(n) = imported.notes.iter().find(|n| n.line.is_none_or(|l| l < 1)) {
        return Err(Violation(format!("a note without a line: {n}")));
    }
    let ds = &imported.dataset;
    let mut ids = std::collections::HashSet::new();
    for a in &ds.actors {
        let id = a.id.clone().unwrap_or_default();
        ensure(validate::is_valid_id(&id), || format!("invalid id `{id}`"))?;
        ensure(ids.insert(id.clone()), || format!("duplicate id `{id}`"))?;
    }
    for l in &ds.links {
        let (s, t) = (
            l.source.clone().unwrap_or_default(),
            l.target.clone().unwrap_or_default(),
        );
        ensure(ids.contains(&s) && ids.contains(&t), || {
            format!("a link {s} → {t} to an unknown actor")
        })?;
    }
    let (text, _) = gexf::export_gexf(ds);
    let back = gexf::import_gexf("export.gexf", text.as_bytes(), &Mapping::default())
        .map_err(|n| Violation(format!("the export does not read back: {n}\n{text}")))?;
    ensure(
        back.dataset.actors.len() == ds.actors.len() && back.dataset.links.len() == ds.links.len(),
        || format!("the export reads back with other counts\n{text}"),
    )
}

/// The GEXF importer on arbitrary bytes (see [`graph_import_invariants`]).
pub fn gexf_import(data: &[u8]) -> Result<(), Violation> {
    let map = crate::convert::mapping::Mapping::default();
    graph_import_invariants(crate::convert::gexf::import_gexf("fuzz.gexf", data, &map))
}

/// The GraphML importer on arbitrary bytes (see [`graph_import_invariants`]).
pub fn graphml_import(data: &[u8]) -> Result<(), Violation> {
    let map = crate::convert::mapping::Mapping::default();
    graph_import_invariants(crate::convert::graphml::import_graphml(
        "fuzz.graphml",
        data,
        &map,
    ))
}

/// The Kumu importer on arbitrary bytes: the Elements CSV, a NUL byte, the
/// Connections CSV (invalid UTF-8 replaced); see [`graph_import_invariants`].
pub fn kumu_import(data: &[u8]) -> Result<(), Violation> {
    use crate::convert::kumu;
    let (e, c) = match data.iter().position(|&b| b == 0) {
        Some(i) => (data.get(..i).unwrap_or(&[]), data.get(i + 1..)),
        None => (data, None),
    };
    let read =
        |name: &str, bytes: &[u8]| kumu::sheet_from_csv(name, &String::from_utf8_lossy(bytes));
    let result = read("elements.csv", e).and_then(|e| {
        let c = c.map(|c| read("connections.csv", c)).transpose()?;
        kumu::import_kumu(&e, c.as_ref(), &crate::convert::mapping::Mapping::default())
    });
    graph_import_invariants(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixed_inputs_load() {
        assert!(url_dataset().is_some());
        assert!(project_taxonomy().is_some());
    }

    #[test]
    fn each_entry_accepts_ordinary_input() {
        let file = include_bytes!("../../tests/fixtures/valid-minimal.json");
        assert_eq!(load(file), Ok(()));
        assert_eq!(url(b"type=startup&actor=capco&depth=2&year=2018"), Ok(()));
        assert_eq!(
            csv_import(b"\x01id,name,kind\nfing,FING,association\n\0source_id,target_id,kind\n"),
            Ok(())
        );
        assert_eq!(
            host_message(br#"{"type":"civicmap:set-state","state":"q=x"}"#),
            Ok(())
        );
    }

    #[test]
    fn a_broken_invariant_is_reported_not_panicked() {
        let v = ensure(false, || "why".into());
        assert_eq!(v, Err(Violation("why".into())));
    }
}
