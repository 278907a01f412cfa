// "Similar projects" on a project page: the projects that share the most of its topics and
// name words, found in the static search index. The page already links to its topic lists,
// so without JavaScript the same projects are one click away.
import { tokenize, shardKeysFor, matchToken, termsPath, docsPath, chunkOf, resultHref } from "./search-core.js";

const list = document.getElementById("similar-list");
const root = document.querySelector('meta[name="atrium-root"]')?.content ?? "";

async function get(path) {
  const response = await fetch(root + "search/" + path);
  if (!response.ok) throw new Error(path);
  return response.json();
}

async function similar() {
  const meta = await get("shards.json");
  const scores = new Map();
  for (const token of new Set(tokenize(list.dataset.query))) {
    const shards = await Promise.all(shardKeysFor(token, meta.shards).map((key) => get(termsPath(key))));
    // Any shared word counts (not all of them): similar, not identical.
    for (const [id, weight] of matchToken(token, shards)) scores.set(id, (scores.get(id) ?? 0) + weight);
  }
  const ranked = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 8).map(([id]) => id);
  const chunks = new Map();
  for (const id of ranked) {
    const chunk = chunkOf(id, meta.chunkSize);
    if (!chunks.has(chunk)) chunks.set(chunk, await get(docsPath(chunk)));
  }
  const documents = ranked.map((id) => chunks.get(chunkOf(id, meta.chunkSize)).find((d) => d.id === id))
    .filter((d) => d && d.slug !== list.dataset.slug).slice(0, 5);
  for (const document_ of documents) {
    const href = resultHref(root, document_.url);
    if (!href) continue;
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = href;
    link.textContent = document_.name;
    item.append(link);
    if (document_.description) {
      const text = document.createElement("p");
      text.textContent = document_.description;
      item.append(text);
    }
    list.append(item);
  }
  list.closest("section")?.classList.toggle("has-similar", documents.length > 0);
}

if (list && list.dataset.query) similar().catch(() => {});
