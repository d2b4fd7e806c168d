import { Box, Text } from "ink";
import type { Announcement } from "../state/news.js";
import { glyphsFor } from "./glyphs.js";
import { type NewsTone, newsText, newsTone } from "./news-text.js";
import { Panel } from "./Panel.js";

export interface AnnouncementsPanelProps {
  items: readonly Announcement[];
  width: number;
  height: number;
  /** How many of the newest are scrolled past (0 follows the news as it comes). */
  scrolled?: number;
  focused?: boolean;
  ascii?: boolean;
}

const COLOURS: Record<NewsTone, string | undefined> = {
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
export function AnnouncementsPanel({
  items,
  width,
  height,
  scrolled = 0,
  focused = false,
  ascii = false,
}: AnnouncementsPanelProps) {
  const g = glyphsFor(ascii);
  const rows = Math.max(0, height - 1);
  const skip = Math.min(Math.max(0, scrolled), Math.max(0, items.length - 1));
  const end = items.length - skip;
  const shown = items.slice(Math.max(0, end - rows), end).reverse();
  const newer = skip > 0 ? ` · ${g.up} ${skip} newer` : "";
  const hint = focused ? ` · ${g.up}${g.down} scroll · Esc` : "";
  return (
    <Panel title={`Announcements${newer}${hint}`} width={width} height={height} focused={focused}>
      {items.length === 0 ? <Text dimColor>nothing yet</Text> : null}
      {shown.map((item) => {
        const tone = newsTone(item);
        return (
          // Not shrinkable: a wrapped item keeps all its lines and the panel clips the oldest instead.
          <Box key={item.id} flexShrink={0}>
            {tone === "you-won" ? (
              <Text color="black" backgroundColor="green" bold wrap="wrap">
                {`${g.star} ${newsText(item)}`}
              </Text>
            ) : (
              <Text color={COLOURS[tone]} wrap="wrap">
                {newsText(item)}
              </Text>
            )}
          </Box>
        );
      })}
    </Panel>
  );
}
