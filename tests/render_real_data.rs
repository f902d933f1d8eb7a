//! The renderer's pure parts on real data: the default civic-tech dataset
//! (laid out by the model) and the 2,085-actor sigma.js demo graph
//! (positions from the file). Label placement never overlaps, the most
//! connected actors get their labels first, every actor is found under its
//! own centre, and a frame's label placement is cheap.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::time::Instant;

use civicmap::model::format::dataset::{Dataset, Position};
use civicmap::model::network::graph::Graph;
use civicmap::model::network::layout;
use civicmap::render::camera::{Bounds, Camera, Viewport};
use civicmap::render::labels::{label_box, Candidate, Placer, GAP};
use civicmap::render::scene::Scene;
use civicmap::render::spatial::Grid;
use civicmap::render::style::size;

const VP: Viewport = Viewport {
    width: 1280.0,
    height: 800.0,
};

fn civic_tech() -> (Dataset, Graph, Vec<Position>) {
    let ds = civicmap::model::fixtures::default_dataset();
    let g = Graph::new(&ds);
    let p = layout::compute(&ds, &g);
    (ds, g, p)
}

fn sigma() -> (Dataset, Graph, Vec<Position>) {
    let ds = civicmap::model::fixtures::sigma_demo();
    let g = Graph::new(&ds);
    let p = ds.actors.iter().map(|a| a.position.unwrap()).collect();
    (ds, g, p)
}

/// Labels at camera `cam`, placed like the canvas does (text 7 px per char).
fn labels(scene: &Scene, p: &[Position], cam: Camera) -> Vec<Candidate> {
    let mut placer = Placer::default();
    let mut out = Vec::new();
    let cands = scene.by_priority.iter().filter_map(|&a| {
        let r = (scene.radius_of(a) * cam.zoom).max(size::MIN_NODE_RADIUS);
        if scene.radius_of(a) * cam.zoom < size::LABEL_MIN_RADIUS {
            return None;
        }
        let (sx, sy) = cam.to_screen(VP, p[a].x, p[a].y);
        let w = scene.names[a].chars().count() as f64 * 7.0;
        let reach = r * scene.extent_of(a);
        Some(Candidate {
            actor: a,
            rect: label_box(sx, sy, reach, w, VP.width),
            forced: false,
            others: None,
            node: Some(civicmap::render::labels::Rect {
                x: sx - reach,
                y: sy - reach,
                w: 2.0 * reach,
                h: 2.0 * reach,
            }),
        })
    });
    placer.place(VP.width, VP.height, cands, &mut out);
    out
}

fn fit(scene: &Scene, p: &[Position]) -> Camera {
    let b = Bounds::of_discs(
        p.iter()
            .enumerate()
            .map(|(i, q)| (q.x, q.y, scene.radius_of(i))),
    )
    .unwrap();
    Camera::fit(b, VP, size::FIT_PADDING)
}

fn check_labels(name: &str, ds: &Dataset, g: &Graph, p: &[Position]) {
    let scene = Scene::new(ds, g);
    let cam = fit(&scene, p);
    let placed = labels(&scene, p, cam);
    assert!(
        !placed.is_empty(),
        "{name}: some labels at the fitting zoom"
    );
    for (i, a) in placed.iter().enumerate() {
        for b in &placed[i + 1..] {
            let pa = a.rect;
            let grown = civicmap::render::labels::Rect {
                x: pa.x - GAP,
                y: pa.y - GAP,
                w: pa.w + 2.0 * GAP,
                h: pa.h + 2.0 * GAP,
            };
            assert!(
                !grown.overlaps(&b.rect),
                "{name}: {} and {} overlap",
                scene.names[a.actor],
                scene.names[b.actor]
            );
        }
    }
    // The most connected actor is labelled (it is placed first).
    assert_eq!(placed[0].actor, scene.by_priority[0], "{name}");
    // Zooming in 3x around the centre shows more labels for the actors of
    // the central third than the fitting zoom did.
    let closer = Camera {
        zoom: cam.zoom * 3.0,
        ..cam
    };
    let central = |a: usize| {
        let (sx, sy) = cam.to_screen(VP, p[a].x, p[a].y);
        (sx - VP.width / 2.0).abs() <= VP.width / 6.0
            && (sy - VP.height / 2.0).abs() <= VP.height / 6.0
    };
    let before = placed.iter().filter(|c| central(c.actor)).count();
    let after = labels(&scene, p, closer)
        .iter()
        .filter(|c| central(c.actor))
        .count();
    println!(
        "{name}: {} labels at fit ({before} central), {after} central at 3x",
        placed.len()
    );
    assert!(after > before, "{name}: more labels as you zoom in");

    // Every actor is hit at its own centre (or one drawn at the same spot).
    let grid = Grid::build(p, &scene.radius);
    for (i, q) in p.iter().enumerate() {
        let hit = grid
            .hit(
                p,
                q.x,
                q.y,
                grid.max_radius(),
                |j| scene.radius_of(j),
                |_| true,
            )
            .unwrap();
        assert!(
            hit == i || (p[hit].x == q.x && p[hit].y == q.y),
            "{name}: actor {i} hit as {hit}"
        );
    }
}

#[test]
fn civic_tech_labels_and_hits() {
    let (ds, g, p) = civic_tech();
    check_labels("civic-tech-fr", &ds, &g, &p);
}

#[test]
fn sigma_graph_labels_and_hits() {
    let (ds, g, p) = sigma();
    assert_eq!((ds.actors.len(), ds.links.len()), (2085, 5409));
    check_labels("sigma 2085", &ds, &g, &p);
}

/// Scene building, grid building and one frame's label placement on the
/// 2,085-actor graph, timed (printed; `cargo test --release --test
/// render_real_data -- --nocapture`). The bound only catches an accidental
/// quadratic algorithm, not normal machine noise.
#[test]
fn frame_work_on_the_large_graph_is_cheap() {
    let (ds, g, p) = sigma();
    let t = Instant::now();
    let scene = Scene::new(&ds, &g);
    let scene_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let grid = Grid::build(&p, &scene.radius);
    let grid_ms = t.elapsed().as_secs_f64() * 1e3;
    let cam = fit(&scene, &p);
    let t = Instant::now();
    for _ in 0..10 {
        labels(&scene, &p, cam);
    }
    let labels_ms = t.elapsed().as_secs_f64() * 1e3 / 10.0;
    let t = Instant::now();
    let mut hits = 0;
    for q in &p {
        hits += usize::from(
            grid.hit(&p, q.x, q.y, 20.0, |j| scene.radius_of(j), |_| true)
                .is_some(),
        );
    }
    let hit_us = t.elapsed().as_secs_f64() * 1e6 / p.len() as f64;
    println!("scene {scene_ms:.2} ms, grid {grid_ms:.2} ms, labels {labels_ms:.2} ms/frame, hit {hit_us:.2} µs");
    assert_eq!(hits, p.len());
    assert!(labels_ms < 250.0 && hit_us < 2000.0);
}
