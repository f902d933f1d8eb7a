//! The words of "size by" / "colour by", the legends and the measure
//! columns: each measure's name and its plain-words help, group names
//! ("autour de Décidim"), measure values as a visitor reads them.

use crate::model::network::metrics::Measure;
use crate::model::view::state::{ColorBy, Lang};

/// "Taille selon" / "Size by".
pub fn size_by(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Taille selon",
        Lang::En => "Size by",
    }
}

/// "Couleur selon" / "Colour by".
pub fn color_by(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Couleur selon",
        Lang::En => "Colour by",
    }
}

/// The heading of the two controls.
pub fn display_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Taille et couleur",
        Lang::En => "Size and colour",
    }
}

/// A measure's short name.
pub fn measure_name(lang: Lang, m: Measure) -> &'static str {
    match (lang, m) {
        (Lang::Fr, Measure::Degree) => "nombre de liens",
        (Lang::Fr, Measure::Betweenness) => "intermédiarité",
        (Lang::Fr, Measure::Closeness) => "proximité",
        (Lang::Fr, Measure::Pagerank) => "PageRank",
        (Lang::En, Measure::Degree) => "number of links",
        (Lang::En, Measure::Betweenness) => "betweenness",
        (Lang::En, Measure::Closeness) => "closeness",
        (Lang::En, Measure::Pagerank) => "PageRank",
    }
}

/// What a measure means, for a visitor who never heard of it.
pub fn measure_help(lang: Lang, m: Measure) -> &'static str {
    match (lang, m) {
        (Lang::Fr, Measure::Degree) => "combien d’acteurs visibles il touche directement",
        (Lang::Fr, Measure::Betweenness) => {
            "qui relie des groupes\u{a0}: les plus courts chemins entre les autres passent par lui"
        }
        (Lang::Fr, Measure::Closeness) => "qui atteint tous les autres en peu de liens",
        (Lang::Fr, Measure::Pagerank) => {
            "cité par les plus cités\u{a0}: lié à des acteurs eux-mêmes très liés"
        }
        (Lang::En, Measure::Degree) => "how many visible actors it touches directly",
        (Lang::En, Measure::Betweenness) => {
            "who bridges groups: the shortest paths between the others go through it"
        }
        (Lang::En, Measure::Closeness) => "who reaches all the others in few links",
        (Lang::En, Measure::Pagerank) => {
            "linked to by the most linked: tied to actors that are well tied themselves"
        }
    }
}

/// What a colour choice shows.
pub fn color_name(lang: Lang, c: ColorBy) -> &'static str {
    match (lang, c) {
        (Lang::Fr, ColorBy::Type) => "type d’acteur",
        (Lang::Fr, ColorBy::Objective) => "objectif",
        (Lang::Fr, ColorBy::Ecosystem) => "écosystème",
        (Lang::Fr, ColorBy::Community) => "communauté",
        (Lang::En, ColorBy::Type) => "actor type",
        (Lang::En, ColorBy::Objective) => "objective",
        (Lang::En, ColorBy::Ecosystem) => "ecosystem",
        (Lang::En, ColorBy::Community) => "community",
    }
}

/// What a colour choice means, in plain words.
pub fn color_help(lang: Lang, c: ColorBy) -> &'static str {
    match (lang, c) {
        (Lang::Fr, ColorBy::Type) => "les couleurs de la légende des types",
        (Lang::Fr, ColorBy::Objective) => "un contour marque un deuxième objectif",
        (Lang::Fr, ColorBy::Ecosystem) => "un contour marque un deuxième écosystème",
        (Lang::Fr, ColorBy::Community) => {
            "des groupes d’acteurs plus liés entre eux qu’avec le reste, nommés d’après leur membre le plus lié"
        }
        (Lang::En, ColorBy::Type) => "the colours of the type legend",
        (Lang::En, ColorBy::Objective) => "a ring marks a second objective",
        (Lang::En, ColorBy::Ecosystem) => "a ring marks a second ecosystem",
        (Lang::En, ColorBy::Community) => {
            "groups of actors more linked with each other than with the rest, named after their best-linked member"
        }
    }
}

/// A community's name: "autour de Décidim", "autour d'Etalab" / "around
/// Décidim". French elides "de" before a vowel; a name starting with "h" keeps
/// "de" (whether its h is mute cannot be told from the name).
pub fn around(lang: Lang, name: &str) -> String {
    let elides = name
        .chars()
        .next()
        .is_some_and(|c| "aeiouyàâäéèêëîïôöùûüœ".contains(c.to_lowercase().next().unwrap_or(c)));
    match lang {
        Lang::Fr if elides => format!("autour d'{name}"),
        Lang::Fr => format!("autour de {name}"),
        Lang::En => format!("around {name}"),
    }
}

/// The grey group: `folded` groups without a colour of their own and
/// `without` actors with no value.
pub fn others(lang: Lang, c: ColorBy, folded: usize, without: usize) -> String {
    let none = match (lang, c) {
        (Lang::Fr, ColorBy::Objective) => "sans objectif",
        (Lang::Fr, ColorBy::Ecosystem) => "sans écosystème",
        (Lang::En, ColorBy::Objective) => "no objective",
        (Lang::En, ColorBy::Ecosystem) => "no ecosystem",
        (Lang::Fr, _) => "sans groupe",
        (Lang::En, _) => "no group",
    };
    let rest = match lang {
        Lang::Fr => format!("autres ({folded} groupes)"),
        Lang::En => format!("others ({folded} groups)"),
    };
    match (folded > 0, without > 0, lang) {
        (true, true, Lang::Fr) => format!("{rest} ou {none}"),
        (true, true, Lang::En) => format!("{rest} or {none}"),
        (true, false, _) => rest,
        _ => none.to_string(),
    }
}

/// The legend's note on rings.
pub fn ring_note(lang: Lang, c: ColorBy) -> &'static str {
    match (lang, c) {
        (Lang::Fr, ColorBy::Ecosystem) => "contour\u{a0}: un deuxième écosystème",
        (Lang::Fr, _) => "contour\u{a0}: un deuxième objectif",
        (Lang::En, ColorBy::Ecosystem) => "ring: a second ecosystem",
        (Lang::En, _) => "ring: a second objective",
    }
}

/// "Légende" / "Legend".
pub fn legend_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Légende",
        Lang::En => "Legend",
    }
}

/// While the measure is computed.
pub fn computing(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "calcul en cours…",
        Lang::En => "computing…",
    }
}

/// A measure's value as the legend and the list write it: a whole number
/// of links; betweenness and PageRank as a share (%); closeness with three
/// decimals. French uses a decimal comma.
pub fn value(lang: Lang, m: Measure, v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = match m {
        Measure::Degree => return super::number(lang, v.round().max(0.0) as usize),
        Measure::Betweenness | Measure::Pagerank => {
            let pct = format!("{:.2}", v * 100.0);
            match lang {
                Lang::Fr => format!("{pct}\u{a0}%"),
                Lang::En => format!("{pct}%"),
            }
        }
        Measure::Closeness => format!("{v:.3}"),
    };
    match lang {
        Lang::Fr => s.replace('.', ","),
        Lang::En => s,
    }
}

/// "Taille : intermédiarité, de 0 % à 12,5 %" (the size legend and the
/// canvas's text alternative).
pub fn size_range(lang: Lang, m: Measure, min: f64, max: f64) -> String {
    let (lo, hi) = (value(lang, m, min), value(lang, m, max));
    match lang {
        Lang::Fr => format!("Taille\u{a0}: {}, de {lo} à {hi}", measure_name(lang, m)),
        Lang::En => format!("Size: {}, from {lo} to {hi}", measure_name(lang, m)),
    }
}

/// "Couleur : communauté" (the colour legend's heading).
pub fn colour_heading(lang: Lang, c: ColorBy) -> String {
    match lang {
        Lang::Fr => format!("Couleur\u{a0}: {}", color_name(lang, c)),
        Lang::En => format!("Colour: {}", color_name(lang, c)),
    }
}

/// The list's community column header.
pub fn community_column(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Communauté",
        Lang::En => "Community",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_in_each_language() {
        assert_eq!(value(Lang::Fr, Measure::Betweenness, 0.125), "12,50\u{a0}%");
        assert_eq!(value(Lang::En, Measure::Betweenness, 0.125), "12.50%");
        assert_eq!(value(Lang::Fr, Measure::Closeness, 0.5), "0,500");
        assert_eq!(value(Lang::En, Measure::Degree, 1234.0), "1,234");
        assert_eq!(value(Lang::En, Measure::Pagerank, f64::NAN), "0.00%");
        assert_eq!(
            size_range(Lang::Fr, Measure::Degree, 0.0, 12.0),
            "Taille\u{a0}: nombre de liens, de 0 à 12"
        );
    }

    #[test]
    fn the_grey_group_says_what_it_holds() {
        assert_eq!(others(Lang::Fr, ColorBy::Objective, 0, 3), "sans objectif");
        assert_eq!(
            others(Lang::En, ColorBy::Community, 4, 0),
            "others (4 groups)"
        );
        assert_eq!(
            others(Lang::Fr, ColorBy::Ecosystem, 2, 1),
            "autres (2 groupes) ou sans écosystème"
        );
        assert_eq!(around(Lang::Fr, "Décidim"), "autour de Décidim");
        assert_eq!(around(Lang::Fr, "Etalab"), "autour d'Etalab");
        assert_eq!(around(Lang::Fr, "Écologie"), "autour d'Écologie");
        assert_eq!(
            around(Lang::Fr, "Hôtel de Ville"),
            "autour de Hôtel de Ville"
        );
        assert_eq!(around(Lang::Fr, ""), "autour de ");
        assert_eq!(around(Lang::En, "Etalab"), "around Etalab");
    }
}
