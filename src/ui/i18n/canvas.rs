//! The map canvas's strings, in French and English.

use crate::model::view::state::Lang;

pub struct Texts {
    pub wheel_hint: &'static str,
    pub wheel_hint_mac: &'static str,
    pub touch_hint: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub fit: &'static str,
    pub help: &'static str,
    pub link: &'static str,
    pub links: &'static str,
    pub selected: &'static str,
}

pub fn texts(lang: Lang) -> &'static Texts {
    const FR: Texts = Texts {
        wheel_hint: "Ctrl + molette pour zoomer",
        wheel_hint_mac: "⌘ + molette pour zoomer",
        touch_hint: "Utilisez deux doigts pour déplacer la carte",
        zoom_in: "Zoomer",
        zoom_out: "Dézoomer",
        fit: "Tout voir",
        help: "Flèches : parcourir les acteurs. Entrée : sélectionner. Échap : désélectionner. \
               + et − : zoomer et dézoomer. 0 : tout voir. Glisser pour déplacer la carte.",
        link: "lien",
        links: "liens",
        selected: "sélectionné",
    };
    const EN: Texts = Texts {
        wheel_hint: "Use Ctrl + scroll to zoom the map",
        wheel_hint_mac: "Use ⌘ + scroll to zoom the map",
        touch_hint: "Use two fingers to move the map",
        zoom_in: "Zoom in",
        zoom_out: "Zoom out",
        fit: "Show all",
        help: "Arrow keys: move between actors. Enter: select. Escape: clear the selection. \
               + and −: zoom in and out. 0: show all. Drag to move the map.",
        link: "link",
        links: "links",
        selected: "selected",
    };
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// What the live region says when an actor gets the keyboard focus:
/// "Name (Type) : 3 liens, sélectionné" / "Name (Type): 3 links, selected".
pub fn focus_sentence(
    lang: Lang,
    name: &str,
    type_label: &str,
    links: usize,
    selected: bool,
) -> String {
    let t = texts(lang);
    let sep = if lang == Lang::Fr { " : " } else { ": " };
    let word = if links == 1 { t.link } else { t.links };
    let sel = if selected {
        format!(", {}", t.selected)
    } else {
        String::new()
    };
    format!("{name} ({type_label}){sep}{links} {word}{sel}")
}
