import { randomBytes } from "node:crypto";
import { fixtureKeys } from "@pos-tui/testkit/chain";
import { ServerScript, wireBytes } from "@pos-tui/testkit/server-script";
import { type Bench, type BenchRow, median, ms } from "../../../scripts/bench-kit.js";
import { CandidateTree } from "./candidate-tree.js";
import { toHex } from "./hex.js";
import { LiveVerifier } from "./live-verifier.js";
import { MAX_STAKE } from "./parse.js";

const CANDIDATES = 1_000;
const ROUNDS = 9;
const BUILD_RUNS = 7;

const cpuMs = (used: NodeJS.CpuUsage) => (used.user + used.system) / 1000;

/**
 * What checking the server costs a dashboard at 1,000 candidates: the bytes of one block push plus
 * its inclusion proof, and the CPU of the LiveVerifier taking both in (signature included), per
 * block. Real rounds of the real Consensus, every candidate submitting; stakes up to 10^18, so the
 * sums on the wire are as long as they get.
 */
async function perBlock(): Promise<{ bytes: number[]; cpu: number[]; wall: number[] }> {
  const script = new ServerScript();
  const keys = fixtureKeys(CANDIDATES, "bench-live");
  for (const k of keys) script.join(k, (BigInt(`0x${toHex(randomBytes(8))}`) % MAX_STAKE) + 1n);
  const me = keys[0]!;
  const verifier = new LiveVerifier();
  verifier.receive(script.welcome(me));
  const bytes: number[] = [];
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const m of script.openRound()) verifier.receive(m);
    for (const k of keys) {
      const accepted = script.submit(k);
      if (k === me) verifier.receive(accepted);
    }
    const closed = script.closeRound();
    const inclusion = closed.inclusionFor(me.publicKey)!;
    bytes.push(wireBytes(closed.block) + wireBytes(inclusion));
    const before = process.cpuUsage();
    const start = performance.now();
    const { verdicts } = verifier.receive(closed.block);
    const after = verifier.receive(inclusion).verdicts;
    wall.push(performance.now() - start);
    cpu.push(cpuMs(process.cpuUsage(before)));
    const verdict = after[0] ?? verdicts[0];
    if (verdict?.status !== "verified")
      throw new Error(`block ${closed.record.block.Index} did not verify: ${JSON.stringify(verdict)}`);
  }
  // The first rounds pay for the JIT: the median is over all of them.
  return { bytes, cpu, wall };
}

function treeBuildMs(size: number): number {
  const candidates = Array.from({ length: size }, () => ({
    validator: toHex(randomBytes(32)),
    stake: (BigInt(`0x${toHex(randomBytes(8))}`) % MAX_STAKE) + 1n,
  }));
  // CPU time, not wall: on a shared machine the wall clock measures the neighbours too.
  const times: number[] = [];
  for (let i = 0; i < BUILD_RUNS; i++) {
    const before = process.cpuUsage();
    CandidateTree.build(candidates);
    times.push(cpuMs(process.cpuUsage(before)));
  }
  return median(times);
}

const bench: Bench = {
  title: "Checking the server: candidate proofs per block and per dashboard",
  async run(): Promise<BenchRow[]> {
    const { bytes, cpu, wall } = await perBlock();
    const bytesMedian = median(bytes);
    const cpuMedian = median(cpu);
    console.log(
      `${CANDIDATES} candidates, ${ROUNDS} rounds: block push + inclusion ${Math.min(...bytes)}..${Math.max(...bytes)} bytes; ` +
        `verify ${ms(cpuMedian)} CPU, ${ms(median(wall))} wall (median)`,
    );
    const small = treeBuildMs(CANDIDATES);
    const large = treeBuildMs(100_000);
    console.log(`candidate tree build: ${ms(small)} CPU at 1,000 candidates, ${ms(large)} at 100,000`);
    return [
      {
        name: "bytes per block per dashboard (block push + inclusion), 1k candidates",
        median: `${(bytesMedian / 1024).toFixed(2)} KB (${bytesMedian} B)`,
        target: "<= 4 KB",
        met: bytesMedian <= 4096,
      },
      {
        name: "verify CPU per block (LiveVerifier, incl. signature), 1k candidates",
        median: ms(cpuMedian),
        target: "<= 2 ms",
        met: cpuMedian <= 2,
      },
      {
        name: "candidate tree build at the round's close, 1k candidates (CPU)",
        median: ms(small),
        target: "< 20 ms",
        met: small < 20,
      },
      {
        name: "candidate tree build, 100k candidates (the draw bench's size, CPU)",
        median: ms(large),
        target: "< 1 s",
        met: large < 1000,
      },
    ];
  },
};

export default bench;
