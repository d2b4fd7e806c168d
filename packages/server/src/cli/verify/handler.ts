import { stat } from "node:fs/promises";
import { join } from "node:path";
import { LOG_FILE } from "../../store/log-format.js";
import { type VerifyReport, verifyLog } from "../../store/verify.js";
import { LONG_LOG_BYTES, type VerifyOptions } from "./options.js";
import { type Progress, startProgress } from "./progress.js";

export async function verifyHandler(options: VerifyOptions): Promise<void> {
  const path = join(options.data, LOG_FILE);
  const progress = await progressFor(path, options.progress);
  let report: Awaited<ReturnType<typeof verifyLog>>;
  try {
    report = await verifyLog(path, progress === null ? {} : { onProgress: progress.update });
  } finally {
    progress?.stop();
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else if (!report.exists) {
    process.stderr.write(
      `pos-server verify: there is no chain log at ${path}. Start a server with --data ${options.data} first, or point --data at an existing directory.\n`,
    );
  } else if (report.ioError) {
    process.stderr.write(`pos-server verify: could not read ${path}: ${report.ioError}\n`);
  } else {
    const lines = [
      `${path}: ${report.ok ? "valid" : "INVALID"}`,
      `  blocks       ${report.blocks}${report.tip ? ` (tip ${report.tip.index}, ${report.tip.hash.slice(0, 16)}...)` : ""}`,
      `  validators   ${report.validators}`,
      `  ledger       ${ledgerLine(report.formats)}`,
      `  rule         ${ruleLine(report.rules)}`,
      `  first block  ${report.firstBlockTime ?? "-"}`,
      `  last block   ${report.lastBlockTime ?? "-"}`,
      `  checked      ${report.bytes} bytes in ${(report.ms / 1000).toFixed(2)} s (${Math.round(report.blocksPerSecond)} blocks/s)`,
    ];
    if (report.tornTail)
      lines.push(
        `  warning: the last ${report.tornTail.bytes} bytes (from byte offset ${report.tornTail.offset}) are a torn record ` +
          `(${report.tornTail.reason}); the next server start cuts them off`,
      );
    if (report.error) {
      const e = report.error;
      lines.push(
        `  error: block ${e.index} at byte offset ${e.offset} is bad: ${e.message} [${e.code}]`,
        `  blocks 0..${e.index - 1} are intact; \`pos-server --data ${options.data} --repair\` backs the log up and keeps them`,
      );
    }
    (report.ok ? process.stdout : process.stderr).write(`${lines.join("\n")}\n`);
  }
  process.exitCode = report.ok ? 0 : report.error ? 1 : 2;
}

/** What the stake ledger could vouch for: format 1 blocks predate it, so their stakes are trusted. */
function ledgerLine({ v1, v2 }: { v1: number; v2: number }): string {
  if (v1 === 0) return `log format 2: every stake in every proof replayed from the ledger (${v2} blocks)`;
  const trusted = `log format 1 for ${v1} block${v1 === 1 ? "" : "s"} (no stake ledger: the stakes in their proofs are trusted as written)`;
  return v2 === 0 ? trusted : `${trusted}, then format 2 for ${v2} (stakes replayed from the ledger)`;
}

/** The rules the blocks were chosen by, each replayed under its own. */
function ruleLine(rules: VerifyReport["rules"]): string {
  if (rules.length === 0) return "- (no block yet)";
  const [first, ...changes] = rules;
  const later = changes.map((r) => `, then ${r.rule} from block ${r.fromBlock}`).join("");
  return `${first!.rule}${later}: every winner replayed under its block's rule`;
}

/** A progress report on stderr for a long log (or any log with --progress); null when none is wanted. */
async function progressFor(
  path: string,
  wanted: boolean | undefined,
): Promise<{ update: (bytes: number, blocks: number) => void; stop: () => void } | null> {
  if (wanted === false) return null;
  const size = await stat(path).then(
    (s) => s.size,
    () => 0,
  );
  if (size === 0 || (wanted !== true && size < LONG_LOG_BYTES)) return null;
  // The unit follows the whole log's size, so both figures read alike: "120 of 480 KiB", "1.5 of 76.4 MiB".
  const [unit, scale, digits] = size < 1 << 20 ? ["KiB", 1 << 10, 0] : ["MiB", 1 << 20, 1];
  const amount = (bytes: number) => (bytes / scale).toFixed(digits);
  const progress: Progress = startProgress({ label: "verify", total: size, stream: process.stderr });
  return {
    update: (bytes, blocks) =>
      progress.update(
        bytes,
        `${blocks.toLocaleString("en-US")} blocks, ${amount(bytes)} of ${amount(size)} ${unit}`,
      ),
    stop: () => progress.stop(),
  };
}
