//! `trappa pack --scorm` as an employer's learning platform takes it: the bundled site packed
//! in its folder, the manifest read by another program (Python's zipfile and ElementTree);
//! the package played in Chromium by a platform of scorm-again (the harness in
//! tests/scorm-harness/) for SCORM 1.2 and 2004, from the first call to the last, with a second
//! launch in a new browser; the same package opened from a folder with no platform; the
//! path's certificate printed on one A4 page, and audited by axe.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::journey::{click_link, site_built_the_readme_way};
use crate::common::{
    assert_no_axe_violations, bin, browser, console_errors, copy_of_bundled_site, file_url, http_server, is_a4,
    npm_file, pdf_page_sizes, repo, run, skipped, stderr, value_of, wait_for, wait_for_value,
};
use headless_chrome::Tab;
use headless_chrome::types::PrintToPdfOptions;
use serde_json::{Value, json};

/// Packs `site` with `args` after `pack`; the zip's path.
fn pack(site: &Path, args: &[&str], zip: &str) -> PathBuf {
    let output = bin().arg("pack").args(args).args(["--out", zip]).current_dir(site).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("a SCORM package"), "{:?}", output);
    site.join(zip)
}

/// The bundled manager's path with `report_score: FORM` (of its self-assessment, or a misspelling).
fn reports_score(site: &Path, form: &str) {
    let page = site.join("content/kom-igang/for-chefer.md");
    let text =
        std::fs::read_to_string(&page).unwrap().replace("id: chef\n", &format!("id: chef\nreport_score: {form}\n"));
    std::fs::write(&page, text).unwrap();
}

/// Unzips `zip` into `into` with Python's zipfile, which checks every entry's CRC.
fn unzip(zip: &Path, into: &Path) {
    let out = Command::new("python3").args(["-m", "zipfile", "-e"]).arg(zip).arg(into).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// What the manifest says, read by Python's ElementTree (namespaces dropped): the schema
/// version, every identifier, the default organization, the items' references, the SCOs'
/// launch pages, every `href`, and the zip's own names.
const READ_MANIFEST: &str = r#"
import json, sys, zipfile, xml.etree.ElementTree as ET
zf = zipfile.ZipFile(sys.argv[1])
root = ET.fromstring(zf.read("imsmanifest.xml"))
def local(tag): return tag.split("}")[-1]
def attr(e, name): return next((v for k, v in e.attrib.items() if local(k) == name), None)
els = list(root.iter())
out = {
  "schemaversion": [e.text for e in els if local(e.tag) == "schemaversion"],
  "identifiers": [e.get("identifier") for e in els if e.get("identifier")],
  "default": [e.get("default") for e in els if local(e.tag) == "organizations"],
  "organizations": [e.get("identifier") for e in els if local(e.tag) == "organization"],
  "items": [[e.get("identifier"), e.get("identifierref"), next(c.text for c in e if local(c.tag) == "title")] for e in els if local(e.tag) == "item"],
  "resources": [[e.get("identifier"), attr(e, "scormtype") or attr(e, "scormType"), e.get("href")] for e in els if local(e.tag) == "resource"],
  "dependencies": [e.get("identifierref") for e in els if local(e.tag) == "dependency"],
  "files": [e.get("href") for e in els if local(e.tag) == "file"],
  "hrefs": [e.get("href") for e in els if e.get("href") is not None],
  "descriptions": [s.text for e in els if local(e.tag) == "description" for s in e.iter() if local(s.tag) in ("langstring", "string")],
  "names": zf.namelist(),
}
print(json.dumps(out))
"#;

fn manifest_of(zip: &Path) -> Value {
    let out = Command::new("python3").args(["-c", READ_MANIFEST]).arg(zip).output().unwrap();
    assert!(out.status.success(), "the manifest parses: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().unwrap().iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect()
}

/// A relative URL of the manifest as the file name it stands for (`%20` a space).
fn decoded(href: &str) -> String {
    let bytes = href.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&href[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The checks a platform's importer makes, and a few it may not.
fn assert_a_whole_package(manifest: &Value, version: &str, paths: &[&str]) {
    assert_eq!(strings(&manifest["schemaversion"]), [version]);
    let identifiers = strings(&manifest["identifiers"]);
    let unique: std::collections::BTreeSet<&String> = identifiers.iter().collect();
    assert_eq!(unique.len(), identifiers.len(), "identifiers are unique: {identifiers:?}");
    let organizations = strings(&manifest["organizations"]);
    assert_eq!(strings(&manifest["default"]), [organizations[0].clone()], "the default organization exists");
    let names = strings(&manifest["names"]);
    assert!(names.contains(&"imsmanifest.xml".to_string()), "the manifest at the zip's root");
    let hrefs = strings(&manifest["hrefs"]);
    for href in &hrefs {
        assert!(!href.starts_with('/') && !href.contains("://") && !href.contains(".."), "a relative href: {href}");
    }
    // Every file of the zip is listed, and every listed file is in the zip.
    let listed: std::collections::BTreeSet<String> = strings(&manifest["files"]).iter().map(|h| decoded(h)).collect();
    let packed: std::collections::BTreeSet<String> =
        names.iter().filter(|n| *n != "imsmanifest.xml").cloned().collect();
    assert_eq!(listed.difference(&packed).collect::<Vec<_>>(), Vec::<&String>::new(), "listed but not in the zip");
    assert_eq!(packed.difference(&listed).collect::<Vec<_>>(), Vec::<&String>::new(), "in the zip but not listed");
    // One SCO per path, each launched by a page of the package; the items point at them.
    let resources: Vec<Vec<String>> = manifest["resources"].as_array().unwrap().iter().map(strings).collect();
    let scos: Vec<&Vec<String>> = resources.iter().filter(|r| r[1] == "sco").collect();
    assert_eq!(scos.len(), paths.len(), "{resources:?}");
    for (sco, path) in scos.iter().zip(paths) {
        assert_eq!(sco[2], format!("scorm-{path}.html"));
        assert!(packed.contains(&decoded(&sco[2])), "the launch page {} exists", sco[2]);
    }
    let ids: Vec<&String> = resources.iter().map(|r| &r[0]).collect();
    for item in manifest["items"].as_array().unwrap() {
        assert!(ids.contains(&&item[1].as_str().unwrap().to_string()), "the item {item} names a resource");
    }
    for dependency in strings(&manifest["dependencies"]) {
        assert!(ids.contains(&&dependency), "the dependency {dependency} names a resource");
    }
}

#[test]
fn the_bundled_site_packs_as_a_scorm_package_whose_manifest_lists_every_file() {
    let site = copy_of_bundled_site();
    let zip = pack(site.path(), &["--scorm"], "kurs.zip");
    let manifest = manifest_of(&zip);
    assert_a_whole_package(&manifest, "1.2", &["chef", "ny"]);
    let items: Vec<String> =
        manifest["items"].as_array().unwrap().iter().map(|i| i[2].as_str().unwrap().into()).collect();
    assert_eq!(items, ["För dig som är chef", "För dig som är ny"], "an item per path, titled by it");
    let names = strings(&manifest["names"]);
    for name in ["index.html", "kom-igang/intyg-ny.html", "static/js/scorm.js", "scorm-ny.html", "scorm-chef.html"] {
        assert!(names.contains(&name.to_string()), "{name} is packed");
    }
    assert!(!names.iter().any(|n| n == "START.html"), "a package has its launch pages instead");

    let one = pack(site.path(), &["--scorm", "2004", "--path", "ny"], "ny-2004.zip");
    let manifest = manifest_of(&one);
    assert_a_whole_package(&manifest, "2004 4th Edition", &["ny"]);
    let descriptions = strings(&manifest["descriptions"]);
    assert!(
        descriptions.iter().all(|d| d.starts_with("En läsordning genom materialet för nya medarbetare")),
        "the course is described by the path's page: {descriptions:?}"
    );
    assert!(!strings(&manifest["names"]).contains(&"scorm-chef.html".to_string()), "only the path asked for");

    // Packed twice, the same bytes.
    let first = std::fs::read(&one).unwrap();
    pack(site.path(), &["--scorm", "2004", "--path", "ny"], "ny-2004.zip");
    assert!(std::fs::read(&one).unwrap() == first, "the same site packs into the same package");
}

#[test]
fn a_site_without_reading_paths_or_an_unknown_path_is_refused_with_what_to_do() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("content")).unwrap();
    std::fs::write(site.path().join("content/_index.md"), "---\ntitle: Hem\n---\n\nText.\n").unwrap();
    let output = bin().args(["pack", "--scorm"]).current_dir(site.path()).output().unwrap();
    assert!(!output.status.success(), "a non-zero exit");
    let said = stderr(&output);
    assert!(said.contains("the site has no reading paths") && said.contains("hint:"), "{said}");
    assert!(!said.contains("panicked"), "{said}");
    assert!(!site.path().join("trappa-scorm.zip").exists(), "no package is written");

    let bundled = copy_of_bundled_site();
    let output = bin().args(["pack", "--scorm", "--path", "chf"]).current_dir(bundled.path()).output().unwrap();
    assert!(!output.status.success());
    let said = stderr(&output);
    assert!(said.contains("no reading path `chf`") && said.contains("chef, ny"), "{said}");
}

#[test]
fn a_report_score_that_names_no_form_on_the_path_is_an_error_at_the_path() {
    let site = copy_of_bundled_site();
    reports_score(site.path(), "skata-laget");
    let output = bin().arg("check").current_dir(site.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let said = stderr(&output);
    assert!(
        said.contains(
            "content/kom-igang/for-chefer.md:16:1: error: the path's `report_score` names form `skata-laget`"
        ) && said.contains("did you mean `skatta-laget`?"),
        "{said}"
    );
}

/// A folder the harness serves: the harness, scorm-again and the unpacked package in
/// `package/`. `None` (skipped) without scorm-again.
fn harness(zip: &Path) -> Option<(tempfile::TempDir, String)> {
    let Some(runtime) = npm_file("scorm-again/dist/scorm-again.js") else {
        skipped("scorm-again not installed (`npm ci` in tests/ failed): the platform was not played");
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    for file in ["index.html", "harness.js", "harness.css"] {
        std::fs::copy(repo().join("tests/scorm-harness").join(file), dir.path().join(file)).unwrap();
    }
    std::fs::copy(runtime, dir.path().join("scorm-again.js")).unwrap();
    unzip(zip, &dir.path().join("package"));
    let url = http_server(dir.path());
    Some((dir, url))
}

/// The page shown in the launch page's frame, inside the harness's frame.
const PAGE: &str = "document.getElementById('sco').contentDocument.querySelector('iframe.scorm-frame').contentDocument";

/// Waits until the page in the frame is `key` (a page name of the package) and its path box
/// is live, and returns nothing.
fn wait_for_page(tab: &Tab, key: &str, path: &str) {
    wait_for(
        tab,
        &format!(
            "(() => {{ try {{ const d = {PAGE}; return d.readyState === 'complete' && d.location.pathname.endsWith('/package/' + {key:?}) && !d.querySelector('.path-place[data-path={path}] .path-place-mark').hidden; }} catch (e) {{ return false; }} }})()"
        ),
    );
}

/// Marks the page in the frame as read, as a click on its button.
fn mark(tab: &Tab, path: &str) {
    let button = format!("{PAGE}.querySelector('.path-place[data-path={path}] [data-path-mark]')");
    run(tab, &format!("{button}.click();"));
    wait_for_value(tab, &format!("{button}.getAttribute('aria-pressed')"), json!("true"));
}

/// Answers every form on the page in the frame: the second option of each question (or the
/// first), and `note` in each text box, as typing would.
fn answer_forms(tab: &Tab, note: &str) -> usize {
    let answered = run(
        tab,
        &format!(
            "const d = {PAGE}, w = d.defaultView; let n = 0;
             d.querySelectorAll('form.self-assessment.is-live').forEach(form => {{
               form.querySelectorAll('fieldset.question').forEach(q => {{
                 const inputs = q.querySelectorAll('input'); const input = inputs[Math.min(1, inputs.length - 1)];
                 input.checked = true; input.dispatchEvent(new w.Event('change', {{bubbles: true}}));
               }});
               form.querySelectorAll('textarea').forEach(t => {{ t.value = {note:?}; t.dispatchEvent(new w.Event('input', {{bubbles: true}})); }});
               n += 1;
             }});
             return n;"
        ),
    );
    answered.as_u64().unwrap() as usize
}

/// The harness's call log: each call's name, its arguments and its result.
fn calls(tab: &Tab) -> Vec<Value> {
    value_of(tab, "window.scormLog").as_array().cloned().unwrap_or_default()
}

/// The last value the package set of `element`.
fn last_set(log: &[Value], element: &str) -> Option<String> {
    log.iter()
        .rev()
        .find(|c| c["call"].as_str().unwrap().ends_with("SetValue") && c["args"][0] == json!(element))
        .map(|c| c["args"][1].as_str().unwrap().to_string())
}

struct Edition {
    version: &'static str,
    initialize: &'static str,
    finish: &'static str,
    status: &'static str,
    place: &'static str,
    learner: &'static str,
    /// Every element the package may set: completion, place, suspend_data, exit, the score.
    allowed: &'static [&'static str],
}

const SCORM_12: Edition = Edition {
    version: "1.2",
    initialize: "LMSInitialize",
    finish: "LMSFinish",
    status: "cmi.core.lesson_status",
    place: "cmi.core.lesson_location",
    learner: "Namn i lärplattformen: Kim Andersson",
    allowed: &[
        "cmi.core.lesson_status",
        "cmi.core.lesson_location",
        "cmi.suspend_data",
        "cmi.core.exit",
        "cmi.core.score.raw",
        "cmi.core.score.min",
        "cmi.core.score.max",
    ],
};

const SCORM_2004: Edition = Edition {
    version: "2004",
    initialize: "Initialize",
    finish: "Terminate",
    status: "cmi.completion_status",
    place: "cmi.location",
    learner: "Namn i lärplattformen: Kim Andersson",
    allowed: &[
        "cmi.completion_status",
        "cmi.location",
        "cmi.suspend_data",
        "cmi.exit",
        "cmi.score.raw",
        "cmi.score.min",
        "cmi.score.max",
        "cmi.score.scaled",
    ],
};

const NOTE: &str = "Min hemliga anteckning 4711";

/// A person takes the path `path` in the platform: two launches in two browsers, every step
/// marked, the forms on the steps answered, the certificate opened; then the whole call log is
/// checked. Returns the log.
fn take_the_path_in_a_platform(edition: &Edition, path: &str, zip: &Path) -> Option<Vec<Value>> {
    let browser = browser()?;
    let (_dir, url) = harness(zip)?;
    let launch = format!("{url}index.html?version={}&launch=package/scorm-{path}.html", edition.version);

    // First launch, a browser of its own.
    let first = browser.new_context().unwrap();
    let tab = first.new_tab().unwrap();
    tab.navigate_to(&launch).unwrap().wait_until_navigated().unwrap();
    wait_for(&tab, "document.getElementById('sco').contentDocument?.getElementById('trappa-scorm')");
    let steps: Vec<String> = serde_json::from_str::<Value>(
        value_of(&tab, "document.getElementById('sco').contentDocument.getElementById('trappa-scorm').textContent")
            .as_str()
            .unwrap(),
    )
    .unwrap()["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    wait_for_page(&tab, &steps[0], path);
    let log = calls(&tab);
    assert_eq!(log[0]["call"], json!(edition.initialize), "the session starts first: {log:?}");
    assert_eq!(last_set(&log, edition.status).as_deref(), Some("incomplete"), "begun at the first step");

    mark(&tab, path);
    let log = calls(&tab);
    let state: Value = serde_json::from_str(&last_set(&log, "cmi.suspend_data").unwrap()).unwrap();
    assert!(state["read"]["1"].as_str().is_some_and(|d| d.len() == 10), "step 1 marked, with its day: {state}");
    assert_eq!(last_set(&log, edition.status).as_deref(), Some("incomplete"), "incomplete after step 1");
    assert!(log.last().unwrap()["call"].as_str().unwrap().ends_with("Commit"), "committed after the step: {log:?}");

    // On to step 2 by its link; its forms answered; then the platform is left.
    run(&tab, &format!("{PAGE}.querySelector('.path-place[data-path={path}] .path-place-next a').click();"));
    wait_for_page(&tab, &steps[1], path);
    let mut answered = answer_forms(&tab, NOTE);
    // The place is kept as the page opens (the launch page hears its frame load).
    wait_for(
        &tab,
        &format!(
            "window.scormLog.filter(c => c.call.endsWith('SetValue') && c.args[0] === {:?}).pop()?.args[1] === {:?}",
            edition.place, steps[1]
        ),
    );
    run(&tab, "window.leaveCourse();");
    wait_for(&tab, &format!("window.scormLog.some(c => c.call === {:?})", edition.finish));
    let mut log = calls(&tab);
    assert_eq!(log.last().unwrap()["call"], json!(edition.finish), "the session ends when the page is left");
    let kept = value_of(&tab, "window.scormState()").as_str().unwrap().to_string();
    drop(tab);
    drop(first);

    // Second launch, another browser: nothing in its localStorage; the platform keeps the place.
    let second = browser.new_context().unwrap();
    let tab = second.new_tab().unwrap();
    let again = format!("{launch}&state={}", percent(&kept));
    tab.navigate_to(&again).unwrap().wait_until_navigated().unwrap();
    wait_for_page(&tab, &steps[1], path);
    assert_eq!(calls(&tab)[0]["call"], json!(edition.initialize));
    run(&tab, &format!("{PAGE}.querySelector('.path-place[data-path={path}] .path-place-previous a').click();"));
    wait_for_page(&tab, &steps[0], path);
    assert_eq!(
        value_of(
            &tab,
            &format!(
                "{PAGE}.querySelector('.path-place[data-path={path}] [data-path-mark]').getAttribute('aria-pressed')"
            )
        ),
        json!("true"),
        "step 1's mark is restored from suspend_data"
    );
    assert_eq!(value_of(&tab, "localStorage.length"), json!(0));
    for (n, key) in steps.iter().enumerate().skip(1) {
        run(&tab, &format!("{PAGE}.querySelector('.path-place[data-path={path}] .path-place-next a').click();"));
        wait_for_page(&tab, key, path);
        if n > 1 {
            answered += answer_forms(&tab, NOTE);
        }
        mark(&tab, path);
        let status = last_set(&calls(&tab), edition.status);
        let want = if n + 1 == steps.len() { "completed" } else { "incomplete" };
        assert_eq!(status.as_deref(), Some(want), "after step {}", n + 1);
    }
    assert!(answered > 0, "a form on the path was answered");

    // The certificate, from the path's page: done, with the platform's name for the learner.
    run(&tab, &format!("{PAGE}.querySelector('.path-place[data-path={path}] .path-place-where a').click();"));
    wait_for(
        &tab,
        &format!(
            "(() => {{ try {{ return {PAGE}.querySelector('.path-certificate-link a') !== null && {PAGE}.readyState === 'complete'; }} catch (e) {{ return false; }} }})()"
        ),
    );
    run(&tab, &format!("{PAGE}.querySelector('.path-certificate-link a').click();"));
    wait_for(
        &tab,
        &format!(
            "(() => {{ try {{ return !{PAGE}.querySelector('[data-certificate-learner]').hidden; }} catch (e) {{ return false; }} }})()"
        ),
    );
    assert_eq!(
        value_of(&tab, &format!("{PAGE}.querySelector('[data-certificate-learner]').textContent")),
        json!(edition.learner)
    );
    let done = value_of(&tab, &format!("{PAGE}.querySelector('[data-certificate-done]').textContent"));
    assert!(done.as_str().unwrap().starts_with("Klar "), "{done}");

    run(&tab, "window.leaveCourse();");
    wait_for(&tab, &format!("window.scormLog.some(c => c.call === {:?})", edition.finish));
    let second_log = calls(&tab);
    assert_eq!(second_log.last().unwrap()["call"], json!(edition.finish));
    assert_eq!(last_set(&second_log, edition.status).as_deref(), Some("completed"));
    log.extend(second_log);

    // The whole log: only completion, place, suspend_data of marks and place, exit, a score.
    for call in &log {
        let args = strings(&call["args"]);
        assert!(!args.iter().any(|a| a.contains(NOTE) || a.contains("hemliga")), "a note in {call}");
        if call["call"].as_str().unwrap().ends_with("SetValue") {
            assert!(edition.allowed.contains(&args[0].as_str()), "only completion and place are set: {call}");
        }
        if args.first().map(String::as_str) == Some("cmi.suspend_data") && args.len() == 2 {
            let data: Value = serde_json::from_str(&args[1]).unwrap();
            let mut keys: Vec<&String> = data.as_object().unwrap().keys().collect();
            keys.sort();
            assert_eq!(keys, ["at", "read", "v"], "suspend_data holds the place and the marks only: {data}");
            assert!(data["read"].as_object().unwrap().values().all(|d| d.as_str().unwrap().len() == 10));
        }
    }
    Some(log)
}

/// A value as a query parameter.
fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn in_a_scorm_1_2_platform_the_path_reports_completion_place_and_its_one_score_never_an_answer() {
    let site = copy_of_bundled_site();
    // The manager's path opts in to report the score of its self-assessment.
    reports_score(site.path(), "skatta-laget");
    let zip = pack(site.path(), &["--scorm", "--path", "chef"], "chef.zip");
    let Some(log) = take_the_path_in_a_platform(&SCORM_12, "chef", &zip) else { return };
    // Ten scales answered "delvis" (2 of 1–3 points): half of the form's range.
    assert_eq!(last_set(&log, "cmi.core.score.raw").as_deref(), Some("50"), "the score, in percent");
    assert_eq!(last_set(&log, "cmi.core.score.max").as_deref(), Some("100"));
}

#[test]
fn in_a_scorm_2004_platform_the_path_reports_completion_and_place_and_no_score() {
    let site = copy_of_bundled_site();
    let zip = pack(site.path(), &["--scorm", "2004", "--path", "ny"], "ny.zip");
    let Some(log) = take_the_path_in_a_platform(&SCORM_2004, "ny", &zip) else { return };
    assert!(
        !log.iter().any(|c| c["args"][0].as_str().is_some_and(|a| a.starts_with("cmi.score"))),
        "a path without report_score reports no score"
    );
}

#[test]
fn a_form_whose_score_the_path_reports_says_so_before_it_is_answered() {
    let site = copy_of_bundled_site();
    reports_score(site.path(), "skatta-laget");
    let zip = pack(site.path(), &["--scorm", "--path", "chef"], "chef.zip");
    let Some(browser) = browser() else { return };
    let Some((_dir, url)) = harness(&zip) else { return };
    let tab = browser.new_context().unwrap().new_tab().unwrap();
    tab.navigate_to(&format!("{url}index.html?version=1.2&launch=package/scorm-chef.html")).unwrap();
    wait_for_page(&tab, "framgang/framgangsfaktorer.html", "chef");
    run(&tab, &format!("{PAGE}.querySelector('.path-place[data-path=chef] .path-place-next a').click();"));
    wait_for_page(&tab, "trappan/skatta-laget.html", "chef");
    let privacy = format!("{PAGE}.querySelector('form[data-form=skatta-laget] .form-privacy').textContent");
    wait_for(&tab, &format!("{PAGE}.querySelector('form[data-form=skatta-laget].is-live')"));
    let said = value_of(&tab, &privacy);
    assert!(
        said.as_str().unwrap().contains("skickar din poäng på självskattningen till lärplattformen"),
        "the form says what is sent, above its questions: {said}"
    );
    assert!(
        value_of(
            &tab,
            &format!(
                "{PAGE}.querySelector('form[data-form=skatta-laget] .form-privacy').compareDocumentPosition({PAGE}.querySelector('form[data-form=skatta-laget] fieldset.question')) & 4"
            )
        ) == json!(4),
        "before the first question"
    );
    assert!(
        !calls(&tab).iter().any(|c| c["args"][0].as_str().is_some_and(|a| a.contains("score"))),
        "nothing sent before answering"
    );
    // Outside the platform the same page says what it always says.
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&format!("{url}package/trappan/skatta-laget.html")).unwrap().wait_until_navigated().unwrap();
    wait_for(&tab, "document.querySelector('form[data-form=skatta-laget].is-live')");
    assert_eq!(
        value_of(&tab, "document.querySelector('form[data-form=skatta-laget] .form-privacy').textContent"),
        json!("Dina svar sparas bara i den här webbläsaren på din dator. De skickas aldrig någonstans.")
    );
}

#[test]
fn the_package_opened_from_a_folder_without_a_platform_is_the_site_as_it_is() {
    let Some(browser) = browser() else { return };
    let site = copy_of_bundled_site();
    let zip = pack(site.path(), &["--scorm"], "kurs.zip");
    let folder = tempfile::tempdir().unwrap();
    unzip(&zip, folder.path());
    let tab = browser.new_tab().unwrap();
    let errors = console_errors(&tab);
    let started = std::time::Instant::now();
    tab.navigate_to(&file_url(&folder.path().join("scorm-ny.html"))).unwrap();
    wait_for_value(
        &tab,
        "location.pathname.endsWith('/checklistor/oavsett-kon.html') && document.readyState",
        json!("complete"),
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "no waiting for a platform: {:?}",
        started.elapsed()
    );
    run(&tab, "localStorage.clear();");
    tab.reload(false, None).unwrap().wait_until_navigated().unwrap();
    let button = "document.querySelector('.path-place[data-path=ny] [data-path-mark]')";
    wait_for_value(&tab, &format!("!{button}.closest('[hidden]')"), json!(true));
    tab.find_element(".path-place[data-path=ny] [data-path-mark]").unwrap().click().unwrap();
    wait_for_value(&tab, &format!("{button}.getAttribute('aria-pressed')"), json!("true"));
    assert!(
        value_of(&tab, "localStorage.getItem('trappa-lasvag:ny')")
            .as_str()
            .unwrap()
            .contains("checklistor/oavsett-kon.html")
    );
    click_link(&tab, "Läsväg: För dig som är ny");
    wait_for_value(
        &tab,
        "document.querySelector('#ny [data-path-progress]').textContent",
        json!("Du har läst 1 av 13 steg. Kvar: ungefär 105 minuter."),
    );
    let errors = errors.lock().unwrap().clone();
    assert!(errors.is_empty(), "no errors in the console: {errors:?}");
}

#[test]
fn the_certificate_prints_on_one_a4_page_with_the_path_the_day_and_the_name() {
    let Some(browser) = browser() else { return };
    let public = site_built_the_readme_way();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&file_url(&public.join("kom-igang/for-nyanstallda.html"))).unwrap().wait_until_navigated().unwrap();
    // Every step marked, as path.js keeps them, the last on 3 December 2026.
    let keys =
        value_of(&tab, "[...document.querySelectorAll('#ny [data-step]')].map(s => s.getAttribute('data-step'))");
    let read: serde_json::Map<String, Value> = keys
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(n, k)| {
            (
                k.as_str().unwrap().to_string(),
                json!(if n == 0 { "2026-12-03T09:00:00.000Z" } else { "2026-12-01T09:00:00.000Z" }),
            )
        })
        .collect();
    run(
        &tab,
        &format!(
            "localStorage.setItem('trappa-lasvag:ny', {:?}); localStorage.removeItem('trappa-intyg-namn');",
            json!({ "read": read }).to_string()
        ),
    );
    tab.reload(false, None).unwrap().wait_until_navigated().unwrap();
    click_link(&tab, "Intyg: För dig som är ny");
    assert!(tab.get_url().ends_with("kom-igang/intyg-ny.html"), "{}", tab.get_url());
    wait_for_value(&tab, "document.querySelector('[data-certificate-actions]').hidden", json!(false));
    assert_eq!(
        value_of(&tab, "document.querySelector('[data-certificate-done]').textContent"),
        json!("Klar 3 december 2026.")
    );
    tab.find_element("#intyg-namn").unwrap().click().unwrap();
    tab.type_str("Kim Andersson").unwrap();
    wait_for_value(&tab, "document.querySelector('[data-certificate-name]').textContent", json!("Kim Andersson"));
    assert_eq!(value_of(&tab, "localStorage.getItem('trappa-intyg-namn')"), json!("Kim Andersson"));
    assert_no_axe_violations(&tab, "the certificate");

    let options = PrintToPdfOptions { prefer_css_page_size: Some(true), ..Default::default() };
    let pdf = tab.print_to_pdf(Some(options)).unwrap();
    let sizes = pdf_page_sizes(&lopdf::Document::load_mem(&pdf).unwrap(), "MediaBox");
    assert_eq!(sizes.len(), 1, "one page: {sizes:?}");
    assert!(is_a4(sizes[0]), "A4: {sizes:?}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("intyg.pdf"), &pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg(dir.path().join("intyg.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let printed = String::from_utf8_lossy(&out.stdout);
    for words in [
        "Intyg",
        "Kim Andersson",
        "För dig som är ny",
        "Klar 3 december 2026.",
        "Jämställd socialtjänst",
        "Checklistan Oavsett kön",
    ] {
        assert!(printed.contains(words), "the printed certificate has {words:?}:\n{printed}");
    }
    assert!(
        !printed.contains("Skriv ut intyget") && !printed.contains("Ditt namn på intyget"),
        "no form on paper:\n{printed}"
    );
}
