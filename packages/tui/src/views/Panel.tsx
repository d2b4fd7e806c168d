import { Box, Text } from "ink";
import type { ReactNode } from "react";

interface PanelProps {
  title: string;
  width: number;
  height: number;
  /** The panel the arrow keys act on: its title stands out. */
  focused?: boolean;
  children: ReactNode;
}

/**
 * A title line and a clipped body. No borders: at 60x20 every line counts, and a box that is
 * exactly its height never pushes the frame past the terminal (which makes Ink clear and flicker).
 */
export function Panel({ title, width, height, focused = false, children }: PanelProps) {
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text bold color={focused ? "yellow" : "cyan"} inverse={focused} wrap="truncate-end">
        {title}
      </Text>
      <Box flexDirection="column" overflow="hidden" height={Math.max(0, height - 1)}>
        {children}
      </Box>
    </Box>
  );
}
