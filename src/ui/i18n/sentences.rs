//! Every interface string with numbers or names in it: counts, the map's
//! text alternative, failure messages, notices, captions.

use super::colon;
use super::format::{number, size};
use super::table::{t, Key};
use crate::deploy::snippet::{HeightError, MAX_HEIGHT, MIN_HEIGHT};
use crate::model::view::state::Lang;
use crate::model::view::url::{Notice, NoticeReason};
use crate::ui::fetch_failure::{FetchFailure, TimeoutKind};

fn plural(lang: Lang, n: usize, fr: (&str, &str), en: (&str, &str)) -> String {
    let word = match lang {
        Lang::Fr if n <= 1 => fr.0,
        Lang::Fr => fr.1,
        Lang::En if n == 1 => en.0,
        Lang::En => en.1,
    };
    format!("{} {}", number(lang, n), word)
}

/// "12 acteurs" / "12 actors".
pub fn actors(lang: Lang, n: usize) -> String {
    plural(lang, n, ("acteur", "acteurs"), ("actor", "actors"))
}

/// "9 liens" / "9 links".
pub fn links(lang: Lang, n: usize) -> String {
    plural(lang, n, ("lien", "liens"), ("link", "links"))
}

/// The text of the visible-count element: "162 acteurs · 209 liens".
pub fn visible_count(lang: Lang, actor_count: usize, link_count: usize) -> String {
    format!(
        "{} · {}",
        actors(lang, actor_count),
        links(lang, link_count)
    )
}

/// What the map shows, for its text alternative ([`canvas_label`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MapSummary {
    pub actors: usize,
    pub links: usize,
    /// The active filters, each already in words ([`filter_words`]).
    pub filters: Vec<String>,
    /// The selected actor's name.
    pub selected: Option<String>,
    /// The title of the event whose actors are highlighted, and how many
    /// of them are shown.
    pub event: Option<(String, usize)>,
}

/// One active filter in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterWords {
    Types(Vec<String>),
    Objectives(Vec<String>),
    Ecosystems(Vec<String>),
    Links(Vec<String>),
    Year(i64),
    Query(String),
    Stake(String),
    Depth(u8),
}

/// "types Association ou Plateforme", "année 2015", "recherche « demo »"…
pub fn filter_words(lang: Lang, f: &FilterWords) -> String {
    let or = |v: &[String]| match lang {
        Lang::Fr => v.join(" ou "),
        Lang::En => v.join(" or "),
    };
    match (lang, f) {
        (Lang::Fr, FilterWords::Types(v)) => format!("type {}", or(v)),
        (Lang::En, FilterWords::Types(v)) => format!("type {}", or(v)),
        (Lang::Fr, FilterWords::Objectives(v)) => format!("objectif {}", or(v)),
        (Lang::En, FilterWords::Objectives(v)) => format!("objective {}", or(v)),
        (Lang::Fr, FilterWords::Ecosystems(v)) => format!("écosystème {}", or(v)),
        (Lang::En, FilterWords::Ecosystems(v)) => format!("ecosystem {}", or(v)),
        (Lang::Fr, FilterWords::Links(v)) => format!("liens {}", or(v)),
        (Lang::En, FilterWords::Links(v)) => format!("links {}", or(v)),
        (Lang::Fr, FilterWords::Year(y)) => format!("année {y}"),
        (Lang::En, FilterWords::Year(y)) => format!("year {y}"),
        (Lang::Fr, FilterWords::Query(q)) => format!("recherche « {q} »"),
        (Lang::En, FilterWords::Query(q)) => format!("search “{q}”"),
        (Lang::Fr, FilterWords::Stake(s)) => format!("enjeu « {s} »"),
        (Lang::En, FilterWords::Stake(s)) => format!("stake “{s}”"),
        (Lang::Fr, FilterWords::Depth(d)) => depth_option(lang, *d).to_lowercase(),
        (Lang::En, FilterWords::Depth(d)) => depth_option(lang, *d).to_lowercase(),
    }
}

/// The canvas text alternative: what is shown, with which filters, what is
/// selected or highlighted, and where the same content is as text.
pub fn canvas_label(lang: Lang, s: &MapSummary) -> String {
    let filters = if s.filters.is_empty() {
        t(lang, Key::NoFilter).to_string()
    } else {
        s.filters.join(" ; ")
    };
    let mut out = match lang {
        Lang::Fr => format!(
            "Carte du réseau : {} et {} affichés ; filtres : {filters}.",
            actors(lang, s.actors),
            links(lang, s.links)
        ),
        Lang::En => format!(
            "Network map: {} and {} shown; filters: {}.",
            actors(lang, s.actors),
            links(lang, s.links),
            filters.replace(" ; ", "; ")
        ),
    };
    if let Some(name) = &s.selected {
        match lang {
            Lang::Fr => out.push_str(&format!(" Acteur sélectionné : {name}.")),
            Lang::En => out.push_str(&format!(" Selected actor: {name}.")),
        }
    }
    if let Some((title, n)) = &s.event {
        match lang {
            Lang::Fr => out.push_str(&format!(
                " En évidence : {} de l'événement « {title} ».",
                actors(lang, *n)
            )),
            Lang::En => out.push_str(&format!(
                " Highlighted: {} of the event “{title}”.",
                actors(lang, *n)
            )),
        }
    }
    match lang {
        Lang::Fr => out.push_str(
            " La vue Liste donne le même contenu en texte (lien « Version texte » après la carte).",
        ),
        Lang::En => out.push_str(
            " The List view gives the same content as text (the “Text version” link after the map).",
        ),
    }
    out
}

/// The banner over the map while an event's actors are highlighted.
pub fn highlight_banner(lang: Lang, title: &str, n: usize) -> String {
    match lang {
        Lang::Fr => format!("« {title} » : {} en évidence", actors(lang, n)),
        Lang::En => format!("“{title}”: {} highlighted", actors(lang, n)),
    }
}

/// "106 événements" / "106 events".
pub fn events(lang: Lang, n: usize) -> String {
    plural(lang, n, ("événement", "événements"), ("event", "events"))
}

/// The timeline's count line: "106 événements · 12 dont les acteurs sont
/// masqués par les filtres".
pub fn events_count(lang: Lang, total: usize, hidden: usize) -> String {
    let all = events(lang, total);
    if hidden == 0 {
        return all;
    }
    match lang {
        Lang::Fr => format!(
            "{all} · {} aux acteurs masqués par les filtres (en grisé)",
            number(lang, hidden)
        ),
        Lang::En => format!(
            "{all} · {} with their actors hidden by the filters (greyed)",
            number(lang, hidden)
        ),
    }
}

/// "12 acteurs sans date affichés" (undated actors kept by the year filter).
pub fn undated_shown(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Fr if n <= 1 => format!("{} acteur sans date affiché", number(lang, n)),
        Lang::Fr => format!("{} acteurs sans date affichés", number(lang, n)),
        Lang::En if n == 1 => format!("{} undated actor shown", number(lang, n)),
        Lang::En => format!("{} undated actors shown", number(lang, n)),
    }
}

/// "L'écosystème en 2015" / "The ecosystem in 2015".
pub fn year_shown(lang: Lang, year: i64) -> String {
    match lang {
        Lang::Fr => format!("L'écosystème en {year}"),
        Lang::En => format!("The ecosystem in {year}"),
    }
}

/// Loading progress: "Chargement des données… 120 Ko sur 480 Ko".
pub fn progress(lang: Lang, received: u64, total: Option<u64>) -> String {
    let kb = |b: u64| {
        let k = usize::try_from(b.div_ceil(1024)).unwrap_or(usize::MAX);
        match lang {
            Lang::Fr => format!("{} Ko", number(lang, k)),
            Lang::En => format!("{} KB", number(lang, k)),
        }
    };
    match (received, total) {
        (0, _) => t(lang, Key::Loading).to_string(),
        (r, Some(tot)) if tot > 0 => match lang {
            Lang::Fr => format!("{} {} sur {}", t(lang, Key::Loading), kb(r), kb(tot)),
            Lang::En => format!("{} {} of {}", t(lang, Key::Loading), kb(r), kb(tot)),
        },
        (r, _) => match lang {
            Lang::Fr => format!("{} {} reçus", t(lang, Key::Loading), kb(r)),
            Lang::En => format!("{} {} received", t(lang, Key::Loading), kb(r)),
        },
    }
}

/// A URL as shown in a message: at most 160 characters (a crafted `data=`
/// may be huge), the middle elided.
fn shown_url(url: &str) -> String {
    const MAX: usize = 160;
    let n = url.chars().count();
    if n <= MAX {
        return url.to_string();
    }
    let head: String = url.chars().take(MAX - 40).collect();
    let tail: String = url.chars().skip(n - 39).collect();
    format!("{head}…{tail}")
}

/// A readable message for a failed fetch: what happened and, when the
/// visitor can do something, what.
pub fn fetch_failure(lang: Lang, f: &FetchFailure) -> String {
    use FetchFailure::*;
    match (lang, f) {
        (Lang::Fr, OtherOrigin { url }) => format!(
            "Le fichier «\u{a0}{}\u{a0}» est sur un autre site. Cette carte ne charge que des données de son propre site et des sites autorisés par son hébergeur.",
            shown_url(url)
        ),
        (Lang::En, OtherOrigin { url }) => format!(
            "The file “{}” is on another site. This map only loads data from its own site and from the sites its host allows.",
            shown_url(url)
        ),
        (Lang::Fr, BadUrl { url }) => {
            format!("«\u{a0}{}\u{a0}» n'est pas une adresse de fichier valide.", shown_url(url))
        }
        (Lang::En, BadUrl { url }) => {
            format!("“{}” is not a valid file address.", shown_url(url))
        }
        (Lang::Fr, Unreachable { url, .. }) => format!(
            "Impossible de joindre «\u{a0}{}\u{a0}»\u{a0}: le serveur ne répond pas, la connexion est coupée, ou ce serveur n'autorise pas cette carte à lire ses fichiers (CORS).",
            shown_url(url)
        ),
        (Lang::En, Unreachable { url, .. }) => format!(
            "“{}” could not be reached: the server does not answer, the connection is down, or the server does not let this map read its files (CORS).",
            shown_url(url)
        ),
        (Lang::Fr, Http { url, status: status @ (404 | 410) }) => format!(
            "Le fichier «\u{a0}{}\u{a0}» est introuvable sur le serveur (erreur {status}). Vérifiez l'adresse.",
            shown_url(url)
        ),
        (Lang::En, Http { url, status: status @ (404 | 410) }) => format!(
            "The file “{}” was not found on the server (error {status}). Check the address.",
            shown_url(url)
        ),
        (Lang::Fr, Http { url, status: status @ (401 | 403) }) => format!(
            "Le serveur refuse l'accès au fichier «\u{a0}{}\u{a0}» (erreur {status}).",
            shown_url(url)
        ),
        (Lang::En, Http { url, status: status @ (401 | 403) }) => format!(
            "The server refuses access to the file “{}” (error {status}).",
            shown_url(url)
        ),
        (Lang::Fr, Http { url, status }) if f.retryable() => format!(
            "Le serveur de «\u{a0}{}\u{a0}» a rencontré une erreur (erreur {status}). Réessayez dans un moment.",
            shown_url(url)
        ),
        (Lang::En, Http { url, status }) if f.retryable() => format!(
            "The server of “{}” ran into an error (error {status}). Try again in a moment.",
            shown_url(url)
        ),
        (Lang::Fr, Http { url, status }) => format!(
            "Le serveur a répondu «\u{a0}erreur {status}\u{a0}» pour le fichier «\u{a0}{}\u{a0}».",
            shown_url(url)
        ),
        (Lang::En, Http { url, status }) => format!(
            "The server answered “error {status}” for the file “{}”.",
            shown_url(url)
        ),
        (Lang::Fr, Timeout { url, kind: TimeoutKind::NoAnswer, seconds }) => format!(
            "Le serveur de «\u{a0}{}\u{a0}» n'a pas répondu en {seconds} secondes.",
            shown_url(url)
        ),
        (Lang::En, Timeout { url, kind: TimeoutKind::NoAnswer, seconds }) => format!(
            "The server of “{}” did not answer within {seconds} seconds.",
            shown_url(url)
        ),
        (Lang::Fr, Timeout { url, kind: TimeoutKind::Stalled, seconds }) => format!(
            "Le téléchargement de «\u{a0}{}\u{a0}» s'est bloqué\u{a0}: plus rien reçu depuis {seconds} secondes.",
            shown_url(url)
        ),
        (Lang::En, Timeout { url, kind: TimeoutKind::Stalled, seconds }) => format!(
            "The download of “{}” stalled: nothing received for {seconds} seconds.",
            shown_url(url)
        ),
        (Lang::Fr, Timeout { url, kind: TimeoutKind::TooLong, seconds }) => format!(
            "Le téléchargement de «\u{a0}{}\u{a0}» a duré plus de {seconds} secondes\u{a0}; il a été arrêté.",
            shown_url(url)
        ),
        (Lang::En, Timeout { url, kind: TimeoutKind::TooLong, seconds }) => format!(
            "The download of “{}” took more than {seconds} seconds; it was stopped.",
            shown_url(url)
        ),
        (Lang::Fr, Interrupted { url, received, total }) => match total {
            Some(t) => format!(
                "Le téléchargement de «\u{a0}{}\u{a0}» a été interrompu après {} sur {}.",
                shown_url(url),
                size(lang, *received),
                size(lang, *t)
            ),
            None => format!(
                "Le téléchargement de «\u{a0}{}\u{a0}» a été interrompu après {}.",
                shown_url(url),
                size(lang, *received)
            ),
        },
        (Lang::En, Interrupted { url, received, total }) => match total {
            Some(t) => format!(
                "The download of “{}” was cut off after {} of {}.",
                shown_url(url),
                size(lang, *received),
                size(lang, *t)
            ),
            None => format!(
                "The download of “{}” was cut off after {}.",
                shown_url(url),
                size(lang, *received)
            ),
        },
        (Lang::Fr, TooLarge { url, announced: Some(b), cap }) => format!(
            "Le fichier «\u{a0}{}\u{a0}» est trop gros ({})\u{a0}: cette carte accepte au plus {}.",
            shown_url(url),
            size(lang, *b),
            size(lang, *cap)
        ),
        (Lang::En, TooLarge { url, announced: Some(b), cap }) => format!(
            "The file “{}” is too large ({}): this map accepts at most {}.",
            shown_url(url),
            size(lang, *b),
            size(lang, *cap)
        ),
        (Lang::Fr, TooLarge { url, announced: None, cap }) => format!(
            "Le fichier «\u{a0}{}\u{a0}» est trop gros\u{a0}: il dépasse {}, la taille maximale acceptée par cette carte.",
            shown_url(url),
            size(lang, *cap)
        ),
        (Lang::En, TooLarge { url, announced: None, cap }) => format!(
            "The file “{}” is too large: it exceeds {}, the largest size this map accepts.",
            shown_url(url),
            size(lang, *cap)
        ),
        (Lang::Fr, NotJson { url }) => format!(
            "Le fichier «\u{a0}{}\u{a0}» n'est pas un fichier de données JSON (format civicmap/1 attendu).",
            shown_url(url)
        ),
        (Lang::En, NotJson { url }) => format!(
            "The file “{}” is not a JSON data file (format civicmap/1 expected).",
            shown_url(url)
        ),
        (Lang::Fr, WebPage { url }) => format!(
            "Le serveur a envoyé une page web, pas un fichier de données JSON, pour «\u{a0}{}\u{a0}». Vérifiez l'adresse du fichier.",
            shown_url(url)
        ),
        (Lang::En, WebPage { url }) => format!(
            "The server sent a web page, not a JSON data file, for “{}”. Check the file's address.",
            shown_url(url)
        ),
        (Lang::Fr, WrongType { url, content_type }) => format!(
            "Le serveur a envoyé un fichier de type «\u{a0}{content_type}\u{a0}», pas un fichier de données JSON, pour «\u{a0}{}\u{a0}».",
            shown_url(url)
        ),
        (Lang::En, WrongType { url, content_type }) => format!(
            "The server sent a file of type “{content_type}”, not a JSON data file, for “{}”.",
            shown_url(url)
        ),
    }
}

/// The notice over the previous map when another dataset failed: "Le
/// fichier « x » contient 3 erreurs : il n'a pas été chargé."
pub fn invalid_dataset(lang: Lang, url: &str, errors: usize) -> String {
    match lang {
        Lang::Fr => format!(
            "Le fichier «\u{a0}{}\u{a0}» contient {}\u{a0}: il n'a pas été chargé.",
            shown_url(url),
            error_count(lang, errors)
        ),
        Lang::En => format!(
            "The file “{}” has {}: it was not loaded.",
            shown_url(url),
            error_count(lang, errors)
        ),
    }
}

/// "Le fichier de données a été chargé avec 3 avertissements :".
pub fn warnings_title(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Fr => format!(
            "Le fichier de données a été chargé avec {}\u{a0}:",
            plural(lang, n, ("avertissement", "avertissements"), ("", ""))
        ),
        Lang::En => format!(
            "The data file loaded with {}:",
            plural(lang, n, ("", ""), ("warning", "warnings"))
        ),
    }
}

/// "3 erreurs" heading of the error panel.
pub fn error_count(lang: Lang, n: usize) -> String {
    plural(lang, n, ("erreur", "erreurs"), ("error", "errors"))
}

/// One dropped URL parameter, as a sentence.
pub fn url_notice(lang: Lang, n: &Notice) -> String {
    let p = format!("{}={}", n.param, n.value);
    match (lang, n.reason) {
        (Lang::Fr, NoticeReason::Invalid) => format!("« {p} » : valeur non valide."),
        (Lang::En, NoticeReason::Invalid) => format!("“{p}”: not a valid value."),
        (Lang::Fr, NoticeReason::UnknownId) => {
            format!("« {p} » : cet identifiant n'existe pas dans les données.")
        }
        (Lang::En, NoticeReason::UnknownId) => format!("“{p}”: no such id in the data."),
        (Lang::Fr, NoticeReason::HiddenActor) => {
            format!("« {p} » : cet acteur est masqué par les autres filtres.")
        }
        (Lang::En, NoticeReason::HiddenActor) => {
            format!("“{p}”: this actor is hidden by the other filters.")
        }
        (Lang::Fr, NoticeReason::DepthWithoutActor) => {
            format!("« {p} » : le voisinage demande un acteur sélectionné.")
        }
        (Lang::En, NoticeReason::DepthWithoutActor) => {
            format!("“{p}”: a neighbourhood needs a selected actor.")
        }
        (_, NoticeReason::HiddenPathEnd { second, by }) => {
            super::path::hidden_end_notice(lang, &p, &n.value, second, by)
        }
    }
}

/// "Lien de 2014 à 2018" style years of a link (None when undated).
pub fn link_years(lang: Lang, since: Option<i64>, until: Option<i64>) -> Option<String> {
    match (since, until) {
        (None, None) => None,
        (Some(s), None) => Some(format!("{} {s}", t(lang, Key::Since))),
        (None, Some(u)) => Some(format!("{} {u}", t(lang, Key::Until))),
        (Some(s), Some(u)) if s == u => Some(s.to_string()),
        (Some(s), Some(u)) => Some(format!("{s}–{u}")),
    }
}

/// "4 autres liens masqués par les filtres".
pub fn hidden_links(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Fr if n <= 1 => format!("{} autre lien masqué par les filtres.", number(lang, n)),
        Lang::Fr => format!("{} autres liens masqués par les filtres.", number(lang, n)),
        Lang::En if n == 1 => format!("{} more link hidden by the filters.", number(lang, n)),
        Lang::En => format!("{} more links hidden by the filters.", number(lang, n)),
    }
}

/// The option of the depth select: "1 lien autour" / "within 1 link".
pub fn depth_option(lang: Lang, d: u8) -> String {
    match lang {
        Lang::Fr if d <= 1 => format!("À {d} lien"),
        Lang::Fr => format!("À {d} liens"),
        Lang::En if d == 1 => format!("Within {d} link"),
        Lang::En => format!("Within {d} links"),
    }
}

/// How to cite: "Attribution, « Titre », version 2019-01 (2019-01-15). Carte civicmap : URL".
pub fn citation(
    lang: Lang,
    attribution: Option<&str>,
    title: &str,
    version: Option<&str>,
    updated: Option<&str>,
    permalink: &str,
) -> String {
    let mut s = String::new();
    if let Some(a) = attribution {
        s.push_str(a);
        s.push_str(", ");
    }
    match lang {
        Lang::Fr => s.push_str(&format!("« {title} »")),
        Lang::En => s.push_str(&format!("“{title}”")),
    }
    if let Some(v) = version {
        s.push_str(&format!(", version {v}"));
    }
    if let Some(u) = updated {
        s.push_str(&format!(" ({u})"));
    }
    match lang {
        Lang::Fr => s.push_str(&format!(". Carte interactive : {permalink}")),
        Lang::En => s.push_str(&format!(". Interactive map: {permalink}")),
    }
    s
}

/// The embedded frame's `title` (RGAA 2.1): "Carte interactive : <title>".
pub fn frame_title(lang: Lang, dataset_title: &str) -> String {
    match lang {
        Lang::Fr => format!("Carte interactive : {dataset_title}"),
        Lang::En => format!("Interactive map: {dataset_title}"),
    }
}

/// The credit line of embed mode: "Source : <attribution> · licence
/// <licence>"; `None` when the dataset names neither.
pub fn credit(lang: Lang, attribution: Option<&str>, license: Option<&str>) -> Option<String> {
    let attribution = attribution.map(str::trim).filter(|s| !s.is_empty());
    let license = license.map(str::trim).filter(|s| !s.is_empty());
    let source = attribution.map(|a| match lang {
        Lang::Fr => format!("Source\u{a0}: {a}"),
        Lang::En => format!("Source: {a}"),
    });
    match (source, license) {
        (Some(s), Some(l)) => Some(format!("{s} · licence {l}")),
        (Some(s), None) => Some(s),
        // "Licence" in both languages (British English, as elsewhere).
        (None, Some(l)) => Some(format!("Licence {l}")),
        (None, None) => None,
    }
}

/// Why a typed height was refused.
pub fn height_error(lang: Lang, e: HeightError) -> String {
    match (lang, e) {
        (Lang::Fr, HeightError::Empty) => "Indiquez une hauteur en pixels.".into(),
        (Lang::En, HeightError::Empty) => "Enter a height in pixels.".into(),
        (Lang::Fr, HeightError::NotANumber) => {
            "La hauteur est un nombre entier de pixels, par exemple 600.".into()
        }
        (Lang::En, HeightError::NotANumber) => {
            "The height is a whole number of pixels, for example 600.".into()
        }
        (Lang::Fr, HeightError::OutOfRange) => {
            format!("La hauteur doit être comprise entre {MIN_HEIGHT} et {MAX_HEIGHT} pixels.")
        }
        (Lang::En, HeightError::OutOfRange) => {
            format!("The height must be between {MIN_HEIGHT} and {MAX_HEIGHT} pixels.")
        }
    }
}

/// Accessible name of the suggestion list count: "5 suggestions".
pub fn suggestions_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Fr if n <= 1 => format!("{n} suggestion"),
        Lang::Fr => format!("{n} suggestions"),
        Lang::En if n == 1 => format!("{n} suggestion"),
        Lang::En => format!("{n} suggestions"),
    }
}

/// The caption of the list: "162 acteurs affichés, triés par nom (ordre
/// croissant)". `column` is the column's header text.
pub fn list_caption(lang: Lang, n: usize, column: &str, ascending: bool) -> String {
    let col = column.to_lowercase();
    match (lang, ascending) {
        (Lang::Fr, true) => format!(
            "{} {}, triés par {col} (ordre croissant)",
            actors(lang, n),
            if n <= 1 { "affiché" } else { "affichés" }
        ),
        (Lang::Fr, false) => format!(
            "{} {}, triés par {col} (ordre décroissant)",
            actors(lang, n),
            if n <= 1 { "affiché" } else { "affichés" }
        ),
        (Lang::En, true) => format!("{} shown, sorted by {col} (ascending)", actors(lang, n)),
        (Lang::En, false) => format!("{} shown, sorted by {col} (descending)", actors(lang, n)),
    }
}

/// The text summary of an actor's neighbourhood: "Cap Collectif —
/// Start-up, co-production. 5 liens : exploite Parlement & Citoyens ;
/// partenaire de A, B." `facts` are the type and objective labels;
/// `groups` the visible links as (link label read from the actor, names of
/// the actors at the other end).
pub fn neighbourhood_summary(
    lang: Lang,
    name: &str,
    facts: &[String],
    groups: &[(String, Vec<String>)],
) -> String {
    let mut s = name.to_string();
    if !facts.is_empty() {
        s.push_str(" — ");
        s.push_str(&facts.join(", "));
    }
    s.push_str(". ");
    let n: usize = groups.iter().map(|(_, v)| v.len()).sum();
    if n == 0 {
        s.push_str(t(lang, Key::NoLinks));
        return s;
    }
    let sep = match lang {
        Lang::Fr => " ; ",
        Lang::En => "; ",
    };
    let parts: Vec<String> = groups
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(label, names)| format!("{label} {}", names.join(", ")))
        .collect();
    s.push_str(&links(lang, n));
    s.push_str(colon(lang));
    s.push_str(&parts.join(sep));
    s.push('.');
    s
}

/// The heading of a group of stakes: a category of the format, another
/// category as the dataset spells it, or "other stakes".
pub fn stake_category(lang: Lang, category: Option<&str>) -> String {
    match category {
        Some("technical") => t(lang, Key::StakesTechnical).to_string(),
        Some("economic") => t(lang, Key::StakesEconomic).to_string(),
        Some("political") => t(lang, Key::StakesPolitical).to_string(),
        Some(other) => other.to_string(),
        None => t(lang, Key::StakesOther).to_string(),
    }
}

/// "Enjeu : Logiciel libre ou propriétaire" (the active stake filter).
pub fn active_stake(lang: Lang, title: &str) -> String {
    format!("{}{}{title}", t(lang, Key::Stake), colon(lang))
}
