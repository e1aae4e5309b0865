//! The site's menu in every page's header: whole while it is short; a long one (hundreds of
//! sections) collapses to its first entries, the page's own and a link to a page that lists
//! them all, so that the size of a page does not grow with the number of sections.

/// The menu as (title, output URL relative to the root), in order.
#[derive(Clone)]
pub struct Menu {
    pub entries: Vec<(String, String)>,
    /// The page that lists every entry (`avsnitt.html`), when the header carries only some.
    pub overview: Option<String>,
}

/// The theme's template of the page that lists the whole menu (a theme without it keeps
/// every menu whole).
pub const OVERVIEW_TEMPLATE: &str = "menu.html";
/// The longest menu every header carries whole (the bundled site has nine entries).
const LONGEST_WHOLE: usize = 12;
/// How many of a collapsed menu's first entries the header still shows.
const SHOWN_WHEN_COLLAPSED: usize = 6;

impl Menu {
    /// `entries` in the header, or, when there are too many of them and the theme can list
    /// them on a page of its own, the overview at `overview` (see [`Menu::shown`]).
    pub fn new(entries: Vec<(String, String)>, overview: &str, can_list: bool) -> Menu {
        let overview = (entries.len() > LONGEST_WHOLE && can_list).then(|| overview.to_string());
        Menu { entries, overview }
    }

    /// The entries the header of a page shows: all, or when collapsed the first few and the
    /// one for `own` (the page's top-level section or the page itself), wherever it stands.
    pub fn shown<'a>(&'a self, own: &'a [&'a str]) -> impl Iterator<Item = &'a (String, String)> {
        let whole = self.overview.is_none();
        self.entries
            .iter()
            .enumerate()
            .filter(move |(i, (_, url))| whole || *i < SHOWN_WHEN_COLLAPSED || own.contains(&url.as_str()))
            .map(|(_, entry)| entry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn menu(n: usize) -> Menu {
        let entries = (0..n).map(|i| (format!("Avsnitt {i}"), format!("a{i}/index.html"))).collect();
        Menu::new(entries, "avsnitt.html", true)
    }

    #[test]
    fn a_short_menu_is_shown_whole_and_a_long_one_collapses_around_the_page_s_own_entry() {
        let short = menu(LONGEST_WHOLE);
        assert_eq!(short.overview, None);
        assert_eq!(short.shown(&[]).count(), LONGEST_WHOLE);

        let long = menu(400);
        assert_eq!(long.overview.as_deref(), Some("avsnitt.html"));
        let shown: Vec<&str> = long.shown(&["a250/index.html"]).map(|(_, url)| url.as_str()).collect();
        assert_eq!(shown.len(), SHOWN_WHEN_COLLAPSED + 1);
        assert_eq!(shown.last(), Some(&"a250/index.html"));
        assert_eq!(long.shown(&["a2/index.html"]).count(), SHOWN_WHEN_COLLAPSED);
    }

    #[test]
    fn a_theme_that_cannot_list_the_menu_keeps_it_whole() {
        let entries = (0..40).map(|i| (i.to_string(), format!("{i}.html"))).collect();
        let menu = Menu::new(entries, "avsnitt.html", false);
        assert_eq!(menu.overview, None);
        assert_eq!(menu.shown(&[]).count(), 40);
    }
}
