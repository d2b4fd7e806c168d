import type { LineClient } from "./line-client.js";

/**
 * Types a BPM on a text connection until it is accepted. A node that joined during a round is
 * refused until the next round starts (and text clients are not told when rounds start), so it asks
 * again every 50 ms; any other refusal fails at once.
 */
export async function submitBpm(
  client: LineClient,
  bpm: number,
  timeoutMs = 10_000,
  lineEnd = "\n",
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    client.send(`${bpm}${lineEnd}`);
    const answer = await client.next((l) => l.startsWith("accepted:") || l.startsWith("error:"));
    if (answer.startsWith("accepted:")) return answer;
    if (!answer.includes("joined during round") || Date.now() > deadline) throw new Error(answer);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
