import { networkInterfaces } from "node:os";
import { startLyingServer } from "../../adversary/index.js";
import { createLogger } from "../../log.js";
import { type RunningServer, startServer } from "../../server.js";
import { openStore } from "../../store/open-store.js";
import { joinBanner } from "./join-banner.js";
import { clientCapacity, openDescriptors, openFileLimit } from "./open-files.js";
import type { StartOptions } from "./options.js";

const STOP_DEADLINE_MS = 5000;

export async function startHandler(options: StartOptions): Promise<void> {
  const logger = createLogger(options.logLevel, options.logFormat);
  // A locked or damaged data directory throws a StoreError whose message says what to do; main.ts
  // prints it and exits 1.
  const capacity = clientCapacity(options.maxClients, openFileLimit(), openDescriptors());
  if (capacity.warning) logger.warn({ maxClients: capacity.maxClients }, capacity.warning);
  const store = await openStore(options, logger);
  let server: RunningServer;
  try {
    const serverOptions = {
      host: options.host,
      port: options.port,
      roundMs: options.round,
      maxClients: capacity.maxClients,
      maxStake: options.maxStake,
      reward: { amount: options.reward, mode: options.rewardMode },
      rule: options.rule,
      changeRule: options.changeRule,
      store,
      logger,
      // The server has said why and closed everything; a supervisor sees the failure.
      onFatal: () => process.exit(1),
    };
    server =
      options.adversary === undefined
        ? await startServer(serverOptions)
        : await startLyingServer(
            { mode: options.adversary, rewriteEvery: options.rewriteEvery },
            serverOptions,
          );
  } catch (error) {
    await store.close(); // release the data directory's lock
    throw listenError(error, options);
  }
  process.stderr.write(joinBanner(server.host, server.port, networkInterfaces()));
  const stop = (signal: string) => {
    logger.info({ signal }, "shutting down");
    // Exit 0 within the deadline even if a client refuses to let go.
    setTimeout(() => process.exit(0), STOP_DEADLINE_MS).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "error while shutting down");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

/** Says what to do about the usual reasons a listen fails; anything else is passed on as it is. */
function listenError(error: unknown, options: StartOptions): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE")
    return new Error(`port ${options.port} is in use: pick another with --port (or stop what uses it)`);
  if (code === "EACCES")
    return new Error(`port ${options.port} needs more privileges: pick one above 1023 with --port`);
  if (code === "EADDRNOTAVAIL")
    return new Error(`${options.host} is not an address of this machine: pick another with --host`);
  return error;
}
