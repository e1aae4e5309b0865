//! The `trappa` command line: parses arguments, runs one command, prints diagnostics and maps
//! the outcome to an exit code (0 success, 1 content errors, 2 usage or system errors, 3 built
//! or checked with warnings: broken links that `site.yaml` lets through, a plan's sums).

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use trappa::cards;
use trappa::diagnostics::Diagnostic;
use trappa::site::{self, BuildOptions};

#[derive(Parser)]
#[command(
    name = "trappa",
    version,
    about = "Builds training material into a static site with printable cards and self-assessment forms"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into an output folder (replaced only when the whole build succeeds)
    Build {
        /// The site folder (with content/, optional exercises/, site.yaml, themes/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder [default: ROOT/public]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Include pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Treat warnings (a plan's sums, broken links let through) as errors: nothing is written
        #[arg(long)]
        strict: bool,
    },
    /// Build the site and serve it on http://127.0.0.1:PORT/
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder for the preview [default: ROOT/.trappa-serve]; never the build's folder
        #[arg(long)]
        out: Option<PathBuf>,
        /// Port to listen on; the next free one is used when it is taken
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Address to listen on (loopback unless you say otherwise)
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        #[arg(long)]
        drafts: bool,
        /// Open the preview in the default browser once it is served
        #[arg(long)]
        open: bool,
    },
    /// Build the site and open a live room: participants' phones send their forms' answer codes to this computer, which shows the pooled counts (in memory only)
    Room {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder for the room's build [default: ROOT/.trappa-room]; never the build's folder
        #[arg(long)]
        out: Option<PathBuf>,
        /// Port to listen on; the next free one is used when it is taken
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Let phones on this computer's network join (listens on all its addresses)
        #[arg(long, conflicts_with = "bind")]
        lan: bool,
        /// Listen on this address only (others on its network can join) [default: loopback]
        #[arg(long)]
        bind: Option<IpAddr>,
        /// Only this form (by id; repeat the flag for more) [default: every form with ticks or choices]
        #[arg(long = "form", value_name = "ID")]
        forms: Vec<String>,
        /// Show the counts once at least this many have answered (2 or more)
        #[arg(long, default_value_t = 3)]
        min: usize,
        /// Hold the counts back until you show them, all at once, from the room view (the phones say so)
        #[arg(long)]
        reveal: bool,
        #[arg(long)]
        drafts: bool,
    },
    /// Check content, components, links and templates without writing anything
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        drafts: bool,
        /// Also check that external links answer (needs the network and `curl`)
        #[arg(long)]
        external: bool,
        /// Every Markdown file must start with front matter (without, a page is titled by its first `# heading`)
        #[arg(long)]
        require_front_matter: bool,
        /// Treat warnings (a plan's sums, broken links let through) as errors
        #[arg(long)]
        strict: bool,
    },
    /// Write print-ready PDFs of the cards (each card with 3 mm bleed and crop marks, and the A4 sheet)
    Cards {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Folder for the PDFs [default: ROOT/kort-pdf]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print every card at this size instead of its own
        #[arg(long, value_enum)]
        size: Option<trappa::components::CardSize>,
        /// Only these cards (by id; repeat the flag for more) [default: all]
        #[arg(long = "card", value_name = "ID")]
        cards: Vec<String>,
    },
    /// Write the material as one accessible book (PDF/UA-1): the whole site, a reading path or a plan's day
    Book {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The book of this reading path (its id)
        #[arg(long, conflicts_with = "plan", value_name = "ID")]
        path: Option<String>,
        /// The book of this plan's day (its id)
        #[arg(long, value_name = "ID")]
        plan: Option<String>,
        /// The PDF file [default: ROOT/BOOK.pdf, e.g. hela-materialet.pdf]
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        drafts: bool,
    },
    /// Build the site and pack it as one zip file to hand over (a folder with START.html at its top)
    Pack {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The zip file [default: ROOT/SITE-TITLE.zip]
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        drafts: bool,
        /// Treat warnings as errors: nothing is built or packed while there are any
        #[arg(long)]
        strict: bool,
        /// A SCORM package for a learning platform instead: imsmanifest.xml and a course per reading path
        #[arg(long, value_enum, value_name = "VERSION", num_args = 0..=1, default_missing_value = "1.2")]
        scorm: Option<trappa::pack::scorm::Version>,
        /// With --scorm: only this reading path (its id) [default: every path]
        #[arg(long, value_name = "ID", requires = "scorm")]
        path: Option<String>,
    },
    /// Create a new site with one page of each kind, ready to edit
    New {
        /// Folder to create
        name: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Build { root, out, drafts, strict } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            Ok(report_build(site::build(&build_options(root, &out, drafts, strict)), |r| {
                println!("built {} pages ({} files) into {} in {:.0?}", r.pages, r.files, out.display(), r.elapsed)
            }))
        }
        Command::Check { root, drafts, external, require_front_matter, strict } => {
            let options =
                BuildOptions { root, out: None, drafts, external_links: external, require_front_matter, strict };
            Ok(report_build(site::build(&options), |r| match r.warnings.len() {
                0 => println!("checked {} pages: no problems found", r.pages),
                _ => println!("checked {} pages", r.pages),
            }))
        }
        Command::Serve { root, out, port, bind, drafts, open } => {
            let out = out.unwrap_or_else(|| root.join(".trappa-serve"));
            trappa::serve::serve(&trappa::serve::ServeOptions { root, out, ip: bind, port, drafts, open }, terminal())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Room { root, out, port, lan, bind, forms, min, reveal, drafts } => {
            let out = out.unwrap_or_else(|| root.join(".trappa-room"));
            let built = match trappa::room::build(&root, &out, drafts) {
                Ok(built) => built,
                Err(diagnostics) => return Ok(report::<()>(Err(diagnostics), |_| {})),
            };
            let network = if lan { Some(IpAddr::from([0, 0, 0, 0])) } else { bind };
            let options = trappa::room::RoomOptions { out, network, port, forms, threshold: min, reveal };
            trappa::room::run(built, &options, terminal())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Cards { root, out, size, cards } => {
            let out = out.unwrap_or_else(|| root.join("kort-pdf"));
            let options = cards::command::CardsOptions { root, out: out.clone(), size, only: cards };
            Ok(report(cards::command::write_card_pdfs(&options), |files| {
                println!("wrote {files} PDF files into {}", out.display())
            }))
        }
        Command::Book { root, path, plan, out, drafts } => book(root, path, plan, out, drafts),
        Command::Pack { root, out, drafts, strict, scorm, path } => {
            let public = root.join("public");
            let built = site::build(&build_options(root.clone(), &public, drafts, strict));
            let config = built.as_ref().map(|r| r.config.clone()).ok();
            let paths = built.as_ref().map(|r| r.paths.clone()).unwrap_or_default();
            let code = report_build(built, |r| {
                println!("built {} pages ({} files) into {}", r.pages, r.files, public.display())
            });
            // Built with warnings (3) is built: it is packed, and the exit code still says so.
            let Some(config) = config.filter(|_| code == ExitCode::SUCCESS || code == ExitCode::from(3)) else {
                return Ok(code);
            };
            let folder = trappa::pack::package_name(&config);
            if let Some(version) = scorm {
                let name = match &path {
                    Some(id) => format!("{folder}-{id}-scorm.zip"),
                    None => format!("{folder}-scorm.zip"),
                };
                let zip = out.unwrap_or_else(|| root.join(name));
                let files =
                    trappa::pack::scorm::write_package(&public, &config, &paths, path.as_deref(), version, &zip)?;
                println!(
                    "packed {files} files into {} (a SCORM package: import the zip into the learning platform as a course)",
                    zip.display()
                );
                return Ok(code);
            }
            let zip = out.unwrap_or_else(|| root.join(format!("{folder}.zip")));
            let files = trappa::pack::write_zip(&public, &folder, &config, &zip)?;
            println!(
                "packed {files} files into {} (unzip it and open {folder}/{})",
                zip.display(),
                trappa::pack::START_PAGE
            );
            Ok(code)
        }
        Command::New { name } => {
            trappa::scaffold::create(&name)?;
            println!("created a new site in {}", name.display());
            // As the README says to work: in the site's own folder, no flags.
            println!(
                "next: cd {} && trappa serve (a preview that follows your edits), or trappa build (then open public/index.html)",
                name.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[cfg(feature = "pdf")]
fn book(
    root: PathBuf,
    path: Option<String>,
    plan: Option<String>,
    out: Option<PathBuf>,
    drafts: bool,
) -> anyhow::Result<ExitCode> {
    use trappa::book::{Which, command};
    let which = match (path, plan) {
        (Some(id), _) => Which::Path(id),
        (_, Some(id)) => Which::Plan(id),
        _ => Which::Whole,
    };
    let options = command::BookOptions { root, which, out, drafts };
    Ok(report(command::write_book(&options), |written| {
        println!("wrote the book ({} pages) into {}", written.pages, written.path.display())
    }))
}

#[cfg(not(feature = "pdf"))]
fn book(_: PathBuf, _: Option<String>, _: Option<String>, _: Option<PathBuf>, _: bool) -> anyhow::Result<ExitCode> {
    anyhow::bail!("this trappa was built without PDF support: build it with the default features to make the book")
}

/// What `build` and `pack` build: the site into `out`.
fn build_options(root: PathBuf, out: &std::path::Path, drafts: bool, strict: bool) -> BuildOptions {
    BuildOptions {
        root,
        out: Some(out.to_path_buf()),
        drafts,
        external_links: false,
        require_front_matter: false,
        strict,
    }
}

/// A build's or check's outcome. Its warnings (broken links that `site.yaml` lets through, a
/// plan's sums) are listed like errors after the summary and exit with 3, so a script can
/// tell a clean build from one that still has something to fix.
fn report_build(
    result: Result<site::BuildReport, Vec<Diagnostic>>,
    on_success: impl FnOnce(&site::BuildReport),
) -> ExitCode {
    let built = match result {
        Ok(built) => built,
        Err(diagnostics) => return report::<()>(Err(diagnostics), |_| {}),
    };
    on_success(&built);
    if built.warnings.is_empty() {
        return ExitCode::SUCCESS;
    }
    for d in &built.warnings {
        eprintln!("{d}");
    }
    let n = built.warnings.len();
    eprintln!("{n} warning{}: built all the same (`--strict` makes them errors)", if n == 1 { "" } else { "s" });
    ExitCode::from(3)
}

fn report<T>(result: Result<T, Vec<Diagnostic>>, on_success: impl FnOnce(&T)) -> ExitCode {
    match result {
        Ok(value) => {
            on_success(&value);
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            for d in &diagnostics {
                eprintln!("{d}");
            }
            let n = diagnostics.len();
            eprintln!("{n} problem{} found; the output was not changed", if n == 1 { "" } else { "s" });
            ExitCode::from(1)
        }
    }
}

/// Where `serve` and `room` send their lines: what happened to stdout, problems to stderr.
fn terminal() -> trappa::report::Report {
    std::sync::Arc::new(|line| match line {
        trappa::report::Line::Said(text) => println!("{text}"),
        trappa::report::Line::Problem(text) => eprintln!("{text}"),
    })
}
