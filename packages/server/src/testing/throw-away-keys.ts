import { randomBytes } from "node:crypto";
import { authMessage, encodeMessage, keyPairFromSeed, PROTOCOL_VERSION, signBytes } from "@pos-tui/core";
import { JsonClient, LineClient } from "./line-client.js";

/**
 * What a hostile student's script does: `count` fresh keys each say hello, pass the challenge, get
 * welcomed and hang up, `parallel` at a time. Resolves once every one of them has been welcomed.
 */
export async function throwAwayKeys(port: number, count: number, parallel = 50): Promise<void> {
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      const keys = keyPairFromSeed(new Uint8Array(randomBytes(32)));
      const client = await LineClient.open(port);
      client.send(
        encodeMessage({
          type: "hello",
          version: PROTOCOL_VERSION,
          role: "validator",
          stake: "1",
          publicKey: keys.publicKey,
        }),
      );
      const challenge = await JsonClient.expect(client, "challenge");
      client.send(
        encodeMessage({ type: "auth", signature: signBytes(keys.privateKey, authMessage(challenge.nonce)) }),
      );
      // The welcome's first bytes are enough: its size is what the test is about, not its parse.
      await client.next((line) => line.startsWith('{"type":"welcome"'));
      client.close();
      await client.waitClosed();
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
