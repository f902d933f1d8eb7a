//! Which gestures move the map and which are left to the page around it —
//! the "no scroll trap" rules of embed mode, as a small pure state machine
//! tested natively.
//!
//! **Free** (the standalone map, which fills the window): every wheel
//! zooms, one finger pans, two fingers pinch.
//!
//! **Cooperative** (embed mode: the map is a frame inside someone else's
//! page, which the visitor is scrolling):
//! - a plain wheel is not the map's: it is not cancelled, so the host page
//!   scrolls, and the map shows a hint ("Ctrl + molette pour zoomer",
//!   ⌘ on macOS);
//! - Ctrl + wheel or ⌘ + wheel zooms (and so does a trackpad pinch, which
//!   browsers report as Ctrl + wheel);
//! - a click (mouse or pen press) on the map *activates* it: from then on
//!   a plain wheel zooms, until the pointer leaves the map or the map loses
//!   the focus. Keyboard focus alone does not activate it: a visitor who
//!   tabs through the page and then scrolls means the page;
//! - on touch screens one finger scrolls the page (the canvas declares
//!   `touch-action: pan-x pan-y` and its touch moves are not cancelled;
//!   the map shows "use two fingers"), two fingers pan and pinch the map.
//!   A tap still selects. Touch never activates the map.
//! - the zoom buttons and the keyboard (+, −, 0, arrows) always work.

/// Which hint to show when a gesture was left to the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// A plain wheel: "Ctrl + wheel to zoom" (⌘ on macOS).
    Wheel,
    /// A one-finger drag: "use two fingers to move the map".
    Touch,
}

/// What to do with a wheel event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wheel {
    /// Cancel it (`preventDefault`) and zoom the map.
    Zoom,
    /// Leave it to the page (no `preventDefault`) and show the hint.
    Page,
}

/// The kind of pointer of a press.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pointer {
    Mouse,
    Pen,
    Touch,
}

impl Pointer {
    /// From `PointerEvent.pointerType` (unknown kinds count as a mouse).
    pub fn from_type(t: &str) -> Pointer {
        match t {
            "touch" => Pointer::Touch,
            "pen" => Pointer::Pen,
            _ => Pointer::Mouse,
        }
    }
}

/// The gesture policy of one map.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gestures {
    /// Embed mode: see the module documentation.
    pub cooperative: bool,
    /// Clicked into since the pointer entered (cooperative mode only).
    pub active: bool,
}

impl Gestures {
    /// Switches between free and cooperative; a switch deactivates.
    pub fn set_cooperative(&mut self, on: bool) {
        if self.cooperative != on {
            self.cooperative = on;
            self.active = false;
        }
    }

    /// A wheel event with these modifier keys.
    pub fn wheel(&self, ctrl: bool, meta: bool) -> Wheel {
        if !self.cooperative || self.active || ctrl || meta {
            Wheel::Zoom
        } else {
            Wheel::Page
        }
    }

    /// A press on the map: a mouse or pen press activates it.
    pub fn press(&mut self, pointer: Pointer) {
        if self.cooperative && pointer != Pointer::Touch {
            self.active = true;
        }
    }

    /// The pointer left the map, or the map lost the focus.
    pub fn leave(&mut self) {
        self.active = false;
    }

    /// Whether a drag with this many pointers down, of this kind, moves the
    /// camera. Two pointers always do (pinch); one touch pointer does not in
    /// cooperative mode (the page scrolls instead).
    pub fn drag_moves_map(&self, pointers: usize, pointer: Pointer) -> bool {
        pointers >= 2 || !self.cooperative || pointer != Pointer::Touch
    }

    /// A `touchmove` with `touches` fingers on the map: whether to cancel it
    /// (so the browser does not scroll and the map gets the pinch).
    pub fn cancel_touch_move(&self, touches: u32) -> bool {
        !self.cooperative || touches >= 2
    }

    /// `data-gestures` on the canvas: `free`, `cooperative` or `active`.
    pub fn name(&self) -> &'static str {
        match (self.cooperative, self.active) {
            (false, _) => "free",
            (true, false) => "cooperative",
            (true, true) => "active",
        }
    }

    /// The CSS `touch-action` of the canvas.
    pub fn touch_action(&self) -> &'static str {
        if self.cooperative {
            "pan-x pan-y"
        } else {
            "none"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coop() -> Gestures {
        let mut g = Gestures::default();
        g.set_cooperative(true);
        g
    }

    #[test]
    fn the_standalone_map_keeps_every_gesture() {
        let g = Gestures::default();
        assert_eq!(g.wheel(false, false), Wheel::Zoom);
        assert!(g.drag_moves_map(1, Pointer::Touch));
        assert!(g.cancel_touch_move(1));
        assert_eq!(g.touch_action(), "none");
        assert_eq!(g.name(), "free");
    }

    #[test]
    fn a_plain_wheel_in_a_frame_scrolls_the_page_and_ctrl_or_cmd_zooms() {
        let g = coop();
        assert_eq!(g.wheel(false, false), Wheel::Page);
        assert_eq!(g.wheel(true, false), Wheel::Zoom);
        assert_eq!(g.wheel(false, true), Wheel::Zoom);
        assert_eq!(g.name(), "cooperative");
    }

    #[test]
    fn a_click_activates_the_map_until_the_pointer_leaves() {
        let mut g = coop();
        g.press(Pointer::Touch);
        assert_eq!(
            g.wheel(false, false),
            Wheel::Page,
            "a tap does not activate"
        );
        g.press(Pointer::Mouse);
        assert_eq!(g.wheel(false, false), Wheel::Zoom);
        assert_eq!(g.name(), "active");
        g.leave();
        assert_eq!(g.wheel(false, false), Wheel::Page);
        g.press(Pointer::Pen);
        assert!(g.active);
        g.set_cooperative(false);
        g.set_cooperative(true);
        assert!(!g.active, "a mode switch starts inactive");
    }

    #[test]
    fn one_finger_scrolls_the_page_and_two_move_the_map() {
        let mut g = coop();
        g.press(Pointer::Mouse);
        assert!(!g.drag_moves_map(1, Pointer::Touch), "even when active");
        assert!(g.drag_moves_map(2, Pointer::Touch));
        assert!(
            g.drag_moves_map(1, Pointer::Mouse),
            "a mouse drag is deliberate"
        );
        assert!(!g.cancel_touch_move(1));
        assert!(g.cancel_touch_move(2));
        assert_eq!(g.touch_action(), "pan-x pan-y");
    }
}
