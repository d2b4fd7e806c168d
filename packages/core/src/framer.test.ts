import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_LINE_BYTES, type FrameEvent, LineFramer } from "./framer.js";

const bytes = (text: string) => new TextEncoder().encode(text);

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function feed(framer: LineFramer, chunks: readonly Uint8Array[]): FrameEvent[] {
  return chunks.flatMap((chunk) => framer.push(chunk));
}

// The three ways a stream can arrive (after node-redis's decoder.spec): whole, byte by byte, and cut
// at arbitrary points.
const whole = (input: Uint8Array) => [input];
const byteByByte = (input: Uint8Array) => Array.from(input, (_, i) => input.subarray(i, i + 1));
function cutAt(input: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, input.length]) {
    chunks.push(input.subarray(start, point));
    start = point;
  }
  return chunks;
}

const line = (text: string): FrameEvent => ({ type: "line", line: text });

describe("LineFramer", () => {
  it("splits on LF, CRLF and a lone CR, dropping the terminators", () => {
    const framer = new LineFramer();
    expect(framer.push(bytes("one\ntwo\r\nthree\n"))).toEqual([line("one"), line("two"), line("three")]);
    expect(framer.push(bytes("four\rfive\r"))).toEqual([line("four"), line("five")]);
    expect(framer.pendingBytes).toBe(0);
  });

  it("keeps a partial line until its line end arrives; a CRLF split across chunks is one line end", () => {
    const framer = new LineFramer();
    expect(framer.push(bytes("hel"))).toEqual([]);
    expect(framer.pendingBytes).toBe(3);
    expect(framer.push(bytes("lo\r"))).toEqual([line("hello")]);
    expect(framer.push(bytes("\nwor"))).toEqual([]);
    expect(framer.pendingBytes).toBe(3);
  });

  it("reports empty lines: CR CR LF is two line ends, and telnet's CR NUL is one", () => {
    const framer = new LineFramer();
    expect(framer.push(bytes("\n\r\na\rb\r\r\n"))).toEqual([
      line(""),
      line(""),
      line("a"),
      line("b"),
      line(""),
    ]);
    expect(framer.push(bytes("c\r\u0000d\n"))).toEqual([line("c"), line("d")]);
  });

  it("drops telnet negotiation (commands, options, subnegotiations), even split across chunks", () => {
    // What `telnet host port` sends first, then a balance typed by a person.
    const negotiation = [
      0xff, 0xfd, 0x03, 0xff, 0xfb, 0x18, 0xff, 0xfa, 0x18, 0x00, 0x41, 0x4e, 0x53, 0x49, 0xff, 0xf0,
    ];
    const input = concat([
      new Uint8Array(negotiation),
      bytes("100"),
      new Uint8Array([0xff, 0xf1]),
      bytes("\r\n"),
    ]);
    expect(feed(new LineFramer(), whole(input))).toEqual([line("100")]);
    expect(feed(new LineFramer(), byteByByte(input))).toEqual([line("100")]);
  });

  it("decodes a UTF-8 character split across chunks", () => {
    const encoded = bytes("é🚀王\n");
    for (let cut = 1; cut < encoded.length - 1; cut++) {
      const framer = new LineFramer();
      expect(feed(framer, [encoded.subarray(0, cut), encoded.subarray(cut)]), `cut at ${cut}`).toEqual([
        line("é🚀王"),
      ]);
    }
    expect(feed(new LineFramer(), byteByByte(encoded))).toEqual([line("é🚀王")]);
  });

  it("accepts a line of exactly the limit, also with CRLF, and reports one byte more as overflow", () => {
    const framer = new LineFramer(8);
    expect(framer.push(bytes("12345678\n"))).toEqual([line("12345678")]);
    expect(framer.push(bytes("12345678\r\n"))).toEqual([line("12345678")]);
    expect(framer.push(bytes("123456789\n"))).toEqual([{ type: "overflow", limit: 8 }]);
    expect(framer.push(bytes("123456789\r\n"))).toEqual([{ type: "overflow", limit: 8 }]);
    expect(framer.push(bytes("ok\n"))).toEqual([line("ok")]);
  });

  it("defaults to a 64 KiB limit", () => {
    const framer = new LineFramer();
    expect(DEFAULT_MAX_LINE_BYTES).toBe(65_536);
    expect(framer.push(new Uint8Array(65_536).fill(0x61))).toEqual([]);
    expect(framer.push(bytes("\n"))).toEqual([line("a".repeat(65_536))]);
    expect(framer.push(new Uint8Array(65_538).fill(0x61))).toEqual([{ type: "overflow", limit: 65_536 }]);
  });

  it("reports a 10 MB line once, keeps memory bounded while it streams, then frames what follows", () => {
    const framer = new LineFramer();
    const chunk = new Uint8Array(16 * 1024).fill(0x78);
    const events: FrameEvent[] = [];
    let maxPending = 0;
    for (let sent = 0; sent < 10 * 1024 * 1024; sent += chunk.length) {
      events.push(...framer.push(chunk));
      maxPending = Math.max(maxPending, framer.pendingBytes);
    }
    expect(events).toEqual([{ type: "overflow", limit: DEFAULT_MAX_LINE_BYTES }]);
    expect(maxPending).toBeLessThanOrEqual(DEFAULT_MAX_LINE_BYTES);
    expect(framer.pendingBytes).toBe(0);
    expect(framer.push(bytes("x\r\nafter\nnext\n"))).toEqual([line("after"), line("next")]);
  });

  it("reports a huge line that arrives in one chunk once, then frames the rest of the chunk", () => {
    const framer = new LineFramer(16);
    const input = concat([bytes("before\n"), new Uint8Array(1_000_000).fill(0x7a), bytes("\nafter\n")]);
    expect(framer.push(input)).toEqual([line("before"), { type: "overflow", limit: 16 }, line("after")]);
    expect(framer.pendingBytes).toBe(0);
  });

  it("reports two overflowing lines as two overflows", () => {
    const framer = new LineFramer(4);
    expect(framer.push(bytes("aaaaaaaa\nbbbbbbbbbb\nc\n"))).toEqual([
      { type: "overflow", limit: 4 },
      { type: "overflow", limit: 4 },
      line("c"),
    ]);
  });

  it("turns invalid UTF-8 into replacement characters instead of failing", () => {
    const framer = new LineFramer();
    expect(framer.push(new Uint8Array([0x61, 0xfe, 0xc3, 0x0a]))).toEqual([line("a\ufffd\ufffd")]);
  });
});

// Input made of pieces that stress the framer: newlines, CRs, multi-byte characters, and runs long
// enough to cross the (small) limit.
const pieceArb = fc.oneof(
  fc.constantFrom("\n", "\r\n", "\r", "\r\r\n", "é", "🚀", "王", "\u0000"),
  fc.string({ maxLength: 6 }),
  fc.nat(30).map((n) => "x".repeat(n)),
);
const streamArb = fc.array(pieceArb, { maxLength: 40 }).map((pieces) => bytes(pieces.join("")));
const limitArb = fc.integer({ min: 1, max: 24 });

describe("LineFramer properties", () => {
  test.prop([streamArb, limitArb, fc.array(fc.nat(), { maxLength: 20 })])(
    "gives the same events whole, byte by byte and in random chunks",
    (input, limit, cuts) => {
      const expected = feed(new LineFramer(limit), whole(input));
      expect(feed(new LineFramer(limit), byteByByte(input))).toEqual(expected);
      expect(feed(new LineFramer(limit), cutAt(input, cuts))).toEqual(expected);
    },
  );

  test.prop([fc.uint8Array({ maxLength: 200 }), limitArb, fc.array(fc.nat(), { maxLength: 20 })])(
    "gives the same events on arbitrary bytes, whatever the chunking",
    (input, limit, cuts) => {
      const expected = feed(new LineFramer(limit), whole(input));
      expect(feed(new LineFramer(limit), byteByByte(input))).toEqual(expected);
      expect(feed(new LineFramer(limit), cutAt(input, cuts))).toEqual(expected);
    },
  );

  test.prop([streamArb, limitArb, fc.array(fc.nat(), { maxLength: 20 })])(
    "matches a simple model: one event per line (LF, CRLF, CR NUL or CR), overflow when it is over the limit",
    (input, limit, cuts) => {
      const framer = new LineFramer(limit);
      let maxPending = 0;
      const events: FrameEvent[] = [];
      for (const chunk of cutAt(input, cuts)) {
        events.push(...framer.push(chunk));
        maxPending = Math.max(maxPending, framer.pendingBytes);
      }
      expect(maxPending).toBeLessThanOrEqual(limit);

      const lines = new TextDecoder().decode(input).split(/\r\n|\r\u0000|\r|\n/);
      const unfinished = lines.pop()!;
      const model = lines.map(
        (content): FrameEvent =>
          bytes(content).length > limit ? { type: "overflow", limit } : line(content),
      );
      // A line still streaming in is reported as soon as it cannot fit, even before its line end.
      if (bytes(unfinished).length > limit) model.push({ type: "overflow", limit });
      expect(events).toEqual(model);
    },
  );
});
