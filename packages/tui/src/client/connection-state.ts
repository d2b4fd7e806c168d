export type ConnectionState =
  | { kind: "idle" }
  | { kind: "connecting"; attempt: number }
  | { kind: "connected" }
  | { kind: "reconnecting"; attempt: number; retryAt: number; reason: string }
  | { kind: "closed"; reason: string };

/** "reconnecting in 3s (attempt 2)" and friends: one wording for the header and the logs. */
export function describeConnectionState(state: ConnectionState, now: number): string {
  switch (state.kind) {
    case "idle":
      return "not connected";
    case "connecting":
      return state.attempt > 0 ? `connecting (attempt ${state.attempt})` : "connecting";
    case "connected":
      return "connected";
    case "reconnecting": {
      const seconds = Math.max(0, Math.ceil((state.retryAt - now) / 1000));
      return `reconnecting in ${seconds}s (attempt ${state.attempt})`;
    }
    case "closed":
      return "closed";
  }
}
