import { Box, Text } from "ink";
import { toAscii } from "../plain/plain-mode.js";
import type { BoardTally } from "../state/board-tally.js";
import type { ChainEntry, DashboardState } from "../state/dashboard-state.js";
import { displayName } from "../state/names.js";
import { type StakeRow, stakeRows } from "../state/stake-rows.js";
import { BIG_HEIGHT, bigDigits, bigWidth } from "./big-digits.js";
import { BIG_SPACING, BOARD_GAP, type BoardLayout, boardLayout } from "./board-layout.js";
import { type Line, rangeBar, wrapWords } from "./detail-lines.js";
import { fit, percent } from "./format.js";
import { glyphsFor } from "./glyphs.js";
import { Header } from "./Header.js";
import { ruleHowTo, ruleOfDraw, whyWon } from "./rule-words.js";

export interface BoardProps {
  state: DashboardState;
  tally: BoardTally;
  columns: number;
  rows: number;
  server: string;
  /** Tests pin the clock; otherwise the header keeps its own. */
  now?: number;
  ascii?: boolean;
  help?: boolean;
}

/** Cut to `width` columns with an ellipsis that stays ASCII when asked (Ink's own would not). */
function cut(text: string, width: number, ascii: boolean): string {
  const chars = Array.from(text);
  if (chars.length <= width) return text;
  return ascii
    ? `${chars.slice(0, Math.max(0, width - 3)).join("")}...`
    : `${chars.slice(0, width - 1).join("")}…`;
}

/** " 12.3%   4.1    5": stake share, expected wins, observed wins. */
const NUMBERS = 21;

function Spans({ line }: { line: Line }) {
  return (
    <Text wrap="truncate-end">
      {line.map((span, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: spans are positions in a line
        <Text key={i} color={span.color} bold={span.bold} dimColor={span.dim}>
          {span.text}
        </Text>
      ))}
    </Text>
  );
}

/** Round and tip as tall as the board allows: big digits, or one bold line on a small screen. */
function RoundAndTip({
  state,
  layout,
  ascii,
}: {
  state: DashboardState;
  layout: BoardLayout;
  ascii: boolean;
}) {
  const round = state.round === null ? null : String(state.round.round);
  const tip = state.tip === null ? null : `#${state.tip.index}`;
  if (round === null || tip === null)
    return (
      <Box height={layout.big ? BIG_HEIGHT + 1 : 1}>
        <Text dimColor>{`waiting for the first round${ascii ? "..." : "…"}`}</Text>
      </Box>
    );
  if (!layout.big)
    return (
      <Text bold wrap="truncate-end">
        <Text color="yellow">{`ROUND ${round}`}</Text>
        {"   "}
        <Text color="cyan">{`TIP ${tip}`}</Text>
      </Text>
    );
  const left = bigDigits(round, ascii);
  const right = bigDigits(tip, ascii);
  const pad = " ".repeat(BIG_SPACING);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        <Text color="yellow">{fit("ROUND", bigWidth(round))}</Text>
        {pad}
        <Text color="cyan">TIP (last block)</Text>
      </Text>
      {left.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one drawing
        <Text key={i} bold wrap="truncate-end">
          <Text color="yellow">{line}</Text>
          {pad}
          <Text color="cyan">{right[i]}</Text>
        </Text>
      ))}
    </Box>
  );
}

/**
 * The newest block seen live whose candidate list is here: a block just in waits the moment its list
 * takes to come, so the picture does not blink away on every block.
 */
function shownEntry(state: DashboardState): ChainEntry | undefined {
  return (
    state.chain.findLast((e) => e.lottery !== null && state.proofs.has(e.lottery.round)) ??
    state.chain.findLast((e) => e.lottery !== null)
  );
}

/** The newest block seen live: who won, and the ticket falling in the winner's range. */
function LastWinner({ state, width, ascii }: { state: DashboardState; width: number; ascii: boolean }) {
  const entry = shownEntry(state);
  const name = (key: string) =>
    ascii ? toAscii(displayName(state.validators, key)) : displayName(state.validators, key);
  if (entry === undefined || entry.lottery === null)
    return (
      <Box flexDirection="column" height={3}>
        <Text dimColor wrap="truncate-end">
          no block seen live yet: the next winner and its ticket show here
        </Text>
      </Box>
    );
  const { block, lottery } = entry;
  const who = name(block.Validator);
  const proof = state.proofs.get(lottery.round);
  const rule = ruleOfDraw(lottery);
  // The round robin has no ticket to draw: its lines say how it picks instead.
  const drawn =
    proof === undefined || rule === "round-robin"
      ? null
      : rangeBar({
          candidates: proof.candidates,
          winner: block.Validator,
          lottery,
          width,
          ascii,
        });
  const head = `Block #${block.Index} won by `;
  const rest =
    `: ${whyWon(lottery, "its")}` +
    ` (${lottery.candidates} candidate${lottery.candidates === 1 ? "" : "s"})`;
  const line = cut(head + who + rest, width, ascii);
  return (
    <Box flexDirection="column" height={3}>
      <Text wrap="truncate-end">
        <Text bold>{line.slice(0, head.length)}</Text>
        <Text bold color="green">
          {line.slice(head.length, head.length + who.length)}
        </Text>
        {line.slice(head.length + who.length)}
      </Text>
      {rule === "round-robin" ? (
        wrapWords(ruleHowTo(rule).replace(/^How the round robin works: /, ""), width)
          .slice(0, 2)
          .map((piece) => (
            <Text key={piece} dimColor wrap="truncate-end">
              {cut(piece, width, ascii)}
            </Text>
          ))
      ) : drawn === null ? (
        <Text
          dimColor
        >{`asking the server for round ${lottery.round}'s candidates${ascii ? "..." : "…"}`}</Text>
      ) : (
        <>
          <Spans line={drawn.bar} />
          <Spans line={drawn.caret} />
        </>
      )}
    </Box>
  );
}

function cell(row: StakeRow, tally: BoardTally, width: number, winner: string | null, ascii: boolean) {
  const g = glyphsFor(ascii);
  const label = fit(ascii ? toAscii(row.label) : row.label, Math.max(1, width - 2 - NUMBERS));
  const share = row.expectedShare === null ? "off" : percent(row.expectedShare);
  const expected = (tally.expected.get(row.validator) ?? 0).toFixed(1);
  const won = String(tally.observed.get(row.validator) ?? 0);
  const isWinner = row.validator === winner;
  return (
    <Text key={row.validator} wrap="truncate-end" dimColor={!row.online} bold={isWinner}>
      <Text color={row.online ? "green" : "gray"}>{row.online ? g.online : g.offline}</Text>
      <Text color={isWinner ? "green" : undefined}>{` ${label}`}</Text>
      {` ${share.padStart(6)} ${expected.padStart(6)} ${won.padStart(6)}`}
    </Text>
  );
}

function heading(width: number) {
  return `  ${fit("validator", Math.max(1, width - 2 - NUMBERS))} ${"stake".padStart(6)} ${"exp".padStart(6)} ${"won".padStart(6)}`;
}

/**
 * The projector view: round and tip large enough to read from the back of a room, the last draw as a
 * picture, and every validator's stake share beside the wins it should have and the wins it has.
 */
export function Board({ state, tally, columns, rows, server, now, ascii = false, help = false }: BoardProps) {
  const validators = stakeRows(state.validators, null);
  const round = state.round === null ? "" : String(state.round.round);
  const tip = state.tip === null ? "" : `#${state.tip.index}`;
  const layout = boardLayout(columns, rows, validators.length, bigWidth(round) + BIG_SPACING + bigWidth(tip));
  const winner = shownEntry(state)?.block.Validator ?? null;
  const grid = Array.from({ length: layout.gridColumns }, (_, c) =>
    validators.slice(c * layout.perColumn, Math.min(layout.shown, (c + 1) * layout.perColumn)),
  ).filter((column) => column.length > 0);
  const hidden = validators.length - layout.shown;
  const sep = ascii ? "-" : "·";
  const blocks = `${tally.blocks} block${tally.blocks === 1 ? "" : "s"}`;
  const legend =
    `stake = share of online stake ${sep} exp = wins expected over the ${blocks} seen here ` +
    `(per round: its stake / the candidates' stake) ${sep} won = its real wins`;
  const wrapped = wrapWords(legend, columns);
  const legendLines = [wrapped[0] ?? "", cut(wrapped.slice(1).join(" "), columns, ascii)];
  return (
    <Box flexDirection="column" width={columns} height={layout.height} overflow="hidden">
      <Header
        me={null}
        server={server}
        connection={state.connection}
        round={state.round}
        width={columns}
        keys="board · ? help · q quit"
        {...(now === undefined ? {} : { now })}
      />
      <RoundAndTip state={state} layout={layout} ascii={ascii} />
      {layout.big ? <Text> </Text> : null}
      <LastWinner state={state} width={columns} ascii={ascii} />
      {legendLines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one paragraph
        <Text key={i} dimColor wrap="truncate-end">
          {line}
        </Text>
      ))}
      {help ? (
        <Box flexDirection="column">
          <Text bold>Keys</Text>
          <Text>{"q, Ctrl+C   quit"}</Text>
          <Text>{"?, Esc      hide this help"}</Text>
          <Text> </Text>
          <Text wrap="wrap">
            The board counts only the blocks it saw arrive, with the round's candidate list from the server:
            exp is what the lottery promised each validator over those rounds, won is what it got. Over many
            blocks the two should be close; over a few, chance dominates.
          </Text>
        </Box>
      ) : (
        <>
          <Box flexDirection="row">
            {grid.map((_, c) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions
              <Box key={c} width={layout.cellWidth} marginRight={c < grid.length - 1 ? BOARD_GAP : 0}>
                <Text bold wrap="truncate-end">
                  {heading(layout.cellWidth)}
                </Text>
              </Box>
            ))}
          </Box>
          {validators.length === 0 ? <Text dimColor>no validators yet</Text> : null}
          <Box flexDirection="row">
            {grid.map((column, c) => (
              <Box
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions
                key={c}
                flexDirection="column"
                width={layout.cellWidth}
                marginRight={c < grid.length - 1 ? BOARD_GAP : 0}
              >
                {column.map((row) => cell(row, tally, layout.cellWidth, winner, ascii))}
              </Box>
            ))}
          </Box>
          {hidden > 0 ? (
            <Text
              dimColor
              wrap="truncate-end"
            >{`+ ${hidden} more validator${hidden === 1 ? "" : "s"}: a taller or wider terminal shows them`}</Text>
          ) : null}
        </>
      )}
    </Box>
  );
}
