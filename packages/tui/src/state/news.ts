import type { DrawSummary } from "@pos-tui/core";

/**
 * A validator as the news names it, fixed when the news arrives: a later rename or reconnect does not
 * rewrite what was said. `name` is already cleaned of control characters (see names.ts).
 */
export interface Who {
  key: string;
  name: string | null;
  /** Our own key: the views say "you". */
  mine: boolean;
}

/** The figures of a draw that the news repeats; the full lottery stays with the block. */
export type DrawFigures = Pick<
  DrawSummary,
  "rule" | "round" | "ticket" | "total" | "rangeStart" | "rangeEnd" | "candidates"
>;

/** The news keeps only the first few names of a group: the views say how many more. */
export const NAMES_KEPT = 3;

/**
 * What happened, as facts; the views put it into words. Joins, leaves and comebacks carry a count,
 * so a class arriving one by one folds into one item (see coalesce-news.ts).
 */
export type News =
  | { kind: "connected"; again: boolean; as: Who | null; tipIndex: number; validators: number }
  | { kind: "won"; index: number; winner: Who; draw: DrawFigures }
  | {
      kind: "joined";
      count: number;
      who: readonly Who[];
      /** The first one's: said when it stays alone. */
      stake: string;
    }
  | { kind: "left"; count: number; who: readonly Who[] }
  | { kind: "back"; count: number; who: readonly Who[] }
  | { kind: "stake"; who: Who; stake: string }
  | {
      kind: "accepted";
      round: number;
      index: number;
      /** Null when the candidate was not sent from here. */
      bpm: number | null;
    }
  | { kind: "server-error"; code: string; message: string }
  | { kind: "bye"; reason: string }
  /** A BPM typed while there was no round to send it to, or no connection to send it on. */
  | { kind: "not-sent"; why: "no-round" | "offline" };

export type NewsKind = News["kind"];
export type MovementNews = Extract<News, { kind: "joined" | "left" | "back" }>;

export type Announcement = News & { readonly id: number };
