import { randomBytes } from "node:crypto";
import { keyPairFromSeed } from "@pos-tui/core";
import { SessionSocket } from "../../tui/src/client/session-socket.js";

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
      const session = new SessionSocket({
        host: "127.0.0.1",
        port,
        hello: { role: "validator", stake: 1n, keys },
        // The welcome's first bytes are enough: its size is what the test is about, not its parse.
        lean: { skip: ["validators", "round", "block"], raw: ["welcome"] },
      });
      await session.connected();
      await session.close();
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
