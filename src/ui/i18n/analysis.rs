//! The analysis view's words: the measures in plain language, the one
//! sentence that says why an actor is central, the communities' names
//! ("autour de Décidim"), the charts' one-line summaries.

use super::format::number;
use crate::model::network::metrics::Measure;
use crate::model::view::analysis::{Counts, Fact, Groups, Growth};
use crate::model::view::state::Lang;

fn fr(lang: Lang) -> bool {
    lang == Lang::Fr
}

/// `x` with one decimal, the way `lang` writes it ("2,1" / "2.1"); the
/// decimal is dropped when it is 0 ("3").
pub fn decimal(lang: Lang, x: f64) -> String {
    let tenths = (x.max(0.0) * 10.0).round();
    let tenths = if tenths.is_finite() && tenths < 1e15 {
        tenths as u64
    } else {
        0
    };
    let whole = number(lang, usize::try_from(tenths / 10).unwrap_or(usize::MAX));
    match (tenths % 10, lang) {
        (0, _) => whole,
        (d, Lang::Fr) => format!("{whole},{d}"),
        (d, Lang::En) => format!("{whole}.{d}"),
    }
}

/// The measure's name, for the ranking's heading and its select.
pub fn measure_name(lang: Lang, m: Measure) -> &'static str {
    match (m, fr(lang)) {
        (Measure::Degree, true) => "nombre de liens",
        (Measure::Degree, false) => "number of links",
        (Measure::Betweenness, true) => "rôle de passeur (intermédiarité)",
        (Measure::Betweenness, false) => "bridging role (betweenness)",
        (Measure::Closeness, true) => "proximité",
        (Measure::Closeness, false) => "closeness",
        (Measure::Pagerank, true) => "influence (PageRank)",
        (Measure::Pagerank, false) => "influence (PageRank)",
    }
}

/// What the measure means for a visitor, in one sentence.
pub fn measure_meaning(lang: Lang, m: Measure) -> &'static str {
    match (m, fr(lang)) {
        (Measure::Degree, true) => "Les acteurs qui ont le plus de liens sur la carte.",
        (Measure::Degree, false) => "The actors with the most links on the map.",
        (Measure::Betweenness, true) => {
            "Les passeurs : les acteurs par qui passent le plus de chemins entre les autres."
        }
        (Measure::Betweenness, false) => {
            "The bridges: the actors on the most paths between the others."
        }
        (Measure::Closeness, true) => {
            "Les acteurs qui atteignent tous les autres en le moins de liens."
        }
        (Measure::Closeness, false) => "The actors that reach all the others in the fewest links.",
        (Measure::Pagerank, true) => "Les acteurs liés à des acteurs eux-mêmes très liés.",
        (Measure::Pagerank, false) => {
            "The actors linked to actors that are themselves well linked."
        }
    }
}

/// Why an actor ranks high, in one plain sentence computed from the graph.
pub fn fact(lang: Lang, f: &Fact) -> String {
    let actors = |n: usize| super::actors(lang, n);
    match (*f, fr(lang)) {
        (Fact::Linked(n), true) => format!("lié à {}", actors(n)),
        (Fact::Linked(n), false) => format!("linked to {}", actors(n)),
        (Fact::Bridges(1), true) => "relie 2 acteurs qui ne sont pas liés entre eux".into(),
        (Fact::Bridges(1), false) => "connects 2 actors that are not linked to each other".into(),
        (Fact::Bridges(p), true) => format!(
            "relie {} paires d'acteurs qui ne sont pas liés entre eux",
            number(lang, p)
        ),
        (Fact::Bridges(p), false) => format!(
            "connects {} pairs of actors that are not linked to each other",
            number(lang, p)
        ),
        (
            Fact::Distance {
                mean, all: true, ..
            },
            true,
        ) => {
            format!("à {} en moyenne de tous les autres", links_dec(lang, mean))
        }
        (
            Fact::Distance {
                mean, all: true, ..
            },
            false,
        ) => {
            format!(
                "{} away from all the others on average",
                links_dec(lang, mean)
            )
        }
        (Fact::Distance { mean, reached, .. }, true) => format!(
            "à {} en moyenne des {} qu'il peut atteindre",
            links_dec(lang, mean),
            actors(reached)
        ),
        (Fact::Distance { mean, reached, .. }, false) => format!(
            "{} on average from the {} it can reach",
            links_dec(lang, mean),
            actors(reached)
        ),
        (
            Fact::WellLinked {
                neighbours,
                mean_degree,
            },
            true,
        ) => format!(
            "lié à {} eux-mêmes liés à {} acteurs en moyenne",
            actors(neighbours),
            decimal(lang, mean_degree)
        ),
        (
            Fact::WellLinked {
                neighbours,
                mean_degree,
            },
            false,
        ) => format!(
            "linked to {} that are themselves linked to {} actors on average",
            actors(neighbours),
            decimal(lang, mean_degree)
        ),
    }
}

/// "2,1 liens" / "2.1 links" (singular up to 1 in French, exactly 1 in English).
fn links_dec(lang: Lang, x: f64) -> String {
    let s = decimal(lang, x);
    let one = match lang {
        Lang::Fr => x < 2.0,
        Lang::En => s == "1",
    };
    match (lang, one) {
        (Lang::Fr, true) => format!("{s} lien"),
        (Lang::Fr, false) => format!("{s} liens"),
        (Lang::En, true) => format!("{s} link"),
        (Lang::En, false) => format!("{s} links"),
    }
}

/// A community's name as a heading: "Autour de Décidim", "Autour d'Etalab" /
/// "Around Décidim" (the legend's words, capitalised).
pub fn around(lang: Lang, name: &str) -> String {
    super::capitalise(&super::measures::around(lang, name))
}

/// The counts' summary: "162 acteurs de 8 types ; le plus nombreux : Associations (41)".
pub fn counts_summary(lang: Lang, c: &Counts, top_type: Option<(&str, usize)>) -> String {
    let used = c.types.values.iter().filter(|v| v.1 > 0).count();
    let head = if fr(lang) {
        format!(
            "{} de {} types",
            super::actors(lang, c.actors),
            number(lang, used)
        )
    } else {
        format!(
            "{} of {} types",
            super::actors(lang, c.actors),
            number(lang, used)
        )
    };
    match top_type {
        Some((label, n)) if fr(lang) => {
            format!(
                "{head}\u{a0}; le type le plus représenté\u{a0}: {label} ({})",
                number(lang, n)
            )
        }
        Some((label, n)) => format!(
            "{head}; the most common type: {label} ({})",
            number(lang, n)
        ),
        None => head,
    }
}

/// The communities' summary.
pub fn groups_summary(lang: Lang, g: &Groups) -> String {
    let n = g.groups.len();
    let alone = g.alone;
    match (fr(lang), n) {
        (true, 0) => "Aucun groupe d'acteurs liés entre eux.".into(),
        (false, 0) => "No group of actors linked together.".into(),
        (true, _) => format!(
            "{} {} d'acteurs plus liés entre eux qu'avec le reste{}.",
            number(lang, n),
            if n == 1 { "groupe" } else { "groupes" },
            if alone > 0 {
                format!(", et {} sans lien", super::actors(lang, alone))
            } else {
                String::new()
            }
        ),
        (false, _) => format!(
            "{} {} of actors more linked to each other than to the rest{}.",
            number(lang, n),
            if n == 1 { "group" } else { "groups" },
            if alone > 0 {
                format!(", and {} without links", super::actors(lang, alone))
            } else {
                String::new()
            }
        ),
    }
}

/// A community's size and members: "23 acteurs, dont".
pub fn group_size(lang: Lang, size: usize) -> String {
    if fr(lang) {
        format!("{}, dont", super::actors(lang, size))
    } else {
        format!("{}, including", super::actors(lang, size))
    }
}

/// The growth chart's summary: "De 1 acteur en 1816 à 150 en 2024 ; 12 acteurs sans date de création."
pub fn growth_summary(lang: Lang, g: &Growth) -> String {
    let undated = |s: String| match (g.undated, fr(lang)) {
        (0, _) => s,
        (n, true) => format!(
            "{s}\u{a0}; {} sans année de création (hors graphique)",
            super::actors(lang, n)
        ),
        (n, false) => format!(
            "{s}; {} without a founding year (not charted)",
            super::actors(lang, n)
        ),
    };
    let (Some(first), Some(last)) = (g.years.first(), g.years.last()) else {
        return undated(if fr(lang) {
            "Aucun acteur affiché n'a d'année de création.".into()
        } else {
            "No actor shown has a founding year.".into()
        });
    };
    let (a, b) = (g.total(0), g.total(g.years.len() - 1));
    let peak = g.peak();
    let peak_year = (0..g.years.len())
        .find(|&y| g.total(y) == peak)
        .and_then(|y| g.years.get(y));
    let base = if fr(lang) {
        format!(
            "De {} en {first} à {} en {last}",
            super::actors(lang, a),
            number(lang, b)
        )
    } else {
        format!(
            "From {} in {first} to {} in {last}",
            super::actors(lang, a),
            number(lang, b)
        )
    };
    let base = match peak_year {
        Some(py) if peak > b && fr(lang) => {
            format!("{base} (au plus {} en {py})", number(lang, peak))
        }
        Some(py) if peak > b => format!("{base} (at most {} in {py})", number(lang, peak)),
        _ => base,
    };
    let events = match (g.events.len(), fr(lang)) {
        (0, _) => String::new(),
        (1, true) => "\u{a0}; 1 repère de la chronologie marqué sous l'axe".into(),
        (1, false) => "; 1 timeline event marked under the axis".into(),
        (n, true) => format!(
            "\u{a0}; {} repères de la chronologie marqués sous l'axe",
            number(lang, n)
        ),
        (n, false) => format!(
            "; {} timeline events marked under the axis",
            number(lang, n)
        ),
    };
    format!("{}.", undated(format!("{base}{events}")))
}

/// The analysis' opening line: what it is computed on.
pub fn intro(lang: Lang, actors: usize, links: usize) -> String {
    if fr(lang) {
        format!(
            "Calculé sur ce que montre la carte\u{a0}: {}. Changez les filtres, l'analyse suit.",
            super::visible_count(lang, actors, links)
        )
    } else {
        format!(
            "Computed on what the map shows: {}. Change the filters and the analysis follows.",
            super::visible_count(lang, actors, links)
        )
    }
}

/// The analysis view's and the path boxes' fixed strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Words {
    Title,
    CountsTitle,
    Types,
    Objectives,
    Ecosystems,
    Value,
    Actors,
    Share,
    NoValue,
    CentralTitle,
    RankBy,
    Computing,
    NoCentral,
    GroupsTitle,
    GrowthTitle,
    ShowTable,
    Year,
    Total,
    Events,
    Legend,
    PathTitle,
    PathFrom,
    PathTo,
    PathHint,
}

/// A fixed string of the analysis view.
pub fn words(lang: Lang, w: Words) -> &'static str {
    use Words::*;
    let (f, e) = match w {
        Title => ("Analyse du réseau affiché", "Analysis of the network shown"),
        CountsTitle => ("Qui sont les acteurs\u{a0}?", "Who are the actors?"),
        Types => ("Par type", "By type"),
        Objectives => ("Par objectif", "By objective"),
        Ecosystems => ("Par écosystème", "By ecosystem"),
        Value => ("Valeur", "Value"),
        Actors => ("Acteurs", "Actors"),
        Share => ("Part", "Share"),
        NoValue => ("Non renseigné", "Not given"),
        CentralTitle => ("Les acteurs les plus centraux", "The most central actors"),
        RankBy => ("Classer par", "Rank by"),
        Computing => (
            "Calcul des mesures du réseau…",
            "Computing the network measures…",
        ),
        NoCentral => (
            "Aucun acteur affiché n'a de lien\u{a0}: pas de classement.",
            "No actor shown has a link: no ranking.",
        ),
        GroupsTitle => ("Les groupes", "The groups"),
        GrowthTitle => ("La croissance de l'écosystème", "How the ecosystem grew"),
        ShowTable => ("Voir les chiffres en tableau", "See the figures as a table"),
        Year => ("Année", "Year"),
        Total => ("Total", "Total"),
        Events => ("Repères", "Events"),
        Legend => ("Légende", "Legend"),
        PathTitle => ("Comment sont-ils reliés\u{a0}?", "How are they connected?"),
        PathFrom => ("Premier acteur", "First actor"),
        PathTo => ("Second acteur", "Second actor"),
        PathHint => (
            "Choisissez deux acteurs\u{a0}: la carte montre la chaîne de liens qui les relie.",
            "Pick two actors: the map shows the chain of links between them.",
        ),
    };
    if fr(lang) {
        f
    } else {
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_read_as_sentences_in_both_languages() {
        let l = Fact::Linked(12);
        assert_eq!(fact(Lang::Fr, &l), "lié à 12 acteurs");
        assert_eq!(fact(Lang::En, &l), "linked to 12 actors");
        assert_eq!(
            fact(Lang::Fr, &Fact::Bridges(14)),
            "relie 14 paires d'acteurs qui ne sont pas liés entre eux"
        );
        assert_eq!(
            fact(Lang::En, &Fact::Bridges(1)),
            "connects 2 actors that are not linked to each other"
        );
        let d = Fact::Distance {
            mean: 2.08,
            reached: 130,
            all: true,
        };
        assert_eq!(
            fact(Lang::Fr, &d),
            "à 2,1 liens en moyenne de tous les autres"
        );
        assert_eq!(
            fact(Lang::En, &d),
            "2.1 links away from all the others on average"
        );
        let d = Fact::Distance {
            mean: 1.0,
            reached: 1_300,
            all: false,
        };
        assert_eq!(
            fact(Lang::Fr, &d),
            "à 1 lien en moyenne des 1\u{202f}300 acteurs qu'il peut atteindre"
        );
        let w = Fact::WellLinked {
            neighbours: 5,
            mean_degree: 23.44,
        };
        assert_eq!(
            fact(Lang::Fr, &w),
            "lié à 5 acteurs eux-mêmes liés à 23,4 acteurs en moyenne"
        );
        assert_eq!(
            fact(Lang::En, &w),
            "linked to 5 actors that are themselves linked to 23.4 actors on average"
        );
    }

    #[test]
    fn decimals_follow_the_language() {
        assert_eq!(decimal(Lang::Fr, 1234.56), "1\u{202f}234,6");
        assert_eq!(decimal(Lang::En, 1234.56), "1,234.6");
        assert_eq!(decimal(Lang::En, 3.0), "3");
        assert_eq!(decimal(Lang::En, f64::NAN), "0");
        assert_eq!(decimal(Lang::En, -2.0), "0");
    }

    #[test]
    fn growth_summary_says_from_where_to_where() {
        let g = Growth {
            years: vec![2000, 2001, 2002],
            types: vec!["t".into()],
            counts: vec![vec![1], vec![5], vec![4]],
            undated: 2,
            events: vec![(2001, 0)],
            current: None,
        };
        assert_eq!(
            growth_summary(Lang::Fr, &g),
            "De 1 acteur en 2000 à 4 en 2002 (au plus 5 en 2001)\u{a0}; 1 repère de la chronologie marqué sous l'axe\u{a0}; 2 acteurs sans année de création (hors graphique)."
        );
        assert_eq!(
            growth_summary(Lang::En, &Growth::default()),
            "No actor shown has a founding year."
        );
    }
}
