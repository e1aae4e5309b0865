//! `trappa new NAME`: a small working site with one page of each kind (home, section, page
//! with every component, exercise), to copy from. The theme is compiled into trappa, so the
//! new site needs no copy of it; a `templates/` folder in the site overrides single templates.

use std::path::Path;

use anyhow::{Context, bail};

const FILES: &[(&str, &str)] = &[
    (
        "site.yaml",
        "title: Min utbildning\ndescription: Material för en personaldag\nlanguage: sv\nmenu:\n  - title: Om ämnet\n    link: content/amne/_index.md\n  - title: Övningar\n    link: exercises/_index.md\n",
    ),
    (
        "content/_index.md",
        "---\ntitle: Min utbildning\ndescription: Startsidan för materialet.\naudience: [alla]\n---\n\nVälkommen! Läs [om ämnet](amne/_index.md) eller gå direkt till [övningarna](../exercises/_index.md). [Ordlistan](ordlista.md) förklarar ord som avsnitt och läsväg.\n",
    ),
    (
        "content/amne/_index.md",
        "---\ntitle: Om ämnet\ndescription: Ett avsnitt samlar sidor om ett ämne.\nweight: 1\n---\n\nHär samlas sidorna i avsnittet. De listas nedanför i ordning efter `weight`.\n\n```{path}\nid: kom-igang\ntitle: Kom igång\nintro: En läsväg går igenom sidor i ordning. Varje sida visar var på vägen läsaren är.\nsteps:\n  - page: exempelsida.md\n    minutes: 15\n    text: Alla komponenter på en sida.\n  - page: ../../exercises/forsta-ovningen.md\n    minutes: 20\n```\n",
    ),
    (
        "content/amne/exempelsida.md",
        r#"---
title: En sida med alla komponenter
description: Visar checklista, trappa, kort, formulär, ruta och tidslinje.
audience: [utbildare, nyanställd]
tags: [exempel]
weight: 1
sources:
  - "Skriv här varifrån uppgifterna kommer"
---

## Checklista

```{checklist}
id: min-checklista
title: Innan mötet
items:
  - text: Jag har läst på
    points: [tidigare anteckningar, beslut]
  - text: Jag har bokat ett rum
```

## Trappa

```{staircase}
id: min-trappa
title: Fyra steg
steps:
  - title: Jag vet inte att jag saknar kunskap
    text: Du har inte sett att det finns något att lära.
  - title: Jag vet att jag saknar kunskap
    text: Du ser att det finns mer att lära.
  - title: Jag gör det när jag tänker på det
    text: Du påminner dig själv.
  - title: Jag gör det av bara farten
    text: Det har blivit en vana.
```

## Kort

```{card}
id: mitt-kort
title: Innan mötet
size: a7
front: En påminnelse att ta med.
checklist: min-checklista
```

## Självskattning

```{form}
id: min-skattning
title: Var står du?
questions:
  - id: steg
    kind: step
    text: Vilket steg stämmer bäst för dig?
    staircase: min-trappa
  - id: tankar
    kind: text
    text: Vad vill du lära dig mer om?
bands:
  - min: 1
    max: 2
    text: Börja med att läsa avsnittet en gång till.
  - min: 3
    max: 4
    text: Bra! Dela gärna med dig till en kollega.
```

```{callout}
kind: reflection
text: Vad tar du med dig från den här sidan?
```

```{timeline}
title: Plan
items:
  - when: "Vecka 1"
    title: Läs
  - when: "Vecka 2"
    title: Öva
```
"#,
    ),
    (
        "content/ordlista.md",
        "---\ntitle: Ordlista\ndescription: Ord som materialet använder, förklarade.\nweight: 9\nglossary: false\n---\n\nFörsta gången ett ord ur ordlistan används på en sida kan läsaren öppna förklaringen där.\n\n```{glossary}\nterms:\n  - term: avsnitt\n    definition: En mapp i content/ med sidor om samma ämne och en egen startsida, _index.md.\n    source: trappas README\n  - term: läsväg\n    definition: Sidor att läsa i en viss ordning, med ungefärlig tid för varje steg.\n    synonyms: [läsvägar]\n    source: trappas README\n```\n",
    ),
    (
        "exercises/_index.md",
        "---\ntitle: Övningar\ndescription: Övningar att göra tillsammans.\nweight: 2\n---\n\nVälj en övning som passar gruppen.\n",
    ),
    (
        "exercises/forsta-ovningen.md",
        "---\ntitle: Första övningen\ndescription: En kort reflektionsövning i par.\naudience: [utbildare]\nduration: 20\ngroup_size: \"2–20\"\nmaterials: [papper, penna]\n---\n\n## Syfte\n\nAtt komma igång.\n\n## Så här gör du\n\n1. Dela in gruppen i par. (5 minuter)\n2. Låt paren prata om vad de lärde sig. (10 minuter)\n3. Samla gruppen och låt några par berätta. (5 minuter)\n\n> För utbildaren: gå runt och lyssna medan paren pratar.\n\n## Frågor till gruppen\n\n- Vad lärde du dig?\n",
    ),
];

pub fn create(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() && dir.read_dir().map(|mut d| d.next().is_some()).unwrap_or(true) {
        bail!("{} already exists and is not empty; choose a new folder name", dir.display());
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}
