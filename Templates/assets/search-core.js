// Pure functions behind the catalogue search (docs/search-index.md): no DOM, no network.

export const FACETS = ["owner", "topic", "accepts", "level", "review", "language"];
export const SORTS = ["relevance", "name", "activity", "readiness"];
const MIN_TOKEN = 2;
const MIN_PREFIX = 3;

const length = (s) => [...s].length; // characters are Unicode code points, as Swift's unicodeScalars
const has = (object, key) => object != null && Object.prototype.hasOwnProperty.call(object, key);

/** Lower-cased runs of letters and digits, at least two characters long. */
export function tokenize(text) {
  // As the Swift index does: runs of alphabetic characters and digits (marks such as Hindi
  // vowel signs are alphabetic), 2+ code points, lower-cased one code point at a time, then
  // in one spelling (NFC), as the index keeps every term.
  return String(text ?? "")
    .split(/[^\p{Alphabetic}\p{N}]+/u)
    .filter((t) => length(t) >= MIN_TOKEN)
    .map((t) => Array.from(t, (c) => c.toLowerCase()).join("").normalize("NFC"));
}

/** Whether a query token matches the terms it is a prefix of (3+ characters) or only the equal term. */
export const isPrefixToken = (token) => length(token) >= MIN_PREFIX;

/** The shard prefixes to load for one query token: the longest listed prefix of the token, and
 *  for a prefix token every deeper listed shard that starts with it (loaded even when no shard
 *  prefixes the token, as when a build lists "pay" and "paym" but no "p"). */
export function shardKeysFor(token, shards) {
  let home = null;
  for (const s of shards) if (token.startsWith(s) && (home === null || s.length > home.length)) home = s;
  const deeper = isPrefixToken(token) ? shards.filter((s) => s !== home && s.startsWith(token)) : [];
  return home === null ? deeper : [home, ...deeper];
}

/** Path of a shard's file under search/: the file on disk is named after the prefix itself,
 *  and the URL percent-encodes it (a server decodes the path back to the name). */
export const termsPath = (prefix) => `terms/${encodeURIComponent(prefix)}.json`;
export const docsPath = (chunk) => `docs/${chunk}.json`;

/** Map of document id to the token's best weight over the given shards' terms. */
export function matchToken(token, shardData) {
  const best = new Map();
  const add = (postings, exact) => {
    for (const [id, weight] of postings) {
      const w = exact ? weight : weight / 2;
      if (!(best.get(id) >= w)) best.set(id, w);
    }
  };
  for (const shard of shardData) {
    const terms = shard?.terms ?? {};
    if (!isPrefixToken(token)) {
      if (has(terms, token)) add(terms[token], true);
      continue;
    }
    for (const [term, postings] of Object.entries(terms)) if (term.startsWith(token)) add(postings, term === token);
  }
  return best;
}

/** Documents matching every token, as [{id, score}], best first, ties by id. */
export function rank(perToken) {
  if (perToken.length === 0) return [];
  const [smallest, ...rest] = [...perToken].sort((a, b) => a.size - b.size);
  const ranked = [];
  for (const [id, score] of smallest) {
    if (rest.every((m) => m.has(id))) ranked.push({ id, score: rest.reduce((sum, m) => sum + m.get(id), score) });
  }
  return ranked.sort((a, b) => b.score - a.score || a.id - b.id);
}

/** Runs a query against shards: null when the query has no token, else the ranked matches.
 *  loadShard(prefix) resolves to a shard's JSON ({terms}). */
export async function search(query, shards, loadShard) {
  const tokens = [...new Set(tokenize(query))];
  if (tokens.length === 0) return null;
  const keys = tokens.map((token) => shardKeysFor(token, shards));
  if (keys.some((k) => k.length === 0)) return []; // a token that can match nothing: no need to load
  const perToken = await Promise.all(tokens.map(async (token, i) =>
    matchToken(token, await Promise.all(keys[i].map((k) => loadShard(k))))));
  return rank(perToken);
}

export const chunkOf = (id, chunkSize) => Math.floor(id / chunkSize);

/** The distinct chunk numbers holding the given ids, ascending. */
export const chunksFor = (ids, chunkSize) => [...new Set(ids.map((id) => chunkOf(id, chunkSize)))].sort((a, b) => a - b);

const ID_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Ascending ids from their text in facets.json (docs/search-index.md, "Id lists"). A character
 *  outside the alphabet ends the list: index data never makes the page throw. */
export function decodeIds(text) {
  const ids = [];
  let previous = -1, number = 0, shift = 0;
  for (const c of String(text ?? "")) {
    const digit = ID_DIGITS.indexOf(c);
    if (digit < 0 || shift > 30) break;
    number += (digit & 31) * 2 ** shift;
    if (digit & 32) { shift += 5; continue; }
    previous += number + 1;
    ids.push(previous);
    number = 0;
    shift = 0;
  }
  return ids;
}

/** facets.json with each value's id list decoded to an array of ids. */
export function decodeFacets(json) {
  const facets = {};
  for (const [name, facet] of Object.entries(json?.facets ?? {})) {
    if (!Array.isArray(facet?.values)) continue;
    facets[name] = { values: facet.values, documents: facet.values.map((_, i) => decodeIds(facet.documents?.[i])) };
  }
  return facets;
}

/** The ids (in their order) that have, for every facet with a selection, one of its selected values. */
export function filterByFacets(ids, selected, facets) {
  const sets = [];
  for (const [name, values] of Object.entries(selected ?? {})) {
    if (!values || values.length === 0) continue;
    const facet = has(facets, name) ? facets[name] : null;
    const set = new Set();
    for (const value of values) {
      const i = facet ? facet.values.indexOf(value) : -1;
      if (i >= 0) for (const id of facet.documents[i]) set.add(id);
    }
    sets.push(set);
  }
  return ids.filter((id) => sets.every((s) => s.has(id)));
}

/** Map(facet -> Map(value -> number of ids that would match with that value selected)): the
 *  ids filtered by the selections of the other facets only (OR within a facet). */
export function facetCounts(ids, selected, facets) {
  const counts = new Map();
  for (const [name, facet] of Object.entries(facets ?? {})) {
    const base = new Set(filterByFacets(ids, { ...selected, [name]: [] }, facets));
    counts.set(name, new Map(facet.values.map((v, i) => [v, facet.documents[i].filter((id) => base.has(id)).length])));
  }
  return counts;
}

/** A facet's values from facets.json, the most common first (ties by value): [{value, count}]. */
export function facetValuesByCount(facet) {
  if (!facet || !Array.isArray(facet.values)) return [];
  return facet.values.map((value, i) => ({ value, count: facet.documents?.[i]?.length ?? 0 }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/** The values a facet shows, in order: with a filter, every value whose label contains it
 *  (case-insensitive); expanded, every value; otherwise the first `shown`. Selected values are
 *  always among them, after the others when the filter or the cut would have left them out. */
export function visibleFacetValues(ordered, { selected = [], filter = "", expanded = false, shown = 8, label = (v) => v } = {}) {
  const wanted = String(filter).trim().toLowerCase();
  let visible;
  if (wanted !== "") visible = ordered.filter((entry) => String(label(entry.value)).toLowerCase().includes(wanted));
  else visible = expanded ? [...ordered] : ordered.slice(0, shown);
  const present = new Set(visible.map((entry) => entry.value));
  for (const value of selected) {
    if (present.has(value)) continue;
    const entry = ordered.find((e) => e.value === value);
    if (entry) { visible.push(entry); present.add(value); }
  }
  return visible;
}

/** The ids sorted by key: "relevance" by score (best first; id order without scores), otherwise
 *  by facets.json's order[key] position. Ties break by id. */
export function sortIds(ids, key, order, scores) {
  const byId = (a, b) => a - b;
  if (key !== "relevance" && has(order, key)) {
    const pos = (id) => order[key][id] ?? Infinity;
    return [...ids].sort((a, b) => pos(a) - pos(b) || byId(a, b));
  }
  if (!scores) return [...ids].sort(byId);
  return [...ids].sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0) || byId(a, b));
}

/** The view from a URL query string: {q, facets: {owner: [...], ...}, sort}. */
export function parseState(search) {
  const params = new URLSearchParams(search ?? "");
  const facets = {};
  for (const name of FACETS) facets[name] = [...new Set(params.getAll(name).filter((v) => v !== ""))];
  const sort = params.get("sort");
  return { q: params.get("q") ?? "", facets, sort: SORTS.includes(sort) ? sort : "relevance" };
}

/** The query string for a view ("" for the default view), parsed back by parseState. */
export function formatState(state) {
  const params = new URLSearchParams();
  if (state.q && state.q.trim() !== "") params.append("q", state.q);
  for (const name of FACETS) for (const v of state.facets?.[name] ?? []) params.append(name, v);
  if (state.sort && state.sort !== "relevance" && SORTS.includes(state.sort)) params.append("sort", state.sort);
  const s = params.toString();
  return s ? `?${s}` : "";
}

export const hasFacetSelection = (state) => FACETS.some((name) => (state.facets?.[name] ?? []).length > 0);

/** The text cut into [{text, match}] segments: match marks the start of each word that a token
 *  matches (the whole token for a prefix token, the whole word for a short one). Never HTML. */
export function highlight(text, tokens) {
  text = String(text ?? "");
  const wanted = [...new Set(tokens.map((t) => String(t).toLowerCase()))].filter((t) => length(t) >= MIN_TOKEN);
  const segments = [];
  const push = (part, match) => {
    if (part === "") return;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += part;
    else segments.push({ text: part, match });
  };
  let at = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = m[0];
    const lower = word.toLowerCase();
    let covered = 0; // lower-cased code units of the word to mark
    for (const t of wanted) {
      if (isPrefixToken(t) ? lower.startsWith(t) : lower === t) covered = Math.max(covered, t.length);
    }
    if (covered === 0) continue;
    let end = 0; // the shortest start of the word whose lower case covers the match
    if (lower.length === word.length) end = covered;
    else for (let low = ""; low.length < covered && end < word.length; ) { const c = String.fromCodePoint(word.codePointAt(end)); low += c.toLowerCase(); end += c.length; }
    push(text.slice(at, m.index), false);
    push(word.slice(0, end), true);
    at = m.index + end;
  }
  push(text.slice(at), false);
  return segments;
}

/** A result link: root + the document's relative url, or null for anything that is not a
 *  relative path (a scheme, "//host", "/path"), so index data can never make a javascript: link. */
export function resultHref(root, url) {
  if (typeof url !== "string") return null;
  const u = url.replace(/[\t\n\r]/g, "").replace(/^[\x00-\x20]+/, "");
  if (/^[/\\]/.test(u) || /^[^/?#]*:/.test(u)) return null;
  return root + url;
}
