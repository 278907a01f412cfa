// Instant search over the static index (docs/search-index.md). Progressive enhancement: the
// page works without this script; every indexed string reaches the page as a text node.
import {
  FACETS, search, tokenize, termsPath, docsPath, chunksFor, filterByFacets, facetCounts, sortIds,
  parseState, formatState, hasFacetSelection, highlight, resultHref, facetValuesByCount, visibleFacetValues, decodeFacets,
} from "./search-core.js";

const PAGE = 20;
const FACET_SHOWN = 8; // as many values as the page shows of a facet before "show all"
const byId = (id) => document.getElementById(id);
const form = byId("search-form"), input = byId("search-input"), sortSelect = byId("sort");
const results = byId("results"), count = byId("result-count"), list = byId("result-list");
const allProjects = byId("all-projects");
const root = document.querySelector('meta[name="atrium-root"]')?.content ?? "";

const loaded = new Map(); // path under search/ -> Promise of its JSON
function getJSON(path) {
  if (!loaded.has(path)) {
    const promise = fetch(`${root}search/${path}`).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    });
    promise.catch(() => loaded.delete(path)); // try again next time
    loaded.set(path, promise);
  }
  return loaded.get(path);
}
async function getShards() {
  const meta = await getJSON("shards.json");
  if (meta?.format !== 2) throw new Error("unsupported index format");
  return meta;
}
let facetsLoaded = null;
function getFacets() {
  facetsLoaded ??= getJSON("facets.json").then(decodeFacets);
  facetsLoaded.catch(() => { facetsLoaded = null; });
  return facetsLoaded;
}

const checkboxes = () => document.querySelectorAll("fieldset.facet[data-facet] input[type=checkbox]");
const facetOf = (box) => box.closest("fieldset.facet").dataset.facet;

function readState() {
  const facets = Object.fromEntries(FACETS.map((name) => [name, []]));
  for (const box of checkboxes()) if (box.checked && facets[facetOf(box)]) facets[facetOf(box)].push(box.value);
  return { q: input.value, facets, sort: sortSelect?.value || "relevance" };
}

function applyState(state) {
  input.value = state.q;
  for (const box of checkboxes()) box.checked = (state.facets[facetOf(box)] ?? []).includes(box.value);
  if (sortSelect && [...sortSelect.options].some((o) => o.value === state.sort)) sortSelect.value = state.sort;
}

const more = Object.assign(document.createElement("button"), { type: "button", id: "more-results", hidden: true });
let generation = 0; // answers to an older update are dropped
let limit = PAGE;
let facetsWanted = false;

async function update({ keepLimit = false } = {}) {
  const current = ++generation;
  if (!keepLimit) limit = PAGE;
  const state = readState();
  history.replaceState(history.state, "", location.pathname + formatState(state) + location.hash);
  const filtering = hasFacetSelection(state), sorting = state.sort !== "relevance";
  const querying = tokenize(state.q).length > 0;
  // Counts follow the query too: a facet never promises results the query does not have.
  facetsWanted ||= filtering || sorting || querying;
  const active = querying || filtering || sorting;
  results.hidden = !active;
  if (allProjects) allProjects.hidden = active;
  if (!active && !facetsWanted) return;
  try {
    const meta = await getShards();
    const [facets, ranked, order] = await Promise.all([facetsWanted ? getFacets() : null,
      search(state.q, meta.shards, (prefix) => getJSON(termsPath(prefix))), sorting ? getJSON("order.json") : null]);
    if (current !== generation) return;
    let ids = ranked ? ranked.map((r) => r.id) : Array.from({ length: meta.documents }, (_, i) => i);
    if (facets) {
      showFacetCounts(facetCounts(ids, state.facets, facets));
      ids = sortIds(filterByFacets(ids, state.facets, facets), state.sort, order?.order,
        ranked && new Map(ranked.map((r) => [r.id, r.score])));
    }
    if (!active) return;
    const shown = ids.slice(0, limit);
    const docs = await loadDocuments(shown, meta.chunkSize);
    if (current !== generation) return;
    render(shown.map((id) => docs.get(id)).filter(Boolean), ids.length, tokenize(state.q));
  } catch {
    if (current !== generation || !active) return;
    list.replaceChildren();
    more.hidden = true;
    count.textContent = "Search is unavailable right now. Please try again later.";
  }
}

async function loadDocuments(ids, chunkSize) {
  const chunks = await Promise.all(chunksFor(ids, chunkSize).map((n) => getJSON(docsPath(n))));
  return new Map(chunks.flat().map((doc) => [doc.id, doc]));
}

let lastCounts = null; // the counts of the latest update, for values drawn after it

function showFacetCounts(counts) {
  lastCounts = counts;
  for (const box of checkboxes()) showCount(box, counts.get(facetOf(box))?.get(box.value) ?? 0);
}

function showCount(box, n) {
  const label = box.closest("label");
  const span = label?.querySelector(".facet-count");
  if (span) span.textContent = String(n);
  label?.classList.toggle("facet-empty", n === 0);
}

// Long facets: the page has the most common values; the rest come from facets.json when the
// reader asks for all of them or types in the facet's filter box. Selected values stay shown.
const longFacets = new Map(); // facet name -> { fieldset, values, toggle, filter, expanded }

function enhanceLongFacets() {
  for (const fieldset of document.querySelectorAll("fieldset.facet[data-facet]")) {
    const values = fieldset.querySelector(".facet-values");
    const total = Number(fieldset.dataset.values) || 0;
    if (!values || total <= values.querySelectorAll("input[type=checkbox]").length) continue;
    const name = fieldset.dataset.facet, title = fieldset.querySelector("legend")?.textContent ?? name;
    values.id ||= `facet-values-${name}`;
    const filter = Object.assign(document.createElement("input"), {
      type: "search", className: "facet-filter", placeholder: `Filter ${total} values`,
    });
    filter.setAttribute("aria-label", `Filter ${title}`);
    filter.setAttribute("aria-controls", values.id);
    const toggle = Object.assign(document.createElement("button"), { type: "button", className: "facet-toggle" });
    toggle.setAttribute("aria-controls", values.id);
    const status = Object.assign(document.createElement("p"), { className: "facet-none", hidden: true });
    status.setAttribute("role", "status");
    // The fieldset holds the choices alone (a group of checkboxes with one name); the tools
    // that change which choices are shown sit beside it, in one frame.
    const frame = Object.assign(document.createElement("div"), { className: "facet-frame" });
    frame.dataset.facetFrame = name;
    const tools = Object.assign(document.createElement("div"), { className: "facet-tools" });
    tools.append(filter, toggle, status);
    fieldset.before(frame);
    frame.append(fieldset, tools);
    const entry = { fieldset, values, filter, toggle, status, title, total, expanded: false };
    longFacets.set(name, entry);
    setToggle(entry);
    let timer = 0;
    filter.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => redrawFacet(name), 80); });
    toggle.addEventListener("click", () => { entry.expanded = !entry.expanded; setToggle(entry); redrawFacet(name); });
  }
}

function setToggle(entry) {
  entry.toggle.textContent = entry.expanded ? "Show fewer" : `Show all ${entry.total}`;
  entry.toggle.setAttribute("aria-expanded", String(entry.expanded));
}

async function redrawFacet(name, alsoSelected = []) {
  const entry = longFacets.get(name);
  if (!entry) return;
  let data;
  try { data = (await getFacets())[name]; } catch { return; }
  const ordered = facetValuesByCount(data);
  const boxes = new Map([...entry.values.querySelectorAll("input[type=checkbox]")].map((box) => [box.value, box]));
  const selected = [...new Set([...[...boxes.values()].filter((box) => box.checked).map((box) => box.value), ...alsoSelected])];
  const vocabulary = entry.fieldset.hasAttribute("data-vocabulary");
  const label = (value) => vocabulary ? value.replaceAll("-", " ") : value;
  const shown = visibleFacetValues(ordered, {
    selected, filter: entry.filter.value, expanded: entry.expanded, shown: FACET_SHOWN, label,
  });
  entry.values.replaceChildren(...shown.map(({ value, count }) => {
    const box = boxes.get(value) ?? facetBox(name, value, label(value));
    box.checked = selected.includes(value);
    showCount(box, lastCounts?.get(name)?.get(value) ?? (lastCounts ? 0 : count));
    return box.closest("label");
  }));
  entry.values.toggleAttribute("data-scroll", shown.length > 2 * FACET_SHOWN);
  const filtering = entry.filter.value.trim() !== "";
  entry.status.hidden = !filtering;
  entry.status.textContent = filtering ? (shown.length === 0 ? "No value matches." : `${shown.length} of ${entry.total} shown`) : "";
}

function facetBox(name, value, text) {
  const label = document.createElement("label");
  const box = Object.assign(document.createElement("input"), { type: "checkbox", name, value });
  box.setAttribute("form", "search-form");
  label.append(box, " ", element("span", "facet-label", text), " ", element("span", "facet-count", ""));
  return box;
}

/** Values a shared URL selects that the page does not show yet are drawn before the first search. */
async function showSelectedValues(state) {
  const drawn = [];
  for (const [name, entry] of longFacets) {
    const present = new Set([...entry.values.querySelectorAll("input[type=checkbox]")].map((box) => box.value));
    const missing = (state.facets[name] ?? []).filter((value) => !present.has(value));
    if (missing.length) drawn.push(redrawFacet(name, missing));
  }
  await Promise.all(drawn);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function highlighted(node, text, tokens) {
  for (const { text: part, match } of highlight(text, tokens)) {
    node.append(match ? element("mark", "", part) : document.createTextNode(part));
  }
  return node;
}

function render(docs, total, tokens) {
  count.textContent = total === 0 ? "No projects match." : `${total} project${total === 1 ? "" : "s"}`;
  list.replaceChildren(...docs.map((doc) => {
    const item = element("li", "result project-card");
    const heading = element("h2", "result-name");
    const href = resultHref(root, doc.url);
    const name = highlighted(element(href === null ? "span" : "a"), String(doc.name ?? doc.slug ?? ""), tokens);
    if (href !== null) name.href = href;
    heading.append(name);
    item.append(heading);
    if (doc.description) item.append(highlighted(element("p", "result-description"), String(doc.description), tokens));
    const facts = element("p", "result-meta");
    const fact = (className, label, values) => {
      if (!values || values.length === 0) return;
      if (facts.childNodes.length) facts.append(" · ");
      facts.append(element("span", className, `${label}${[].concat(values).join(", ")}`));
    };
    fact("result-owners", "Owners: ", doc.owners);
    fact("result-accepts", "Accepts: ", doc.accepts);
    fact("result-level", "", doc.level ? [doc.level] : []);
    if (facts.childNodes.length) item.append(facts);
    return item;
  }));
  more.hidden = docs.length >= total;
  more.textContent = `Show ${Math.min(PAGE, total - docs.length)} more`;
}

const resultLinks = () => [...list.querySelectorAll(".result a[href]")];
const isTyping = (el) => el?.isContentEditable || el?.tagName === "TEXTAREA" || el?.tagName === "SELECT" ||
  (el?.tagName === "INPUT" && !["checkbox", "radio", "button", "submit", "reset"].includes(el.type));

if (form && input && results && count && list) {
  results.append(more);
  let timer = 0;
  const now = () => { clearTimeout(timer); update(); };
  form.addEventListener("submit", (event) => { event.preventDefault(); now(); });
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(update, 120); });
  input.addEventListener("focus", () => getShards().catch(() => {}), { once: true });
  document.addEventListener("change", (event) => {
    if (event.target === sortSelect || (event.target.type === "checkbox" && event.target.closest?.("fieldset.facet[data-facet]"))) now();
  });
  more.addEventListener("click", () => { limit += PAGE; update({ keepLimit: true }); });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && input.value !== "") { event.preventDefault(); input.value = ""; now(); }
    if (event.key === "ArrowDown" && !results.hidden && resultLinks().length) { event.preventDefault(); resultLinks()[0].focus(); }
  });
  list.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = resultLinks(), at = links.indexOf(event.target);
    if (at < 0) return;
    event.preventDefault();
    const next = at + (event.key === "ArrowDown" ? 1 : -1);
    (next < 0 ? input : links[Math.min(next, links.length - 1)]).focus();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
  enhanceLongFacets();
  const initial = parseState(location.search);
  applyState(initial);
  showSelectedValues(initial).finally(() => { applyState(initial); update(); });
}
