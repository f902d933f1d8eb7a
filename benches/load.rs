//! Benchmark: `load` on a generated dataset of 10,000 actors and 50,000
//! links (the size the checker must handle in under a second).
//!
//! Run: `cargo bench --bench load` (release profile). Optional arguments:
//! `cargo bench --bench load -- <actors> <links> <runs> [broken]`; with
//! `broken`, every link targets an unknown actor, so every link gets an
//! error and every actor a warning, all located in the text (the worst case
//! of the locator). With `write=<path>`, the generated file is also saved,
//! e.g. to time the command-line checker on it:
//! `cargo bench --bench load -- write=/tmp/big.json && time civicmap check /tmp/big.json`.
//!
//! The dataset is generated deterministically with a linear congruential
//! generator, so every run measures the same bytes.

use std::time::{Duration, Instant};

use civicmap::model::format::validate::load;

/// Knuth's MMIX linear congruential generator.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from.get(self.below(from.len()))
            .copied()
            .unwrap_or_default()
    }
}

const TYPES: [&str; 8] = [
    "association",
    "startup",
    "company",
    "public-agency",
    "local-authority",
    "platform",
    "network",
    "research",
];
const OBJECTIVES: [&str; 3] = ["information", "mobilisation", "co-production"];
const KINDS: [&str; 9] = [
    "funds",
    "partners-with",
    "member-of",
    "uses",
    "operates",
    "built-on",
    "spin-off-of",
    "inspired-by",
    "organises",
];

/// A `civicmap/1` file with `actors` actors and `links` links, as bytes.
fn generate(actors: usize, links: usize, broken: bool) -> Vec<u8> {
    let mut rng = Lcg(42);
    let terms = |ids: &[&str]| {
        ids.iter()
            .map(|id| serde_json::json!({"id": id, "label": {"fr": id, "en": id}}))
            .collect::<Vec<_>>()
    };
    let kinds: Vec<_> = KINDS
        .iter()
        .map(|id| serde_json::json!({"id": id, "label": {"fr": id, "en": id}, "directed": true}))
        .collect();
    let actor_list: Vec<_> = (0..actors)
        .map(|i| {
            let ty = rng.pick(&TYPES);
            let objective = rng.pick(&OBJECTIVES);
            let founded = 1950 + rng.below(50);
            serde_json::json!({
                "id": format!("actor-{i}"),
                "name": format!("Acteur numéro {i}"),
                "aliases": [format!("Ancien nom {i}")],
                "type": ty,
                "objectives": [objective],
                "ecosystems": ["civic-tech"],
                "founded": founded,
                "country": "FR",
                "website": format!("https://actor-{i}.example.org/"),
                "description": {"fr": "Une description d'une phrase.", "en": "A one-sentence description."},
                "sources": [format!("https://news.example.org/{i}"), {"label": {"fr": "Rapport 2018"}}],
            })
        })
        .collect();
    let link_list: Vec<_> = (0..links)
        .map(|_| {
            let s = rng.below(actors);
            let mut t = rng.below(actors);
            if t == s {
                t = (t + 1) % actors.max(1);
            }
            let target = if broken {
                format!("nobody-{t}")
            } else {
                format!("actor-{t}")
            };
            serde_json::json!({
                "source": format!("actor-{s}"),
                "target": target,
                "kind": rng.pick(&KINDS),
                "since": 2000 + rng.below(20),
                "sources": ["https://links.example.org/x"],
            })
        })
        .collect();
    let dataset = serde_json::json!({
        "format": "civicmap/1",
        "meta": {"title": {"fr": "Banc d'essai", "en": "Benchmark"}, "version": "1"},
        "taxonomy": {
            "actor_types": terms(&TYPES),
            "objectives": terms(&OBJECTIVES),
            "link_kinds": kinds,
            "ecosystems": terms(&["civic-tech"]),
        },
        "actors": actor_list,
        "links": link_list,
    });
    serde_json::to_vec_pretty(&dataset).unwrap_or_default()
}

/// CPU time of this process so far (Linux `schedstat`), if available: less
/// sensitive than wall-clock time to other processes on a shared machine.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Wall-clock times of `runs` calls of `f`.
fn time(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect()
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let actors = args.first().copied().unwrap_or(10_000);
    let links = args.get(1).copied().unwrap_or(50_000);
    let runs = args.get(2).copied().unwrap_or(7).max(1);

    let broken = std::env::args().any(|a| a == "broken");
    let bytes = generate(actors, links, broken);
    for path in std::env::args().filter_map(|a| a.strip_prefix("write=").map(String::from)) {
        if let Err(e) = std::fs::write(&path, &bytes) {
            eprintln!("{path}: {e}");
        }
    }
    println!(
        "load: {actors} actors, {links} links, {:.1} MB, {runs} runs",
        bytes.len() as f64 / 1e6
    );
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut cpu: Vec<Duration> = Vec::with_capacity(runs);
    let mut summary = String::new();
    for _ in 0..runs {
        let start = Instant::now();
        let cpu_start = cpu_time();
        let loaded = load(&bytes);
        times.push(start.elapsed());
        if let (Some(a), Some(b)) = (cpu_start, cpu_time()) {
            cpu.push(b.saturating_sub(a));
        }
        let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
        summary = format!(
            "{} errors, {} warnings, loaded: {}",
            errors,
            loaded.diagnostics.len() - errors,
            loaded.dataset.is_some()
        );
    }
    times.sort();
    // For reference, on the same bytes: parsing into a serde_json::Value,
    // and serde's derived deserialization into the dataset types.
    let mut parse = time(runs, || {
        let _ = serde_json::from_slice::<serde_json::Value>(&bytes);
    });
    let mut derive = time(runs, || {
        let _ = serde_json::from_slice::<civicmap::model::format::dataset::Dataset>(&bytes);
    });
    let min = times.first().copied().unwrap_or_default();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    println!("{summary}");
    let ms = |d: Option<&Duration>| d.map_or(0.0, |d| d.as_secs_f64() * 1e3);
    println!(
        "load: min {:.1} ms, median {:.1} ms",
        ms(Some(&min)),
        ms(Some(&median))
    );
    cpu.sort();
    if !cpu.is_empty() {
        println!(
            "load, CPU time: min {:.1} ms, median {:.1} ms",
            ms(cpu.first()),
            ms(cpu.get(cpu.len() / 2))
        );
    }
    for (name, times) in [
        ("serde_json::Value parse + drop", &mut parse),
        ("serde derive into Dataset", &mut derive),
    ] {
        times.sort();
        println!(
            "(reference, {name}: min {:.1} ms, median {:.1} ms)",
            ms(times.first()),
            ms(times.get(times.len() / 2))
        );
    }
}
