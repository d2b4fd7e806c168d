import { afterEach, describe, expect, it, vi } from "vitest";
import { ManualRoundClock, timerRoundClock } from "./round-clock.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("timerRoundClock", () => {
  it("closes the round once, after its length of real time", async () => {
    vi.useFakeTimers();
    const clock = timerRoundClock();
    const close = vi.fn(async () => {});
    clock.schedule(1000, close);
    await vi.advanceTimersByTimeAsync(999);
    expect(close).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(close).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it("never closes a round once cancelled", async () => {
    vi.useFakeTimers();
    const clock = timerRoundClock();
    const close = vi.fn(async () => {});
    clock.schedule(1000, close);
    clock.cancel();
    await vi.advanceTimersByTimeAsync(2000);
    expect(close).not.toHaveBeenCalled();
  });
});

describe("ManualRoundClock", () => {
  it("closes only when told, and waits for the close to finish", async () => {
    const clock = new ManualRoundClock();
    const steps: string[] = [];
    clock.schedule(10, async () => {
      steps.push("closing");
      await Promise.resolve();
      steps.push("closed");
    });
    expect(clock.roundOpen).toBe(true);
    expect(steps).toEqual([]);
    await clock.closeRound();
    expect(steps).toEqual(["closing", "closed"]);
    expect(clock.roundOpen).toBe(false);
  });

  it("refuses to close when no round is open", async () => {
    const clock = new ManualRoundClock();
    clock.schedule(10, async () => {});
    clock.cancel();
    await expect(clock.closeRound()).rejects.toThrow("no round is open");
  });
});
