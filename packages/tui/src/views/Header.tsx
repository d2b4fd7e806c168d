import { type RoundMessage, shortHex } from "@pos-tui/core";
import { Box, Text } from "ink";
import { type ConnectionState, describeConnectionState } from "../client/connection-state.js";

export interface HeaderProps {
  /** Null for a spectator. */
  me: { name: string | null; key: string; stake: string | null } | null;
  server: string;
  connection: ConnectionState;
  round: RoundMessage | null;
  now: number;
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

export function Header({ me, server, connection, round, now, width, keys = "? keys · q quit" }: HeaderProps) {
  const who =
    me === null
      ? "spectator"
      : `${me.name === null ? "" : `${me.name} `}${shortHex(me.key)}${me.stake === null ? "" : ` · stake ${me.stake}`}`;
  const closesIn = round === null ? null : Math.max(0, Date.parse(round.closesAt) - now);
  const reason =
    connection.kind === "reconnecting" || connection.kind === "closed" ? ` (${connection.reason})` : "";
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold color="magenta">
          pos-tui
        </Text>
        {" · "}
        <Text color={STATE_COLOURS[connection.kind]}>
          {describeConnectionState(connection, now) + reason}
        </Text>
        {` · ${who} · ${server}`}
      </Text>
      <Text wrap="truncate-end" dimColor={round === null}>
        {round === null
          ? "waiting for the first round…"
          : `round ${round.round} · closes in ${(closesIn! / 1000).toFixed(1)}s · next block #${round.tipIndex + 1}`}
        <Text dimColor>{` · ${keys}`}</Text>
      </Text>
    </Box>
  );
}
