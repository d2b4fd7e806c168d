import { writeSync } from "node:fs";
import { Writable } from "node:stream";

/** How long one log line may wait for a reader that is not reading (EAGAIN) before it is dropped. */
const MAX_WAIT_MS = 1000;
const WAIT_STEP_MS = 10;

/**
 * The log's way out to stdout: each line is written synchronously (so it is out before a crash or an
 * exit), and once stdout is gone (EPIPE after `pos-server | head -3` has its lines, or any other
 * error) the log is dropped for good. pino's own destination retries such a write forever on exit,
 * which left the server stuck at "shutting down".
 */
export function stdoutSink(fd = 1): Writable {
  let gone = false;
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!gone) gone = !writeAll(fd, chunk);
      done();
    },
  });
}

/** False when the file descriptor can take no more output at all. */
function writeAll(fd: number, bytes: Buffer): boolean {
  let offset = 0;
  let waited = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") return false;
      // A reader that is merely slow: wait a little, then drop this line rather than stall the server.
      if (waited >= MAX_WAIT_MS) return true;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, WAIT_STEP_MS);
      waited += WAIT_STEP_MS;
    }
  }
  return true;
}
