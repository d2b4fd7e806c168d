import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ErrorCode } from "./errors.js";
import {
  isValidBpm,
  MAX_BPM,
  MAX_NAME_LENGTH,
  MAX_STAKE,
  MIN_BPM,
  parseBpm,
  parseName,
  parseStake,
  sanitizeText,
  stripControl,
} from "./parse.js";

function reason<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }) {
  if (result.ok) throw new Error(`expected a refusal, got ${String(result.value)}`);
  return result.error;
}

describe("parseStake", () => {
  // Each refusal names what is wrong, so a person knows what to type instead.
  const refusals: [input: string, mentions: RegExp][] = [
    ["1e3", /exponent.*1000/],
    ["0x10", /hex/],
    [" 12", /space/],
    ["-5", /negative/],
    ["0", /at least 1/],
    ["1.5", /whole number/],
    ["", /empty/],
    ["99999999999999999999", /too large.*10\^18/],
  ];

  for (const [input, mentions] of refusals) {
    it(`refuses ${JSON.stringify(input)} and says why`, () => {
      const error = reason(parseStake(input));
      expect(error.code).toBe(ErrorCode.BadStake);
      expect(error.message).toMatch(mentions);
    });
  }

  it("gives each of those a different reason", () => {
    const messages = refusals.map(([input]) => reason(parseStake(input)).message);
    expect(new Set(messages).size).toBe(refusals.length);
  });

  it("accepts 1 and 10^18 exactly, as BigInt", () => {
    expect(parseStake("1")).toEqual({ ok: true, value: 1n });
    expect(parseStake("1000000000000000000")).toEqual({ ok: true, value: MAX_STAKE });
    expect(parseStake("123456789012345678")).toEqual({ ok: true, value: 123456789012345678n });
  });

  it("refuses 10^18 + 1", () => {
    expect(reason(parseStake("1000000000000000001")).message).toMatch(/too large/);
  });

  it("refuses other things a lenient parser would coerce", () => {
    const others: [string, RegExp][] = [
      ["+5", /sign/],
      ["12 ", /space/],
      ["\t12", /space/],
      ["1E3", /exponent/],
      ["0X10", /hex/],
      ["0b101", /binary/],
      ["0o17", /octal/],
      ["1,000", /whole number/],
      ["12abc", /decimal digits/],
      ["Infinity", /decimal digits/],
      ["NaN", /decimal digits/],
      ["１２", /decimal digits/], // full-width digits
      ["1_000", /decimal digits/],
      ["1".repeat(41), /too long/],
      ["010", /leading zeros.*10/],
      ["00", /leading zeros/],
    ];
    for (const [input, mentions] of others) {
      const error = reason(parseStake(input));
      expect(error.code, input).toBe(ErrorCode.BadStake);
      expect(error.message, input).toMatch(mentions);
    }
  });

  test.prop([fc.bigInt({ min: 1n, max: MAX_STAKE })])("accepts every whole number 1..10^18", (n) => {
    expect(parseStake(n.toString())).toEqual({ ok: true, value: n });
  });

  test.prop([fc.bigInt({ min: MAX_STAKE + 1n, max: 10n ** 40n })])("refuses everything above 10^18", (n) => {
    expect(parseStake(n.toString()).ok).toBe(false);
  });

  test.prop([fc.string({ unit: "binary" })])(
    "never throws, and only accepts plain digits in range",
    (text) => {
      const result = parseStake(text);
      if (result.ok) {
        expect(text).toMatch(/^[1-9][0-9]*$/);
        expect(result.value >= 1n && result.value <= MAX_STAKE).toBe(true);
      } else {
        expect(result.error.code).toBe(ErrorCode.BadStake);
        expect(result.error.message.length).toBeGreaterThan(10);
      }
    },
  );
});

describe("parseBpm", () => {
  it(`accepts every whole number ${MIN_BPM}..${MAX_BPM}`, () => {
    for (let bpm = MIN_BPM; bpm <= MAX_BPM; bpm++) {
      expect(parseBpm(String(bpm))).toEqual({ ok: true, value: bpm });
      expect(isValidBpm(bpm)).toBe(true);
    }
  });

  it("refuses, with the reason", () => {
    const refusals: [string, RegExp][] = [
      ["", /empty/],
      ["0", /out of range.*1 to 300/],
      ["301", /out of range/],
      ["1000", /out of range/],
      ["99999999999999999999", /out of range/],
      ["-5", /negative/],
      ["72.5", /whole number/],
      ["72,5", /whole number/],
      [" 72", /space/],
      ["72\r", /space/],
      ["abc", /digits/],
      ["1e2", /digits/],
      ["0x10", /digits/],
      ["+72", /digits/],
    ];
    for (const [input, mentions] of refusals) {
      const error = reason(parseBpm(input));
      expect(error.code, input).toBe(ErrorCode.BadBpm);
      expect(error.message, input).toMatch(mentions);
    }
  });

  it("isValidBpm refuses non-integers, out-of-range numbers and non-numbers", () => {
    for (const value of [
      0,
      301,
      72.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -1,
      "72",
      null,
      undefined,
      72n,
    ]) {
      expect(isValidBpm(value), String(value)).toBe(false);
    }
  });

  test.prop([fc.string({ unit: "binary" })])("never throws and only accepts 1..300", (text) => {
    const result = parseBpm(text);
    if (result.ok) expect(isValidBpm(result.value)).toBe(true);
    else expect(result.error.code).toBe(ErrorCode.BadBpm);
  });
});

// Everything that must never reach someone else's terminal.
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

describe("stripControl", () => {
  it("removes C0, DEL and C1 controls", () => {
    expect(stripControl("a\u0000b\u0007c\bd\te\nf\rg\u007fh\u0080i\u009fj")).toBe("abcdefghij");
  });

  it("removes ANSI escape sequences whole, not just their ESC byte", () => {
    expect(stripControl("\u001b[31mred\u001b[0m")).toBe("red");
    expect(stripControl("\u001b[2J\u001b[H\u001b[1;31;42mboo")).toBe("boo");
    expect(stripControl("\u001b[?25lhidden cursor")).toBe("hidden cursor");
    expect(stripControl("\u009b31mC1 CSI")).toBe("C1 CSI");
    expect(stripControl("\u001b]0;evil title\u0007name")).toBe("name");
    expect(stripControl("\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\")).toBe("link");
    expect(stripControl("\u001bcreset")).toBe("reset");
    expect(stripControl("\u001b(Bcharset")).toBe("charset");
  });

  it("removes bidi overrides, isolates, zero-width characters and the BOM", () => {
    expect(stripControl("a\u202eb\u202ac\u2066d\u2069e\u200bf\u200eg\ufeffh")).toBe("abcdefgh");
  });

  it("removes line and paragraph separators, the Arabic letter mark and invisible operators", () => {
    expect(stripControl("a\u2028b\u2029c\u061cd\u2060e\u2064f")).toBe("abcdef");
  });

  it("keeps ordinary text, accents, CJK, emoji and joined emoji (ZWJ, ZWNJ)", () => {
    const text = "Zoë 王 🚀 👩\u200d💻 \u0645\u200c\u0645 ok [31m";
    expect(stripControl(text)).toBe(text);
  });

  test.prop([fc.string({ unit: "binary" })])("leaves nothing unsafe behind and is idempotent", (text) => {
    const clean = stripControl(text);
    expect(clean).not.toMatch(UNSAFE);
    expect(clean.replace(/[\u200c\u200d]/g, "")).not.toMatch(INVISIBLE_PROPERTY);
    expect(stripControl(clean)).toBe(clean);
  });

  test.prop([
    fc.array(fc.constantFrom("\u001b", "[", "]", "31", ";", "m", "\u0007", "\\", "a", "\u009b", "P")),
  ])("leaves nothing unsafe behind in escape-like soup", (parts) => {
    expect(stripControl(parts.join(""))).not.toMatch(UNSAFE);
  });

  it("is fast on adversarial input (no catastrophic backtracking)", () => {
    const start = performance.now();
    for (const attack of [
      "\u001b]".repeat(32_768),
      "\u001b[".repeat(32_768),
      `\u001b]${"a".repeat(65_536)}`,
    ]) {
      expect(stripControl(attack)).not.toMatch(UNSAFE);
    }
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe("sanitizeText", () => {
  it("strips controls, then caps to max code points with an ellipsis", () => {
    expect(sanitizeText("\u001b[31mhello\u001b[0m", 10)).toBe("hello");
    expect(sanitizeText("abcdef", 4)).toBe("abc…");
    expect(sanitizeText("abcd", 4)).toBe("abcd");
    expect(sanitizeText("🚀🚀🚀🚀🚀", 3)).toBe("🚀🚀…");
  });

  test.prop([fc.string({ unit: "binary" }), fc.nat(50)])("never exceeds max code points", (text, max) => {
    const out = sanitizeText(text, max);
    expect(Array.from(out).length).toBeLessThanOrEqual(max);
    expect(out).not.toMatch(UNSAFE);
  });
});

// The properties no name may contain (see parse.ts), and what counts as a visible character.
const INVISIBLE_PROPERTY = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\p{Cn}\p{Default_Ignorable_Code_Point}]/u;
const VISIBLE = /(?!\u2800)[\p{L}\p{N}\p{S}\p{P}]/u;

// Characters that draw as nothing (or as a blank) yet passed the old list-based filter.
const INVISIBLE_SAMPLES = {
  "soft hyphen U+00AD": "\u00ad",
  "tag character U+E0041": "\u{e0041}",
  "cancel tag U+E007F": "\u{e007f}",
  "interlinear annotation anchor U+FFF9": "\ufff9",
  "interlinear annotation separator U+FFFA": "\ufffa",
  "interlinear annotation terminator U+FFFB": "\ufffb",
  "Hangul filler U+3164": "\u3164",
  "halfwidth Hangul filler U+FFA0": "\uffa0",
  "Hangul choseong filler U+115F": "\u115f",
  "variation selector 16 U+FE0F": "\ufe0f",
  "variation selector 17 U+E0100": "\u{e0100}",
  "combining grapheme joiner U+034F": "\u034f",
  "Mongolian vowel separator U+180E": "\u180e",
  "zero-width joiner U+200D": "\u200d",
  "word joiner U+2060": "\u2060",
  "private use U+E000": "\ue000",
  "unassigned U+0378": "\u0378",
  "lone surrogate U+D800": "\ud800",
} as const;

describe("parseName", () => {
  it("accepts a plain name, trimmed", () => {
    expect(parseName("  alice  ")).toEqual({ ok: true, value: "alice" });
    expect(parseName("Zoë 王")).toEqual({ ok: true, value: "Zoë 王" });
  });

  it("strips control characters and escape sequences", () => {
    expect(parseName("\u001b[31mbob\u001b[0m")).toEqual({ ok: true, value: "bob" });
    expect(parseName("a\u0000b\u007fc\u0085d")).toEqual({ ok: true, value: "abcd" });
  });

  it("refuses a name with a bidi override rather than silently changing it", () => {
    const error = reason(parseName("eve\u202egnp.exe"));
    expect(error.code).toBe(ErrorCode.BadName);
    expect(error.message).toMatch(/invisible.*U\+202E/);
  });

  it.each(Object.entries(INVISIBLE_SAMPLES))("refuses a name hiding a %s", (label, char) => {
    const error = reason(parseName(`ad${char}min`));
    expect(error.code).toBe(ErrorCode.BadName);
    expect(error.message).toContain(label.slice(label.lastIndexOf("U+")));
    // Free text loses the character instead (the joiner excepted: emoji sequences need it).
    if (char !== "\u200d") expect(stripControl(`ad${char}min`)).toBe("admin");
  });

  it('never lets "ad\\u00admin" through as a name that shows as "admin"', () => {
    const result = parseName("ad\u00admin");
    expect(result.ok && result.value).not.toBe("admin");
    expect(result.ok).toBe(false);
  });

  it("refuses names that look blank: braille blank, Hangul filler, spaces", () => {
    expect(reason(parseName("\u2800\u2800")).message).toMatch(/blank/);
    expect(reason(parseName("\u2800 \u3000\u2800")).message).toMatch(/blank/);
    expect(reason(parseName("\u3164")).message).toMatch(/invisible.*U\+3164/);
    expect(reason(parseName("\u0301\u0301")).message).toMatch(/blank/);
    expect(parseName("\u2800x\u2800")).toEqual({ ok: true, value: "\u2800x\u2800" });
  });

  it("refuses an empty name, or one that is empty once cleaned", () => {
    for (const input of ["", "   ", "\u0000\u0007", "\u001b[31m"]) {
      const error = reason(parseName(input));
      expect(error.code).toBe(ErrorCode.BadName);
      expect(error.message).toMatch(/empty/);
    }
  });

  it(`accepts ${MAX_NAME_LENGTH} characters and refuses ${MAX_NAME_LENGTH + 1}`, () => {
    expect(parseName("x".repeat(MAX_NAME_LENGTH)).ok).toBe(true);
    expect(parseName("🚀".repeat(MAX_NAME_LENGTH)).ok).toBe(true);
    expect(reason(parseName("x".repeat(MAX_NAME_LENGTH + 1))).message).toMatch(/too long.*32/);
  });

  test.prop([fc.string({ unit: "binary", maxLength: 80 })])(
    "an accepted name is clean and 1..32 long",
    (text) => {
      const result = parseName(text);
      if (result.ok) {
        const length = Array.from(result.value).length;
        expect(length).toBeGreaterThanOrEqual(1);
        expect(length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
        expect(result.value).not.toMatch(UNSAFE);
        expect(result.value).not.toMatch(INVISIBLE_PROPERTY);
        expect(result.value).toMatch(VISIBLE);
        expect(result.value).toBe(result.value.trim());
      } else expect(result.error.code).toBe(ErrorCode.BadName);
    },
  );

  // Full code points, biased towards the planes where format, tag and private-use characters live.
  const anyCodePoint = fc.oneof(
    fc.integer({ min: 0, max: 0x10ffff }),
    fc.integer({ min: 0, max: 0x3200 }),
    fc.integer({ min: 0xe0000, max: 0xe01ff }),
    fc.integer({ min: 0xfe00, max: 0xffff }),
  );
  test.prop([fc.array(anyCodePoint, { maxLength: 40 })])(
    "for any code points, an accepted name has none of the invisible properties and something visible",
    (codePoints) => {
      const text = codePoints.map((c) => String.fromCodePoint(c)).join("");
      const result = parseName(text);
      if (result.ok) {
        expect(result.value).not.toMatch(INVISIBLE_PROPERTY);
        expect(result.value).toMatch(VISIBLE);
      } else expect(result.error.code).toBe(ErrorCode.BadName);
    },
  );

  test.prop([fc.string({ unit: "binary" }), fc.constantFrom(...Object.values(INVISIBLE_SAMPLES))])(
    "a name with any invisible character anywhere is refused",
    (text, char) => {
      const cut = Math.floor(text.length / 2);
      expect(parseName(`x${text.slice(0, cut)}${char}${text.slice(cut)}x`).ok).toBe(false);
    },
  );
});
