//! trappa: a static site generator for training and guidance material.
//!
//! The build is a pipeline, one module per stage; data flows one way through plain types:
//! [`config`] and [`content`] load the sources, [`markdown`] (with [`components`]) turns each
//! page body into HTML, [`render`] puts it into the theme's templates, and [`output`] writes
//! the result atomically. [`site`] runs the stages in order; [`serve`], [`room`] and
//! [`scaffold`] are the other commands' work.

#[cfg(feature = "pdf")]
pub mod book;
pub mod brand;
pub mod cards;
pub mod check;
pub mod components;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod handouts;
pub mod hyphens;
pub mod i18n;
pub mod index;
pub mod markdown;
pub mod memory;
pub mod output;
pub mod overview;
pub mod pack;
pub mod planner;
pub mod plans;
#[cfg(feature = "pdf")]
pub mod print;
pub mod render;
pub mod report;
pub mod room;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod site_root;
pub mod summaries;
pub mod theme;
pub mod web;
pub mod words;
