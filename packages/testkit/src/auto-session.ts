import { randomBytes } from "node:crypto";
import { type KeyPair, keyPairFromSeed, type RoundMessage } from "@pos-tui/core";
import { candidateFor } from "../../tui/src/client/candidate.js";
import { SessionSocket } from "../../tui/src/client/session-socket.js";

/** A validator that submits `bpm` every round; a watcher when absent. */
export interface AutoValidator {
  stake: bigint;
  name?: string;
  bpm?: number;
  keys?: KeyPair;
}

/** Reconnects quickly, so a test that restarts or cuts the server waits well under a second. */
const FAST_RECONNECT = { policy: { baseMs: 50, capMs: 400 } };

/**
 * The session a test client speaks through: the dashboard's own reconnecting SessionSocket, and for a
 * validator a `submit` that sends one candidate per round on the tip the round announced, as auto
 * mode does.
 */
export function autoSession(port: number, validator: AutoValidator | undefined) {
  const keys = validator ? (validator.keys ?? keyPairFromSeed(new Uint8Array(randomBytes(32)))) : null;
  const connection = new SessionSocket({
    host: "127.0.0.1",
    port,
    hello:
      validator && keys
        ? { role: "validator", name: validator.name, stake: validator.stake, keys }
        : { role: "watcher" },
    reconnect: FAST_RECONNECT,
  });
  let submittedRound = -1;
  /** Sends this round's candidate unless it went already; the BPM sent, or null. */
  const submit = (round: RoundMessage): number | null => {
    if (keys === null || round.round === submittedRound) return null;
    const bpm = validator?.bpm ?? 72;
    if (!connection.send(candidateFor(round, bpm, keys, new Date()))) return null;
    submittedRound = round.round;
    return bpm;
  };
  return { connection, keys, submit };
}
