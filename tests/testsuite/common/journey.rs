//! Walking the site as a person does: the bundled site built the README's way (in its own
//! folder, no flags), then every page reached from the home page by following its links.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

use headless_chrome::Tab;
use headless_chrome::protocol::cdp::Emulation;

use super::{bin, copy_of_bundled_site, file_url, stderr, wait_for_navigation_from};

/// The bundled site copied to a temporary folder and built there with `trappa build` and no
/// flags, once per test run; returns its `public/` folder.
pub fn site_built_the_readme_way() -> &'static Path {
    use std::sync::OnceLock;
    static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = copy_of_bundled_site();
        let output = bin().arg("build").current_dir(dir.path()).output().unwrap();
        assert!(output.status.success(), "`trappa build` in the site's folder: {}", stderr(&output));
        dir
    })
    .path()
    .join("public")
    .leak()
}

/// The links of the open page as (accessible name, absolute href) pairs: the name a screen
/// reader lists (aria-label, else the text, without the soft hyphens of long words), for links
/// that are not hidden from it.
const LINKS: &str = "JSON.stringify([...document.querySelectorAll('a[href]')]
  .filter(a => !a.closest('[aria-hidden=\"true\"]'))
  .map(a => [(a.getAttribute('aria-label') || a.textContent).replace(/\\u00ad/g, '').replace(/\\s+/g, ' ').trim(), a.href]))";

/// Opens the home page and visits every same-site page reachable from it by following links
/// (breadth first), calling `visit` on each with the page's path relative to the site.
/// Returns the links of every page visited.
pub fn walk(tab: &Tab, site: &Path, mut visit: impl FnMut(&Tab, &str)) -> BTreeMap<String, Vec<(String, String)>> {
    let root = file_url(site) + "/";
    let mut seen = BTreeSet::from([format!("{root}index.html")]);
    let mut queue = VecDeque::from([format!("{root}index.html")]);
    let mut pages = BTreeMap::new();
    while let Some(url) = queue.pop_front() {
        tab.navigate_to(&url).unwrap().wait_until_navigated().unwrap();
        let rel = url.strip_prefix(&root).unwrap().to_string();
        visit(tab, &rel);
        let links = tab.evaluate(LINKS, false).unwrap().value.unwrap();
        let links: Vec<(String, String)> = serde_json::from_str(links.as_str().unwrap()).unwrap();
        for (_, href) in &links {
            let page = href.split('#').next().unwrap();
            if page.starts_with(&root) && page.ends_with(".html") && seen.insert(page.to_string()) {
                queue.push_back(page.to_string());
            }
        }
        pages.insert(rel, links);
    }
    pages
}

/// Clicks the first link whose visible text contains `text` (soft hyphens aside) and waits
/// for the next page.
pub fn click_link(tab: &Tab, text: &str) {
    let name = "translate(normalize-space(.), '\u{ad}', '')";
    let xpath = format!("//main//a[contains({name}, '{text}')] | //nav//a[contains({name}, '{text}')]");
    let link = tab.wait_for_xpath(&xpath).unwrap_or_else(|_| panic!("a link `{text}` on {}", tab.get_url()));
    let from = tab.get_url();
    link.click().unwrap();
    wait_for_navigation_from(tab, &from);
}

/// Makes the tab a phone screen of `width` × `height` CSS pixels (the page's viewport meta
/// applies, as on a phone).
pub fn phone(tab: &Tab, width: u32, height: u32) {
    viewport(tab, width, height, true);
}

/// A window of `width` × `height` CSS pixels, as a phone (`mobile`) or a desktop's.
pub fn viewport(tab: &Tab, width: u32, height: u32, mobile: bool) {
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width,
        height,
        device_scale_factor: 1.0,
        mobile,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .unwrap();
}
