import cliProgress from "cli-progress";

/** Where progress goes: stderr in the CLIs; `isTTY` picks a redrawn bar or plain lines. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  /** Starts every line, e.g. "verify". */
  label: string;
  /** The amount of work (blocks, bytes) that is 100%; 0 or less shows nothing. */
  total: number;
  stream: ProgressStream;
  /**
   * After Ctrl+C or SIGTERM has put the terminal back (the bar turns line wrapping off while it
   * runs): by default the signal is raised again, so the process ends as it would have.
   */
  afterSignal?: (signal: NodeJS.Signals) => void;
  /** Milliseconds from any fixed point, to space the bar's updates; performance.now by default. */
  now?: () => number;
}

export interface Progress {
  /** `done` of the total so far; `note` tells it in the user's terms (e.g. "3,000 of 10,000 blocks"). */
  update(done: number, note: string): void;
  /** Ends the bar (a terminal's line is cleared, for the summary that follows). */
  stop(): void;
}

/**
 * A progress report for a long check. On a terminal, a bar redrawn in place (at most 10 times a
 * second, by cli-progress) with the time left; elsewhere (a file, a pipe, CI) one line each time a
 * further tenth is done, so a log shows it is moving without a line per block.
 */
export function startProgress(options: ProgressOptions): Progress {
  if (options.total <= 0) return { update() {}, stop() {} };
  return options.stream.isTTY === true ? barProgress(options) : lineProgress(options);
}

/** Updates closer together are dropped: work done in bursts would make the time left jump about. */
const BAR_UPDATE_MS = 100;

function barProgress(options: ProgressOptions): Progress {
  const { label, total, stream, afterSignal = raiseAgain, now = () => performance.now() } = options;
  const template = `${label} [{bar}] {percentage}% | {note} | {duration_formatted} elapsed, {eta_formatted} left`;
  const bar = new cliProgress.SingleBar({
    // cli-progress writes with cursor moves of its own; it needs only write() and isTTY from the stream.
    stream: stream as NodeJS.WritableStream,
    // No time left before there is a rate to tell it from (cli-progress would print "NFs").
    format: (options, params, payload) => {
      const line = cliProgress.Format.Formatter({ ...options, format: template }, params, payload);
      return params.value > 0 && Number.isFinite(params.eta) ? line : line.replace(/, \S+ left$/, "");
    },
    barsize: 30,
    barCompleteChar: "#",
    barIncompleteChar: "-",
    clearOnComplete: true,
    hideCursor: false,
    // The last 5 s of updates (one per BAR_UPDATE_MS at most) make the rate.
    etaBuffer: 50,
  });
  let last = Number.NEGATIVE_INFINITY;
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    afterSignal(signal);
  };
  const stop = () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    bar.stop();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  bar.start(total, 0, { note: "" });
  const update = (done: number, note: string) => {
    const at = now();
    if (at - last < BAR_UPDATE_MS && done < total) return;
    last = at;
    bar.update(Math.min(done, total), { note });
  };
  return { update, stop };
}

function raiseAgain(signal: NodeJS.Signals): void {
  process.kill(process.pid, signal);
}

function lineProgress({ label, total, stream }: ProgressOptions): Progress {
  let shown = 0;
  return {
    update(done, note) {
      const tenths = Math.min(10, Math.floor((done * 10) / total));
      if (tenths <= shown) return;
      shown = tenths;
      stream.write(`${label}: ${tenths * 10}% (${note})\n`);
    },
    stop() {},
  };
}
