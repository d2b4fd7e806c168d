import { Option } from "commander";

export interface WatchOptions {
  board: boolean;
}

export const watchOptions = [
  new Option(
    "-b, --board",
    "a board for a projector: round and tip in big digits, the last draw, every validator's expected and real wins",
  ).default(false),
];
