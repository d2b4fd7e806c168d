import { Box, Text } from "ink";
import type { Announcement, AnnouncementKind } from "../state/dashboard-state.js";
import { Panel } from "./Panel.js";

export interface AnnouncementsPanelProps {
  items: readonly Announcement[];
  width: number;
  height: number;
}

const COLOURS: Record<AnnouncementKind, string | undefined> = {
  block: undefined,
  "you-won": "green",
  join: "cyan",
  leave: "yellow",
  stake: "cyan",
  error: "red",
  accepted: "blue",
  info: "gray",
};

/** Newest first: the clipped end is the oldest news. Lines wrap so the "why" is never cut off. */
export function AnnouncementsPanel({ items, width, height }: AnnouncementsPanelProps) {
  const rows = Math.max(0, height - 1);
  const shown = items.slice(-rows).reverse();
  return (
    <Panel title="Announcements" width={width} height={height}>
      {items.length === 0 ? <Text dimColor>nothing yet</Text> : null}
      {shown.map((item) => (
        // Not shrinkable: a wrapped item keeps all its lines and the panel clips the oldest instead.
        <Box key={item.id} flexShrink={0}>
          {item.kind === "you-won" ? (
            <Text color="black" backgroundColor="green" bold wrap="wrap">
              {`★ ${item.text}`}
            </Text>
          ) : (
            <Text color={COLOURS[item.kind]} wrap="wrap">
              {item.text}
            </Text>
          )}
        </Box>
      ))}
    </Panel>
  );
}
