import { describe, expect, it } from "vitest";
import { waitFor } from "./wait-for.js";

describe("waitFor", () => {
  it("resolves with the probe's first truthy value, probing again after a throw", async () => {
    let calls = 0;
    const probe = () => {
      calls++;
      if (calls === 1) throw new Error("not yet");
      return calls === 3 ? "ready" : undefined;
    };
    expect(await waitFor(probe, 1000, "ready", undefined, 1)).toBe("ready");
    expect(calls).toBe(3);
  });

  it("fails at the deadline, naming what it waited for, the last error and what to show", async () => {
    const refused = () => {
      throw new Error("refused");
    };
    await expect(waitFor(refused, 30, "the port", () => "screen", 5)).rejects.toThrow(
      "timed out after 30 ms waiting for the port (last: Error: refused)\nscreen",
    );
  });
});
