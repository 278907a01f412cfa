// Unit tests of Templates/assets/search-core.js: `node --test Tests/SearchJS/`.
// fixtures/search/ is a six-project index in the exact on-disk layout of docs/search-index.md.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  FACETS, SORTS, tokenize, isPrefixToken, shardKeysFor, termsPath, docsPath, matchToken, rank, search,
  chunkOf, chunksFor, filterByFacets, facetCounts, sortIds, parseState, formatState, hasFacetSelection,
  highlight, resultHref, facetValuesByCount, visibleFacetValues, decodeIds, decodeFacets,
} from "../../Templates/assets/search-core.js";

const fixture = new URL("./fixtures/search/", import.meta.url);
// Reads a file the way a static server would serve the URL path search.js asks for.
const served = (urlPath) => JSON.parse(readFileSync(new URL(urlPath, fixture), "utf8"));
const meta = served("shards.json");
const facets = decodeFacets(served("facets.json"));
const { order } = served("order.json");
const allIds = [0, 1, 2, 3, 4, 5];

/** A loadShard that records which shard files a query fetched. */
function loader() {
  const fetched = [];
  const load = async (prefix) => { fetched.push(prefix); return served(termsPath(prefix)); };
  return { load, fetched };
}
const ids = (ranked) => ranked.map((r) => r.id);
const run = (query) => search(query, meta.shards, loader().load);
const marked = (segments) => segments.filter((s) => s.match).map((s) => s.text);
const joined = (segments) => segments.map((s) => s.text).join("");

describe("tokenize", () => {
  test("lower-cases and splits on punctuation and spaces", () => {
    assert.deepEqual(tokenize("Payments-SDK: a Kotlin client (v2)!"), ["payments", "sdk", "kotlin", "client", "v2"]);
  });
  test("keeps letters and digits of any script", () => {
    assert.deepEqual(tokenize("Café ZÜRICH 東京 naïve Straße ٣٤ Ελλάδα"), ["café", "zürich", "東京", "naïve", "straße", "٣٤", "ελλάδα"]);
  });
  test("composes a decomposed word, as the index keeps it", () => {
    assert.deepEqual(tokenize("\u1100\u1161\u11A8\u1100\u1161 ok"), ["\uAC01\uAC00", "ok"]);
  });
  test("drops one-character tokens and keeps two-character ones", () => {
    assert.deepEqual(tokenize("C# is a Go i18n lib, x y z"), ["is", "go", "i18n", "lib"]);
  });
  test("counts characters, not UTF-16 units: a lone astral letter is one character", () => {
    assert.deepEqual(tokenize("𝒳 𝒳𝒴"), ["𝒳𝒴"]);
  });
  test("underscores, emoji and symbols separate words", () => {
    assert.deepEqual(tokenize("snake_case 🚀rocket a+b=c2 e-mail"), ["snake", "case", "rocket", "c2", "mail"]);
  });
  test("nothing searchable gives no token", () => {
    for (const text of ["", "   ", "!!!", "a b c", null, undefined]) assert.deepEqual(tokenize(text), []);
  });
  test("tokens of three or more characters are prefix tokens", () => {
    assert.equal(isPrefixToken("go"), false);
    assert.equal(isPrefixToken("gol"), true);
    assert.equal(isPrefixToken("東京"), false);
  });
});

describe("shard selection", () => {
  const shards = ["a", "ab", "ac", "p", "pa", "pay", "paym"];
  test("a short token loads only the longest listed prefix, never deeper shards", () => {
    assert.deepEqual(shardKeysFor("pa", shards), ["pa"]);
    assert.deepEqual(shardKeysFor("ab", shards), ["ab"]);
    assert.deepEqual(shardKeysFor("ax", shards), ["a"]);
  });
  test("a prefix token loads its shard and every deeper shard starting with it", () => {
    assert.deepEqual(shardKeysFor("pay", shards), ["pay", "paym"]);
    assert.deepEqual(shardKeysFor("paym", shards), ["paym"]);
    assert.deepEqual(shardKeysFor("pan", shards), ["pa"]);
    assert.deepEqual(shardKeysFor("abc", shards), ["ab"]);
  });
  test("a long token lives in the deepest shard that prefixes it", () => {
    assert.deepEqual(shardKeysFor("payments", shards), ["paym"]);
    assert.deepEqual(shardKeysFor("pebble", shards), ["p"]);
  });
  test("deeper shards several levels down are all loaded", () => {
    assert.deepEqual(shardKeysFor("pay", ["p", "pa", "pay", "paya", "paym", "payme", "paymen", "pb"]),
      ["pay", "paya", "paym", "payme", "paymen"]);
  });
  test("a token whose first character has no shard loads nothing", () => {
    assert.deepEqual(shardKeysFor("zebra", shards), []);
    assert.deepEqual(shardKeysFor("zz", shards), []);
    assert.deepEqual(shardKeysFor("東京", shards), []);
  });
  test("deeper shards are still loaded when their parent has no shard of its own", () => {
    // A build may leave a prefix unlisted when all its terms went to deeper shards.
    assert.deepEqual(shardKeysFor("pay", ["paym", "payr", "pe"]), ["paym", "payr"]);
    assert.deepEqual(shardKeysFor("payme", ["paym", "payr", "pe"]), ["paym"]);
    assert.deepEqual(shardKeysFor("pa", ["paym", "payr", "pe"]), []);
  });
  test("shard files are named after their prefix; the URL percent-encodes it", () => {
    assert.equal(termsPath("paym"), "terms/paym.json");
    assert.equal(termsPath("é"), "terms/%C3%A9.json");
    assert.equal(decodeURIComponent(termsPath("é")), "terms/é.json");
    assert.equal(docsPath(3), "docs/3.json");
  });
});

describe("search and ranking", () => {
  test("a query downloads only the shards its tokens need", async () => {
    const { load, fetched } = loader();
    await search("Payment Kotlin", meta.shards, load);
    assert.deepEqual(fetched.sort(), ["k", "paym"]);
  });
  test("an exact term counts full weight, a longer term half", async () => {
    // payment: exact 16 for 0, 4 for 2; payments as a prefix match: 8/2 for 0, 16/2 for 1.
    assert.deepEqual(await run("payment"), [{ id: 0, score: 16 }, { id: 1, score: 8 }, { id: 2, score: 4 }]);
  });
  test("the best-matching term counts, not the sum of all terms a prefix matches", async () => {
    // pay: exact 16 for doc 2, which also has "payment" (4 -> 2); doc 0 has payment 16 -> 8 and payments 8 -> 4.
    assert.deepEqual(await run("pay"), [{ id: 2, score: 16 }, { id: 0, score: 8 }, { id: 1, score: 8 }, { id: 3, score: 8 }]);
  });
  test("equal scores are listed by document id", async () => {
    assert.deepEqual(ids(await run("pay")).slice(1), [0, 1, 3]);
    assert.deepEqual(await run("api"), [{ id: 2, score: 16 }, { id: 0, score: 4 }, { id: 1, score: 4 }]);
  });
  test("every token must match (AND) and the scores add up", async () => {
    assert.deepEqual(await run("payments kotlin"), [{ id: 0, score: 12 }]);
    assert.deepEqual(await run("go client"), [{ id: 1, score: 12 }]);
  });
  test("a token that matches nothing empties the result", async () => {
    assert.deepEqual(await run("payment nonexistent"), []);
    assert.deepEqual(await run("payment zebra"), []);
    assert.deepEqual(await run("zebra"), []);
    const { load, fetched } = loader();
    assert.deepEqual(await search("payment zebra", meta.shards, load), []);
    assert.deepEqual(fetched, [], "no shard is downloaded for a query that cannot match");
  });
  test("a two-character token matches only the equal term", async () => {
    assert.deepEqual(await run("go"), [{ id: 1, score: 8 }, { id: 4, score: 8 }]);
    assert.deepEqual(await run("pa"), [{ id: 5, score: 2 }]);
  });
  test("three characters are enough for a prefix match", async () => {
    assert.deepEqual(await run("gol"), [{ id: 5, score: 0.5 }]);
    assert.deepEqual(await run("cli"), [{ id: 4, score: 16 }, { id: 0, score: 2 }, { id: 1, score: 2 }]);
  });
  test("case and punctuation in the query do not matter; repeated words do not change the order", async () => {
    assert.deepEqual(await run("  PAY!! "), await run("pay"));
    assert.deepEqual(ids(await run("pay pay")), ids(await run("pay")));
  });
  test("a non-ASCII shard is found through its encoded file", async () => {
    assert.deepEqual(await run("ÉTÉ"), [{ id: 5, score: 16 }]);
    assert.deepEqual(await run("ét"), []);
  });
  test("a query without a token is no query at all", async () => {
    for (const q of ["", "   ", "a", "?!"]) assert.equal(await run(q), null);
  });
  test("a failing shard load rejects the search so the page can say so", async () => {
    await assert.rejects(search("payment", meta.shards, async () => { throw new Error("HTTP 404"); }));
  });
  test("rank intersects and sums per-token matches", () => {
    const a = new Map([[1, 4], [2, 8], [3, 1]]);
    const b = new Map([[3, 16], [2, 0.5]]);
    assert.deepEqual(rank([a, b]), [{ id: 3, score: 17 }, { id: 2, score: 8.5 }]);
    assert.deepEqual(rank([]), []);
  });
  test("matchToken keeps the best weight per document over several shards", () => {
    const m = matchToken("pay", [{ terms: { pay: [[1, 2]], payroll: [[1, 16]] } }, { terms: { payment: [[1, 6], [2, 6]] } }]);
    assert.deepEqual([...m], [[1, 8], [2, 3]]);
  });
  test("a term named like an object property is an ordinary term", () => {
    const shard = { terms: { constructor: [[4, 2]], tostring: [[5, 1]] } };
    assert.deepEqual([...matchToken("constructor", [shard])], [[4, 2]]);
    assert.deepEqual([...matchToken("co", [shard])], []);
  });
});

describe("chunks", () => {
  test("ids map to chunk files of chunkSize documents", () => {
    assert.equal(chunkOf(0, 128), 0);
    assert.equal(chunkOf(127, 128), 0);
    assert.equal(chunkOf(128, 128), 1);
    assert.equal(chunkOf(9999, 128), 78);
  });
  test("the chunks for a page of results are distinct and ascending", () => {
    assert.deepEqual(chunksFor([300, 5, 130, 7, 129], 128), [0, 1, 2]);
    assert.deepEqual(chunksFor([], 128), []);
  });
  test("each fixture document is in the chunk its id names", () => {
    for (const id of allIds) {
      const doc = served(docsPath(chunkOf(id, meta.chunkSize))).find((d) => d.id === id);
      assert.equal(doc?.id, id);
    }
  });
  test("the first 50 of 10000 filtered documents need only their own chunks", () => {
    const every = Array.from({ length: 10000 }, (_, i) => i);
    const big = { owner: { values: ["@x"], documents: [every.filter((i) => i % 500 === 7)] } };
    const shown = filterByFacets(every, { owner: ["@x"] }, big).slice(0, 50);
    assert.equal(shown.length, 20);
    assert.deepEqual(chunksFor(shown, 128), [...new Set(shown.map((i) => Math.floor(i / 128)))]);
    assert.ok(chunksFor(shown, 128).length < 79);
  });
});

describe("facets", () => {
  test("values of one facet widen the result (OR)", () => {
    assert.deepEqual(filterByFacets(allIds, { owner: ["@acme/payments-team", "@acme/platform"] }, facets), [0, 1, 2, 4]);
  });
  test("different facets narrow the result (AND)", () => {
    assert.deepEqual(filterByFacets(allIds, { topic: ["payments"], review: ["yes"], accepts: ["bug-fixes"] }, facets), [0, 2]);
    assert.deepEqual(filterByFacets(allIds, { topic: ["payments"], review: ["no"] }, facets), []);
  });
  test("filtering keeps the ranking order of the ids it is given", () => {
    assert.deepEqual(filterByFacets([2, 0, 1, 3], { topic: ["payments"] }, facets), [2, 0, 1]);
  });
  test("no selection keeps everything", () => {
    assert.deepEqual(filterByFacets(allIds, {}, facets), allIds);
    assert.deepEqual(filterByFacets(allIds, { owner: [], topic: [] }, facets), allIds);
  });
  test("an unknown value or facet matches no project", () => {
    assert.deepEqual(filterByFacets(allIds, { owner: ["@nobody"] }, facets), []);
    assert.deepEqual(filterByFacets(allIds, { owner: ["@nobody", "@solo"] }, facets), [5]);
    assert.deepEqual(filterByFacets(allIds, { colour: ["red"] }, facets), []);
    assert.deepEqual(filterByFacets(allIds, { owner: ["constructor"] }, facets), []);
  });
  test("counts for a facet ignore its own selection so other values show what they would add", () => {
    const counts = facetCounts(allIds, { owner: ["@acme/payments-team"] }, facets);
    assert.equal(counts.get("owner").get("@acme/payments-team"), 2);
    assert.equal(counts.get("owner").get("@acme/platform"), 2);
    assert.equal(counts.get("topic").get("payments"), 2);
    assert.equal(counts.get("topic").get("mobile"), 0);
    assert.equal(counts.get("review").get("no"), 0);
  });
  test("counts follow the current query result", () => {
    const counts = facetCounts([0, 3], {}, facets); // e.g. the ids matching "kotlin"
    assert.deepEqual([...counts.get("language")], [["Go", 0], ["Kotlin", 2]]);
    assert.deepEqual([...counts.get("level")], [["Incubating", 0], ["InnerSource-ready", 1], ["Not ready", 1]]);
  });
  test("a view has a facet selection only when some facet has a value", () => {
    assert.equal(hasFacetSelection(parseState("?q=pay&sort=name")), false);
    assert.equal(hasFacetSelection(parseState("?language=Go")), true);
  });
});

describe("id lists", () => {
  // The same vectors as IndexTests' IdList tests: the Swift encoder and this decoder agree.
  const vectors = [["", []], ["D", [3]], ["gB", [32]], ["BCA", [1, 4, 5]], ["AAA", [0, 1, 2]], ["AnfA", [0, 1000, 1001]]];
  for (const [text, ids] of vectors) test(`"${text}" is ${JSON.stringify(ids)}`, () => assert.deepEqual(decodeIds(text), ids));
  test("a large id survives", () => {
    assert.deepEqual(decodeIds("_____D"), [2 ** 25 * 3 + 2 ** 25 - 1]);
  });
  test("text outside the alphabet ends the list; an unfinished number is dropped", () => {
    assert.deepEqual(decodeIds("BC!A"), [1, 4]);
    assert.deepEqual(decodeIds("Bg"), [1]);
    assert.deepEqual(decodeIds(null), []);
    assert.deepEqual(decodeIds("gggggggggggggg"), []);
  });
  test("facets decode to arrays, malformed facets are left out", () => {
    assert.deepEqual(facets.owner.documents, [[3], [0, 1], [2, 4], [1], [5]]);
    assert.deepEqual(Object.keys(decodeFacets({ facets: { a: null, b: { values: ["x"], documents: ["B"] } } })), ["b"]);
  });
});

describe("long facets", () => {
  const many = { values: ["alpha", "beta", "gamma", "delta", "eps-ilon"], documents: [[0], [0, 1, 2], [1, 2], [3], [0, 1, 2, 3]] };
  const ordered = facetValuesByCount(many);
  test("values come most common first, ties by value", () => {
    assert.deepEqual(ordered.map((e) => [e.value, e.count]), [["eps-ilon", 4], ["beta", 3], ["gamma", 2], ["alpha", 1], ["delta", 1]]);
  });
  test("collapsed shows the first few, and a selected value beyond them", () => {
    assert.deepEqual(visibleFacetValues(ordered, { shown: 2 }).map((e) => e.value), ["eps-ilon", "beta"]);
    assert.deepEqual(visibleFacetValues(ordered, { shown: 2, selected: ["delta"] }).map((e) => e.value), ["eps-ilon", "beta", "delta"]);
    assert.equal(visibleFacetValues(ordered, { shown: 2, expanded: true }).length, 5);
  });
  test("a filter finds values by their label, whatever the case, and keeps selections", () => {
    const label = (v) => v.replaceAll("-", " ");
    assert.deepEqual(visibleFacetValues(ordered, { shown: 2, filter: "  LTA " }).map((e) => e.value), ["delta"]);
    assert.deepEqual(visibleFacetValues(ordered, { filter: "eps il", label }).map((e) => e.value), ["eps-ilon"]);
    assert.deepEqual(visibleFacetValues(ordered, { filter: "zzz", selected: ["beta", "nowhere"] }).map((e) => e.value), ["beta"]);
  });
  test("malformed facet data gives no values", () => {
    assert.deepEqual(facetValuesByCount(undefined), []);
    assert.deepEqual(facetValuesByCount({ values: ["x"] }), [{ value: "x", count: 0 }]);
  });
});

describe("sorting", () => {
  test("by name, activity and readiness follow facets.json's order", () => {
    assert.deepEqual(sortIds(allIds, "name", order), [4, 5, 2, 0, 1, 3]);
    assert.deepEqual(sortIds(allIds, "activity", order), [4, 0, 1, 2, 5, 3]);
    assert.deepEqual(sortIds(allIds, "readiness", order), [0, 2, 1, 4, 3, 5]);
  });
  test("relevance is by score, best first, ties by id", () => {
    assert.deepEqual(sortIds([3, 1, 0, 2], "relevance", order, new Map([[0, 8], [1, 8], [2, 16], [3, 8]])), [2, 0, 1, 3]);
  });
  test("relevance without a query lists projects in id (slug) order", () => {
    assert.deepEqual(sortIds([5, 3, 1], "relevance", order), [1, 3, 5]);
  });
  test("sorting a query's result keeps only its documents", () => {
    assert.deepEqual(sortIds([0, 1, 2], "activity", order), [0, 1, 2]);
    assert.deepEqual(sortIds([3, 2, 4], "name", order), [4, 2, 3]);
  });
  test("an unknown key falls back to relevance; a missing position sorts last", () => {
    assert.deepEqual(sortIds([2, 1], "stars", order, new Map([[1, 2], [2, 1]])), [1, 2]);
    assert.deepEqual(sortIds([0, 1, 7, 6], "name", order), [0, 1, 6, 7]);
  });
  test("sorting never changes the caller's array", () => {
    const given = [3, 2, 1];
    sortIds(given, "name", order);
    sortIds(given, "relevance", order);
    assert.deepEqual(given, [3, 2, 1]);
  });
});

describe("URL state", () => {
  const empty = () => Object.fromEntries(FACETS.map((f) => [f, []]));
  test("a shared URL gives back the query, facets and sort", () => {
    const state = parseState("?q=pay+ment&owner=%40acme%2Fweb&owner=@solo&topic=go&sort=activity&level=Not+ready");
    assert.equal(state.q, "pay ment");
    assert.deepEqual(state.facets.owner, ["@acme/web", "@solo"]);
    assert.deepEqual(state.facets.topic, ["go"]);
    assert.deepEqual(state.facets.level, ["Not ready"]);
    assert.equal(state.sort, "activity");
  });
  test("a missing or unknown value gives the default view", () => {
    assert.deepEqual(parseState(""), { q: "", facets: empty(), sort: "relevance" });
    assert.deepEqual(parseState("?sort=stars&colour=red"), { q: "", facets: empty(), sort: "relevance" });
  });
  test("the no-JavaScript form's URL is understood and made canonical", () => {
    const state = parseState("?q=&sort=relevance&review=yes&review=yes&owner=");
    assert.deepEqual(state.facets.review, ["yes"]);
    assert.deepEqual(state.facets.owner, []);
    assert.equal(formatState(state), "?review=yes");
  });
  test("the default view has a bare URL; relevance and blank queries are left out", () => {
    assert.equal(formatState({ q: "", facets: empty(), sort: "relevance" }), "");
    assert.equal(formatState({ q: "  ", facets: {}, sort: "relevance" }), "");
    assert.equal(formatState({ q: "go", facets: {}, sort: "name" }), "?q=go&sort=name");
  });
  test("facets are written in a fixed order and every sort is accepted", () => {
    const state = { q: "x1", facets: { ...empty(), language: ["Go"], owner: ["@a"] }, sort: "readiness" };
    assert.equal(formatState(state), "?q=x1&owner=%40a&language=Go&sort=readiness");
    for (const sort of SORTS) assert.equal(parseState(formatState({ q: "go", facets: {}, sort })).sort, sort);
  });
  test("hostile values come back as exactly the same strings", () => {
    const state = {
      q: '"><script>alert(1)</script> & more=1 #x ?y +z %41',
      facets: {
        ...empty(),
        owner: ["&owner=evil", "@acme/a&b"],
        topic: ["a=b&c", "<img src=x onerror=alert(1)>"],
        level: ["100% ready"],
        review: ["#hash"],
        language: ["C++ / Objective-C", "Zürich 東京 𝒳"],
      },
      sort: "name",
    };
    const url = formatState(state);
    assert.deepEqual(parseState(url), state);
    assert.deepEqual(parseState(new URL(`https://example.test/${url}`).search), state);
    assert.doesNotMatch(url, /[<>"' #]|owner=evil/);
    assert.equal(url.match(/&owner=/g).length, 2); // the two owners, none smuggled in by a value
  });
});

describe("highlight", () => {
  test("marks matches case-insensitively and keeps the original case", () => {
    assert.deepEqual(highlight("Payments SDK for payment", ["payment"]), [
      { text: "Payment", match: true }, { text: "s SDK for ", match: false }, { text: "payment", match: true },
    ]);
  });
  test("a prefix token marks only the start of words, never the middle", () => {
    assert.deepEqual(marked(highlight("repay, PAYroll and prepayment", ["pay"])), ["PAY"]);
  });
  test("a short token marks only whole words", () => {
    assert.deepEqual(highlight("Go gopher go-lang", ["go"]), [
      { text: "Go", match: true }, { text: " gopher ", match: false }, { text: "go", match: true }, { text: "-lang", match: false },
    ]);
  });
  test("overlapping tokens give one mark covering the longest match", () => {
    assert.deepEqual(highlight("Payments", ["pay", "payments", "paym"]), [{ text: "Payments", match: true }]);
    assert.deepEqual(highlight("Payments", ["payments", "pay"]), [{ text: "Payments", match: true }]);
  });
  test("several tokens each mark their own words", () => {
    assert.deepEqual(marked(highlight("A Kotlin client library for the payments API.", ["kotlin", "pay", "api"])), ["Kotlin", "pay", "API"]);
  });
  test("Unicode: accented letters and astral characters are never cut in half", () => {
    assert.deepEqual(marked(highlight("ZÜRICH and Zürich", ["zür"])), ["ZÜR", "Zür"]);
    assert.deepEqual(highlight("𝐀𝐁𝐂𝐃 𝐀𝐁", ["𝐀𝐁𝐂"]), [{ text: "𝐀𝐁𝐂", match: true }, { text: "𝐃 𝐀𝐁", match: false }]);
    assert.deepEqual(marked(highlight("𝐀𝐁𝐂 𝐀𝐁", ["𝐀𝐁"])), ["𝐀𝐁"]);
  });
  test("a lower-case form of a different length still marks the right characters", () => {
    // "İ" lower-cases to two UTF-16 units; the mark must cover "İs" only.
    assert.deepEqual(highlight("İstanbul", ["i̇st"]), [{ text: "İst", match: true }, { text: "anbul", match: false }]);
  });
  test("markup in the text stays text: no HTML is produced or escaped", () => {
    const text = 'Peer-to-peer in golang, <b>pa</b> & "quotes" <script>';
    const segments = highlight(text, ["pa", "script", "peer"]);
    assert.equal(joined(segments), text);
    assert.deepEqual(marked(segments), ["Peer", "peer", "pa", "script"]);
    for (const s of segments) {
      assert.deepEqual(Object.keys(s).sort(), ["match", "text"]);
      assert.equal(typeof s.text, "string");
      assert.doesNotMatch(s.text, /&amp;|&lt;|<mark/);
    }
  });
  test("the segments always spell out the whole text, with no empty pieces", () => {
    const texts = ["", "pay", " pay ", "Payments—payroll… PAY!", "no match here", "a go b go", "東京 tokyo 東京タワー"];
    for (const text of texts) {
      for (const tokens of [[], ["pay"], ["go", "東京"], ["to", "tok"]]) {
        const segments = highlight(text, tokens);
        assert.equal(joined(segments), text);
        assert.ok(segments.every((s) => s.text !== ""));
        assert.ok(segments.every((s, i) => i === 0 || s.match !== segments[i - 1].match));
      }
    }
  });
  test("nothing to mark gives the text as one plain segment; one-letter tokens mark nothing", () => {
    assert.deepEqual(highlight("Payments SDK", []), [{ text: "Payments SDK", match: false }]);
    assert.deepEqual(highlight("a b", ["a"]), [{ text: "a b", match: false }]);
    assert.deepEqual(highlight("", ["pay"]), []);
    assert.deepEqual(highlight(null, ["pay"]), []);
  });
  test("highlighting the fixture's descriptions with the query's tokens", () => {
    const doc = served("docs/0.json")[0];
    assert.deepEqual(marked(highlight(doc.description, tokenize("KOTLIN payments"))), ["Kotlin", "payments"]);
  });
});

describe("result links", () => {
  test("a document's relative url is joined to the page's root", () => {
    assert.equal(resultHref("../../", "projects/payments-sdk/"), "../../projects/payments-sdk/");
    assert.equal(resultHref("", "projects/a:b/"), "projects/a:b/");
  });
  test("index data can never make a script, off-site or absolute link", () => {
    const hostile = ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "java\nscript:x",
      "\x01javascript:x", "data:text/html,<script>", "//evil.example/", "/etc/passwd", "\\\\evil.example", "https://evil.example/"];
    for (const url of hostile) assert.equal(resultHref("", url), null, url);
    for (const url of [null, undefined, 42, {}]) assert.equal(resultHref("", url), null);
  });
});
