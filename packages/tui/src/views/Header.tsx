import { type RoundMessage, shortHex } from "@pos-tui/core";
import { Box, Text } from "ink";
import { type ConnectionState, describeConnectionState } from "../client/connection-state.js";
import { useCountdownClock } from "../hooks/use-countdown-clock.js";

export interface HeaderProps {
  /** Null for a spectator. */
  me: { name: string | null; key: string; stake: string | null } | null;
  server: string;
  connection: ConnectionState;
  round: RoundMessage | null;
  /** Tests pin the clock; otherwise the header keeps its own, ticking once a second. */
  now?: number;
  width: number;
  /** The keys that matter now, at the end of the second line. */
  keys?: string;
}

const STATE_COLOURS: Record<ConnectionState["kind"], string> = {
  idle: "gray",
  connecting: "yellow",
  connected: "green",
  reconnecting: "yellow",
  closed: "red",
};

export function Header({
  me,
  server,
  connection,
  round,
  now: pinned,
  width,
  keys = "? keys · q quit",
}: HeaderProps) {
  // The header is the only part that changes with time: its ticks re-render it alone, and only when
  // a countdown it shows changes.
  const clock = useCountdownClock(
    [
      round === null ? null : Date.parse(round.closesAt),
      connection.kind === "reconnecting" ? connection.retryAt : null,
    ],
    pinned === undefined,
  );
  const now = pinned ?? clock;
  const who =
    me === null
      ? "spectator"
      : `${me.name === null ? "" : `${me.name} `}${shortHex(me.key)}${me.stake === null ? "" : ` · stake ${me.stake}`}`;
  const closesIn = round === null ? 0 : Math.max(0, Date.parse(round.closesAt) - now);
  // While disconnected the round on screen is stale: the second line says why instead of counting.
  const reason =
    connection.kind === "reconnecting" || connection.kind === "closed" ? connection.reason : null;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold color="magenta">
          pos-tui
        </Text>
        {" · "}
        <Text color={STATE_COLOURS[connection.kind]}>{describeConnectionState(connection, now)}</Text>
        {` · ${who} · ${server}`}
      </Text>
      {reason !== null ? (
        <Text wrap="truncate-end">
          <Text color={STATE_COLOURS[connection.kind]}>{reason}</Text>
          <Text dimColor>{` · ${keys}`}</Text>
        </Text>
      ) : (
        <Text wrap="truncate-end" dimColor={round === null}>
          {round === null
            ? "waiting for the first round…"
            : `round ${round.round} · closes in ${Math.ceil(closesIn / 1000)}s · next block #${round.tipIndex + 1}`}
          <Text dimColor>{` · ${keys}`}</Text>
        </Text>
      )}
    </Box>
  );
}
