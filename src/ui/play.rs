//! The "play" control: shows the ecosystem growing year by year by stepping
//! the `year` filter (through `Action::SetYear`, so the URL and the visible
//! set follow as for the slider) about once a second, from the earliest
//! founding year to the last year of the dataset, then stops.
//!
//! The sequence and its steps are pure (`model::timeline::play_years`,
//! `play_start`, `play_next`). The app owns one [`use_play`] so that every
//! [`PlayButton`] (filter panel, timeline header) shows and drives the same
//! play. Under `prefers-reduced-motion` the play is off: the buttons are
//! disabled and say why, and a play in progress stops.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::context::use_map;
use super::i18n::{t, Key};
use super::icons::{glyph, Glyph};
use crate::model::view::state::Action;
use crate::model::view::timeline::{play_next, play_start};

/// Milliseconds each year stays on screen.
pub const STEP_MS: u32 = 1000;

/// The play's state and its toggle.
#[derive(Clone, PartialEq)]
pub struct Play {
    pub playing: bool,
    /// Off: reduced motion, or a dataset without years.
    pub disabled: bool,
    /// Starts (from the current year, or from the start) or pauses.
    pub toggle: Callback<()>,
}

/// One play for the app: `years` from `play_years`, the current `year`
/// filter, and where to send `SetYear`.
#[hook]
pub fn use_play(
    years: Rc<Vec<i64>>,
    year: Option<i64>,
    reduced_motion: bool,
    dispatch: Callback<Action>,
) -> Play {
    let playing = use_state(|| false);
    let disabled = reduced_motion || years.is_empty();

    // One step per STEP_MS while playing; stop at the end, or when the
    // visitor clears the year meanwhile.
    {
        let playing = playing.clone();
        let years = years.clone();
        let dispatch = dispatch.clone();
        use_effect_with(
            (*playing && !disabled, year, years),
            move |(on, year, years)| {
                let timer = on.then(|| {
                    let year = *year;
                    let years = years.clone();
                    Timeout::new(STEP_MS, move || match play_next(&years, year) {
                        Some(next) => dispatch.emit(Action::SetYear(Some(next))),
                        None => playing.set(false),
                    })
                });
                move || drop(timer)
            },
        );
    }
    // Reduced motion switched on during a play: stop it.
    {
        let playing = playing.clone();
        use_effect_with(disabled, move |d| {
            if *d {
                playing.set(false);
            }
        });
    }

    let toggle = {
        let playing = playing.clone();
        Callback::from(move |()| {
            if *playing {
                playing.set(false);
            } else if !disabled {
                if let Some(start) = play_start(&years, year) {
                    dispatch.emit(Action::SetYear(Some(start)));
                    playing.set(true);
                }
            }
        })
    };
    Play {
        playing: *playing && !disabled,
        disabled,
        toggle,
    }
}

#[derive(Properties, PartialEq)]
pub struct PlayButtonProps {
    pub play: Play,
    /// Tells this button apart (`data-testid="play-<place>"`, ids).
    pub place: AttrValue,
    /// Why it is disabled, shown under it (reduced motion).
    #[prop_or_default]
    pub reduced_motion: bool,
}

/// The play / pause button. Its name says what a press does ("Lire
/// l'évolution" / "Mettre en pause"), and `data-state` says whether a play
/// is running.
#[function_component(PlayButton)]
pub fn play_button(props: &PlayButtonProps) -> Html {
    let lang = use_map().map(|m| m.lang).unwrap_or_default();
    let p = &props.play;
    let note_id = format!("play-note-{}", props.place);
    let onclick = {
        let toggle = p.toggle.clone();
        Callback::from(move |_: MouseEvent| toggle.emit(()))
    };
    let (icon, label) = if p.playing {
        (Glyph::Pause, t(lang, Key::Pause))
    } else {
        (Glyph::Play, t(lang, Key::Play))
    };
    let note = if props.reduced_motion {
        t(lang, Key::PlayReducedMotion)
    } else {
        t(lang, Key::PlayHint)
    };
    html! {
        <div class="play">
            <button type="button" class="btn small play-btn" data-testid={format!("play-{}", props.place)}
                    data-state={if p.playing { "playing" } else { "paused" }}
                    disabled={p.disabled} aria-describedby={note_id.clone()} {onclick}>
                { glyph(icon) }
                <span>{ label }</span>
            </button>
            <p class="hint play-note" id={note_id}>{ note }</p>
        </div>
    }
}
