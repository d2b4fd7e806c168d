import { parseStake } from "@pos-tui/core";
import { Box, Text } from "ink";

export interface StakePromptProps {
  value: string;
  width: number;
  /** Why the last Enter was refused (the field is cleared), or what the last key did. */
  notice?: string | null;
}

/** Validated as you type: the reason is shown before Enter, so nobody is surprised by a refusal. */
export function StakePrompt({ value, width, notice = null }: StakePromptProps) {
  const parsed = parseStake(value);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold>Your stake (whole tokens, 1..10^18): </Text>
        {value}
        <Text inverse> </Text>
      </Text>
      {notice !== null ? (
        <Text color="yellow" wrap="truncate-end">
          {notice}
        </Text>
      ) : value.length === 0 ? (
        <Text dimColor wrap="truncate-end">
          type a number of tokens and press Enter; a bigger stake wins more often
        </Text>
      ) : parsed.ok ? (
        <Text color="green" wrap="truncate-end">{`ok: ${parsed.value} tokens, press Enter`}</Text>
      ) : (
        <Text color="red" wrap="truncate-end">
          {parsed.error.message}
        </Text>
      )}
    </Box>
  );
}
