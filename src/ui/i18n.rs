//! Every string the interface speaks, in French (default) and English.
//!
//! Fixed strings go through [`t`] with a [`Key`]; strings with numbers or
//! names have one function each below. Components never hold literal UI
//! text: adding a language means touching this file only. Dataset text is
//! not here: it comes from the file through `LocalizedText::get`.

pub mod canvas;

use crate::deploy::snippet::{HeightError, MAX_HEIGHT, MIN_HEIGHT};
use crate::model::view::state::Lang;
use crate::model::view::url::{Notice, NoticeReason};

/// The language code used for `<html lang>` and `LocalizedText::get`.
pub fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    }
}

/// A fixed string of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    AppName,
    Loading,
    LoadingTitle,
    ErrorTitle,
    ErrorIntro,
    ErrorHelp,
    ErrorLine,
    ErrorColumn,
    ErrorPath,
    Retry,
    OpenDefault,
    LoadFailedKept,
    SearchLabel,
    SearchPlaceholder,
    SearchNoResult,
    Filters,
    FiltersShow,
    FiltersClose,
    ClearFilters,
    EmptyDataset,
    CrashTitle,
    CrashBody,
    CrashReload,
    CrashDetails,
    NothingVisible,
    FacetTypes,
    FacetTypesHint,
    FacetObjectives,
    FacetEcosystems,
    FacetLinks,
    FacetNoneChecked,
    Year,
    AllYears,
    YearHint,
    SwitchLang,
    SwitchLangLabel,
    Share,
    ShareCopied,
    ShareManual,
    About,
    Close,
    CloseActor,
    ActorType,
    Aliases,
    Objectives,
    Ecosystems,
    Founded,
    Dissolved,
    Country,
    Website,
    Sources,
    Links,
    NoLinks,
    Depth,
    DepthAll,
    Since,
    Until,
    AboutTitle,
    Version,
    Updated,
    License,
    Attribution,
    Notes,
    Download,
    HowToCite,
    Permalink,
    AboutMap,
    Dismiss,
    UrlNoticeTitle,
    Dataset,
    Map,
    Unknown,
    Views,
    ViewGraph,
    ViewList,
    ViewTimeline,
    ViewStakes,
    ColName,
    ColLinks,
    ListTitle,
    StakesTitle,
    StakesIntro,
    StakeFilter,
    Stake,
    StakeClear,
    ShowOnMap,
    StakeActors,
    HiddenByFilters,
    StakesTechnical,
    StakesEconomic,
    StakesPolitical,
    StakesOther,
    NoStakes,
    TimelineTitle,
    NoEvents,
    Undated,
    Search,
    SearchClose,
    OpenFullMap,
    FullMapShort,
    NewTab,
    Embed,
    EmbedTitle,
    EmbedIntro,
    EmbedSize,
    EmbedResponsive,
    EmbedFixed,
    EmbedHeight,
    EmbedLang,
    EmbedPreview,
    EmbedCode,
    EmbedCopy,
    EmbedCopied,
    EmbedManual,
    TimelineIntro,
    EventHidden,
    Play,
    Pause,
    PlayHint,
    PlayReducedMotion,
    SkipToList,
    TextVersion,
    TextVersionLink,
    ClearHighlight,
    Display,
    Theme,
    ThemeSystem,
    ThemeLight,
    ThemeDark,
    Accessibility,
    AccessibilityStatement,
    NoFilter,
    EventActors,
}

/// The text of `key` in `lang`.
pub fn t(lang: Lang, key: Key) -> &'static str {
    let (fr, en) = pair(key);
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

fn pair(key: Key) -> (&'static str, &'static str) {
    use Key::*;
    match key {
        AppName => ("Carte de l'écosystème", "Ecosystem map"),
        Loading => ("Chargement des données…", "Loading the data…"),
        LoadingTitle => ("Chargement", "Loading"),
        ErrorTitle => (
            "Les données n'ont pas pu être affichées",
            "The data could not be shown",
        ),
        ErrorIntro => (
            "Le fichier contient des erreurs. Chacune est indiquée avec sa place dans le fichier :",
            "The file has errors. Each one is listed with its place in the file:",
        ),
        ErrorHelp => (
            "Le vérificateur en ligne de commande (civicmap check) donne la même liste.",
            "The command-line checker (civicmap check) gives the same list.",
        ),
        ErrorLine => ("ligne", "line"),
        ErrorColumn => ("colonne", "column"),
        ErrorPath => ("chemin", "path"),
        Retry => ("Réessayer", "Try again"),
        OpenDefault => ("Ouvrir la carte par défaut", "Open the default map"),
        LoadFailedKept => (
            "Ces données n'ont pas pu être chargées\u{a0}; la carte précédente reste affichée.",
            "This data could not be loaded; the previous map is still shown.",
        ),
        SearchLabel => ("Rechercher un acteur", "Search for an actor"),
        SearchPlaceholder => ("Rechercher un acteur…", "Search for an actor…"),
        SearchNoResult => ("Aucun acteur ne correspond.", "No actor matches."),
        Filters => ("Filtres", "Filters"),
        FiltersShow => ("Voir la carte", "Show the map"),
        FiltersClose => ("Fermer les filtres", "Close the filters"),
        ClearFilters => ("Tout effacer", "Clear all"),
        CrashTitle => ("Une erreur est survenue", "Something went wrong"),
        CrashBody => (
            "La carte a rencontré une erreur inattendue et s'est arrêtée. Rechargez la page pour la relancer ; si l'erreur revient, envoyez-nous les détails ci-dessous.",
            "The map hit an unexpected error and stopped. Reload the page to start it again; if the error comes back, please send us the details below.",
        ),
        CrashReload => ("Recharger la carte", "Reload the map"),
        CrashDetails => ("Détails à nous transmettre", "Details to report"),
        EmptyDataset => (
            "Ce jeu de données ne contient aucun acteur.",
            "This dataset has no actors.",
        ),
        NothingVisible => (
            "Aucun acteur ne correspond à ces filtres.",
            "No actor matches these filters.",
        ),
        FacetTypes => ("Types d'acteurs", "Actor types"),
        FacetTypesHint => (
            "La légende de la carte : cochez des types pour n'afficher qu'eux.",
            "The map's legend: tick types to show only them.",
        ),
        FacetObjectives => ("Objectifs", "Objectives"),
        FacetEcosystems => ("Écosystèmes", "Ecosystems"),
        FacetLinks => ("Types de liens", "Link kinds"),
        FacetNoneChecked => (
            "Aucune case cochée : tout est affiché.",
            "Nothing ticked: everything is shown.",
        ),
        Year => ("Année", "Year"),
        AllYears => ("Toutes les années", "All years"),
        YearHint => (
            "Montre l'écosystème tel qu'il était cette année-là.",
            "Shows the ecosystem as it stood that year.",
        ),
        SwitchLang => ("English", "Français"),
        SwitchLangLabel => ("Switch to English", "Passer en français"),
        Share => ("Partager", "Share"),
        ShareCopied => ("Lien copié", "Link copied"),
        ShareManual => ("Copiez ce lien :", "Copy this link:"),
        About => ("À propos", "About"),
        Close => ("Fermer", "Close"),
        CloseActor => ("Fermer la fiche", "Close the card"),
        ActorType => ("Type", "Type"),
        Aliases => ("Aussi appelé", "Also known as"),
        Objectives => ("Objectifs", "Objectives"),
        Ecosystems => ("Écosystèmes", "Ecosystems"),
        Founded => ("Création", "Founded"),
        Dissolved => ("Dissolution", "Dissolved"),
        Country => ("Pays", "Country"),
        Website => ("Site web", "Website"),
        Sources => ("Sources", "Sources"),
        Links => ("Liens", "Links"),
        NoLinks => (
            "Aucun lien affiché avec les filtres actuels.",
            "No link shown with the current filters.",
        ),
        Depth => ("Voisinage", "Neighbourhood"),
        DepthAll => ("Toute la carte", "Whole map"),
        Since => ("depuis", "since"),
        Until => ("jusqu'en", "until"),
        AboutTitle => ("À propos de cette carte", "About this map"),
        Version => ("Version", "Version"),
        Updated => ("Mise à jour", "Updated"),
        License => ("Licence", "Licence"),
        Attribution => ("Attribution", "Attribution"),
        Notes => ("Notes", "Notes"),
        Download => ("Télécharger les données (JSON)", "Download the data (JSON)"),
        HowToCite => ("Citer cette carte", "How to cite this map"),
        Permalink => ("Lien vers cette vue", "Link to this view"),
        AboutMap => (
            "Chaque acteur est un point dont la couleur et la forme disent le type ; chaque trait est un lien sourcé. Cliquez sur un acteur pour voir sa fiche, ses liens et leurs sources.",
            "Each actor is a point whose colour and shape give its type; each line is a sourced link. Click an actor to see its card, its links and their sources.",
        ),
        Dismiss => ("Fermer ce message", "Dismiss this message"),
        UrlNoticeTitle => (
            "Certains paramètres de l'adresse ont été ignorés :",
            "Some parameters of the address were ignored:",
        ),
        Dataset => ("Données", "Data"),
        Map => ("Carte", "Map"),
        Unknown => ("inconnu", "unknown"),
        Views => ("Vues", "Views"),
        ViewGraph => ("Carte", "Map"),
        ViewList => ("Liste", "List"),
        ViewTimeline => ("Chronologie", "Timeline"),
        ViewStakes => ("Enjeux", "Stakes"),
        ColName => ("Nom", "Name"),
        ColLinks => ("Liens affichés", "Links shown"),
        ListTitle => ("Acteurs affichés", "Actors shown"),
        StakesTitle => ("Les enjeux du secteur", "The stakes of the field"),
        StakesIntro => (
            "Les questions techniques, économiques et politiques qui structurent le secteur, chacune liée à ses acteurs. Choisissez un enjeu pour n'afficher que ses acteurs, sur la carte comme dans la liste.",
            "The technical, economic and political questions that structure the field, each tied to its actors. Choose a stake to show only its actors, on the map as in the list.",
        ),
        StakeFilter => ("N'afficher que ses acteurs", "Show only its actors"),
        Stake => ("Enjeu", "Stake"),
        StakeClear => ("Retirer l'enjeu", "Remove the stake"),
        ShowOnMap => ("Voir sur la carte", "Show on the map"),
        StakeActors => ("Acteurs", "Actors"),
        HiddenByFilters => ("masqué par les filtres", "hidden by the filters"),
        StakesTechnical => ("Enjeux techniques", "Technical stakes"),
        StakesEconomic => ("Enjeux économiques", "Economic stakes"),
        StakesPolitical => ("Enjeux politiques", "Political stakes"),
        StakesOther => ("Autres enjeux", "Other stakes"),
        NoStakes => (
            "Ce jeu de données ne décrit aucun enjeu.",
            "This dataset describes no stakes.",
        ),
        TimelineTitle => ("Chronologie", "Timeline"),
        NoEvents => (
            "Ce jeu de données ne contient aucun événement daté.",
            "This dataset has no dated events.",
        ),
        Undated => ("Sans date", "Undated"),
        Search => ("Rechercher", "Search"),
        SearchClose => ("Fermer la recherche", "Close the search"),
        OpenFullMap => ("Ouvrir la carte complète", "Open the full map"),
        FullMapShort => ("Carte complète", "Full map"),
        NewTab => ("(nouvel onglet)", "(opens in a new tab)"),
        Embed => ("Intégrer", "Embed"),
        EmbedTitle => ("Intégrer cette carte", "Embed this map"),
        EmbedIntro => (
            "Collez ce code dans une page de votre site : la carte s'y affichera telle que vous la voyez (filtres, recherche, acteur sélectionné), en mode compact. Les visiteurs font défiler votre page sans que la carte ne les retienne, et peuvent l'ouvrir en grand.",
            "Paste this code into a page of your site: the map shows there as you see it now (filters, search, selected actor), in compact mode. Visitors scroll your page without the map getting in the way, and can open it full size.",
        ),
        EmbedSize => ("Taille", "Size"),
        EmbedResponsive => (
            "Adaptée à la largeur de la page (format 4:3)",
            "Fits the page's width (4:3)",
        ),
        EmbedFixed => ("Hauteur fixe", "Fixed height"),
        EmbedHeight => ("Hauteur (pixels)", "Height (pixels)"),
        EmbedLang => ("Langue de la carte", "Language of the map"),
        EmbedPreview => ("Aperçu", "Preview"),
        EmbedCode => ("Code à coller dans votre page", "Code to paste into your page"),
        EmbedCopy => ("Copier le code", "Copy the code"),
        EmbedCopied => ("Code copié", "Code copied"),
        EmbedManual => (
            "La copie automatique n'est pas disponible : le code est sélectionné, copiez-le avec Ctrl + C (⌘ + C sur Mac).",
            "Automatic copying is not available: the code is selected, copy it with Ctrl + C (⌘ + C on a Mac).",
        ),
        TimelineIntro => (
            "Les dates clés de l'écosystème, chacune reliée à ses acteurs.",
            "The ecosystem's key dates, each tied to its actors.",
        ),
        EventHidden => (
            "Ses acteurs sont masqués par les filtres.",
            "Its actors are hidden by the filters.",
        ),
        Play => ("Lire l'évolution", "Play the growth"),
        Pause => ("Mettre en pause", "Pause"),
        PlayHint => (
            "Fait défiler les années, une par seconde.",
            "Steps through the years, one a second.",
        ),
        PlayReducedMotion => (
            "Animation désactivée : votre système demande de réduire les animations. Le curseur d'année montre chaque année.",
            "Animation off: your system asks for reduced motion. The year slider shows any year.",
        ),
        SkipToList => ("Aller à la liste des acteurs", "Skip to the list of actors"),
        TextVersion => ("Version texte", "Text version"),
        TextVersionLink => ("liste des acteurs", "list of actors"),
        ClearHighlight => ("Retirer la mise en évidence", "Clear the highlight"),
        Display => ("Affichage", "Display"),
        Theme => ("Thème", "Theme"),
        ThemeSystem => ("Celui de l'appareil", "Device setting"),
        ThemeLight => ("Clair", "Light"),
        ThemeDark => ("Sombre", "Dark"),
        Accessibility => ("Accessibilité", "Accessibility"),
        AccessibilityStatement => ("Déclaration d'accessibilité", "Accessibility statement"),
        NoFilter => ("aucun filtre", "no filter"),
        EventActors => ("Acteurs", "Actors"),
    }
}

/// The colon before a list: French puts a space before it.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "\u{a0}: ",
        Lang::En => ": ",
    }
}

/// `n` with thousands separated the way `lang` writes them.
pub fn number(lang: Lang, n: usize) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::Fr => '\u{202f}',
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

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

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date of the format in words: "2 février 1995", "1er mars 2015",
/// "février 1995", "1995" / "2 February 1995".
pub fn date(lang: Lang, d: &crate::model::view::timeline::Date) -> String {
    let months = match lang {
        Lang::Fr => &MONTHS_FR,
        Lang::En => &MONTHS_EN,
    };
    let month = d
        .month
        .and_then(|m| months.get(usize::from(m).wrapping_sub(1)));
    match (month, d.day) {
        (Some(m), Some(1)) if lang == Lang::Fr => format!("1er {m} {}", d.year),
        (Some(m), Some(day)) => format!("{day} {m} {}", d.year),
        (Some(m), None) => format!("{m} {}", d.year),
        _ => d.year.to_string(),
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

/// Why a dataset could not be fetched or read (before validation). Each
/// kind has its own sentence ([`fetch_failure`]); [`FetchFailure::retryable`]
/// says whether trying again may help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchFailure {
    /// `data=` points to another origin (or was redirected to one) that
    /// this deployment does not allow.
    OtherOrigin { url: String },
    /// `data=` is not a URL.
    BadUrl { url: String },
    /// The network request failed (offline, DNS, refused, CORS, …); the
    /// browser does not say which. `detail` goes to the console only.
    Unreachable { url: String, detail: String },
    /// The server answered with an HTTP error.
    Http { url: String, status: u16 },
    /// No answer, or no progress, in time.
    Timeout {
        url: String,
        kind: TimeoutKind,
        seconds: u32,
    },
    /// The connection broke during the download.
    Interrupted {
        url: String,
        received: u64,
        total: Option<u64>,
    },
    /// The file is larger than the deployment's `max_dataset_bytes`:
    /// `announced` is the size the server gave, when it gave one (else the
    /// download was stopped as soon as it passed the cap).
    TooLarge {
        url: String,
        announced: Option<u64>,
        cap: u64,
    },
    /// The file is not JSON at all (an image, a text, …).
    NotJson { url: String },
    /// The server sent a web page (an HTML error or home page).
    WebPage { url: String },
    /// The server announced another type of file (`content_type`, as sent,
    /// shortened).
    WrongType { url: String, content_type: String },
}

/// Which timeout ended a download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutKind {
    /// The server did not answer at all.
    NoAnswer,
    /// The download started, then stopped sending.
    Stalled,
    /// The whole download took too long.
    TooLong,
}

impl FetchFailure {
    /// Whether a "try again" button makes sense: the network, a timeout, an
    /// interrupted download, a server error or an explicit "later" (408,
    /// 429). Not for a refused origin, a missing file or a file with the
    /// wrong content: trying again would give the same answer.
    pub fn retryable(&self) -> bool {
        match self {
            FetchFailure::Unreachable { .. }
            | FetchFailure::Timeout { .. }
            | FetchFailure::Interrupted { .. } => true,
            FetchFailure::Http { status, .. } => *status >= 500 || matches!(status, 408 | 429),
            FetchFailure::OtherOrigin { .. }
            | FetchFailure::BadUrl { .. }
            | FetchFailure::TooLarge { .. }
            | FetchFailure::NotJson { .. }
            | FetchFailure::WebPage { .. }
            | FetchFailure::WrongType { .. } => false,
        }
    }

    /// A short stable name of the kind of failure (`data-failure` attribute
    /// of the error panel, for host pages and tests).
    pub fn code(&self) -> &'static str {
        match self {
            FetchFailure::OtherOrigin { .. } => "other-origin",
            FetchFailure::BadUrl { .. } => "bad-url",
            FetchFailure::Unreachable { .. } => "unreachable",
            FetchFailure::Http { .. } => "http",
            FetchFailure::Timeout { .. } => "timeout",
            FetchFailure::Interrupted { .. } => "interrupted",
            FetchFailure::TooLarge { .. } => "too-large",
            FetchFailure::NotJson { .. } => "not-json",
            FetchFailure::WebPage { .. } => "web-page",
            FetchFailure::WrongType { .. } => "wrong-type",
        }
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

/// A size in bytes, in decimal units: "850 octets", "100 Ko", "1,5 Mo",
/// "20 Mo" (one decimal at most, dropped when it is 0).
pub fn size(lang: Lang, bytes: u64) -> String {
    // The unit is chosen on the rounded value: 999,960 bytes is "1 Mo".
    let (unit, fr, en): (u64, &str, &str) = if bytes >= 999_950_000 {
        (1_000_000_000, "Go", "GB")
    } else if bytes >= 999_950 {
        (1_000_000, "Mo", "MB")
    } else if bytes >= 1_000 {
        (1_000, "Ko", "KB")
    } else {
        return match lang {
            Lang::Fr if bytes <= 1 => format!("{bytes} octet"),
            Lang::Fr => format!("{bytes} octets"),
            Lang::En if bytes == 1 => format!("{bytes} byte"),
            Lang::En => format!("{bytes} bytes"),
        };
    };
    let tenths = (u128::from(bytes) * 10 + u128::from(unit) / 2) / u128::from(unit);
    let whole = usize::try_from(tenths / 10).unwrap_or(usize::MAX);
    let frac = tenths % 10;
    let (mark, word) = match lang {
        Lang::Fr => (',', fr),
        Lang::En => ('.', en),
    };
    if frac == 0 {
        format!("{}\u{a0}{word}", number(lang, whole))
    } else {
        format!("{}{mark}{frac}\u{a0}{word}", number(lang, whole))
    }
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
        (Lang::Fr, NoticeReason::NotYetSupported) => {
            format!("« {p} » : cette fonction n'est pas encore disponible.")
        }
        (Lang::En, NoticeReason::NotYetSupported) => {
            format!("“{p}”: this feature is not available yet.")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_count_reads_like_the_contract() {
        assert_eq!(visible_count(Lang::Fr, 162, 209), "162 acteurs · 209 liens");
        assert_eq!(visible_count(Lang::En, 162, 209), "162 actors · 209 links");
        assert_eq!(visible_count(Lang::Fr, 1, 0), "1 acteur · 0 lien");
        assert_eq!(visible_count(Lang::En, 1, 0), "1 actor · 0 links");
    }

    #[test]
    fn thousands_are_grouped_per_language() {
        assert_eq!(number(Lang::En, 2085), "2,085");
        assert_eq!(number(Lang::Fr, 2085), "2\u{202f}085");
        assert_eq!(number(Lang::En, 999), "999");
        assert_eq!(number(Lang::En, 1_000_000), "1,000,000");
    }

    #[test]
    fn every_key_has_two_distinct_non_empty_texts_or_is_the_same_word() {
        // A missing translation would show as an empty string or the other language.
        let keys = [
            Key::Loading,
            Key::ErrorTitle,
            Key::SearchLabel,
            Key::Filters,
            Key::ClearFilters,
            Key::EmptyDataset,
            Key::NothingVisible,
            Key::CrashTitle,
            Key::CrashBody,
            Key::CrashReload,
            Key::CrashDetails,
            Key::AllYears,
            Key::Share,
            Key::ShareCopied,
            Key::About,
            Key::Close,
            Key::Depth,
            Key::HowToCite,
            Key::UrlNoticeTitle,
            Key::Views,
            Key::ViewGraph,
            Key::ViewList,
            Key::ViewTimeline,
            Key::ViewStakes,
            Key::ColLinks,
            Key::StakesIntro,
            Key::StakeFilter,
            Key::StakeClear,
            Key::ShowOnMap,
            Key::HiddenByFilters,
            Key::NoStakes,
            Key::NoEvents,
            Key::Search,
            Key::OpenFullMap,
            Key::NewTab,
            Key::Embed,
            Key::EmbedTitle,
            Key::EmbedIntro,
            Key::EmbedResponsive,
            Key::EmbedCopy,
            Key::EmbedCopied,
            Key::EmbedManual,
            Key::TimelineIntro,
            Key::EventHidden,
            Key::Play,
            Key::Pause,
            Key::PlayHint,
            Key::PlayReducedMotion,
            Key::SkipToList,
            Key::TextVersion,
            Key::ClearHighlight,
            Key::ThemeSystem,
            Key::ThemeDark,
            Key::AccessibilityStatement,
        ];
        for k in keys {
            assert!(!t(Lang::Fr, k).is_empty(), "{k:?}");
            assert!(!t(Lang::En, k).is_empty(), "{k:?}");
            assert_ne!(t(Lang::Fr, k), t(Lang::En, k), "{k:?}");
        }
    }

    #[test]
    fn url_notices_name_the_parameter_in_both_languages() {
        let n = Notice {
            param: "type".into(),
            value: "licorne".into(),
            reason: NoticeReason::UnknownId,
        };
        assert!(url_notice(Lang::Fr, &n).contains("type=licorne"));
        assert!(url_notice(Lang::En, &n).contains("type=licorne"));
        assert_ne!(url_notice(Lang::Fr, &n), url_notice(Lang::En, &n));
    }

    #[test]
    fn progress_shows_bytes_when_known() {
        assert_eq!(progress(Lang::Fr, 0, None), "Chargement des données…");
        assert!(progress(Lang::Fr, 2048, Some(4096)).contains("2 Ko sur 4 Ko"));
        assert!(progress(Lang::En, 2048, None).contains("2 KB received"));
    }

    #[test]
    fn the_credit_line_names_the_source_and_the_licence() {
        let a = Some("Observatoire des civic tech");
        assert_eq!(
            credit(Lang::Fr, a, Some("ODbL-1.0")).as_deref(),
            Some("Source\u{a0}: Observatoire des civic tech · licence ODbL-1.0")
        );
        assert_eq!(
            credit(Lang::En, a, None).as_deref(),
            Some("Source: Observatoire des civic tech")
        );
        assert_eq!(
            credit(Lang::En, Some("  "), Some("CC-BY-4.0")).as_deref(),
            Some("Licence CC-BY-4.0")
        );
        assert_eq!(credit(Lang::Fr, None, Some("")), None);
    }

    #[test]
    fn height_errors_name_the_range() {
        assert!(height_error(Lang::Fr, HeightError::OutOfRange).contains("300 et 2000"));
        assert!(height_error(Lang::En, HeightError::OutOfRange).contains("300 and 2000"));
        assert_ne!(
            height_error(Lang::Fr, HeightError::Empty),
            height_error(Lang::En, HeightError::Empty)
        );
    }

    #[test]
    fn the_canvas_alternative_says_counts_filters_selection_and_highlight() {
        let mut s = MapSummary {
            actors: 162,
            links: 209,
            ..MapSummary::default()
        };
        let fr = canvas_label(Lang::Fr, &s);
        assert!(
            fr.starts_with(
                "Carte du réseau : 162 acteurs et 209 liens affichés ; filtres : aucun filtre."
            ),
            "{fr}"
        );
        assert!(fr.contains("Version texte"));
        s.filters = vec![
            filter_words(
                Lang::En,
                &FilterWords::Types(vec!["Association".into(), "Platform".into()]),
            ),
            filter_words(Lang::En, &FilterWords::Year(2015)),
        ];
        s.selected = Some("Decidim".into());
        s.event = Some(("Launch".into(), 2));
        assert_eq!(
            canvas_label(Lang::En, &s),
            "Network map: 162 actors and 209 links shown; filters: type Association or Platform; year 2015. \
             Selected actor: Decidim. Highlighted: 2 actors of the event “Launch”. \
             The List view gives the same content as text (the “Text version” link after the map)."
        );
    }

    #[test]
    fn dates_read_naturally_at_every_precision() {
        use crate::model::view::timeline::Date;
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(date(Lang::Fr, &d("1995-02-02")), "2 février 1995");
        assert_eq!(date(Lang::Fr, &d("2015-03-01")), "1er mars 2015");
        assert_eq!(date(Lang::En, &d("2015-03-01")), "1 March 2015");
        assert_eq!(date(Lang::Fr, &d("2018-08")), "août 2018");
        assert_eq!(date(Lang::En, &d("2018")), "2018");
    }

    #[test]
    fn link_years_cover_open_ends() {
        assert_eq!(link_years(Lang::Fr, None, None), None);
        assert_eq!(
            link_years(Lang::Fr, Some(2014), None).as_deref(),
            Some("depuis 2014")
        );
        assert_eq!(
            link_years(Lang::En, Some(2014), Some(2018)).as_deref(),
            Some("2014–2018")
        );
    }

    #[test]
    fn the_neighbourhood_summary_reads_as_a_sentence() {
        let facts = vec!["Start-up".to_string(), "co-production".to_string()];
        let groups = vec![
            (
                "exploite".to_string(),
                vec!["Parlement & Citoyens".to_string()],
            ),
            ("partenaire de".to_string(), vec!["A".into(), "B".into()]),
            ("financé par".to_string(), vec![]),
        ];
        assert_eq!(
            neighbourhood_summary(Lang::Fr, "Cap Collectif", &facts, &groups),
            "Cap Collectif — Start-up, co-production. 3 liens\u{a0}: exploite Parlement & Citoyens ; partenaire de A, B."
        );
        assert_eq!(
            neighbourhood_summary(Lang::En, "X", &[], &[("funds".into(), vec!["Y".into()])]),
            "X. 1 link: funds Y."
        );
        assert_eq!(
            neighbourhood_summary(Lang::En, "X", &["Association".into()], &[]),
            "X — Association. No link shown with the current filters."
        );
    }

    #[test]
    fn list_caption_says_count_and_order() {
        assert_eq!(
            list_caption(Lang::Fr, 162, "Création", true),
            "162 acteurs affichés, triés par création (ordre croissant)"
        );
        assert_eq!(
            list_caption(Lang::En, 1, "Name", false),
            "1 actor shown, sorted by name (descending)"
        );
    }

    #[test]
    fn stake_categories_are_named_in_both_languages() {
        assert_eq!(
            stake_category(Lang::Fr, Some("economic")),
            "Enjeux économiques"
        );
        assert_eq!(
            stake_category(Lang::En, Some("political")),
            "Political stakes"
        );
        assert_eq!(stake_category(Lang::En, Some("legal")), "legal");
        assert_eq!(stake_category(Lang::Fr, None), "Autres enjeux");
    }
}
