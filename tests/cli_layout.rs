//! `civicmap layout`: the map's positions written into the file (so the map
//! opens without a layout), the rest of the file untouched, and the quality
//! report.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod cli_run;
use cli_run::{run, s, stderr, stdout};

use std::path::{Path, PathBuf};

use civicmap::model::format::file;
use civicmap::model::format::validate::load;
use civicmap::model::network::graph::Graph;
use civicmap::model::network::layout::{self, quality, Layout};

const DEFAULT: &str = "static/data/civic-tech-fr.json";

/// A fresh directory for one test of this suite.
fn scratch(name: &str) -> PathBuf {
    cli_run::scratch("cli_layout", name)
}

/// The file at `path` as written, without its actors' positions.
fn without_positions(path: &Path) -> file::Dataset {
    let mut ds: file::Dataset = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    for a in &mut ds.actors {
        a.position = None;
    }
    ds
}

/// The default dataset without its positions, written in `dir`: what
/// `scripts/build-dataset.sh` lays out.
fn unplaced(dir: &Path) -> PathBuf {
    let path = dir.join("unplaced.json");
    let ds = without_positions(&Path::new(cli_run::ROOT).join(DEFAULT));
    std::fs::write(&path, serde_json::to_string_pretty(&ds).unwrap() + "\n").unwrap();
    path
}

fn loaded(path: &Path) -> civicmap::model::format::dataset::Dataset {
    load(&std::fs::read(path).unwrap()).dataset.unwrap()
}

#[test]
fn writes_the_maps_positions_and_the_map_then_runs_no_layout() {
    let dir = scratch("default");
    let out = dir.join("out.json");
    let bare = unplaced(&dir);
    let o = run(&["layout", s(&bare), "-o", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));

    let input = loaded(&bare);
    let g = Graph::new(&input);
    let expected = layout::compute(&input, &g);
    let laid = loaded(&out);
    assert_eq!(laid.actors.len(), input.actors.len());
    for (a, p) in laid.actors.iter().zip(&expected) {
        // What the map computes, to the thousandth of a layout unit.
        let q = a.position.unwrap();
        assert!(
            (q.x - p.x).abs() <= 5e-4 && (q.y - p.y).abs() <= 5e-4,
            "{}",
            a.id()
        );
    }
    // The map pins every actor: no iteration to run, the file's positions
    // shown as they are.
    let g2 = Graph::new(&laid);
    let mut map = Layout::new(&laid, &g2);
    assert_eq!(map.budget(), 0);
    while !map.step(64) {}
    let file_positions: Vec<_> = laid.actors.iter().map(|a| a.position.unwrap()).collect();
    assert_eq!(map.positions, file_positions);

    // Everything but the positions is the file as it was.
    let strip = |p: &Path| serde_json::to_value(without_positions(p)).unwrap();
    assert_eq!(strip(&out), strip(&bare));
    // The positions the default dataset ships are these (build-dataset.sh).
    assert!(
        std::fs::read(&out).unwrap()
            == std::fs::read(Path::new(cli_run::ROOT).join(DEFAULT)).unwrap(),
        "the default dataset's positions are stale: run scripts/build-dataset.sh"
    );

    let text = stdout(&o);
    assert!(text.contains("162 actors, 162 from the layout"), "{text}");
    assert!(text.contains("link ratio: 0."), "{text}");
    assert!(text.contains("neighbour share: 0."), "{text}");
}

#[test]
fn json_report_matches_the_model_and_a_layout_beats_its_start() {
    let dir = scratch("json");
    let out = dir.join("out.json");
    let bare = unplaced(&dir);
    let report = |iterations: &str| {
        let mut args = vec!["layout", s(&bare), "-o", s(&out), "--format", "json"];
        if !iterations.is_empty() {
            args.extend(["--iterations", iterations]);
        }
        let o = run(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_str::<serde_json::Value>(&stdout(&o)).unwrap()
    };
    let settled = report("");
    let laid = loaded(&out);
    let g = Graph::new(&laid);
    let positions: Vec<_> = laid.actors.iter().map(|a| a.position.unwrap()).collect();
    let edges: Vec<_> = (0..g.link_count()).filter_map(|l| g.ends(l)).collect();
    let q = quality::measure(&positions, &edges);
    // The report measures the positions written (the last bits may differ
    // through JSON).
    let close = |a: Option<f64>, b: Option<f64>| (a.unwrap() - b.unwrap()).abs() < 1e-9;
    assert!(
        close(settled["quality"]["link_ratio"].as_f64(), q.link_ratio),
        "{settled} {q:?}"
    );
    assert!(close(
        settled["quality"]["neighbour_share"].as_f64(),
        q.neighbour_share
    ));
    let input = loaded(&bare);
    let g_in = Graph::new(&input);
    assert_eq!(
        settled["iterations"].as_u64().unwrap() as usize,
        Layout::new(&input, &g_in).budget()
    );

    // No iteration: the seeded start, only the overlaps resolved.
    let start = report("0");
    assert_eq!(start["iterations"], 0);
    let (s, e) = (&start["quality"], &settled["quality"]);
    assert!(
        e["link_ratio"].as_f64() < s["link_ratio"].as_f64(),
        "{s} {e}"
    );
    assert!(
        e["neighbour_share"].as_f64() > s["neighbour_share"].as_f64(),
        "{s} {e}"
    );
}

#[test]
fn a_broken_file_writes_nothing() {
    let dir = scratch("broken");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"actors": [{"id": "a"}], "links": 3}"#).unwrap();
    let out = dir.join("out.json");
    let o = run(&["layout", s(&bad), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot be used"), "{}", stderr(&o));
    assert!(!out.exists());
    assert_eq!(run(&["layout", DEFAULT]).status.code(), Some(2));
}
