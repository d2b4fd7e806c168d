import { Box, Text } from "ink";
import { driftChart } from "./drift-chart.js";
import { errorLines, headline, MAX_ROWS, metricLines, validatorLines } from "./format-lab.js";
import type { LabReport } from "./lab.js";
import type { RuleResult } from "./run-rule.js";

/** The colours the drift chart gives the rules, in the same order, so a column matches its line. */
const RULE_COLOURS = ["blue", "green", "yellow", "magenta"] as const;

function RuleColumn({ result, colour }: { result: RuleResult; colour: string }) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={colour} paddingX={1}>
      <Text bold color={colour}>
        {result.rule}
      </Text>
      <Box width={36}>
        <Text dimColor wrap="wrap">
          {result.summary}
        </Text>
      </Box>
      <Text> </Text>
      {validatorLines(result, MAX_ROWS).map((line) => (
        <Text key={line}>{line}</Text>
      ))}
      <Text> </Text>
      {metricLines(result).map((line) => (
        <Text key={line} color={line.startsWith("stopped") ? "red" : undefined}>
          {line}
        </Text>
      ))}
    </Box>
  );
}

/** The lab's report for a terminal: the rules side by side in boxes, then the drift chart. */
export function LabView({ report, width }: { report: LabReport; width: number }) {
  const results = Object.values(report.rules);
  const chart = driftChart(results, {
    width: Math.min(100, Math.max(40, width - 2)),
    height: 12,
    colour: true,
  });
  return (
    <Box flexDirection="column" width={width}>
      {headline(report).map((line, i) => (
        <Text key={line} bold={i === 0} dimColor={i > 0}>
          {line}
        </Text>
      ))}
      <Box flexDirection="row" flexWrap="wrap">
        {results.map((result, i) => (
          <RuleColumn key={result.rule} result={result} colour={RULE_COLOURS[i % RULE_COLOURS.length]!} />
        ))}
      </Box>
      {errorLines(report).map((line) => (
        <Text key={line} color="red" wrap="wrap">
          {line}
        </Text>
      ))}
      {chart && (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>{chart.title}</Text>
          <Text>{chart.lines.join("\n")}</Text>
          <Text dimColor>{chart.legend}</Text>
        </Box>
      )}
    </Box>
  );
}
