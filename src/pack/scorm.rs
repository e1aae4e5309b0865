//! `trappa pack --scorm`: the built site as a SCORM 1.2 or 2004 package, one SCO per reading path, each started by a launch page that holds the platform's session while the person moves between pages.
//!
//! Why a launch page of its own: a SCORM session ends when the page that opened it is left, and
//! a path is many pages. The launch page (`scorm-ID.html`, at the package's root) opens the
//! session, shows the path's pages in a frame and ends the session when it is itself left;
//! the pages inside find it up the frames (`helpers.js`), and `scorm.js` is the one script that
//! talks to the platform. Without a platform it opens the path's first step, as a link would.

use std::collections::BTreeSet;
use std::path::Path;

use super::Entry;
use crate::config::Config;
use crate::i18n;
use crate::render::CSP;
use crate::site::PathFacts;
use crate::web::escape;

/// The SCORM edition a package is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Version {
    /// SCORM 1.2: what every learning platform imports.
    #[value(name = "1.2")]
    V12,
    /// SCORM 2004 4th edition.
    #[value(name = "2004")]
    V2004,
}

impl Version {
    /// What the launch page's script reads: the API's name and calls follow from it.
    fn name(self) -> &'static str {
        match self {
            Version::V12 => "1.2",
            Version::V2004 => "2004",
        }
    }

    /// How much `cmi.suspend_data` the edition guarantees (SCORM 1.2: CMIString4096; SCORM
    /// 2004 4th edition: at least 64,000 characters).
    pub fn suspend_data_limit(self) -> usize {
        match self {
            Version::V12 => 4096,
            Version::V2004 => 64_000,
        }
    }
}

/// The manifest at the package's root.
pub const MANIFEST: &str = "imsmanifest.xml";

/// The script of the launch pages, in the theme's static files.
const SCRIPT: &str = "static/js/scorm.js";

/// The launch page of the path `id`, at the package's root.
pub fn launch_page(id: &str) -> String {
    format!("scorm-{id}.html")
}

/// Writes the built site `site` as a SCORM package `zip`: the site's files at its root beside
/// `imsmanifest.xml` and a launch page per path (`only` one path, or all). Returns the number of
/// files in the zip.
pub fn write_package(
    site: &Path,
    config: &Config,
    paths: &[PathFacts],
    only: Option<&str>,
    version: Version,
    zip: &Path,
) -> anyhow::Result<usize> {
    let chosen = choose(paths, only)?;
    let files = super::site_files(site)?;
    anyhow::ensure!(
        files.iter().any(|(name, _)| name == SCRIPT),
        "the built site has no {SCRIPT}, the script a SCORM package's launch pages run\n  hint: a theme of your own \
         gets it from the default theme unless its own static/ replaces static/js; copy it from themes/default/static/js/"
    );
    let longest_place = files.iter().map(|(name, _)| name.len()).max().unwrap_or_default();
    for path in &chosen {
        let needed = suspend_data_needed(path, longest_place);
        anyhow::ensure!(
            needed <= version.suspend_data_limit(),
            "the reading path `{}` has {} steps: its marks and place take up to {needed} characters of \
             cmi.suspend_data, more than SCORM {}'s {}\n  hint: split the path into shorter ones, or pack it \
             with `--scorm 2004`, whose suspend_data holds {} characters",
            path.id,
            path.steps.len(),
            version.name(),
            version.suspend_data_limit(),
            Version::V2004.suspend_data_limit()
        );
    }
    let mut entries: Vec<(String, Entry)> = files.into_iter().map(|(name, path)| (name, Entry::File(path))).collect();
    for path in &chosen {
        entries.push((launch_page(&path.id), Entry::Made(launch_html(config, path, version).into_bytes())));
    }
    let names: Vec<&str> = entries.iter().map(|(name, _)| name.as_str()).collect();
    let manifest = manifest(config, &chosen, &names, version);
    entries.push((MANIFEST.to_string(), Entry::Made(manifest.into_bytes())));
    super::write_entries(entries, zip)
}

/// The paths to package: all of them, or the one `only` names.
fn choose<'a>(paths: &'a [PathFacts], only: Option<&str>) -> anyhow::Result<Vec<&'a PathFacts>> {
    anyhow::ensure!(
        !paths.is_empty(),
        "the site has no reading paths, and a SCORM package is made of them: each path is a course the platform \
         tracks\n  hint: add a ```{{path}}``` block to a page (see the README, *path*), or pack without --scorm"
    );
    match only {
        None => Ok(paths.iter().collect()),
        Some(id) => match paths.iter().find(|p| p.id == id) {
            Some(path) => Ok(vec![path]),
            None => {
                let ids: Vec<&str> = paths.iter().map(|p| p.id.as_str()).collect();
                anyhow::bail!(
                    "the site has no reading path `{id}`\n  hint: its paths are {}; name one of them with --path",
                    ids.join(", ")
                )
            }
        },
    }
}

/// The longest `cmi.suspend_data` the path can need, as scorm.js writes it: every step marked
/// on a day (`"12":"2026-12-02"`) and the place the longest page name of the site.
fn suspend_data_needed(path: &PathFacts, longest_place: usize) -> usize {
    let read: serde_json::Map<String, serde_json::Value> =
        (1..=path.steps.len()).map(|n| (n.to_string(), "2026-12-02".into())).collect();
    let most = serde_json::json!({ "v": 1, "at": "x".repeat(longest_place), "read": read });
    most.to_string().len()
}

/// The launch page: the path's data for scorm.js, and a link to the first step for a browser
/// without script. Its policy is the pages' own, and frames of the package's own pages.
fn launch_html(config: &Config, path: &PathFacts, version: Version) -> String {
    let strings = i18n::strings(&config.language);
    let first = path.steps.first().map(String::as_str).unwrap_or(&path.page);
    let data = serde_json::json!({
        "version": version.name(),
        "path": path.id,
        "title": path.title,
        "first": first,
        "steps": path.steps,
        "report_score": path.report_score.as_ref().map(|f| serde_json::json!({"id": f.id, "version": f.version})),
    });
    // A JSON block, never an inline script; `<` written as \u003c so that no text ends it.
    let data = data.to_string().replace('<', "\\u003c");
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}; frame-src 'self'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<title>{title} – {site}</title>\n\
         <link rel=\"stylesheet\" href=\"static/css/trappa.css\">\n\
         <script type=\"application/json\" id=\"trappa-scorm\">{data}</script>\n\
         <script src=\"{SCRIPT}\" defer></script>\n</head>\n<body class=\"scorm-launch\">\n\
         <main class=\"scorm-start\" data-scorm-start>\n<h1>{title}</h1>\n\
         <p><a href=\"{href}\" data-scorm-first>{open}</a></p>\n</main>\n</body>\n</html>\n",
        lang = escape(&config.language),
        title = escape(&path.title),
        site = escape(&config.title),
        href = escape(&href(first)),
        open = escape(&strings.fill("scorm_open", &[&path.title])),
    )
}

/// A file's name as a relative URL: each byte outside the unreserved characters and `/`
/// percent-encoded (an asset's name may hold a space or an å).
pub fn href(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for byte in name.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// `imsmanifest.xml`: one organization with an item per path, a SCO resource per path (its
/// launch page) and one asset resource listing every other file, which each SCO depends on.
fn manifest(config: &Config, paths: &[&PathFacts], names: &[&str], version: Version) -> String {
    let lang = &config.language;
    let launches: BTreeSet<String> = paths.iter().map(|p| launch_page(&p.id)).collect();
    // One path: the course is the path. Several: the site, each path an item in it.
    let (title, description) = match paths {
        [one] => (one.title.as_str(), one.description.as_str()),
        _ => (config.title.as_str(), config.description.as_str()),
    };
    let package = super::package_name(config);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    match version {
        Version::V12 => xml.push_str(&format!(
            "<manifest identifier=\"trappa-{package}\" version=\"1.0\" \
             xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\" \
             xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\" \
             xmlns:imsmd=\"http://www.imsglobal.org/xsd/imsmd_rootv1p2p1\">\n\
             <metadata>\n<schema>ADL SCORM</schema>\n<schemaversion>1.2</schemaversion>\n{}</metadata>\n",
            lom(version, lang, title, description)
        )),
        Version::V2004 => xml.push_str(&format!(
            "<manifest identifier=\"trappa-{package}\" version=\"1\" \
             xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" \
             xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\" \
             xmlns:adlseq=\"http://www.adlnet.org/xsd/adlseq_v1p3\" \
             xmlns:adlnav=\"http://www.adlnet.org/xsd/adlnav_v1p3\" \
             xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\" \
             xmlns:lom=\"http://ltsc.ieee.org/xsd/LOM\">\n\
             <metadata>\n<schema>ADL SCORM</schema>\n<schemaversion>2004 4th Edition</schemaversion>\n{}</metadata>\n",
            lom(version, lang, title, description)
        )),
    }
    xml.push_str(&format!(
        "<organizations default=\"trappa-kurs\">\n<organization identifier=\"trappa-kurs\">\n<title>{}</title>\n",
        escape(title)
    ));
    for path in paths {
        xml.push_str(&format!(
            "<item identifier=\"trappa-lasvag-{id}\" identifierref=\"trappa-sco-{id}\" isvisible=\"true\">\n\
             <title>{}</title>\n<metadata>\n{}</metadata>\n</item>\n",
            escape(&path.title),
            lom(version, lang, &path.title, &path.description),
            id = path.id
        ));
    }
    xml.push_str("</organization>\n</organizations>\n<resources>\n");
    let scorm_type = match version {
        Version::V12 => "adlcp:scormtype",
        Version::V2004 => "adlcp:scormType",
    };
    for path in paths {
        let launch = href(&launch_page(&path.id));
        xml.push_str(&format!(
            "<resource identifier=\"trappa-sco-{id}\" type=\"webcontent\" {scorm_type}=\"sco\" href=\"{launch}\">\n\
             <file href=\"{launch}\"/>\n<dependency identifierref=\"trappa-sajten\"/>\n</resource>\n",
            id = path.id
        ));
    }
    xml.push_str(&format!("<resource identifier=\"trappa-sajten\" type=\"webcontent\" {scorm_type}=\"asset\">\n"));
    for name in names.iter().filter(|name| !launches.contains(**name)) {
        xml.push_str(&format!("<file href=\"{}\"/>\n", escape(&href(name))));
    }
    xml.push_str("</resource>\n</resources>\n</manifest>\n");
    xml
}

/// The title and description as the edition's metadata (IMS LOM) writes them.
fn lom(version: Version, lang: &str, title: &str, description: &str) -> String {
    let (title, description, lang) = (escape(title), escape(description), escape(lang));
    match version {
        Version::V12 => format!(
            "<imsmd:lom><imsmd:general><imsmd:title><imsmd:langstring xml:lang=\"{lang}\">{title}</imsmd:langstring>\
             </imsmd:title><imsmd:description><imsmd:langstring xml:lang=\"{lang}\">{description}</imsmd:langstring>\
             </imsmd:description></imsmd:general></imsmd:lom>\n"
        ),
        Version::V2004 => format!(
            "<lom:lom><lom:general><lom:title><lom:string language=\"{lang}\">{title}</lom:string></lom:title>\
             <lom:description><lom:string language=\"{lang}\">{description}</lom:string></lom:description>\
             </lom:general></lom:lom>\n"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(id: &str, steps: usize) -> PathFacts {
        PathFacts {
            id: id.into(),
            title: format!("Väg {id} & <mer>"),
            description: "Läs i ordning.".into(),
            page: "kom-igang/vag.html".into(),
            steps: (0..steps).map(|n| format!("steg/{n}.html")).collect(),
            report_score: None,
            certificate: None,
        }
    }

    #[test]
    fn the_manifest_lists_a_sco_per_path_and_every_other_file_once() {
        let config = Config { title: "Sajt".into(), ..Config::default() };
        let (a, b) = (path("ny", 2), path("chef", 1));
        let names = ["index.html", "bild med mellanslag.png", "scorm-ny.html", "scorm-chef.html"];
        for version in [Version::V12, Version::V2004] {
            let xml = manifest(&config, &[&a, &b], &names, version);
            assert_eq!(xml.matches("=\"sco\"").count(), 2, "{xml}");
            assert!(
                xml.contains("href=\"scorm-ny.html\"") && xml.contains("<file href=\"bild%20med%20mellanslag.png\"/>")
            );
            assert!(xml.contains("Väg ny &amp; &lt;mer&gt;"), "titles are escaped: {xml}");
            assert_eq!(
                xml.matches("<file href=\"scorm-chef.html\"/>").count(),
                1,
                "a launch page is its SCO's file only"
            );
        }
    }

    #[test]
    fn marks_that_outgrow_scorm_1_2_are_counted_before_packing() {
        // 12 steps and a place of 60 characters fit easily; 400 steps do not fit 4,096.
        assert!(suspend_data_needed(&path("ny", 12), 60) < 400);
        assert!(suspend_data_needed(&path("lang", 400), 60) > Version::V12.suspend_data_limit());
        assert!(suspend_data_needed(&path("lang", 400), 60) < Version::V2004.suspend_data_limit());
    }

    #[test]
    fn a_site_without_paths_or_an_unknown_path_is_refused_with_what_to_do() {
        let err = choose(&[], None).unwrap_err().to_string();
        assert!(err.contains("no reading paths") && err.contains("hint"), "{err}");
        let paths = [path("ny", 1)];
        let err = choose(&paths, Some("chf")).unwrap_err().to_string();
        assert!(err.contains("no reading path `chf`") && err.contains("ny"), "{err}");
        assert_eq!(choose(&paths, Some("ny")).unwrap().len(), 1);
    }
}
