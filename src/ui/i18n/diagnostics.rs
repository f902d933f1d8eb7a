//! The dataset's diagnostics in the page's language.
//!
//! A [`Diagnostic`] carries a stable code and an English message (the CLI's
//! and the console's language). On a page, [`diagnostic_message`] gives the
//! message in the visitor's language: English is the loader's own sentence;
//! French is a sentence per code, naming the field the path ends with. The
//! path, line, column and code are shown beside it, unchanged, so nothing
//! the English message locates is lost.

use crate::model::format::diagnostic::Diagnostic;
use crate::model::view::state::Lang;

/// The diagnostic's message in `lang` (codes stay as they are).
pub fn diagnostic_message(lang: Lang, d: &Diagnostic) -> String {
    match lang {
        Lang::En => d.message.clone(),
        Lang::Fr => {
            let sentence = french(d.code, field(&d.path));
            match d.value.as_deref().filter(|v| !v.trim().is_empty()) {
                Some(v) => format!("«\u{a0}{v}\u{a0}»\u{a0}: {sentence}"),
                None => sentence,
            }
        }
    }
}

/// The field a JSON path ends with, without its index:
/// `actors[1].objectives[0]` → `objectives`; `""` → `None`.
fn field(path: &str) -> Option<&str> {
    let last = path.rsplit('.').next().unwrap_or(path);
    let name = last.split('[').next().unwrap_or(last);
    (!name.is_empty()).then_some(name)
}

/// `« type »` with French non-breaking spaces, or `fallback` without a field.
fn quoted(field: Option<&str>, fallback: &str) -> String {
    field.map_or_else(|| fallback.to_string(), |f| format!("«\u{a0}{f}\u{a0}»"))
}

/// The French sentence for a code; every code of `docs/diagnostics.md`
/// has its own (a test goes through them all).
fn french(code: &str, field: Option<&str>) -> String {
    let s: &str = match code {
        "invalid-utf8" => {
            "Le fichier n'est pas encodé en UTF-8 (souvent un export de tableur en Latin-1)\u{a0}: enregistrez-le en UTF-8."
        }
        "empty-file" => "Le fichier est vide.",
        "invalid-json" => {
            "Le fichier n'est pas un JSON valide\u{a0}: une virgule, un guillemet ou une accolade manque ou est en trop à cet endroit."
        }
        "not-an-object" => {
            "Un fichier civicmap/1 est un objet JSON entre accolades, pas une liste ni une valeur seule."
        }
        "too-large" => {
            return format!(
                "Le fichier a trop d'éléments dans {} pour que cette carte les affiche.",
                quoted(field, "une liste")
            )
        }
        "wrong-type" => {
            return format!(
                "La valeur de {} n'a pas le bon type (texte, nombre, liste ou objet attendu).",
                quoted(field, "ce champ")
            )
        }
        "bad-shape" => {
            "Forme inconnue\u{a0}: les formes possibles sont circle, square, triangle, diamond, hexagon et star."
        }
        "missing-field" => {
            return format!(
                "Le champ obligatoire {} est absent ou vide.",
                quoted(field, "")
            )
        }
        "wrong-format" => {
            "Le format indiqué n'est pas «\u{a0}civicmap/1\u{a0}», le seul que cette version sait lire."
        }
        "bad-id" => {
            "Identifiant non valide\u{a0}: lettres minuscules sans accent, chiffres, «\u{a0}.\u{a0}», «\u{a0}_\u{a0}» ou «\u{a0}-\u{a0}», 100 caractères au plus, sans espace."
        }
        "duplicate-id" => "Cet identifiant est déjà utilisé par une autre entrée de la même liste.",
        "unknown-actor" => "Aucun acteur n'a cet identifiant (les alias ne comptent pas).",
        "not-in-taxonomy" => {
            return format!(
                "La valeur de {} ne figure pas dans la liste correspondante de la taxonomie du fichier.",
                quoted(field, "ce champ")
            )
        }
        "bad-date" => {
            "Date non valide\u{a0}: elle s'écrit AAAA, AAAA-MM ou AAAA-MM-JJ, doit exister au calendrier, avec une année de 1000 à 2100."
        }
        "bad-year" => "L'année doit être un nombre entier de 1000 à 2100.",
        "dissolved-before-founded" => "L'année de dissolution précède l'année de fondation.",
        "until-before-since" => "Le lien se termine (until) avant d'avoir commencé (since).",
        "bad-url" => {
            "Adresse non valide\u{a0}: une adresse web complète en http:// ou https:// est attendue, sans espace ni guillemet."
        }
        "invalid-structure" => {
            "Le fichier n'a pas pu être lu malgré une forme correcte\u{a0}; merci de nous le signaler."
        }
        "isolated-actor" => "Cet acteur n'a aucun lien.",
        "duplicate-link" => "Ce lien existe déjà (même source, même cible, même type).",
        "self-link" => "Ce lien relie un acteur à lui-même.",
        "link-before-founded" => "Ce lien commence avant la fondation de l'un de ses acteurs.",
        "link-after-dissolved" => "Ce lien commence après la dissolution de l'un de ses acteurs.",
        "bad-country" => {
            "Le pays doit être un code de deux lettres majuscules (ISO 3166-1, par exemple FR)."
        }
        "open-taxonomy" => {
            "Une liste de la taxonomie manque\u{a0}: ses valeurs sont reprises telles quelles, et une faute de frappe crée une nouvelle valeur."
        }
        "alias-collision" => {
            "Cet alias est l'identifiant ou le nom d'un autre acteur\u{a0}: une recherche par cet alias est ambiguë."
        }
        "missing-directed" => {
            "Ce type de lien ne précise pas s'il est orienté (directed)\u{a0}; il est considéré comme orienté."
        }
        "bad-color" => {
            "Couleur non valide (format #rrggbb attendu)\u{a0}; une couleur de la palette est utilisée à la place."
        }
        _ => "Valeur incorrecte à cet endroit du fichier.",
    };
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes() -> Vec<String> {
        let docs = include_str!("../../../docs/diagnostics.md");
        docs.lines()
            .filter_map(|l| l.strip_prefix("### `"))
            .filter_map(|l| l.split('`').next())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_value_named_in_english_is_named_in_french() {
        let d = Diagnostic::error(
            "unknown-actor",
            "links[0].target",
            "no actor has the id `nobody`",
        )
        .about("nobody");
        assert_eq!(
            diagnostic_message(Lang::Fr, &d),
            "«\u{a0}nobody\u{a0}»\u{a0}: Aucun acteur n'a cet identifiant (les alias ne comptent pas)."
        );
        // The value comes from the diagnostic, never from the English text.
        let open = Diagnostic::error("unknown-actor", "links[0].target", "a `b` c");
        assert_eq!(
            diagnostic_message(Lang::Fr, &open),
            "Aucun acteur n'a cet identifiant (les alias ne comptent pas)."
        );
        let field = Diagnostic::error(
            "missing-field",
            "actors[1].name",
            "the required field `name` is missing",
        );
        assert_eq!(
            diagnostic_message(Lang::Fr, &field),
            "Le champ obligatoire «\u{a0}name\u{a0}» est absent ou vide."
        );
    }

    #[test]
    fn the_field_is_the_end_of_the_path() {
        assert_eq!(field("actors[1].objectives[0]"), Some("objectives"));
        assert_eq!(field("actors[1].name"), Some("name"));
        assert_eq!(field("actors"), Some("actors"));
        assert_eq!(field("actors[2]"), Some("actors"));
        assert_eq!(field(""), None);
    }

    #[test]
    fn every_documented_code_has_its_own_french_sentence() {
        let codes = codes();
        assert!(codes.len() >= 29, "{codes:?}");
        let fallback = french("no-such-code", None);
        let mut seen = std::collections::HashSet::new();
        for code in &codes {
            let fr = french(code, Some("type"));
            assert_ne!(fr, fallback, "{code} has no French sentence");
            assert!(seen.insert(fr.clone()), "{code} shares its sentence");
        }
    }

    /// Every fixture of `tests/fixtures/diagnostics/`, loaded as the app
    /// loads it, reads in French without English, and in English as the CLI.
    #[test]
    fn every_fixture_reads_in_french_and_in_english() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/diagnostics");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        assert!(files.len() >= 28, "{files:?}");
        let english = [
            "must", " the ", " is ", " not ", " has ", " file", "missing", "already", "expected",
            " with ", " should ",
        ];
        let mut given = std::collections::HashSet::new();
        for file in &files {
            let bytes = std::fs::read(file).unwrap_or_default();
            // The `too-large` fixture has three actors: cap it at two.
            let cap = file.ends_with("too-large.json");
            let limits = crate::model::format::validate::Limits {
                max_actors: if cap { 2 } else { usize::MAX },
                max_links: usize::MAX,
            };
            let loaded = crate::model::format::validate::load_with_limits(&bytes, &limits);
            assert!(!loaded.diagnostics.is_empty(), "{file:?}");
            for d in &loaded.diagnostics {
                given.insert(d.code);
                let fr = diagnostic_message(Lang::Fr, d);
                let en = diagnostic_message(Lang::En, d);
                assert_eq!(en, d.message);
                // Every value the English message quotes is carried apart.
                let quoted = d.message.split('`').nth(1);
                if !matches!(d.code, "missing-field" | "invalid-json" | "wrong-type") {
                    assert_eq!(d.value.as_deref(), quoted, "{}: {}", d.code, d.message);
                }
                assert_ne!(fr, en, "{}", d.code);
                assert_ne!(fr, french("no-such-code", None), "{}", d.code);
                let lower = format!(" {} ", fr.to_lowercase());
                for word in english {
                    assert!(!lower.contains(word), "{}: {fr:?} has {word:?}", d.code);
                }
            }
        }
        for code in codes() {
            if code != "invalid-structure" {
                assert!(given.contains(code.as_str()), "no fixture gave {code}");
            }
        }
    }
}
