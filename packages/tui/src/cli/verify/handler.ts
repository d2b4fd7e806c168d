import { type MessageOf, type RoundMessage, type ServerMessage, sanitizeText } from "@pos-tui/core";
import { startProgress } from "@pos-tui/server/progress";
import { SessionSocket } from "../../client/session-socket.js";
import { parseAddress } from "../address.js";
import { auditReport, formatAuditReport } from "./audit-report.js";
import { type AuditTarget, auditChain } from "./chain-audit.js";
import type { VerifyOptions } from "./options.js";
import { sessionLink } from "./session-link.js";

type Welcome = MessageOf<ServerMessage, "welcome">;

const CONNECT_MS = 15_000;
/** Longer than any round (a welcome without a round waits for the next one) and any single answer. */
const ANSWER_MS = 30_000;

/** Audits the server's chain and prints the report; resolves with the exit code (0, 1 or 2). */
export async function verifyHandler(address: string, options: VerifyOptions): Promise<number> {
  const { host, port } = parseAddress(address);
  const server = host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
  const session = new SessionSocket({ host, port, hello: { role: "watcher" } });
  const seen: { welcome: Welcome | null } = { welcome: null };
  let roundOpened: (round: RoundMessage) => void = () => {};
  const nextRound = new Promise<RoundMessage>((resolve) => {
    roundOpened = resolve;
  });
  session.on("message", (message) => {
    if (message.type === "welcome") seen.welcome = message;
    else if (message.type === "round") roundOpened(message);
  });
  try {
    await within(session.connected(), CONNECT_MS, "no welcome");
    const welcome = seen.welcome!;
    // Every block up to the tip was drawn in a round before the open one; between two rounds (or
    // while the server starts) the next round to open bounds them as well.
    const open = welcome.round ?? (await within(nextRound, ANSWER_MS, "no round opened"));
    const target: AuditTarget = { tip: { ...welcome.tip }, openRound: open.round };
    const total = target.tip.index + 1;
    const progress = options.progress
      ? startProgress({ label: "verify", total, stream: process.stderr })
      : { update() {}, stop() {} };
    const started = performance.now();
    const link = sessionLink(session, ANSWER_MS);
    let result: Awaited<ReturnType<typeof auditChain>>;
    try {
      result = await auditChain(link, target, {
        onBlock: (c) =>
          progress.update(
            c.blocks,
            `${c.blocks.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} blocks, ${c.candidates.toLocaleString("en-US")} candidates`,
          ),
      });
    } finally {
      progress.stop();
    }
    const report = auditReport(server, target, result, performance.now() - started);
    if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else (report.ok ? process.stdout : process.stderr).write(`${formatAuditReport(report)}\n`);
    return report.ok ? 0 : 1;
  } catch (error) {
    const reason = sanitizeText((error as Error).message, 300);
    process.stderr.write(
      seen.welcome === null
        ? `error: could not reach ${server}: ${reason}. Check the address and that pos-server runs there.\n`
        : `error: the audit of ${server} did not finish: ${reason}. Run it again; exit 2 says nothing about the chain.\n`,
    );
    return 2;
  } finally {
    await session.close("the audit is over");
  }
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
