import type { KeyPair } from "@pos-tui/core";
import { render } from "ink";
import isInCi from "is-in-ci";
import { helloFor } from "../client/hello.js";
import { SessionSocket } from "../client/session-socket.js";
import { plainReasonHere } from "../plain/plain-mode.js";
import { inPlaceAllowed, inPlaceWriter } from "../render/in-place.js";
import { InPlaceContext } from "../render/in-place-context.js";
import { App } from "./App.js";
import { BoardApp } from "./BoardApp.js";

export { helloFor };

export interface DashboardOptions {
  host: string;
  port: number;
  /** Null with keys: ask for the stake in the TUI. Ignored for spectators. */
  stake: bigint | null;
  name: string | null;
  auto: boolean;
  /** Null runs a spectator (`watch`). */
  keys: KeyPair | null;
  /**
   * ASCII glyphs only. By default under TERM=dumb: connect and watch print lines there instead, but
   * the demo still draws the dashboard.
   */
  ascii?: boolean;
  /** The projector board (`watch --board`) instead of the dashboard; spectators only. */
  board?: boolean;
  /**
   * A connection the caller has already started (with its early events recorded), so the server's
   * answer is on its way while Ink and React load; by default one is made and started here.
   */
  connection?: SessionSocket;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

/**
 * The whole dashboard: connection plus Ink app. Resolves once the user quits and the socket is
 * closed, so the caller's process can exit with the terminal restored.
 */
export async function runDashboard(options: DashboardOptions): Promise<void> {
  const connection =
    options.connection ??
    new SessionSocket({ host: options.host, port: options.port, hello: helloFor(options), reconnect: true });
  const ascii = options.ascii ?? plainReasonHere() === "dumb";
  const stdout = options.stdout ?? process.stdout;
  // The countdown's digits are written in place rather than by a render of the whole frame.
  const inPlace = inPlaceAllowed(stdout, { ascii, inCi: isInCi, env: process.env })
    ? inPlaceWriter(stdout)
    : null;
  const instance = render(
    <InPlaceContext.Provider value={inPlace?.write ?? null}>
      {options.board === true && options.keys === null ? (
        <BoardApp connection={connection} ascii={ascii} />
      ) : (
        <App
          connection={connection}
          keys={options.keys}
          name={options.name}
          stake={options.stake}
          auto={options.auto}
          ascii={ascii}
        />
      )}
    </InPlaceContext.Provider>,
    {
      exitOnCtrlC: false,
      // Blocks can come 5 times a second: 10 frames a second is smooth to read and a third of
      // Ink's default layout and output work.
      maxFps: 10,
      ...(options.stdin ? { stdin: options.stdin } : {}),
      stdout,
    },
  );
  connection.start();
  // Without a TTY there is no raw mode, so Ctrl+C arrives as a signal instead of a key.
  const quit = () => instance.unmount();
  process.once("SIGINT", quit);
  process.once("SIGTERM", quit);
  try {
    await instance.waitUntilExit();
  } finally {
    process.off("SIGINT", quit);
    process.off("SIGTERM", quit);
    inPlace?.close();
    await connection.close();
  }
}
