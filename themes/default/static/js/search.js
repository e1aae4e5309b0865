// Site search: the search box in the header and the full search page (sok.html?q=…).
// The index is built by trappa (src/search/) as small script files under search/ that call
// window.trappaSearch.add…(); they are loaded with <script> tags, never fetch(), so search
// works when the site is opened straight from a folder (file://) as well as from a server.
//
// A query word matches index terms (stems) in four ways, strongest first: exactly (after
// guessing its stem with the ending rules the build saw the stemmer use), folded (å/ä/ö/é
// typed without diacritics), as a prefix (while typing, and "jämställdhet" finds
// "jämställdhetsarbete"), and as a later part of a compound ("arbete" finds
// "jämställdhetsarbete"). Each posting carries an impact that already weighs title >
// heading > tags > body; here it is scaled by the term's rarity and the match, summed over
// the query words per page, and boosted when the words stand together (phrase, proximity).
// Results are links; the arrow keys move between them, Enter opens one.
(function () {
  "use strict";

  var FORMAT = 1; // src/search/shard.rs FORMAT (its tests hold both the same)
  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var MATCH_EXACT = 1;
  var MATCH_FOLDED = 0.8; // å, ä, ö are letters of their own: a folded match is secondary
  var MATCH_PART = 0.6; // a later part of a compound
  var PREFIX_BASE = 0.4; // a prefix match scores between 0.4 and 0.75 by how much it covers
  var PREFIX_SPAN = 0.35;
  var MIN_QUERY_CHARS = 2;
  var MIN_PREFIX_CHARS = 3; // the word being typed may be a prefix from 2 letters
  var PREFIX_SHARD_BYTES = 256 * 1024; // shards loaded beyond the exact ones for prefixes
  var PHRASE_BOOST = 0.5;
  var NEAR_BOOST = 0.25;
  var NEAR_WORDS = 5;
  var OTHER_SECTIONS_SHARE = 0.3;
  var BOX_RESULTS = 8;
  var PAGE_RESULTS = 20;
  var SNIPPET_WORDS = 26;
  var SNIPPET_LEAD = 8;
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;

  var DIGIT = new Int8Array(128).fill(-1);
  for (var a = 0; a < ALPHABET.length; a++) DIGIT[ALPHABET.charCodeAt(a)] = a;

  var dataNode = document.getElementById("search-data");
  if (!dataNode) return;
  var config = JSON.parse(dataNode.textContent);
  var strings = config.strings;

  var fill = window.trappaHelpers.fill;

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "");
  }

  // ---- Loading the index -------------------------------------------------------------

  var meta = null;
  var shards = {};
  var records = {};
  var loading = {};

  function loadScript(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = config.root + "search/" + path;
        script.onload = resolve;
        script.onerror = function () {
          delete loading[path];
          script.remove();
          reject(new Error("cannot load " + script.src));
        };
        document.head.appendChild(script);
      });
    }
    return loading[path];
  }

  function loadMeta() {
    return loadScript("meta.js").then(function () {
      if (!meta) throw new Error("search/meta.js did not register");
      return meta;
    });
  }

  function numbers(text) {
    var reader = { text: text, at: 0 };
    reader.next = function () {
      var value = 0, shift = 0, digit;
      while ((digit = DIGIT[this.text.charCodeAt(this.at++)]) >= 32) {
        value += (digit & 31) * Math.pow(2, shift);
        shift += 5;
      }
      return value + digit * Math.pow(2, shift);
    };
    reader.more = function () { return this.at < this.text.length; };
    return reader;
  }

  function prepareMeta(raw) {
    if (raw.format !== FORMAT) throw new Error("search index format " + raw.format + ", expected " + FORMAT);
    var sections = [], reader = numbers(raw.sections);
    while (reader.more()) sections.push(reader.next());
    var pages = sections.length;
    var firstDoc = new Int32Array(pages + 1);
    var pageOfDoc = new Int32Array(raw.docs);
    for (var p = 0; p < pages; p++) {
      firstDoc[p + 1] = firstDoc[p] + sections[p];
      pageOfDoc.fill(p, firstDoc[p], firstDoc[p + 1]);
    }
    var bucketOfPage = new Int32Array(pages), firstPageOfBucket = [], page = 0, bucket = 0;
    reader = numbers(raw.buckets);
    while (reader.more()) {
      var size = reader.next();
      firstPageOfBucket.push(page);
      bucketOfPage.fill(bucket, page, page + size);
      page += size;
      bucket++;
    }
    return {
      docs: raw.docs,
      firstDoc: firstDoc,
      pageOfDoc: pageOfDoc,
      bucketOfPage: bucketOfPage,
      firstPageOfBucket: firstPageOfBucket,
      bounds: raw.shards.map(function (s) { return s[0]; }),
      shardBytes: raw.shards.map(function (s) { return s[1]; }),
      rules: raw.rules,
      foldedRules: raw.rules.map(function (r) { return [fold(r[0]), fold(r[1])]; }),
      stopwords: new Set(raw.stopwords)
    };
  }

  window.trappaSearch = {
    addMeta: function (raw) { meta = prepareMeta(raw); },
    addShard: function (n, entries) {
      shards[n] = entries.map(function (e) {
        return { text: e[0], folded: fold(e[0]), postings: e[1], part: e[2] === 1, decoded: null };
      });
    },
    addRecords: function (n, pages) { records[n] = pages; },
    // For tests and the benchmark: the ranked results of a query, with their records.
    search: function (query, limit) {
      return run(query, false).then(function (found) {
        return withRecords(found.pages.slice(0, limit || PAGE_RESULTS)).then(function (shown) {
          return shown.map(function (r) { return { title: r.record[0], url: href(r), section: r.section[1] }; });
        });
      });
    }
  };

  // The last shard whose lower bound is not after `key` (bounds are in JavaScript order).
  function shardFor(key) {
    var low = 0, high = meta.bounds.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (meta.bounds[mid] <= key) low = mid; else high = mid - 1;
    }
    return low;
  }

  // ---- Query analysis ----------------------------------------------------------------

  // The stems a word may have: itself, and the word with each ending the stemmer removed
  // at build time rewritten ("fallgroparna" → "fallgrop").
  function stemGuesses(word, rules) {
    var guesses = [word];
    rules.forEach(function (rule) {
      var ending = rule[0];
      if (word.length - ending.length >= 2 && word.slice(-ending.length) === ending) {
        guesses.push(word.slice(0, word.length - ending.length) + rule[1]);
      }
    });
    return guesses;
  }

  function analyse(query, typing) {
    var tokens = query.toLowerCase().match(WORD) || [];
    var words = [];
    tokens.forEach(function (token, position) {
      if (meta.stopwords.has(token) || words.some(function (w) { return w.text === token; })) return;
      var folded = fold(token);
      var last = position === tokens.length - 1;
      var minPrefix = typing && last ? MIN_QUERY_CHARS : MIN_PREFIX_CHARS;
      var exact = new Set(stemGuesses(token, meta.rules));
      var loose = new Set(stemGuesses(folded, meta.foldedRules));
      exact.forEach(function (g) { loose.add(fold(g)); });
      words.push({
        text: token,
        position: position,
        exact: exact,
        loose: loose,
        prefix: folded.length >= minPrefix ? folded : null
      });
    });
    return words;
  }

  function shardsFor(words) {
    var needed = new Set(), prefixed = [];
    words.forEach(function (word) {
      word.loose.forEach(function (guess) { needed.add(shardFor(guess)); });
      if (word.prefix) {
        needed.add(shardFor(word.prefix));
        for (var n = shardFor(word.prefix) + 1; n <= shardFor(word.prefix + "\uffff"); n++) prefixed.push(n);
      }
    });
    var budget = PREFIX_SHARD_BYTES;
    prefixed.forEach(function (n) {
      if (needed.has(n) || budget < meta.shardBytes[n]) return;
      budget -= meta.shardBytes[n];
      needed.add(n);
    });
    return Array.from(needed);
  }

  function lowerBound(entries, key) {
    var low = 0, high = entries.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (entries[mid].folded < key) low = mid + 1; else high = mid;
    }
    return low;
  }

  // The index terms a query word matches, each with the weight of the match.
  function matchesOf(word, loaded) {
    var best = new Map();
    function offer(entry, weight) {
      weight *= entry.part ? MATCH_PART : 1;
      if (!best.has(entry) || best.get(entry) < weight) best.set(entry, weight);
    }
    loaded.forEach(function (entries) {
      word.loose.forEach(function (guess) {
        for (var i = lowerBound(entries, guess); i < entries.length && entries[i].folded === guess; i++) {
          offer(entries[i], word.exact.has(entries[i].text) ? MATCH_EXACT : MATCH_FOLDED);
        }
      });
      if (!word.prefix) return;
      for (var j = lowerBound(entries, word.prefix); j < entries.length; j++) {
        var entry = entries[j];
        if (entry.folded.slice(0, word.prefix.length) !== word.prefix) break;
        var cover = word.prefix.length / entry.folded.length;
        var typedAsIs = entry.text.slice(0, word.text.length) === word.text;
        offer(entry, (PREFIX_BASE + PREFIX_SPAN * cover) * (typedAsIs ? 1 : MATCH_FOLDED));
      }
    });
    return best;
  }

  // ---- Ranking -----------------------------------------------------------------------

  function decode(entry) {
    if (entry.decoded) return entry.decoded;
    var reader = numbers(entry.postings);
    var length = entry.postings.length;
    var docs = new Int32Array((length / 3 | 0) + 1), impacts = new Uint8Array(docs.length);
    var positionStart = new Int32Array(docs.length + 1), positions = new Int32Array(length);
    var count = 0, stored = 0, doc = -1;
    while (reader.more()) {
      doc += reader.next() + 1;
      docs[count] = doc;
      impacts[count] = reader.next();
      var n = reader.next(), position = -1;
      positionStart[count] = stored;
      for (var k = 0; k < n; k++) {
        position += reader.next() + 1;
        positions[stored++] = position;
      }
      count++;
    }
    positionStart[count] = stored;
    entry.decoded = {
      count: count,
      docs: docs,
      impacts: impacts,
      positionStart: positionStart,
      positions: positions,
      idf: Math.log(1 + (meta.docs - count + 0.5) / (count + 0.5))
    };
    return entry.decoded;
  }

  // Scores per document for one query word: the best of its matching terms, and which
  // term and posting gave it (their positions serve the proximity boost).
  function scoreWord(matches) {
    var word = {
      scores: new Float32Array(meta.docs),
      term: new Int32Array(meta.docs),
      posting: new Int32Array(meta.docs),
      terms: []
    };
    matches.forEach(function (weight, entry) {
      var postings = decode(entry), factor = weight * postings.idf, term = word.terms.push(postings) - 1;
      for (var i = 0; i < postings.count; i++) {
        var doc = postings.docs[i], score = factor * postings.impacts[i];
        if (score > word.scores[doc]) {
          word.scores[doc] = score;
          word.term[doc] = term;
          word.posting[doc] = i;
        }
      }
    });
    return word;
  }

  // The boost for two query words, `gap` words apart in the query, standing close together
  // in `doc`: the smallest difference from the query's own distance over their positions.
  function proximity(first, second, doc, gap) {
    var a = first.terms[first.term[doc]], b = second.terms[second.term[doc]];
    var i = a.positionStart[first.posting[doc]], iEnd = a.positionStart[first.posting[doc] + 1];
    var j = b.positionStart[second.posting[doc]], jEnd = b.positionStart[second.posting[doc] + 1];
    var nearest = NEAR_WORDS;
    while (i < iEnd && j < jEnd) {
      var distance = b.positions[j] - a.positions[i], off = distance > gap ? distance - gap : gap - distance;
      if (off < nearest) nearest = off;
      if (distance < gap) j++; else i++;
    }
    if (nearest === 0) return PHRASE_BOOST;
    return nearest < NEAR_WORDS ? NEAR_BOOST / nearest : 0;
  }

  function rank(words, loaded) {
    var perWord = words.map(function (word) { return scoreWord(matchesOf(word, loaded)); });
    var pages = meta.firstDoc.length - 1, count = words.length;
    var best = new Float32Array(pages * count), sum = new Float32Array(pages * count);
    var docScore = new Float32Array(meta.docs), docWords = new Int32Array(meta.docs);
    perWord.forEach(function (word, w) {
      for (var doc = 0; doc < meta.docs; doc++) {
        var score = word.scores[doc];
        if (!score) continue;
        var slot = meta.pageOfDoc[doc] * count + w;
        best[slot] = Math.max(best[slot], score);
        sum[slot] += score;
        docScore[doc] += score;
        docWords[doc] |= 1 << w;
      }
    });
    if (count > 1) {
      for (var doc = 0; doc < meta.docs; doc++) {
        if (docWords[doc] & (docWords[doc] - 1)) {
          for (var w = 0; w + 1 < count; w++) {
            if (!perWord[w].scores[doc] || !perWord[w + 1].scores[doc]) continue;
            var boost = proximity(perWord[w], perWord[w + 1], doc, words[w + 1].position - words[w].position);
            docScore[doc] += boost * (perWord[w].scores[doc] + perWord[w + 1].scores[doc]);
          }
        }
      }
    }
    var found = [];
    for (var page = 0; page < pages; page++) {
      var matched = 0, score = 0;
      for (var v = 0; v < count; v++) {
        var slot = page * count + v;
        if (!best[slot]) continue;
        matched++;
        score += best[slot] + OTHER_SECTIONS_SHARE * Math.min(sum[slot] - best[slot], best[slot]);
      }
      if (!matched) continue;
      var top = meta.firstDoc[page];
      for (var d = top + 1; d < meta.firstDoc[page + 1]; d++) if (docScore[d] > docScore[top]) top = d;
      // Phrase and proximity count through the page's best section.
      var sectionsSum = 0;
      for (var x = 0; x < count; x++) sectionsSum += perWord[x].scores[top];
      found.push({ page: page, doc: top, matched: matched, score: score + docScore[top] - sectionsSum });
    }
    found.sort(function (a, b) { return b.matched - a.matched || b.score - a.score || a.page - b.page; });
    return found;
  }

  // Resolves to { words, pages } for a query; `typing`: the last word may be unfinished.
  function run(query, typing) {
    return loadMeta().then(function () {
      var words = analyse(query, typing);
      var needed = shardsFor(words);
      return Promise.all(needed.map(function (n) { return loadScript("t/" + n + ".js"); })).then(function () {
        var loaded = needed.map(function (n) { return shards[n]; });
        return { words: words, pages: words.length ? rank(words, loaded) : [] };
      });
    });
  }

  function withRecords(found) {
    var buckets = new Set(found.map(function (r) { return meta.bucketOfPage[r.page]; }));
    return Promise.all(Array.from(buckets).map(function (b) { return loadScript("r/" + b + ".js"); })).then(function () {
      return found.map(function (r) {
        var bucket = meta.bucketOfPage[r.page];
        var record = records[bucket][r.page - meta.firstPageOfBucket[bucket]];
        return { record: record, section: record[2][r.doc - meta.firstDoc[r.page]] };
      });
    });
  }

  function href(result) {
    var anchor = result.section[0];
    return config.root + result.record[1] + (anchor ? "#" + anchor : "");
  }

  // ---- Snippets and highlighting (text nodes and <mark>, never HTML from the index) ----

  function highlighter(words) {
    return function (token) {
      var folded = fold(token.toLowerCase());
      return words.some(function (word) {
        if (word.prefix && folded.slice(0, word.prefix.length) === word.prefix) return true;
        return stemGuesses(folded, meta.foldedRules).some(function (g) { return word.loose.has(g); }) ||
          Array.from(word.loose).some(function (g) { return g.length > 3 && folded.length > g.length && folded.indexOf(g) > 0; });
      });
    };
  }

  function appendMarked(parent, text, isHit, from, to) {
    var at = from;
    WORD.lastIndex = from;
    var match;
    while ((match = WORD.exec(text)) && match.index < to) {
      if (!isHit(match[0])) continue;
      if (match.index > at) parent.appendChild(document.createTextNode(text.slice(at, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      parent.appendChild(mark);
      at = match.index + match[0].length;
    }
    if (to > at) parent.appendChild(document.createTextNode(text.slice(at, to)));
  }

  function snippet(text, isHit) {
    var node = document.createElement("p");
    node.className = "search-snippet";
    var starts = [], ends = [], first = -1, match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) {
      if (first < 0 && isHit(match[0])) first = starts.length;
      starts.push(match.index);
      ends.push(match.index + match[0].length);
    }
    if (!starts.length) return null;
    var from = Math.max(0, first - SNIPPET_LEAD);
    var to = Math.min(starts.length, from + SNIPPET_WORDS);
    if (from > 0) node.appendChild(document.createTextNode("… "));
    appendMarked(node, text, isHit, starts[from], to < starts.length ? ends[to - 1] : text.length);
    if (to < starts.length) node.appendChild(document.createTextNode(" …"));
    return node;
  }

  function resultItem(result, isHit) {
    var item = document.createElement("li");
    item.className = "search-result";
    var link = document.createElement("a");
    link.href = href(result);
    var title = document.createElement("span");
    title.className = "search-result-title";
    appendMarked(title, result.record[0], isHit, 0, result.record[0].length);
    link.appendChild(title);
    var heading = result.section[1];
    if (heading) {
      var section = document.createElement("span");
      section.className = "search-result-section";
      appendMarked(section, heading, isHit, 0, heading.length);
      link.appendChild(section);
    }
    item.appendChild(link);
    var text = snippet(result.section[2], isHit);
    if (text) item.appendChild(text);
    return item;
  }

  // ---- The user interface ------------------------------------------------------------

  function countText(query, total) {
    if (!total) return fill(strings.no_hits, query);
    return total === 1 ? fill(strings.one_hit, query) : fill(strings.hits, total, query);
  }

  // Runs searches for one input and shows the results in `list`; only the latest query's
  // results are ever shown.
  function Searcher(options) {
    var latest = 0;
    return function (query, extra) {
      var ticket = ++latest;
      query = query.trim();
      if (query.length < MIN_QUERY_CHARS) {
        options.show(null, query);
        return;
      }
      run(query, options.typing).then(function (found) {
        if (ticket !== latest) return null;
        var shown = found.pages.slice(0, options.limit + (extra || 0));
        return withRecords(shown).then(function (results) {
          if (ticket !== latest) return;
          var isHit = highlighter(found.words);
          options.show({ total: found.pages.length, items: results.map(function (r) { return resultItem(r, isHit); }) }, query);
        });
      }).catch(function (error) {
        if (ticket !== latest) return;
        options.failed(error);
      });
    };
  }

  function links(list) {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  // Up and down move between the result links (and back to the input); Enter follows the
  // focused link as any link does. In the header box, Escape closes the results and Down
  // opens them again.
  function arrowKeys(input, list, popup) {
    function close() { if (popup) popup.hidden = true; }
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && links(list).length) {
        event.preventDefault();
        if (popup) popup.hidden = false;
        links(list)[0].focus();
      } else if (event.key === "Escape") {
        close();
      }
    });
    list.addEventListener("keydown", function (event) {
      var all = links(list), at = all.indexOf(document.activeElement);
      if (at < 0) return;
      if (event.key === "ArrowDown" && at + 1 < all.length) {
        event.preventDefault();
        all[at + 1].focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        (at > 0 ? all[at - 1] : input).focus();
      } else if (event.key === "Escape") {
        close();
        input.focus();
      }
    });
  }

  function searchPageUrl(query) {
    return config.page + (query ? "?q=" + encodeURIComponent(query) : "");
  }

  function setUpBox(form) {
    var input = form.querySelector("input");
    var popup = form.querySelector(".search-popup");
    var list = popup.querySelector(".search-results");
    var count = popup.querySelector(".search-count");
    var status = form.querySelector("[data-search-status]");
    var all = popup.querySelector(".search-all a");
    form.hidden = false;

    function close() { popup.hidden = true; }
    var search = Searcher({
      limit: BOX_RESULTS,
      typing: true,
      show: function (results, query) {
        if (!results) {
          close();
          status.textContent = "";
          return;
        }
        list.replaceChildren.apply(list, results.items);
        count.textContent = status.textContent = countText(query, results.total);
        all.href = searchPageUrl(query);
        all.parentNode.hidden = results.total <= BOX_RESULTS;
        popup.hidden = false;
      },
      failed: function () {
        list.replaceChildren();
        count.textContent = status.textContent = strings.failed;
        popup.hidden = false;
      }
    });

    input.addEventListener("focus", function () { loadMeta().catch(function () {}); });
    input.addEventListener("input", function () { search(input.value); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.location.href = searchPageUrl(input.value.trim());
    });
    form.addEventListener("focusout", function (event) {
      if (!form.contains(event.relatedTarget)) close();
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) close();
    });
    arrowKeys(input, list, popup);
    return input;
  }

  function setUpPage(form) {
    var input = form.querySelector("input");
    var page = form.closest(".search-page");
    var list = page.querySelector(".search-results");
    var status = page.querySelector("[data-search-status]");
    var more = page.querySelector(".search-more");
    var extra = 0;

    var search = Searcher({
      limit: PAGE_RESULTS,
      typing: false,
      show: function (results, query) {
        if (!results) {
          list.replaceChildren();
          status.textContent = query ? strings.too_short : "";
          more.hidden = true;
          return;
        }
        list.replaceChildren.apply(list, results.items);
        status.textContent = countText(query, results.total);
        more.hidden = results.items.length >= results.total;
      },
      failed: function () {
        list.replaceChildren();
        status.textContent = strings.failed;
        more.hidden = true;
      }
    });

    function update() {
      extra = 0;
      search(input.value);
      var query = input.value.trim();
      try {
        history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : window.location.pathname);
      } catch (e) {
        // Some browsers refuse to change the URL of a file:// page; the search still works.
      }
    }
    input.addEventListener("input", update);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      update();
    });
    more.addEventListener("click", function () {
      extra += PAGE_RESULTS;
      search(input.value, extra);
    });
    arrowKeys(input, list, null);
    input.value = new URLSearchParams(window.location.search).get("q") || "";
    if (input.value) search(input.value);
    return input;
  }

  function start() {
    var box = document.querySelector("[data-search-box]");
    var pageForm = document.querySelector("[data-search-page]");
    var boxInput = box && setUpBox(box);
    var pageInput = pageForm && setUpPage(pageForm);
    var shortcutTarget = pageInput || boxInput;
    if (!shortcutTarget) return;
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
      if (event.key !== "/" || typing || event.ctrlKey || event.metaKey || event.altKey) return;
      event.preventDefault();
      shortcutTarget.focus();
      shortcutTarget.select();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
