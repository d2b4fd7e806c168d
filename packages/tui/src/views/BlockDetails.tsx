import { commitFor, type ValidatorInfo, verifyDraw } from "@pos-tui/core";
import { Box, Text } from "ink";
import type { ChainEntry, ProofMessage } from "../state/dashboard-state.js";
import { displayName } from "../state/names.js";
import { Panel } from "./Panel.js";

export interface BlockDetailsProps {
  entry: ChainEntry;
  proof: ProofMessage | null;
  validators: ReadonlyMap<string, ValidatorInfo>;
  me: string | null;
  width: number;
  height: number;
}

function Field({ label, value, colour }: { label: string; value: string; colour?: string }) {
  return (
    <Box flexShrink={0}>
      <Text wrap="wrap">
        <Text bold>{label.padEnd(11)}</Text>
        <Text color={colour}>{value}</Text>
      </Text>
    </Box>
  );
}

/** Everything needed to check the block and its lottery by hand: full hashes, signature, proof. */
export function BlockDetails({ entry, proof, validators, me, width, height }: BlockDetailsProps) {
  const { block, lottery } = entry;
  const who =
    block.Index === 0 ? "genesis" : block.Validator === me ? "you" : displayName(validators, block.Validator);
  const revealOk = lottery !== null && commitFor(lottery.reveal) === lottery.commit;
  const check =
    proof === null
      ? null
      : verifyDraw(
          {
            round: proof.round,
            commit: proof.commit,
            reveal: proof.reveal,
            prevHash: proof.prevHash,
            candidates: proof.candidates.map((c) => ({ validator: c.validator, stake: BigInt(c.stake) })),
          },
          proof.winner,
        );
  return (
    <Panel title={`Block #${block.Index} · by ${who} · Esc closes`} width={width} height={height}>
      <Field label="hash" value={block.Hash} />
      <Field label="prev hash" value={block.PrevHash || "(none: genesis)"} />
      <Field label="validator" value={block.Validator || "(none)"} />
      <Field label="signature" value={block.Signature || "(none)"} />
      <Field label="time, BPM" value={`${block.Timestamp} · ${block.BPM}`} />
      {lottery === null ? (
        <Text dimColor wrap="wrap">
          lottery: not seen live (this block came before you connected)
        </Text>
      ) : (
        <>
          <Field label="round" value={`${lottery.round} · ${lottery.candidates} candidate(s)`} />
          <Field label="commit" value={lottery.commit} />
          <Field
            label="reveal"
            value={`${lottery.reveal} ${revealOk ? "✓ sha256 = commit" : "✗ does not match the commit"}`}
            colour={revealOk ? undefined : "red"}
          />
          <Field label="ticket" value={`${lottery.ticket} of ${lottery.total}`} />
          <Field label="range" value={`${lottery.rangeStart}..${lottery.rangeEnd} (${who})`} />
          {proof === null ? (
            <Text dimColor>asking the server for the candidate list…</Text>
          ) : (
            <>
              <Text color={check?.ok ? "green" : "red"} wrap="wrap">
                {check?.ok
                  ? "✓ re-checked here: the draw picks the same winner"
                  : `✗ ${check && !check.ok ? check.error.message : ""}`}
              </Text>
              {proof.candidates.map((c) => (
                <Text
                  key={c.validator}
                  wrap="truncate-end"
                  color={c.validator === block.Validator ? "green" : undefined}
                >
                  {`  ${displayName(validators, c.validator).padEnd(12)} stake ${c.stake}`}
                </Text>
              ))}
            </>
          )}
        </>
      )}
    </Panel>
  );
}
