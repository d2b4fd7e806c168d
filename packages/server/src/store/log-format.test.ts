import type { BlockRecord } from "@pos-tui/core";
import { buildChain, fixtureKeys } from "@pos-tui/testkit/chain";
import { describe, expect, it } from "vitest";
import { decodeLine, encodeRecord } from "./log-format.js";

const good = buildChain(6, { keys: fixtureKeys(4, "record-check") })[4]!;

/** A deep copy of `good` with one change applied. */
function mutate(change: (r: BlockRecord) => void): BlockRecord {
  const copy = structuredClone(good);
  change(copy);
  return copy;
}

describe("log lines", () => {
  it("round-trips a record through its checksummed line", () => {
    const line = encodeRecord(good);
    expect(line.at(-1)).toBe(0x0a);
    expect(line.toString("utf8")).toMatch(/^\{"crc32":"[0-9a-f]{8}","block":/);
    const decoded = decodeLine(line.subarray(0, line.length - 1));
    expect(decoded).toEqual({ ok: true, value: good });
  });

  it("catches a changed byte that no hash covers (a candidate's name)", () => {
    const named = mutate((r) => (r.proof!.candidates[0]!.name = "alice"));
    const line = encodeRecord(named);
    const at = line.indexOf("alice");
    line[at] = "b".charCodeAt(0);
    const decoded = decodeLine(line.subarray(0, line.length - 1));
    expect(decoded).toMatchObject({ ok: false, kind: "damaged" });
  });

  it("calls anything that is not JSON a framing problem", () => {
    const line = encodeRecord(good);
    expect(decodeLine(line.subarray(0, 50))).toMatchObject({ ok: false, kind: "framing" });
    expect(decodeLine(Buffer.alloc(30))).toMatchObject({ ok: false, kind: "framing" });
    expect(decodeLine(Buffer.from('{"block":1,"proof":null}'))).toMatchObject({ ok: false, kind: "damaged" });
  });
});
