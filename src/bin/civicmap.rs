//! `civicmap`: the data team's command-line tool.
//!
//! - `check FILE…`: every diagnostic of a `civicmap/1` file, like a compiler;
//! - `stats FILE`: what a dataset holds;
//! - `import csv …` / `export csv …`: the spreadsheet round trip;
//! - `import sigma FILE`: the sigma.js benchmark graphs, converted;
//! - `import kumu|gexf|graphml …` / `export gexf|graphml|kumu …`: other tools'
//!   formats (docs/formats.md);
//! - `diff OLD NEW`: what a new version changes;
//! - `metrics FILE`: the network measures of a view, per actor;
//! - `layout FILE -o OUT`: the map's layout written into the file, and its
//!   quality;
//! - `schema`: the JSON Schema of the format;
//! - `deploy nginx-headers` / `deploy csp`: the web server's security
//!   headers, generated from `civicmap.config.json`.
//!
//! Native only: on wasm32 the binary is an empty `main` so that the crate
//! builds for the browser.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    use clap::{Parser, Subcommand, ValueEnum};
    use serde::Serialize;

    use civicmap::convert::csv::{
        export_csv, import_csv, parse_meta, parse_taxonomy, CsvFile, CsvInput, Imported,
    };
    use civicmap::convert::csv::{ImportNote, Imported as Converted};
    use civicmap::convert::diff::diff;
    use civicmap::convert::mapping::{self, Mapping};
    use civicmap::convert::report::{self, format_diagnostic, plural, stats_text};
    use civicmap::convert::stats::stats;
    use civicmap::convert::{gexf, graphml, kumu};
    use civicmap::deploy::config::Config;
    use civicmap::deploy::headers;
    use civicmap::model::format::dataset::Dataset;
    use civicmap::model::format::diagnostic::Diagnostic;
    use civicmap::model::format::file;
    use civicmap::model::format::validate::load;

    #[derive(Parser, Debug)]
    #[command(
        name = "civicmap",
        version,
        about = "Check, summarise, import and export civicmap/1 datasets",
        after_help = "\
Examples:
  civicmap check static/data/civic-tech-fr.json
  civicmap stats static/data/civic-tech-fr.json
  civicmap import csv --actors actors.csv --links links.csv --events timeline.csv \\
      --stakes issues.csv --taxonomy data/taxonomy.json --meta data/meta.json -o out.json
  civicmap export csv out.json --out-dir sheets/
  civicmap metrics static/data/civic-tech-fr.json --state 'type=platform'
  civicmap layout big.json -o big.laid-out.json
  civicmap schema > civicmap-1.json
  civicmap deploy nginx-headers --config dist/civicmap.config.json > civicmap-headers.conf

Exit status: 0 success, 1 errors in the data, 2 wrong usage."
    )]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand, Debug)]
    enum Command {
        /// Check civicmap/1 files and list every error and warning with its place
        #[command(after_help = "\
Each diagnostic is printed as
  FILE:LINE:COL: error[CODE]: MESSAGE (at JSON.PATH)
followed by a summary line per file. Exit status: 0 when no file has an
error (warnings allowed), 1 otherwise.

Examples:
  civicmap check static/data/civic-tech-fr.json
  civicmap check --format json a.json b.json | jq '.files[].errors'")]
        Check {
            /// Files to check
            #[arg(required = true, value_name = "FILE")]
            files: Vec<PathBuf>,
            /// Output format
            #[arg(long, value_enum, default_value_t = Format::Text)]
            format: Format,
        },
        /// Count actors, links, events and stakes per type, objective, ecosystem, kind
        #[command(after_help = "\
Examples:
  civicmap stats static/data/civic-tech-fr.json
  civicmap stats --lang en --top 5 static/data/civic-tech-fr.json
  civicmap stats --format json static/data/civic-tech-fr.json")]
        Stats {
            #[arg(value_name = "FILE")]
            file: PathBuf,
            /// How many of the most connected actors to list
            #[arg(long, default_value_t = 10)]
            top: usize,
            /// Language of the labels
            #[arg(long, default_value = "fr")]
            lang: String,
            /// Output format
            #[arg(long, value_enum, default_value_t = Format::Text)]
            format: Format,
        },
        /// Build a civicmap/1 file from other formats
        #[command(
            subcommand,
            after_help = "\
Examples:
  civicmap import csv --actors actors.csv --links links.csv --taxonomy taxonomy.json -o out.json
  civicmap import sigma ../shared/datasets/sigma-large-graph-10k.json -o large.json"
        )]
        Import(ImportCommand),
        /// Write a civicmap/1 file in other formats
        #[command(
            subcommand,
            after_help = "\
Example:
  civicmap export csv static/data/civic-tech-fr.json --out-dir sheets/"
        )]
        Export(ExportCommand),
        /// Show the actors, links, events and stakes a new version adds, removes, changes
        #[command(after_help = "\
Each line names what changed by its id (a link by source → target (kind)):
  + actor ID | - link A → B (kind) | ~ actor ID: FIELD: OLD → NEW
Exit status: 0 when equal, 1 when different, 2 when a file cannot be read
or is not valid.

Example:
  civicmap diff published.json draft.json")]
        Diff {
            #[arg(value_name = "OLD.json")]
            old: PathBuf,
            #[arg(value_name = "NEW.json")]
            new: PathBuf,
            /// Output format
            #[arg(long, value_enum, default_value_t = Format::Text)]
            format: Format,
        },
        /// Print the network measures of the visible graph of a view, per actor
        #[command(after_help = "\
The measures are those the map sizes and colours by (docs/metrics.md):
degree, betweenness, closeness, PageRank and the Louvain community, on the
visible graph of the view --state describes (the map's URL query; default:
the whole dataset). One entry per visible actor, in dataset order.

Examples:
  civicmap metrics static/data/civic-tech-fr.json
  civicmap metrics static/data/civic-tech-fr.json --state 'type=platform&year=2016'
  civicmap metrics static/data/civic-tech-fr.json --format csv > measures.csv")]
        Metrics {
            #[arg(value_name = "FILE")]
            file: PathBuf,
            /// The view, as the map's URL query (e.g. `type=platform&year=2016`)
            #[arg(long, value_name = "QUERY", default_value = "")]
            state: String,
            /// Output format
            #[arg(long, value_enum, default_value_t = MetricsFormat::Json)]
            format: MetricsFormat,
        },
        /// Lay the actors out as the map does and write their positions into the file
        #[command(after_help = "\
Runs the map's own deterministic layout (the same positions the browser
computes) and writes every actor's `position` into OUT; the map then opens
with those positions and runs no layout. Positions already in the file are
kept (the map pins them too). Prints the layout's quality:
  link ratio: mean link length / mean distance between random pairs (lower is better)
  neighbour share: share of each actor's k nearest actors on screen that are
    among its k graph neighbours (higher is better)

Examples:
  civicmap layout big.json -o big.laid-out.json
  civicmap layout big.json -o big.laid-out.json --iterations 300 --format json")]
        Layout {
            #[arg(value_name = "FILE")]
            file: PathBuf,
            /// Where to write the dataset with its positions
            #[arg(short, long, value_name = "OUT.json")]
            output: PathBuf,
            /// Iterations (default: the map's budget for this many actors and links)
            #[arg(long, value_name = "N")]
            iterations: Option<usize>,
            /// Output format of the report
            #[arg(long, value_enum, default_value_t = Format::Text)]
            format: Format,
        },
        /// Print the JSON Schema of the civicmap/1 format
        #[command(after_help = "\
Example:
  civicmap schema > static/schema/civicmap-1.json")]
        Schema,
        /// Generate the web server's security headers from civicmap.config.json
        #[command(
            subcommand,
            after_help = "\
Examples:
  civicmap deploy nginx-headers --config dist/civicmap.config.json \\
      > /etc/nginx/snippets/civicmap-headers.conf
  civicmap deploy csp --config dist/civicmap.config.json"
        )]
        Deploy(DeployCommand),
    }

    #[derive(Subcommand, Debug)]
    enum DeployCommand {
        /// Print the nginx include with the security headers (CSP, Referrer-Policy, nosniff)
        #[command(after_help = "\
The include is what deploy/nginx.conf expects in
/etc/nginx/snippets/civicmap-headers.conf. Its Content-Security-Policy takes
frame-ancestors from `embed_origins` and connect-src from `data_origins` (and
an absolute `default_dataset`), so the server and the map never disagree.
Generate it again whenever the configuration changes.

Every problem in the configuration is printed as a warning and nothing is
written (exit status 1): the map would fall back to a default the deployment
probably did not mean.

Example:
  civicmap deploy nginx-headers --config dist/civicmap.config.json \\
      > /etc/nginx/snippets/civicmap-headers.conf && nginx -t && nginx -s reload")]
        NginxHeaders {
            /// The deployment configuration
            #[arg(
                long,
                value_name = "JSON",
                default_value = "static/civicmap.config.json"
            )]
            config: PathBuf,
        },
        /// Print the Content-Security-Policy value alone (for other web servers)
        #[command(after_help = "\
Example (Apache):
  Header always set Content-Security-Policy \"$(civicmap deploy csp --config dist/civicmap.config.json)\"")]
        Csp {
            /// The deployment configuration
            #[arg(
                long,
                value_name = "JSON",
                default_value = "static/civicmap.config.json"
            )]
            config: PathBuf,
        },
    }

    #[derive(Subcommand, Debug)]
    enum ImportCommand {
        /// Build a dataset from the data team's CSV files
        #[command(after_help = "\
Every row that is not imported is printed as FILE:LINE: skipped: REASON and
every value left out or changed as FILE:LINE: altered: REASON. Nothing is
written when a file cannot be read, or when a row was skipped (unless
--allow-partial), or when the result would not load.

Example:
  civicmap import csv --actors ../shared/data/facts/actors.csv \\
      --links ../shared/data/facts/links.csv --events ../shared/data/facts/timeline.csv \\
      --stakes ../shared/data/facts/issues.csv --taxonomy data/taxonomy.json \\
      --meta data/meta.json -o static/data/civic-tech-fr.json")]
        Csv {
            /// actors.csv
            #[arg(long, value_name = "CSV")]
            actors: PathBuf,
            /// links.csv
            #[arg(long, value_name = "CSV")]
            links: PathBuf,
            /// timeline.csv
            #[arg(long, value_name = "CSV")]
            events: Option<PathBuf>,
            /// issues.csv
            #[arg(long, value_name = "CSV")]
            stakes: Option<PathBuf>,
            /// The taxonomy (actor types, objectives, link kinds, ecosystems), JSON
            #[arg(long, value_name = "JSON")]
            taxonomy: PathBuf,
            /// The meta object (title, version, licence…), JSON
            #[arg(long, value_name = "JSON")]
            meta: Option<PathBuf>,
            /// Where to write the dataset
            #[arg(short, long, value_name = "OUT.json")]
            output: PathBuf,
            /// Write the dataset even if some rows were skipped
            #[arg(long)]
            allow_partial: bool,
            /// Other column names: {"actors": {"name": "Nom", …}, "links": {…}}
            #[arg(long, value_name = "JSON")]
            map: Option<PathBuf>,
        },
        /// Convert a sigma.js demo graph or a graphology graph (for benchmarks)
        #[command(after_help = "\
Tags become actor types, clusters ecosystems, edges directed links; node
positions are not kept.

Example:
  civicmap import sigma ../shared/datasets/sigma-demo-wikipedia-dataviz.json -o demo.json")]
        Sigma {
            #[arg(value_name = "FILE")]
            file: PathBuf,
            /// Where to write the dataset
            #[arg(short, long, value_name = "OUT.json")]
            output: PathBuf,
        },
        /// Build a dataset from a Kumu workbook (XLSX) or its two CSV sheets
        #[command(after_help = "\
Elements: Label, Type, Description, Tags (|), other columns kept as fields;
Connections: From, To, Type, Direction, Label. See docs/formats.md.

Examples:
  civicmap import kumu book.xlsx -o out.json
  civicmap import kumu --elements elements.csv --connections connections.csv \\
      --map map.json -o out.json")]
        Kumu {
            /// The workbook (sheets Elements and Connections)
            #[arg(value_name = "BOOK.xlsx", required_unless_present = "elements")]
            book: Option<PathBuf>,
            /// The Elements sheet as CSV
            #[arg(long, value_name = "CSV", conflicts_with = "book")]
            elements: Option<PathBuf>,
            /// The Connections sheet as CSV
            #[arg(long, value_name = "CSV", requires = "elements")]
            connections: Option<PathBuf>,
            #[command(flatten)]
            common: ImportArgs,
        },
        /// Build a dataset from a GEXF file (Gephi, 1.0 to 1.3)
        #[command(after_help = "Example:\n  civicmap import gexf les-miserables.gexf -o out.json")]
        Gexf {
            #[arg(value_name = "FILE")]
            file: PathBuf,
            #[command(flatten)]
            common: ImportArgs,
        },
        /// Build a dataset from a GraphML file
        #[command(after_help = "Example:\n  civicmap import graphml graph.graphml -o out.json")]
        Graphml {
            #[arg(value_name = "FILE")]
            file: PathBuf,
            #[command(flatten)]
            common: ImportArgs,
        },
    }

    /// What every graph import takes.
    #[derive(clap::Args, Debug)]
    struct ImportArgs {
        /// Which columns hold which field: {"actors": {"type": "Catégorie", …}}
        #[arg(long, value_name = "JSON")]
        map: Option<PathBuf>,
        /// Where to write the dataset
        #[arg(short, long, value_name = "OUT.json")]
        output: PathBuf,
        /// Write the dataset even if some rows were skipped
        #[arg(long)]
        allow_partial: bool,
    }

    /// A dataset and the file to write.
    #[derive(clap::Args, Debug)]
    struct ExportArgs {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Where to write
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
    }

    #[derive(Subcommand, Debug)]
    enum ExportCommand {
        /// Write actors.csv, links.csv, timeline.csv, issues.csv, taxonomy.json, meta.json
        #[command(after_help = "\
The files can be edited in a spreadsheet and imported back with
`civicmap import csv`. What CSV cannot hold (positions, languages other than
fr/en, unknown fields) is named in a warning.

Example:
  civicmap export csv static/data/civic-tech-fr.json --out-dir sheets/")]
        Csv {
            #[arg(value_name = "FILE")]
            file: PathBuf,
            /// Directory to write into (created if needed)
            #[arg(long, value_name = "DIR")]
            out_dir: PathBuf,
        },
        /// Write a GEXF 1.3 file (Gephi)
        Gexf(ExportArgs),
        /// Write a GraphML file
        Graphml(ExportArgs),
        /// Write a Kumu workbook (XLSX, sheets Elements and Connections)
        Kumu(ExportArgs),
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
    enum MetricsFormat {
        Json,
        Csv,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
    enum Format {
        Text,
        Json,
    }

    pub fn main() -> ExitCode {
        let cli = match Cli::try_parse() {
            Ok(cli) => cli,
            // Prints help/version (exit 0) or the usage error (exit 2).
            Err(e) => e.exit(),
        };
        let result = match cli.command {
            Command::Check { files, format } => check(&files, format),
            Command::Stats {
                file,
                top,
                lang,
                format,
            } => stats_cmd(&file, top, &lang, format),
            Command::Import(ImportCommand::Csv {
                actors,
                links,
                events,
                stakes,
                taxonomy,
                meta,
                output,
                allow_partial,
                map,
            }) => import_csv_cmd(&CsvPaths {
                actors,
                links,
                events,
                stakes,
                taxonomy,
                meta,
                output,
                allow_partial,
                map,
            }),
            Command::Import(ImportCommand::Kumu {
                book,
                elements,
                connections,
                common,
            }) => import_kumu_cmd(book, elements, connections, &common),
            Command::Import(ImportCommand::Gexf { file, common }) => {
                import_graph_cmd(&file, &common, gexf::import_gexf)
            }
            Command::Import(ImportCommand::Graphml { file, common }) => {
                import_graph_cmd(&file, &common, graphml::import_graphml)
            }
            Command::Export(ExportCommand::Gexf(a)) => export_graph_cmd(&a, "gexf"),
            Command::Export(ExportCommand::Graphml(a)) => export_graph_cmd(&a, "graphml"),
            Command::Export(ExportCommand::Kumu(a)) => export_graph_cmd(&a, "kumu"),
            Command::Diff { old, new, format } => diff_cmd(&old, &new, format),
            Command::Import(ImportCommand::Sigma { file, output }) => {
                import_sigma_cmd(&file, &output)
            }
            Command::Export(ExportCommand::Csv { file, out_dir }) => export_cmd(&file, &out_dir),
            Command::Metrics {
                file,
                state,
                format,
            } => metrics_cmd(&file, &state, format),
            Command::Layout {
                file,
                output,
                iterations,
                format,
            } => layout_cmd(&file, &output, iterations, format),
            Command::Schema => schema(),
            Command::Deploy(DeployCommand::NginxHeaders { config }) => deploy_cmd(&config, |c| {
                headers::nginx_headers(c, &config.display().to_string())
            }),
            Command::Deploy(DeployCommand::Csp { config }) => deploy_cmd(&config, |c| {
                format!("{}\n", headers::content_security_policy(c))
            }),
        };
        match result {
            Ok(code) => code,
            Err(message) => {
                eprintln!("{message}");
                ExitCode::from(1)
            }
        }
    }

    mod commands;
    use commands::*;
}
