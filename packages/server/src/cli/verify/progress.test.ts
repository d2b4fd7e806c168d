import { describe, expect, it } from "vitest";
import { startProgress } from "./progress.js";

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, columns: 120, write: (text: string) => writes.push(text) };
}

describe("startProgress", () => {
  it("off a terminal writes one line per tenth, whatever the number of updates", () => {
    const out = stream(false);
    const progress = startProgress({ label: "verify", total: 1000, stream: out });
    for (let done = 1; done <= 1000; done++) progress.update(done, `${done} of 1000 blocks`);
    progress.stop();
    expect(out.writes).toEqual(
      Array.from({ length: 10 }, (_, i) => `verify: ${(i + 1) * 10}% (${(i + 1) * 100} of 1000 blocks)\n`),
    );
  });

  it("a jump past several tenths writes only the one reached, and never goes back", () => {
    const out = stream(false);
    const progress = startProgress({ label: "audit", total: 10, stream: out });
    progress.update(3, "three");
    progress.update(2, "two");
    progress.update(3, "three again");
    progress.update(12, "past the end");
    expect(out.writes).toEqual(["audit: 30% (three)\n", "audit: 100% (past the end)\n"]);
  });

  it("shows nothing when there is nothing to do", () => {
    const out = stream(false);
    const progress = startProgress({ label: "verify", total: 0, stream: out });
    progress.update(0, "none");
    progress.stop();
    expect(out.writes).toEqual([]);
  });

  it("on a terminal, Ctrl+C puts line wrapping back before the process ends", () => {
    const out = stream(true);
    const before = process.listenerCount("SIGINT");
    const signals: string[] = [];
    const progress = startProgress({
      label: "verify",
      total: 10,
      stream: out,
      afterSignal: (signal) => signals.push(signal),
    });
    progress.update(3, "3 of 10 blocks");
    expect(out.writes.join("")).toContain("\x1b[?7l");
    process.emit("SIGINT", "SIGINT");
    expect(signals).toEqual(["SIGINT"]);
    expect(out.writes.join("")).toContain("\x1b[?7h");
    expect(process.listenerCount("SIGINT")).toBe(before);
    progress.stop();
  });

  it("on a terminal draws a bar with the note and clears it when stopped", () => {
    const out = stream(true);
    const progress = startProgress({ label: "verify", total: 200, stream: out });
    const listening = process.listenerCount("SIGTERM");
    progress.update(50, "50 of 200 blocks");
    progress.stop();
    expect(process.listenerCount("SIGTERM")).toBe(listening - 1);
    const text = out.writes.join("");
    expect(text).toMatch(/verify \[#{8}-{22}\] 25% \| 50 of 200 blocks \|/);
    // No line per tenth on a terminal: the bar is redrawn in place.
    expect(text).not.toContain("verify: ");
    // Cleared at the end (erase the line), so the summary starts on a clean line.
    expect(out.writes.at(-1)).toMatch(/\x1b\[2K|\x1b\[0K|\x1b\[K/);
  });

  it("on a terminal says no time left before there is a rate, and skips updates closer than 100 ms", () => {
    const out = stream(true);
    let clock = 0;
    const progress = startProgress({ label: "verify", total: 1000, stream: out, now: () => clock });
    const first = out.writes.join("");
    expect(first).toContain("verify [------------------------------] 0% |  | 0s elapsed");
    expect(first).not.toMatch(/left|NF/);
    progress.update(1, "1 block");
    // Within 100 ms of the last: dropped, however many. The bar's last frame (drawn when it stops)
    // shows the last update it was given.
    clock = 99;
    for (let done = 2; done < 500; done++) progress.update(done, `${done} blocks`);
    progress.stop();
    const text = out.writes.join("");
    expect(text).toContain("0% | 1 block |");
    expect(text).not.toContain("499 blocks");
    const later = stream(true);
    const again = startProgress({ label: "verify", total: 1000, stream: later, now: () => clock });
    clock = 0;
    again.update(1, "1 block");
    clock = 100;
    again.update(500, "500 blocks");
    again.stop();
    expect(later.writes.join("")).toContain("50% | 500 blocks |");
  });
});
