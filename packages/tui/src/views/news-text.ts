import { shortHex } from "@pos-tui/core";
import type { MovementNews, News, Who } from "../state/news.js";
import { whyWon } from "./rule-words.js";

/** A validator in a sentence: "you", its name, or the first 8 hex of its key when it has none. */
export function whoText(who: Who): string {
  return who.mine ? "you" : (who.name ?? shortHex(who.key));
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

const GROUP_VERB: Record<MovementNews["kind"], string> = {
  joined: "joined",
  left: "left",
  back: "are back online",
};

/** One join, leave or comeback says what happened to whom; a group says how many and names a few. */
function movementText(news: MovementNews): string {
  const [first] = news.who;
  if (news.count === 1 && first !== undefined) {
    const who = whoText(first);
    if (news.kind === "joined") return `${who} joined with stake ${news.stake}`;
    return news.kind === "left" ? `${who} left` : `${who} is back online`;
  }
  const more = news.count > news.who.length ? ` +${news.count - news.who.length}` : "";
  return `${news.count} validators ${GROUP_VERB[news.kind]}: ${news.who.map(whoText).join(", ")}${more}`;
}

/** The announcement line for a piece of news, as the dashboard, the board and the line mode print it. */
export function newsText(news: News): string {
  switch (news.kind) {
    case "connected": {
      const who = news.as === null ? "as a spectator" : `as ${news.as.name ?? shortHex(news.as.key)}`;
      return `${news.again ? "reconnected" : "connected"} ${who}: chain at block ${news.tipIndex}, ${plural(news.validators, "validator")}`;
    }
    case "won": {
      const { draw, winner } = news;
      const name = whoText(winner);
      const whose = winner.mine ? "your" : `${name}'s`;
      const why = whyWon(draw, whose);
      return (
        `round ${draw.round}: ${name} won block ${news.index} - ${why}` +
        (draw.candidates > 1 ? ` (${draw.candidates} candidates)` : " (the only candidate)")
      );
    }
    case "joined":
    case "left":
    case "back":
      return movementText(news);
    case "stake":
      return `${whoText(news.who)} now stake${news.who.mine ? "" : "s"} ${news.stake} (counts from the next round)`;
    case "accepted": {
      const what = news.bpm === null ? "your candidate" : `BPM ${news.bpm} is your candidate`;
      return `accepted: ${what} for block ${news.index} in round ${news.round}`;
    }
    case "server-error":
      return `error ${news.code}: ${news.message}`;
    case "bye":
      return `server is going away: ${news.reason}`;
    case "not-sent":
      return news.why === "no-round"
        ? "not connected yet: the BPM was not sent"
        : "not connected: the BPM was not sent";
  }
}

/** How a piece of news stands out in the announcements: our own win most of all. */
export type NewsTone = "you-won" | "block" | "join" | "leave" | "stake" | "error" | "accepted" | "info";

export function newsTone(news: News): NewsTone {
  switch (news.kind) {
    case "won":
      return news.winner.mine ? "you-won" : "block";
    case "joined":
    case "back":
      return "join";
    case "left":
    case "bye":
      return "leave";
    case "stake":
      return "stake";
    case "server-error":
    case "not-sent":
      return "error";
    case "accepted":
      return "accepted";
    case "connected":
      return "info";
  }
}
