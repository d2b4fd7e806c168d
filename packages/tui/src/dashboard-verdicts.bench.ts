import { LiveVerifier, type ServerMessage } from "@pos-tui/core";
import { fixtureKeys } from "@pos-tui/testkit/chain";
import { ServerScript } from "@pos-tui/testkit/server-script";
import { type Bench, type BenchRow, median, ms } from "../../../scripts/bench-kit.js";
import { type DashboardState, dashboardReducer, initialDashboardState } from "./state/dashboard-state.js";
import { tamperChain } from "./state/tamper.js";
import { verifiedEvent } from "./state/verified-feed.js";

const CANDIDATES = 1_000;
const ROUNDS = 9;
const WINDOW = 500;

const cpuMs = (used: NodeJS.CpuUsage) => (used.user + used.system) / 1000;

/**
 * What a block costs the dashboard's state layer at 1,000 candidates: its push and this client's
 * inclusion proof through the LiveVerifier and into the reducer (verdicts on the entries, the alarm),
 * once, on arrival; and the tamper view recomputed over a full window when a block arrives under it.
 */
function perBlock(): { verify: number[]; reduce: number[]; bareReduce: number[]; tamper: number[] } {
  const script = new ServerScript();
  const keys = fixtureKeys(CANDIDATES, "bench-dashboard-verdicts");
  for (const [i, k] of keys.entries()) script.join(k, BigInt(100 + i));
  const me = keys[0]!;
  const verifier = new LiveVerifier({ blocks: WINDOW });
  let state: DashboardState = initialDashboardState(me.publicKey, { blocks: WINDOW });
  // CPU spent in the verifier and in the reducer, summed over the messages of one block.
  let verifying = 0;
  let reducing = 0;
  let unverified = 0;
  const feed = (message: ServerMessage) => {
    const before = process.cpuUsage();
    const { event } = verifiedEvent(verifier, message);
    const verified = process.cpuUsage();
    const next = dashboardReducer(state, event);
    verifying += cpuMs(process.cpuUsage(before)) - cpuMs(process.cpuUsage(verified));
    reducing += cpuMs(process.cpuUsage(verified));
    // The same message without its verdicts: what the reducer cost before it held any.
    const bare = process.cpuUsage();
    dashboardReducer(state, { ...event, verdicts: [] });
    unverified += cpuMs(process.cpuUsage(bare));
    state = next;
  };
  feed(script.welcome(me));
  const verify: number[] = [];
  const reduce: number[] = [];
  const tamper: number[] = [];
  const bareReduce: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const m of script.openRound()) feed(m);
    for (const k of keys) {
      const accepted = script.submit(k);
      if (k === me) feed(accepted);
    }
    const closed = script.closeRound();
    verifying = 0;
    reducing = 0;
    unverified = 0;
    feed(closed.block);
    feed(closed.inclusionFor(me.publicKey)!);
    verify.push(verifying);
    reduce.push(reducing);
    bareReduce.push(unverified);
    const verdict = state.chain.at(-1)?.verdict;
    if (verdict?.status !== "verified")
      throw new Error(`the block did not verify: ${JSON.stringify(verdict)}`);
    const first = state.chain[0]!.block.Index;
    const start = process.cpuUsage();
    tamperChain(state.chain, first, 200);
    tamper.push(cpuMs(process.cpuUsage(start)));
  }
  return { verify, reduce, bareReduce, tamper };
}

const bench: Bench = {
  title: "Dashboard state: verdicts on arrival, and the tamper view",
  async run(): Promise<BenchRow[]> {
    const { verify, reduce, bareReduce, tamper } = perBlock();
    console.log(
      `${CANDIDATES} candidates, ${ROUNDS} rounds, per block (push + inclusion): LiveVerifier ${ms(median(verify))}, ` +
        `reducer ${ms(median(reduce))} (${ms(median(bareReduce))} without the verdicts) CPU; tamper view over the chain ${ms(median(tamper))} CPU (median)`,
    );
    return [
      {
        name: "dashboard: LiveVerifier per block (push + inclusion), 1k candidates (CPU)",
        median: ms(median(verify)),
        target: "<= 2 ms",
        met: median(verify) <= 2,
      },
      {
        name: "dashboard: reducer per block (verdicts, alarm, 1k stakes' figures) (CPU)",
        median: ms(median(reduce)),
        target: "<= 5 ms",
        met: median(reduce) <= 5,
      },
      {
        name: "tamper view recomputed when a block arrives under it (CPU)",
        median: ms(median(tamper)),
        target: "<= 2 ms",
        met: median(tamper) <= 2,
      },
    ];
  },
};

export default bench;
