//! `trappa pack`: the built site as one zip file to hand over (by e-mail, on a file share),
//! whose one top-level folder holds the site and a start page named so that anyone finds it.
//!
//! The zip is written here rather than with the `zip` crate: the format needed is small (stored
//! or deflated entries, UTF-8 names, no encryption, no ZIP64) and flate2, which deflates and
//! sums the CRC-32, is already in the build through typst. The file is written beside its place
//! and renamed into it when whole, so a failed pack never leaves half a zip. `scorm.rs`: the
//! same site as a package for a learning platform (`--scorm`).

pub mod scorm;

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::Crc;
use flate2::write::DeflateEncoder;

use crate::config::Config;
use crate::content::slug::slugify;
use crate::i18n;
use crate::web::escape;

/// The start page at the zip's top level, beside the site's folder's `index.html`.
pub const START_PAGE: &str = "START.html";

/// The zip's one top-level folder and the file's default name: the site's title as a slug.
pub fn package_name(config: &Config) -> String {
    match slugify(&config.title) {
        slug if slug.is_empty() => "trappa".to_string(),
        slug => slug,
    }
}

/// Writes every file under `site` (a built site) into the zip file `zip`, under the folder
/// `folder`, with a start page that opens the site. Returns the number of files packed.
pub fn write_zip(site: &Path, folder: &str, config: &Config, zip: &Path) -> anyhow::Result<usize> {
    let mut entries: Vec<(String, Entry)> =
        site_files(site)?.into_iter().map(|(name, path)| (format!("{folder}/{name}"), Entry::File(path))).collect();
    entries.push((format!("{folder}/{START_PAGE}"), Entry::Made(start_page(config).into_bytes())));
    write_entries(entries, zip)
}

/// What a zip entry holds: a file of the built site, or bytes made for the zip.
pub(crate) enum Entry {
    File(PathBuf),
    Made(Vec<u8>),
}

/// Every file under `site`, by its name in the site (`/` between folders), sorted.
pub(crate) fn site_files(site: &Path) -> anyhow::Result<Vec<(String, PathBuf)>> {
    let mut files: Vec<(String, PathBuf)> = walkdir::WalkDir::new(site)
        .follow_links(false)
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(site).expect("walked under the site");
            let name = rel.iter().map(|p| p.to_string_lossy()).collect::<Vec<_>>().join("/");
            (name, e.path().to_path_buf())
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Writes `entries` as the zip file `zip`: beside its place, renamed into it when whole, so a
/// failed pack never leaves half a zip. Returns the number of entries.
pub(crate) fn write_entries(mut entries: Vec<(String, Entry)>, zip: &Path) -> anyhow::Result<usize> {
    // The same site packs into the same bytes: sorted names, no timestamps of the build.
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut writer = ZipWriter::default();
    for (name, entry) in &entries {
        let read;
        let bytes: &[u8] = match entry {
            Entry::File(path) => {
                read = std::fs::read(path)?;
                &read
            }
            Entry::Made(bytes) => bytes,
        };
        writer.add(name, bytes, compresses(name))?;
    }
    let bytes = writer.finish()?;
    let part = zip.with_extension("zip.part");
    std::fs::write(&part, bytes)?;
    std::fs::rename(&part, zip)?;
    Ok(entries.len())
}

/// Files that are compressed already are stored as they are.
fn compresses(name: &str) -> bool {
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    !matches!(extension.as_str(), "png" | "jpg" | "jpeg" | "gif" | "webp" | "woff" | "woff2" | "zip" | "pdf")
}

/// A page that opens the site's home page: at once (a meta refresh, which the CSP allows:
/// no script) and by a link for a browser that does not follow it.
fn start_page(config: &Config) -> String {
    let strings = i18n::strings(&config.language);
    let title = escape(&config.title);
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url=index.html\">\n<title>{title}</title>\n</head>\n<body>\n\
         <h1>{title}</h1>\n<p><a href=\"index.html\">{open}</a></p>\n<p>{help}</p>\n</body>\n</html>\n",
        lang = escape(&config.language),
        open = escape(strings.get("pack_open")),
        help = escape(strings.get("pack_help")),
    )
}

/// The zip's entries as they are written, and its central directory at the end.
#[derive(Default)]
struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

/// The limits of a zip without ZIP64: more entries or larger sizes do not fit its fields.
const MAX_ENTRIES: u16 = u16::MAX;

impl ZipWriter {
    fn add(&mut self, name: &str, bytes: &[u8], deflate: bool) -> anyhow::Result<()> {
        anyhow::ensure!(
            self.entries < MAX_ENTRIES,
            "the site has more than {MAX_ENTRIES} files, more than a zip holds"
        );
        let mut crc = Crc::new();
        crc.update(bytes);
        let deflated = if deflate {
            let mut encoder = DeflateEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(bytes)?;
            Some(encoder.finish()?).filter(|d| d.len() < bytes.len())
        } else {
            None
        };
        let (method, data): (u16, &[u8]) = match &deflated {
            Some(d) => (8, d),
            None => (0, bytes),
        };
        let too_large =
            |n: usize| u32::try_from(n).map_err(|_| anyhow::anyhow!("{name} is too large for a zip (4 GB)"));
        let (size, packed, offset) = (too_large(bytes.len())?, too_large(data.len())?, too_large(self.out.len())?);
        let name_len = u16::try_from(name.len())?;
        // Fixed time stamp (1 January 1980, the format's first day): the same site, the same zip.
        let (time, date): (u16, u16) = (0, (1 << 5) | 1);
        // Bit 11: the name is UTF-8 (å, ä and ö in file names read right on every system).
        let flags: u16 = 1 << 11;
        // The fields local header and central directory share, from "version needed" on.
        let mut shared = Vec::with_capacity(26);
        shared.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0 (deflate)
        for field in [flags, method, time, date] {
            shared.extend_from_slice(&field.to_le_bytes());
        }
        for field in [crc.sum(), packed, size] {
            shared.extend_from_slice(&field.to_le_bytes());
        }
        shared.extend_from_slice(&name_len.to_le_bytes());
        shared.extend_from_slice(&0u16.to_le_bytes()); // no extra field

        self.out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        self.out.extend_from_slice(&shared);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);

        self.central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        self.central.extend_from_slice(&((3 << 8) | 20u16).to_le_bytes()); // made by: Unix, 2.0
        self.central.extend_from_slice(&shared);
        for field in [0u16, 0, 0] {
            // comment length, disk number, internal attributes
            self.central.extend_from_slice(&field.to_le_bytes());
        }
        self.central.extend_from_slice(&(0o100644u32 << 16).to_le_bytes()); // a plain file, rw-r--r--
        self.central.extend_from_slice(&offset.to_le_bytes());
        self.central.extend_from_slice(name.as_bytes());
        self.entries += 1;
        Ok(())
    }

    fn finish(mut self) -> anyhow::Result<Vec<u8>> {
        let offset =
            u32::try_from(self.out.len()).map_err(|_| anyhow::anyhow!("the site is too large for a zip (4 GB)"))?;
        let size = u32::try_from(self.central.len())?;
        self.out.append(&mut self.central);
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        for field in [0, 0, self.entries, self.entries] {
            // this disk, the directory's disk, entries here, entries in all
            self.out.extend_from_slice(&field.to_le_bytes());
        }
        self.out.extend_from_slice(&size.to_le_bytes());
        self.out.extend_from_slice(&offset.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes()); // no comment
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_deflated_when_it_pays_and_the_directory_counts_them() {
        let mut writer = ZipWriter::default();
        writer.add("sajt/index.html", "<p>hej</p>".repeat(100).as_bytes(), true).unwrap();
        writer.add("sajt/bild.png", b"\x89PNG", false).unwrap();
        let zip = writer.finish().unwrap();
        assert_eq!(&zip[..4], b"PK\x03\x04");
        // Deflated: method 8 in the first local header; the PNG is stored (method 0).
        assert_eq!(u16::from_le_bytes([zip[8], zip[9]]), 8);
        let end = zip.len() - 22;
        assert_eq!(&zip[end..end + 4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([zip[end + 10], zip[end + 11]]), 2, "two entries");
        assert!(zip.len() < 1000 + 100, "1,000 bytes of HTML shrink: {} bytes", zip.len());
    }

    #[test]
    fn the_start_page_opens_the_site_without_script() {
        let config = Config { title: "Jämställd socialtjänst".into(), ..Config::default() };
        let page = start_page(&config);
        assert!(page.contains("<meta http-equiv=\"refresh\" content=\"0; url=index.html\">"), "{page}");
        assert!(page.contains("<a href=\"index.html\">Öppna materialet</a>") && !page.contains("<script"), "{page}");
        assert_eq!(package_name(&config), "jamstalld-socialtjanst");
    }
}
