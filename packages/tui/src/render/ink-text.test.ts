import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import packageWidestLine from "widest-line";
import measureText from "./measure-text.js";
import widestLine from "./widest-line.js";
import wrapText from "./wrap-text.js";

// Ink's own modules, which these replace in the bundle: the same text must come out.
const inkBuild = dirname(createRequire(import.meta.url).resolve("ink"));
const ink = async <T>(file: string) => (await import(pathToFileURL(join(inkBuild, file)).href)).default as T;
const inkWrapText = await ink<typeof wrapText>("wrap-text.js");
const inkMeasureText = await ink<typeof measureText>("measure-text.js");

const c = new Chalk({ level: 3 });
const texts = [
  "",
  "short",
  `${c.bold.magenta("pos-tui")} · ${c.green("connected")} · spectator · 127.0.0.1:7777`,
  "round 12: alice won block 11 - ticket 123456789 of 250, a long announcement that must wrap",
  "two\nlines of which the second is the longer one",
  "漢字 and 🙂 are two columns wide each",
];

describe("Ink's text wrapping and measuring, bounded", () => {
  it("wraps and truncates exactly as Ink does", () => {
    for (const text of texts)
      for (const width of [1, 5, 12, 40])
        for (const mode of ["wrap", "truncate", "truncate-end", "truncate-middle", "truncate-start", "end"])
          expect(wrapText(text, width, mode)).toBe(inkWrapText(text, width, mode));
  });

  it("measures exactly as Ink does", () => {
    for (const text of texts) expect(measureText(text)).toEqual(inkMeasureText(text));
    expect(texts.map(widestLine)).toEqual(texts.map(packageWidestLine));
    expect(texts.map(widestLine)).toEqual(texts.map(packageWidestLine)); // from its cache
  });
});
