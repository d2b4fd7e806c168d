import { shortHex } from "@pos-tui/core";
import { Box, Text } from "ink";
import type { Alarm, Tamper } from "../state/dashboard-state.js";
import { wrapWords } from "./detail-lines.js";
import { glyphsFor } from "./glyphs.js";

/** The banners shown above the panels, in order: a tamper view in progress, then the alarm. */
export function bannerCount(alarm: Alarm | null, tamper: Tamper | null): number {
  return (alarm === null ? 0 : 1) + (tamper === null ? 0 : 1);
}

/** `text` in at most two lines of `width`, the second cut short with an ellipsis when it overflows. */
export function twoLines(text: string, width: number, ascii: boolean): [string, string] {
  const pieces = wrapWords(text, width);
  const first = pieces[0] ?? "";
  const rest = pieces.slice(1).join(" ");
  const ellipsis = ascii ? "..." : "…";
  const second =
    rest.length <= width ? rest : `${rest.slice(0, Math.max(0, width - ellipsis.length))}${ellipsis}`;
  return [first, second];
}

/** The words of the alarm: the block, the check and what it found. */
export function alarmText(alarm: Alarm, ascii: boolean): string {
  const more = alarm.more === 0 ? "" : ` (and ${alarm.more} more block${alarm.more === 1 ? "" : "s"})`;
  return `${glyphsFor(ascii).failed} block ${alarm.index} failed${more}: ${alarm.check}: ${alarm.message}`;
}

/** The words of the tamper view: what was edited, what it broke, and that nothing left this screen. */
export function tamperText(tamper: Tamper): string {
  const edited = tamper.entries.get(tamper.index);
  const later = tamper.entries.size - 1;
  const hash = edited?.block.Hash ?? tamper.original.Hash;
  const breaks =
    hash === tamper.original.Hash
      ? "the same BPM: nothing changes"
      : `hash ${shortHex(tamper.original.Hash)} -> ${shortHex(hash)}: its signature fails${
          later > 0 ? `, and so do the links of the ${later} block${later === 1 ? "" : "s"} after it` : ""
        }`;
  return `TAMPER VIEW (nothing is sent; Esc restores): block ${tamper.index} BPM ${tamper.original.BPM} -> ${tamper.bpm}, ${breaks}`;
}

export interface BannerProps {
  alarm: Alarm | null;
  tamper: Tamper | null;
  width: number;
  ascii: boolean;
}

/** Loud lines between the header and the panels: a block that failed its checks, a tamper view. */
export function Banner({ alarm, tamper, width, ascii }: BannerProps) {
  const banners: { text: string; background: string; color: string }[] = [];
  if (tamper !== null) banners.push({ text: tamperText(tamper), background: "yellow", color: "black" });
  if (alarm !== null) banners.push({ text: alarmText(alarm, ascii), background: "red", color: "white" });
  if (banners.length === 0) return null;
  return (
    <Box flexDirection="column" width={width}>
      {banners.map(({ text, background, color }) => (
        <Box key={background} flexDirection="column" width={width}>
          {twoLines(text, width, ascii).map((line) => (
            <Text key={line} backgroundColor={background} color={color} bold wrap="truncate-end">
              {line.padEnd(width)}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}
