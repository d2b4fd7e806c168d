import {
  blockHash,
  checkRecord,
  ErrorCode,
  genesisBlock,
  keyPairFromSeed,
  PROTOCOL_VERSION,
} from "@pos-tui/core";
import { JsonClient, LineClient } from "@pos-tui/testkit/line-client";
import { perTest } from "@pos-tui/testkit/per-test";
import { describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "./server.js";

const each = perTest(startServer);
const clients = each.clients;
let server: RunningServer | undefined;

const P = 2n ** 255n - 19n;
const ORDER_8_Y = 0x7a03ac9277fdc74ec6cc392cfa53202a0f67100d760b3cba4fd84d3d706a17c7n;
function encode(y: bigint, sign: number): string {
  const bytes = Buffer.from(y.toString(16).padStart(64, "0"), "hex").reverse();
  bytes[31]! |= sign << 7;
  return bytes.toString("hex");
}
/** The 8 small-order points and their non-canonical spellings (see core's key-check test). */
const WEAK_KEYS = [0n, 1n, P - 1n, ORDER_8_Y, P - ORDER_8_Y, P, P + 1n].flatMap((y) => [
  encode(y, 0),
  encode(y, 1),
]);
const FORGED_SIGNATURE = `01${"00".repeat(63)}`;

describe("small-order and non-canonical ed25519 keys", () => {
  it("are refused at hello with BAD_KEY; a real key still gets its challenge", async () => {
    server = await each.start({ port: 0, roundMs: 60_000, logLevel: "silent" });
    const client = await LineClient.open(server.port);
    clients.push(client);
    for (const publicKey of WEAK_KEYS) {
      client.send(
        `${JSON.stringify({ type: "hello", version: PROTOCOL_VERSION, role: "validator", stake: "5", publicKey })}\n`,
      );
      const error = await JsonClient.expect(client, "error");
      expect(error.code).toBe(ErrorCode.BadKey);
      expect(error.message).toMatch(/small-order|canonical/);
    }
    // The old exploit's next step never gets a chance: no challenge, so the forged auth is refused.
    client.send(`${JSON.stringify({ type: "auth", signature: FORGED_SIGNATURE })}\n`);
    expect((await JsonClient.expect(client, "error")).code).toBe(ErrorCode.NotAuthenticated);
    expect(server.consensus.validators.size).toBe(0);
    const honest = keyPairFromSeed(new Uint8Array(32).fill(9));
    client.send(
      `${JSON.stringify({ type: "hello", version: PROTOCOL_VERSION, role: "validator", stake: "5", publicKey: honest.publicKey })}\n`,
    );
    expect((await JsonClient.expect(client, "challenge")).nonce).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a stored block by such a key is refused when the log is checked", () => {
    const genesis = genesisBlock();
    for (const validator of WEAK_KEYS) {
      const fields = {
        Index: 1,
        Timestamp: "2026-01-01T00:00:01.000Z",
        BPM: 72,
        PrevHash: genesis.Hash,
        Validator: validator,
      };
      const block = { ...fields, Hash: blockHash(fields), Signature: FORGED_SIGNATURE };
      const proof = {
        round: 1,
        commit: "0".repeat(64),
        reveal: "0".repeat(64),
        ticket: "0",
        total: "1",
        rangeStart: "0",
        rangeEnd: "1",
        candidates: [{ validator, stake: "1", name: null }],
      };
      const issue = checkRecord({ block: genesis, proof: null }, { block, proof });
      expect(issue?.code).toBe(ErrorCode.BadBlock);
      expect(issue?.message).toMatch(/small-order|canonical/);
    }
  });
});
