import type { ServerMessage } from "@pos-tui/core";
import type { ConnectionState } from "./connection-state.js";
import type { SessionSocket } from "./session-socket.js";

export type EarlyEvent =
  | { type: "message"; message: ServerMessage }
  | { type: "state"; state: ConnectionState };

const recorders = new WeakMap<SessionSocket, () => EarlyEvent[]>();

/**
 * Keeps what a connection emits until the dashboard listens to it: the socket is opened before Ink
 * and React load, so the server's answer is on its way while they do, and nothing it says in the
 * meantime is lost.
 */
export function recordEarlyEvents(connection: SessionSocket): void {
  const events: EarlyEvent[] = [];
  const onMessage = (message: ServerMessage) => events.push({ type: "message", message });
  const onState = (state: ConnectionState) => events.push({ type: "state", state });
  connection.on("message", onMessage).on("state", onState);
  recorders.set(connection, () => {
    connection.off("message", onMessage).off("state", onState);
    recorders.delete(connection);
    return events;
  });
}

/** What was recorded for this connection, in order, once; recording stops. Empty if none was. */
export function takeEarlyEvents(connection: SessionSocket): EarlyEvent[] {
  return recorders.get(connection)?.() ?? [];
}
