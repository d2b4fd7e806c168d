import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ErrorCode } from "./errors.js";
import { toHex } from "./hex.js";
import { MAX_STAKE } from "./parse.js";
import {
  type ClientMessage,
  clientMessageSchema,
  decodeClientMessage,
  decodeServerMessage,
  encodeMessage,
  MAX_VALIDATORS_PAGE,
  type MessageOf,
  PROTOCOL_VERSION,
  type ServerMessage,
  serverMessageSchema,
} from "./protocol.js";

// ---- arbitraries for the building blocks

const hexOf = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map(toHex);
const hash = hexOf(32);
const key = hexOf(32);
const index = fc.maxSafeNat();
const positive = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
const isoTime = fc
  .date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true })
  .map((d) => d.toISOString());
const stake = fc.bigInt({ min: 1n, max: MAX_STAKE }).map(String);
const bigDecimal = fc.bigInt({ min: 0n, max: 10n ** 40n - 1n }).map(String);
/** Any text up to `max` UTF-16 units, sometimes with unpaired surrogates and control characters. */
const text = (max: number) =>
  fc.oneof(fc.string({ maxLength: max }), fc.string({ unit: "binary", maxLength: Math.floor(max / 2) }));

const block = fc.record({
  Index: index,
  Timestamp: text(40),
  BPM: fc.maxSafeInteger(),
  PrevHash: text(64),
  Validator: text(64),
  Hash: text(64),
  Signature: text(128),
});
const validatorInfo = fc.record({
  validator: key,
  name: fc.option(text(128), { nil: null }),
  stake,
  wins: index,
  online: fc.boolean(),
});
const roundMessage = fc.record({
  type: fc.constant("round" as const),
  round: index,
  commit: hash,
  closesAt: isoTime,
  tipIndex: index,
  tipHash: hash,
});
const lottery = fc.record({
  round: index,
  commit: hash,
  reveal: hash,
  ticket: bigDecimal,
  total: bigDecimal,
  rangeStart: bigDecimal,
  rangeEnd: bigDecimal,
  candidates: positive,
});
const sibling = fc.tuple(hash, bigDecimal);
const candidateRoot = fc.record({ hash, total: bigDecimal, count: positive });
/** A summary from a server with proofs: root and winner leaf; one without them is the plain lottery. */
const provenLottery = fc.record({
  round: index,
  commit: hash,
  reveal: hash,
  ticket: bigDecimal,
  total: bigDecimal,
  rangeStart: bigDecimal,
  rangeEnd: bigDecimal,
  candidates: positive,
  root: candidateRoot,
  winner: fc.record({ index, stake, siblings: fc.array(sibling, { maxLength: 12 }) }),
});

// ---- one arbitrary per message type; the mapped types make a forgotten type a compile error

type ClientArbitraries = { [T in ClientMessage["type"]]: fc.Arbitrary<MessageOf<ClientMessage, T>> };
type ServerArbitraries = { [T in ServerMessage["type"]]: fc.Arbitrary<MessageOf<ServerMessage, T>> };

const clientArbs: ClientArbitraries = {
  hello: fc.oneof(
    fc.record(
      {
        type: fc.constant("hello" as const),
        version: positive,
        role: fc.constant("watcher" as const),
        name: text(256),
        stake,
        publicKey: key,
      },
      { requiredKeys: ["type", "version", "role"] },
    ),
    fc.record(
      {
        type: fc.constant("hello" as const),
        version: positive,
        role: fc.constant("validator" as const),
        name: text(256),
        stake,
        publicKey: key,
      },
      { requiredKeys: ["type", "version", "role", "stake", "publicKey"] },
    ),
  ),
  auth: fc.record({ type: fc.constant("auth" as const), signature: hexOf(64) }),
  submit: fc.record({ type: fc.constant("submit" as const), round: index, block }),
  stake: fc.record({ type: fc.constant("stake" as const), stake }),
  proof: fc.oneof(
    fc.record({ type: fc.constant("proof" as const), round: index }),
    fc.record({ type: fc.constant("proof" as const), blockIndex: index }),
  ),
  chain: fc.record(
    { type: fc.constant("chain" as const), limit: fc.integer({ min: 1, max: 1000 }), before: index },
    { requiredKeys: ["type"] },
  ),
  "validators-page": fc.record(
    {
      type: fc.constant("validators-page" as const),
      after: key,
      limit: fc.integer({ min: 1, max: MAX_VALIDATORS_PAGE }),
    },
    { requiredKeys: ["type"] },
  ),
};

const serverArbs: ServerArbitraries = {
  challenge: fc.record({ type: fc.constant("challenge" as const), nonce: hash }),
  welcome: fc.record({
    type: fc.constant("welcome" as const),
    version: positive,
    you: fc.option(validatorInfo, { nil: null }),
    tip: fc.record({ index, hash }),
    blocks: fc.array(block, { maxLength: 5 }),
    validators: fc.array(validatorInfo, { maxLength: 5 }),
    validatorCount: fc.nat(),
    round: fc.option(roundMessage, { nil: null }),
  }),
  round: roundMessage,
  accepted: fc.record({ type: fc.constant("accepted" as const), round: index, index, hash }),
  block: fc.record({
    type: fc.constant("block" as const),
    block,
    lottery: fc.oneof(lottery, provenLottery),
    winnerName: fc.option(text(64), { nil: null }),
  }),
  validators: fc.record({
    type: fc.constant("validators" as const),
    changes: fc.array(validatorInfo, { maxLength: 5 }),
  }),
  proof: fc.record({
    type: fc.constant("proof" as const),
    round: index,
    blockIndex: index,
    commit: hash,
    reveal: hash,
    prevHash: hash,
    winner: key,
    candidates: fc.array(fc.record({ validator: key, stake }), { maxLength: 5 }),
    root: candidateRoot,
  }),
  inclusion: fc.record({
    type: fc.constant("inclusion" as const),
    round: index,
    blockIndex: index,
    index,
    stake,
    left: fc.option(fc.record({ validator: key, stake }), { nil: null }),
    right: fc.option(fc.record({ validator: key, stake }), { nil: null }),
    siblings: fc.array(sibling, { maxLength: 14 }),
  }),
  chain: fc.record({ type: fc.constant("chain" as const), blocks: fc.array(block, { maxLength: 5 }) }),
  "validators-page": fc.record({
    type: fc.constant("validators-page" as const),
    validators: fc.array(validatorInfo, { maxLength: 5 }),
    next: fc.option(key, { nil: null }),
  }),
  error: fc.record({ type: fc.constant("error" as const), code: text(32), message: text(200) }),
  bye: fc.record({ type: fc.constant("bye" as const), reason: text(200) }),
};

function decoded<T>(result: { ok: true; value: T } | { ok: false; error: Error }): T {
  if (!result.ok) throw new Error(`expected a message, got: ${result.error.message}`);
  return result.value;
}

function refused(result: { ok: true } | { ok: false; error: { code: string; message: string } }) {
  if (result.ok) throw new Error("expected the line to be refused");
  return result.error;
}

// Everything that must never reach a log or a terminal from an error message.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

describe("encode / decode round trip", () => {
  it("has an arbitrary for every message type of both schemas", () => {
    expect(Object.keys(clientArbs)).toHaveLength(clientMessageSchema.options.length);
    expect(Object.keys(serverArbs)).toHaveLength(serverMessageSchema.options.length);
  });

  for (const [type, arb] of Object.entries(clientArbs) as [string, fc.Arbitrary<ClientMessage>][]) {
    test.prop([arb])(`client "${type}"`, (message) => {
      const line = encodeMessage(message);
      expect(line.indexOf("\n")).toBe(line.length - 1);
      expect(decoded(decodeClientMessage(line))).toEqual(message);
      expect(decoded(decodeClientMessage(line.slice(0, -1)))).toEqual(message);
    });
  }

  for (const [type, arb] of Object.entries(serverArbs) as [string, fc.Arbitrary<ServerMessage>][]) {
    test.prop([arb])(`server "${type}"`, (message) => {
      const line = encodeMessage(message);
      expect(line.indexOf("\n")).toBe(line.length - 1);
      expect(decoded(decodeServerMessage(line))).toEqual(message);
    });
  }

  it("a proof request names a round or a block index, not both and not neither", () => {
    expect(decodeClientMessage('{"type":"proof","blockIndex":4}').ok).toBe(true);
    for (const line of ['{"type":"proof"}', '{"type":"proof","round":3,"blockIndex":4}'])
      expect(refused(decodeClientMessage(line)).message).toMatch(/by round or by blockIndex/);
  });

  it("caps a path's length: a server cannot make a client walk a huge proof", () => {
    const sibling = ["ab".repeat(32), "1"];
    const inclusion = (n: number) =>
      JSON.stringify({
        type: "inclusion",
        round: 1,
        blockIndex: 1,
        index: 0,
        stake: "1",
        left: null,
        right: null,
        siblings: Array.from({ length: n }, () => sibling),
      });
    expect(decodeServerMessage(inclusion(128)).ok).toBe(true);
    expect(decodeServerMessage(inclusion(129)).ok).toBe(false);
  });

  it("drops unknown fields rather than passing them on", () => {
    const line = '{"type":"proof","round":3,"extra":"\\u001b[2J","__proto__":{"polluted":true}}';
    const message = decoded(decodeClientMessage(line));
    expect(message).toEqual({ type: "proof", round: 3 });
    expect(Object.keys(message)).toEqual(["type", "round"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("PROTOCOL_VERSION is a positive integer a hello can carry", () => {
    expect(Number.isInteger(PROTOCOL_VERSION) && PROTOCOL_VERSION > 0).toBe(true);
    expect(
      decodeClientMessage(JSON.stringify({ type: "hello", version: PROTOCOL_VERSION, role: "watcher" })).ok,
    ).toBe(true);
  });
});

describe("bad input", () => {
  it("answers a line that is not JSON with BAD_JSON", () => {
    for (const line of [
      "",
      " ",
      "{",
      "hello",
      "{'type':'auth'}",
      '{"type":"proof",}',
      "NaN",
      "{}}",
      "\u001b[31m",
    ]) {
      const error = refused(decodeClientMessage(line));
      expect(error.code, line).toBe(ErrorCode.BadJson);
      expect(error.message).toMatch(/JSON/);
      expect(refused(decodeServerMessage(line)).code).toBe(ErrorCode.BadJson);
    }
  });

  test.prop([fc.string({ unit: "binary" })])("any non-JSON text is BAD_JSON, never a throw", (line) => {
    let isJson = true;
    try {
      JSON.parse(line);
    } catch {
      isJson = false;
    }
    fc.pre(!isJson);
    expect(refused(decodeClientMessage(line)).code).toBe(ErrorCode.BadJson);
  });

  it("answers JSON of the wrong shape with BAD_MESSAGE", () => {
    const hexKey = "ab".repeat(32);
    const wrong: unknown[] = [
      null,
      5,
      "hello",
      [],
      [{ type: "proof", round: 1 }],
      {},
      { type: "nope" },
      { type: "welcome" },
      { type: "hello", version: 0, role: "watcher" },
      { type: "hello", version: 1.5, role: "watcher" },
      { type: "hello", version: 1, role: "admin" },
      { type: "hello", version: 1, role: "validator", publicKey: hexKey },
      { type: "hello", version: 1, role: "validator", stake: "10" },
      { type: "hello", version: 1, role: "validator", stake: "1e3", publicKey: hexKey },
      { type: "hello", version: 1, role: "validator", stake: 10, publicKey: hexKey },
      { type: "hello", version: 1, role: "validator", stake: "10", publicKey: hexKey.toUpperCase() },
      { type: "hello", version: 1, role: "watcher", name: "x".repeat(257) },
      { type: "auth", signature: hexKey },
      { type: "submit", round: 1, block: {} },
      { type: "submit", round: -1, block: null },
      { type: "stake", stake: "0" },
      { type: "stake", stake: "1000000000000000001" },
      { type: "proof", round: "1" },
      { type: "chain", limit: 0 },
      { type: "chain", limit: 1001 },
      { type: "chain", before: 1.5 },
    ];
    for (const value of wrong) {
      const error = refused(decodeClientMessage(JSON.stringify(value)));
      expect(error.code, JSON.stringify(value)).toBe(ErrorCode.BadMessage);
      expect(error.message).toMatch(/does not match the protocol/);
    }
  });

  it("refuses server messages of the wrong shape, and a client message sent the other way", () => {
    const wrong: unknown[] = [
      { type: "hello", version: 1, role: "watcher" },
      { type: "challenge", nonce: "00" },
      {
        type: "round",
        round: 1,
        commit: "ab".repeat(32),
        closesAt: "tomorrow",
        tipIndex: 0,
        tipHash: "ab".repeat(32),
      },
      { type: "error", code: 5, message: "x" },
      { type: "bye" },
      { type: "block", block: {}, lottery: {}, winnerName: null },
    ];
    for (const value of wrong) {
      expect(refused(decodeServerMessage(JSON.stringify(value))).code, JSON.stringify(value)).toBe(
        ErrorCode.BadMessage,
      );
    }
  });

  it("says which field is wrong", () => {
    expect(refused(decodeClientMessage('{"type":"chain","limit":5000}')).message).toContain("limit");
    expect(refused(decodeClientMessage('{"type":"auth","signature":"zz"}')).message).toContain("signature");
  });

  it("keeps error messages short, even for a message with many errors", () => {
    const line = JSON.stringify({ type: "welcome", blocks: Array.from({ length: 500 }, () => ({})) });
    expect(refused(decodeServerMessage(line)).message.length).toBeLessThan(400);
  });

  const evilKey = fc.oneof(
    fc.string({ unit: "binary", maxLength: 12 }),
    fc.constantFrom(
      "\u001b[2J",
      "\u001b]0;pwned\u0007",
      "\u202etype",
      "a\nb",
      "\u0000",
      "\u009b31m",
      "type\u0007",
    ),
  );
  const junkValue = fc.oneof(
    fc.string({ unit: "binary", maxLength: 12 }),
    fc.integer(),
    fc.constant(null),
    fc.boolean(),
  );

  test.prop([
    fc.dictionary(evilKey, fc.oneof(junkValue, fc.dictionary(evilKey, junkValue, { maxKeys: 3 })), {
      maxKeys: 6,
    }),
    fc.oneof(
      fc.constantFrom(...Object.keys(clientArbs), ...Object.keys(serverArbs)),
      fc.string({ unit: "binary", maxLength: 8 }),
      fc.constant("\u001b[31mhello"),
    ),
  ])("error messages carry no control characters, even when keys and values do", (fields, type) => {
    const line = JSON.stringify({ ...fields, type });
    for (const result of [decodeClientMessage(line), decodeServerMessage(line)]) {
      if (!result.ok) {
        expect(result.error.code).toBe(ErrorCode.BadMessage);
        expect(result.error.message).not.toMatch(UNSAFE);
      }
    }
  });

  test.prop([fc.json()])(
    "any JSON value decodes or is refused, never throws, and errors are clean",
    (line) => {
      for (const result of [decodeClientMessage(line), decodeServerMessage(line)]) {
        if (!result.ok) expect(result.error.message).not.toMatch(UNSAFE);
      }
    },
  );
});
