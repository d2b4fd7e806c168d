import type { ClientMessage, LiveVerifier, ServerMessage } from "@pos-tui/core";
import type { DashboardEvent } from "./dashboard-state.js";

/**
 * A server message through this client's LiveVerifier, on its way to the reducer: the event carries
 * the verdicts it made or changed, and the requests (background proofs, chain pages) the checks need
 * are for the caller to send. The verifier keeps its own memory, so it is fed outside the reducer,
 * which stays a pure function of its events.
 */
export function verifiedEvent(
  verifier: LiveVerifier,
  message: ServerMessage,
): { event: Extract<DashboardEvent, { type: "server" }>; requests: ClientMessage[] } {
  const { verdicts, requests } = verifier.receive(message);
  return { event: { type: "server", message, verdicts }, requests };
}
