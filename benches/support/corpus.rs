//! A deterministic synthetic site of Swedish-language training pages for benchmarks, ported
//! from gen_corpus.py: the same pages count and seed give the same text in every flavor, so
//! build times compare like for like. (Its own random generator, so the text differs from the
//! Python script's, but not its shape.)
//!
//! plain: ROOT/content/<section>/<page>.md with YAML front matter and `_index.md` per section.
//! hugo:  a minimal Hugo site (hugo.toml, layouts/, content/) rendering the same pages fully.
//!
//! Pages are 600–1200 words, 50 to a section, with headings, lists, a table every fifth page
//! and three links to other pages.

use std::fmt::Write as _;
use std::path::Path;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Flavor {
    Plain,
    Hugo,
}

const WORDS: &str = "jämställdhet socialtjänst bemötande bedömning insatser handläggare fallgropar checklista
reflektion övning trappan kunskap kompetens analys uppföljning statistik könsuppdelad klient
försörjningsstöd ekonomiskt bistånd familj barn föräldrar ansvar omsorg arbete praktik utbildning
hälsa ohälsa sjukintyg planering handlingsplan aktiviteter arbetssökande frånvaro våld relation
kvinnor män flickor pojkar likvärdig likvärdiga krav hänsyn förväntningar verksamhet ledning chef
medarbetare utredning beslut rutiner arbetsplatsmöte värderingar normer föreställningar metod
genomförande resultat förbättring åtgärder mål effekt kvalitet rättssäker träffsäker stöd
samtal observatör rollspel ärendedragning dokumentation underlag jämförelse skillnader orsaker
hinder möjligheter förutsättningar implementering förankring uppdrag policy indikatorer";
const FILLER: &str = "och att som det för på är med av till en ett om inte har kan vi de man så också när
hur vad vilka varför där eller men bara mer mindre alla varje samma olika";

/// splitmix64: small, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// In lo..=hi.
    fn int(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.int(0, words.len() - 1)]
    }
}

struct Text {
    words: Vec<&'static str>,
    filler: Vec<&'static str>,
}

impl Text {
    fn sentence(&self, rng: &mut Rng, n: usize) -> String {
        let n = if n == 0 { rng.int(8, 18) } else { n };
        let ws: Vec<&str> =
            (0..n).map(|_| if rng.unit() < 0.55 { rng.pick(&self.words) } else { rng.pick(&self.filler) }).collect();
        let mut first = ws[0].chars();
        let mut out: String = first.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
        out.push_str(first.as_str());
        for w in &ws[1..] {
            out.push(' ');
            out.push_str(w);
        }
        out.push('.');
        out
    }

    fn paragraph(&self, rng: &mut Rng) -> String {
        let n = rng.int(3, 6);
        (0..n).map(|_| self.sentence(rng, 0)).collect::<Vec<_>>().join(" ")
    }

    fn page_body(&self, rng: &mut Rng, i: usize, n: usize, link: &dyn Fn(usize) -> String) -> String {
        let target = rng.int(600, 1200);
        let (mut parts, mut words, mut h) = (Vec::<String>::new(), 0, 0);
        while words < target {
            if h < rng.int(3, 6) && (parts.is_empty() || rng.unit() < 0.3) {
                let level = if h % 2 == 0 { "##" } else { "###" };
                let s = self.sentence(rng, 4);
                parts.push(format!("{level} {}", &s[..s.len() - 1]));
                h += 1;
            }
            let p = self.paragraph(rng);
            words += p.split_whitespace().count();
            parts.push(p);
            if rng.unit() < 0.25 {
                let items: Vec<String> = (0..rng.int(3, 6)).map(|_| format!("- {}", self.sentence(rng, 6))).collect();
                words += 6 * items.len();
                parts.push(items.join("\n"));
            }
        }
        if i.is_multiple_of(5) {
            let mut rows = String::from("| Område | Kvinnor | Män |\n|---|---:|---:|");
            for _ in 0..4 {
                let w = rng.pick(&self.words);
                let _ = write!(rows, "\n| {w} | {} | {} |", rng.int(1, 500), rng.int(1, 500));
            }
            parts.insert(2.min(parts.len()), rows);
        }
        let links: Vec<String> = (0..3).map(|_| link(rng.int(0, n - 1))).collect();
        parts.push(format!("Läs också: {}.", links.join(", ")));
        parts.join("\n\n") + "\n"
    }
}

fn section(i: usize) -> String {
    format!("avsnitt-{:03}", i / 50)
}
fn name(i: usize) -> String {
    format!("sida-{i:05}")
}

/// Writes a site of `pages` pages to `root` (replacing what is there).
pub fn generate(root: &Path, pages: usize, flavor: Flavor, seed: u64) -> std::io::Result<()> {
    if root.exists() {
        std::fs::remove_dir_all(root)?;
    }
    let text = Text { words: WORDS.split_whitespace().collect(), filler: FILLER.split_whitespace().collect() };
    let content = root.join("content");
    let link = |j: usize| match flavor {
        Flavor::Hugo => format!("[sida {j}]({{{{< ref \"/{}/{}.md\" >}}}})", section(j), name(j)),
        Flavor::Plain => format!("[sida {j}](../{}/{}.md)", section(j), name(j)),
    };
    for i in 0..pages {
        let mut rng = Rng(seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
        let dir = content.join(section(i));
        if i.is_multiple_of(50) {
            std::fs::create_dir_all(&dir)?;
            let title = format!("Avsnitt {}", i / 50 + 1);
            std::fs::write(
                dir.join("_index.md"),
                format!("---\ntitle: \"{title}\"\nweight: {}\n---\n\n{}\n", i / 50 + 1, text.paragraph(&mut rng)),
            )?;
        }
        let title = text.sentence(&mut rng, 4);
        let title = &title[..title.len() - 1];
        let body = text.page_body(&mut rng, i, pages, &link);
        let mut tags: Vec<&str> = (0..3).map(|_| rng.pick(&text.words)).collect();
        tags.sort_unstable();
        tags.dedup();
        let description = text.sentence(&mut rng, 10);
        std::fs::write(
            dir.join(name(i) + ".md"),
            format!(
                "---\ntitle: \"{title}\"\ndescription: \"{description}\"\ntags: [{}]\nweight: {}\n---\n\n{body}",
                tags.join(", "),
                i % 50 + 1
            ),
        )?;
    }
    if flavor == Flavor::Hugo {
        std::fs::write(
            root.join("hugo.toml"),
            "baseURL = \"/\"\nlanguageCode = \"sv\"\ntitle = \"Korpus\"\n\
             disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\"]\n",
        )?;
        let layouts = root.join("layouts/_default");
        std::fs::create_dir_all(&layouts)?;
        std::fs::write(
            layouts.join("baseof.html"),
            "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title>\
             </head><body><nav>{{ range .Site.Sections }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> \
             {{ end }}</nav><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
        )?;
        std::fs::write(
            layouts.join("single.html"),
            "{{ define \"main\" }}<h1>{{ .Title }}</h1><p>{{ .Description }}</p>{{ .TableOfContents }}\
             {{ .Content }}{{ end }}\n",
        )?;
        std::fs::write(
            layouts.join("list.html"),
            "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}\
             <li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
        )?;
    }
    Ok(())
}
