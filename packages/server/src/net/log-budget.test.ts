import { memoryLogger } from "@pos-tui/testkit/memory-logger";
import { describe, expect, it } from "vitest";
import { LogBudget } from "./log-budget.js";

describe("LogBudget", () => {
  it("logs the first few per interval, counts the rest and reports the count once", () => {
    const { log, lines } = memoryLogger();
    let now = 0;
    const budget = new LogBudget(log, { connection: 1 }, { burst: 3, intervalMs: 1000, now: () => now });
    for (let n = 0; n < 1000; n++) budget.info({ n }, "rejected");
    expect(lines.map((l) => l.n)).toEqual([0, 1, 2]);
    now = 1000;
    budget.info({ n: 1000 }, "rejected");
    expect(lines).toHaveLength(5);
    expect(lines[3]).toMatchObject({ suppressed: 997, connection: 1 });
    expect(lines[4]).toMatchObject({ n: 1000 });
    budget.flush();
    expect(lines).toHaveLength(5);
  });

  it("flush reports what is pending, once", () => {
    const { log, lines } = memoryLogger();
    const budget = new LogBudget(log, {}, { burst: 1, intervalMs: 60_000, now: () => 0 });
    for (let n = 0; n < 10; n++) budget.info({}, "x");
    budget.flush();
    budget.flush();
    expect(lines.map((l) => l.suppressed)).toEqual([undefined, 9]);
  });
});
