import type { LineClient } from "./line-client.js";

/**
 * Types a BPM on a text connection and waits until it is this node's candidate. A node that joined
 * during a round is told its BPM waits for the next round, and hears `accepted:` when that opens;
 * any refusal fails.
 */
export async function submitBpm(
  client: LineClient,
  bpm: number,
  timeoutMs = 10_000,
  lineEnd = "\n",
): Promise<string> {
  client.send(`${bpm}${lineEnd}`);
  const answer = await client.next((l) => l.startsWith("accepted:") || l.startsWith("error:"), timeoutMs);
  if (!answer.startsWith("accepted:")) throw new Error(answer);
  return answer;
}
