//! The bodies of the `civicmap` commands: each reads its files, calls the
//! library (where the work lives) and prints what it found; failures come
//! back already worded for the user.

use super::*;

/// A failure that stops the command, already worded for the user.
pub(super) type Result<T> = std::result::Result<T, String>;

pub(super) fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("{}: error[read-error]: {e}", path.display()))
}

pub(super) fn read_text(path: &Path) -> Result<String> {
    String::from_utf8(read(path)?).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = e.as_bytes().get(..valid).unwrap_or_default();
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        // The part before the bad byte is valid UTF-8: count characters.
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = 1 + before
            .get(line_start..)
            .and_then(|l| std::str::from_utf8(l).ok())
            .map_or(0, |l| l.chars().count());
        format!(
            "{}:{line}:{column}: error[not-utf8]: the file is not UTF-8 (byte {valid}); \
             save it as UTF-8",
            path.display(),
        )
    })
}

pub(super) fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|e| format!("{}: error[write-error]: {e}", path.display()))
}

#[derive(Serialize)]
struct FileReport {
    file: String,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<Diagnostic>,
}

pub(super) fn check(files: &[PathBuf], format: Format) -> Result<ExitCode> {
    let mut reports = Vec::new();
    for path in files {
        let file = path.display().to_string();
        let diagnostics = match std::fs::read(path) {
            Ok(bytes) => load(&bytes).diagnostics,
            Err(e) => vec![Diagnostic::error("read-error", "", e.to_string())],
        };
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        reports.push(FileReport {
            file,
            errors,
            warnings: diagnostics.len() - errors,
            diagnostics,
        });
    }
    let errors: usize = reports.iter().map(|r| r.errors).sum();
    let warnings: usize = reports.iter().map(|r| r.warnings).sum();
    match format {
        Format::Text => {
            for r in &reports {
                for d in &r.diagnostics {
                    println!("{}", format_diagnostic(&r.file, d));
                }
                println!(
                    "{}: {}, {}",
                    r.file,
                    plural(r.errors, "error"),
                    plural(r.warnings, "warning")
                );
            }
        }
        Format::Json => {
            #[derive(Serialize)]
            struct All<'a> {
                errors: usize,
                warnings: usize,
                files: &'a [FileReport],
            }
            let all = All {
                errors,
                warnings,
                files: &reports,
            };
            let json = serde_json::to_string_pretty(&all).map_err(|e| e.to_string())?;
            println!("{json}");
        }
    }
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Loads a dataset, or prints why it cannot be loaded.
pub(super) fn load_or_report(path: &Path) -> Result<(Vec<u8>, Dataset)> {
    let bytes = read(path)?;
    let loaded = load(&bytes);
    match loaded.dataset {
        Some(ds) => Ok((bytes, ds)),
        None => {
            let file = path.display().to_string();
            let lines: Vec<String> = loaded
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| format_diagnostic(&file, d))
                .collect();
            Err(format!(
                "{}\n{file}: the file has errors and cannot be used (see `civicmap check`)",
                lines.join("\n")
            ))
        }
    }
}

pub(super) fn stats_cmd(path: &Path, top: usize, lang: &str, format: Format) -> Result<ExitCode> {
    let (_, ds) = load_or_report(path)?;
    let s = stats(&ds, lang, top);
    if format == Format::Json {
        let json = serde_json::to_string_pretty(&s).map_err(|e| e.to_string())?;
        println!("{json}");
        return Ok(ExitCode::SUCCESS);
    }
    print!("{}", stats_text(&path.display().to_string(), &s));
    Ok(ExitCode::SUCCESS)
}

pub(super) struct CsvPaths {
    pub(super) actors: PathBuf,
    pub(super) links: PathBuf,
    pub(super) events: Option<PathBuf>,
    pub(super) stakes: Option<PathBuf>,
    pub(super) taxonomy: PathBuf,
    pub(super) meta: Option<PathBuf>,
    pub(super) output: PathBuf,
    pub(super) allow_partial: bool,
    pub(super) map: Option<PathBuf>,
}

pub(super) fn import_csv_cmd(p: &CsvPaths) -> Result<ExitCode> {
    let name = |p: &Path| p.display().to_string();
    let map = read_map(p.map.as_deref())?;
    let actors =
        mapping::rename_csv_header(&name(&p.actors), &read_text(&p.actors)?, &map.actors, false)
            .map_err(|n| n.to_string())?;
    let links = read_text(&p.links)?;
    let links = mapping::rename_csv_header(&name(&p.links), &links, &map.links, true)
        .map_err(|n| n.to_string())?;
    let events = p.events.as_deref().map(read_text).transpose()?;
    let stakes = p.stakes.as_deref().map(read_text).transpose()?;
    let taxonomy_name = name(&p.taxonomy);
    let taxonomy =
        parse_taxonomy(&taxonomy_name, &read_text(&p.taxonomy)?).map_err(|n| n.to_string())?;
    let meta = match &p.meta {
        Some(m) => parse_meta(&name(m), &read_text(m)?).map_err(|n| n.to_string())?,
        None => Default::default(),
    };
    let (actors_name, links_name) = (name(&p.actors), name(&p.links));
    let events_name = p.events.as_deref().map(name).unwrap_or_default();
    let stakes_name = p.stakes.as_deref().map(name).unwrap_or_default();
    let input = CsvInput {
        actors: CsvFile {
            name: &actors_name,
            text: &actors,
        },
        links: CsvFile {
            name: &links_name,
            text: &links,
        },
        events: events.as_deref().map(|text| CsvFile {
            name: &events_name,
            text,
        }),
        stakes: stakes.as_deref().map(|text| CsvFile {
            name: &stakes_name,
            text,
        }),
        taxonomy,
        meta,
    };
    let imported = import_csv(&input);
    finish_import(&imported, &p.output, p.allow_partial)
}

/// Prints the report, validates the result, writes it when allowed.
pub(super) fn finish_import(
    imported: &Imported,
    output: &Path,
    allow_partial: bool,
) -> Result<ExitCode> {
    let out = output.display().to_string();
    let finished = report::finish_import(imported, &out, allow_partial);
    for line in &finished.report {
        eprintln!("{line}");
    }
    write(output, &finished.result?)?;
    eprintln!("wrote {out}");
    Ok(ExitCode::SUCCESS)
}

pub(super) fn import_sigma_cmd(file: &Path, output: &Path) -> Result<ExitCode> {
    let text = read_text(file)?;
    let imported = civicmap::convert::sigma::import_sigma(&file.display().to_string(), &text)
        .map_err(|n| n.to_string())?;
    finish_import(&imported, output, true)
}

pub(super) fn export_cmd(file: &Path, out_dir: &Path) -> Result<ExitCode> {
    // The file as written, so that export → import gives it back.
    let ds = load_raw(file)?;
    let exported = export_csv(&ds);
    std::fs::create_dir_all(out_dir)
        .map_err(|e| format!("{}: error[write-error]: {e}", out_dir.display()))?;
    let taxonomy = serde_json::to_string_pretty(&ds.taxonomy).map_err(|e| e.to_string())? + "\n";
    let meta = serde_json::to_string_pretty(&ds.meta).map_err(|e| e.to_string())? + "\n";
    for (name, text) in [
        ("actors.csv", &exported.actors),
        ("links.csv", &exported.links),
        ("timeline.csv", &exported.events),
        ("issues.csv", &exported.stakes),
        ("taxonomy.json", &taxonomy),
        ("meta.json", &meta),
    ] {
        write(&out_dir.join(name), text)?;
    }
    for w in &exported.warnings {
        eprintln!("{}: warning: {w}", file.display());
    }
    eprintln!(
        "wrote {} (actors.csv, links.csv, timeline.csv, issues.csv, taxonomy.json, meta.json)",
        out_dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub(super) fn read_map(path: Option<&Path>) -> Result<Mapping> {
    match path {
        Some(p) => {
            Mapping::parse(&p.display().to_string(), &read_text(p)?).map_err(|n| n.to_string())
        }
        None => Ok(Mapping::default()),
    }
}

pub(super) type GraphImport =
    fn(&str, &[u8], &Mapping) -> std::result::Result<Converted, ImportNote>;

pub(super) fn import_graph_cmd(
    file: &Path,
    a: &ImportArgs,
    import: GraphImport,
) -> Result<ExitCode> {
    let map = read_map(a.map.as_deref())?;
    let imported =
        import(&file.display().to_string(), &read(file)?, &map).map_err(|n| n.to_string())?;
    finish_import(&imported, &a.output, a.allow_partial)
}

pub(super) fn import_kumu_cmd(
    book: Option<PathBuf>,
    elements: Option<PathBuf>,
    connections: Option<PathBuf>,
    a: &ImportArgs,
) -> Result<ExitCode> {
    let map = read_map(a.map.as_deref())?;
    let csv = |p: &Path| {
        kumu::sheet_from_csv(&p.display().to_string(), &read_text(p)?).map_err(|n| n.to_string())
    };
    let (e, c) = match (book, elements) {
        (Some(b), _) => kumu::sheets_from_xlsx(&b.display().to_string(), &read(&b)?)
            .map_err(|n| n.to_string())?,
        (None, Some(e)) => (csv(&e)?, connections.as_deref().map(csv).transpose()?),
        (None, None) => return Err("give a workbook or --elements".into()),
    };
    let imported = kumu::import_kumu(&e, c.as_ref(), &map).map_err(|n| n.to_string())?;
    finish_import(&imported, &a.output, a.allow_partial)
}

/// The file as written (not the loader's completed copy), once it loads.
/// The file as written (not the loader's completed copy), for exports.
pub(super) fn load_raw(file: &Path) -> Result<file::Dataset> {
    let (bytes, _) = load_or_report(file)?;
    serde_json::from_slice(&bytes)
        .map_err(|e| format!("{}: error[invalid-json]: {e}", file.display()))
}

pub(super) fn export_graph_cmd(a: &ExportArgs, format: &str) -> Result<ExitCode> {
    let ds = load_raw(&a.file)?;
    let (bytes, warnings) = match format {
        "gexf" => {
            let (text, w) = gexf::export_gexf(&ds);
            (text.into_bytes(), w)
        }
        "graphml" => {
            let (text, w) = graphml::export_graphml(&ds);
            (text.into_bytes(), w)
        }
        _ => kumu::export_kumu_xlsx(&ds)?,
    };
    for w in &warnings {
        eprintln!("{}: warning: {w}", a.file.display());
    }
    std::fs::write(&a.output, bytes)
        .map_err(|e| format!("{}: error[write-error]: {e}", a.output.display()))?;
    eprintln!("wrote {}", a.output.display());
    Ok(ExitCode::SUCCESS)
}

/// Exit status 0 equal, 1 different, 2 unreadable or invalid (like diff).
pub(super) fn diff_cmd(old: &Path, new: &Path, format: Format) -> Result<ExitCode> {
    let (old, new) = match (load_raw(old), load_raw(new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(2));
        }
    };
    let d = diff(&old, &new);
    match format {
        Format::Text => print!("{}", d.to_text()),
        Format::Json => {
            println!(
                "{}",
                serde_json::to_string_pretty(&d).map_err(|e| e.to_string())?
            )
        }
    }
    Ok(ExitCode::from(u8::from(!d.equal)))
}

/// Reads the deployment configuration and prints what `render` makes of
/// it; any warning (a field the map would replace by its default) stops
/// with status 1 and prints nothing on stdout.
pub(super) fn deploy_cmd(path: &Path, render: impl Fn(&Config) -> String) -> Result<ExitCode> {
    let bytes = read(path)?;
    let (config, warnings) = Config::parse(&bytes);
    if !warnings.is_empty() {
        for w in &warnings {
            eprintln!("{}: warning: {w}", path.display());
        }
        eprintln!(
            "{}: {} problem(s); fix the configuration (nothing was printed)",
            path.display(),
            warnings.len()
        );
        return Ok(ExitCode::from(1));
    }
    print!("{}", render(&config));
    Ok(ExitCode::SUCCESS)
}

/// Prints the measures of the view `query` of a dataset; what the URL
/// decoder drops is said on stderr.
pub(super) fn metrics_cmd(path: &Path, query: &str, format: MetricsFormat) -> Result<ExitCode> {
    use civicmap::model::network::{filter, graph::Graph, metrics};
    use civicmap::model::view::url;
    let (_, ds) = load_or_report(path)?;
    let (decoded, mut notices) = url::decode(query);
    let (state, more) = url::resolve(decoded, &ds);
    notices.extend(more);
    for n in &notices {
        eprintln!(
            "--state: warning: {}={} ignored ({:?})",
            n.param, n.value, n.reason
        );
    }
    let g = Graph::new(&ds);
    let vis = filter::visible(&ds, &g, &state.filter);
    let report = metrics::report(&ds, &g, &vis);
    match format {
        MetricsFormat::Json => {
            let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
            println!("{json}");
        }
        MetricsFormat::Csv => print!("{}", report.to_csv()),
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn schema() -> Result<ExitCode> {
    let schema = file::schema();
    let json = serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())?;
    println!("{json}");
    Ok(ExitCode::SUCCESS)
}

/// Lays a dataset out as the map does, writes the positions (to the
/// thousandth) into a copy of the file (as written: unknown fields kept) and
/// prints the quality figures of those positions.
pub(super) fn layout_cmd(
    path: &Path,
    output: &Path,
    iterations: Option<usize>,
    format: Format,
) -> Result<ExitCode> {
    use civicmap::model::network::{graph::Graph, layout};
    let (bytes, ds) = load_or_report(path)?;
    let mut raw: file::Dataset = serde_json::from_slice(&bytes)
        .map_err(|e| format!("{}: error[invalid-json]: {e}", path.display()))?;
    let g = Graph::new(&ds);
    let kept = ds
        .actors
        .iter()
        .filter(|a| {
            a.position
                .is_some_and(|p| p.x.is_finite() && p.y.is_finite())
        })
        .count();
    let started = std::time::Instant::now();
    // Thousandths of a layout unit (a node's radius is at least 4): shorter
    // files, and what the map reads back is what the report measured.
    let round = |v: f64| (v * 1000.0).round() / 1000.0;
    let exact = layout::compute_with(&ds, &g, iterations);
    let hash = format!("{:#018x}", layout::positions_hash(&exact));
    let positions: Vec<_> = exact
        .into_iter()
        .map(|p| civicmap::model::format::dataset::Position {
            x: round(p.x),
            y: round(p.y),
        })
        .collect();
    let elapsed = started.elapsed();
    let by_id: std::collections::BTreeMap<&str, _> = ds
        .actors
        .iter()
        .zip(&positions)
        .map(|(a, p)| (a.id(), *p))
        .collect();
    let mut placed = 0usize;
    for actor in &mut raw.actors {
        if let Some(p) = actor.id.as_deref().and_then(|id| by_id.get(id)) {
            actor.position = Some(*p);
            placed += 1;
        }
    }
    if placed != ds.actors.len() {
        return Err(format!(
            "{}: error[layout]: {placed} of {} actors matched the file's ids; nothing written",
            path.display(),
            ds.actors.len()
        ));
    }
    let edges: Vec<(usize, usize)> = (0..g.link_count()).filter_map(|l| g.ends(l)).collect();
    let quality = layout::quality::measure(&positions, &edges);
    let text = serde_json::to_string_pretty(&raw).map_err(|e| e.to_string())? + "\n";
    write(output, &text)?;
    let iterations = iterations.unwrap_or_else(|| layout::Layout::new(&ds, &g).budget());
    let iterations = if kept == ds.actors.len() {
        0
    } else {
        iterations
    };
    match format {
        Format::Text => {
            let figure = |x: Option<f64>| x.map_or("—".to_string(), |x| format!("{x:.3}"));
            println!(
                "{}: {} actors, {} from the layout ({iterations} iterations, {} ms), {kept} kept from the file",
                output.display(),
                ds.actors.len(),
                ds.actors.len() - kept,
                elapsed.as_millis()
            );
            println!(
                "link ratio: {} (mean link length / mean distance between random pairs; lower is better)",
                figure(quality.link_ratio)
            );
            println!(
                "neighbour share: {} (share of each actor's k nearest on screen among its k graph neighbours, {} actors measured; higher is better)",
                figure(quality.neighbour_share),
                quality.sampled
            );
            println!("positions hash: {hash} (before rounding; the map shows the same in its canvas's data-layout-hash)");
        }
        Format::Json => {
            #[derive(Serialize)]
            struct Report {
                output: String,
                actors: usize,
                kept: usize,
                iterations: usize,
                milliseconds: u128,
                quality: layout::quality::Quality,
                hash: String,
            }
            let report = Report {
                output: output.display().to_string(),
                actors: ds.actors.len(),
                kept,
                iterations,
                milliseconds: elapsed.as_millis(),
                quality,
                hash,
            };
            let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
            println!("{json}");
        }
    }
    eprintln!("wrote {}", output.display());
    Ok(ExitCode::SUCCESS)
}
