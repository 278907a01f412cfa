// The JavaScript tokenizer against the Swift index's tokens on fuzzed texts: a word the index
// holds must be one the browser can type. The fixture is made by scripts/fuzz from the
// tokenizer's fuzz corpus (ATRIUM_RECORD_FIXTURE=1 refreshes the committed one);
// ATRIUM_TOKENIZER_FIXTURE points at another.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { tokenize } from "../../Templates/assets/search-core.js";

const path = process.env.ATRIUM_TOKENIZER_FIXTURE ?? new URL("./fixtures/tokenizer-fuzz.json", import.meta.url);
const cases = JSON.parse(readFileSync(path, "utf8"));

test("the fixture has fuzzed texts to compare", () => {
  assert.ok(cases.length >= 50, `only ${cases.length} cases in ${path}`);
});

test("JavaScript and Swift cut every fuzzed text into the same tokens", () => {
  const differences = cases
    .filter(({ text, tokens }) => JSON.stringify(tokenize(text)) !== JSON.stringify(tokens))
    .map(({ text, tokens }) => ({ text: JSON.stringify(text).slice(0, 200), swift: tokens, javascript: tokenize(text) }));
  assert.deepEqual(differences.slice(0, 5), [], `${differences.length} of ${cases.length} texts differ`);
});
