export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

export type FrameEvent = { type: "line"; line: string } | { type: "overflow"; limit: number };

/**
 * Turns a byte stream into lines. Bytes are kept until a newline arrives, then the whole line is
 * decoded at once, so a UTF-8 character split across chunks decodes correctly. A line longer than
 * the limit is reported once and its bytes are dropped as they come, so memory stays bounded.
 */
export class LineFramer {
  private parts: Uint8Array[] = [];
  private size = 0;
  private overflowing = false;
  private readonly decoder = new TextDecoder("utf-8");

  constructor(private readonly maxLineBytes: number = DEFAULT_MAX_LINE_BYTES) {}

  push(chunk: Uint8Array): FrameEvent[] {
    const events: FrameEvent[] = [];
    let start = 0;
    while (start <= chunk.length) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline;
      this.take(chunk.subarray(start, end), events);
      if (newline === -1) break;
      this.finishLine(events);
      start = newline + 1;
    }
    return events;
  }

  /** Bytes waiting for their newline (for tests and diagnostics). */
  get pendingBytes(): number {
    return this.size;
  }

  private take(bytes: Uint8Array, events: FrameEvent[]): void {
    if (bytes.length === 0) return;
    if (this.overflowing) return;
    // Allow one extra byte for a '\r' that the newline will strip.
    if (this.size + bytes.length > this.maxLineBytes + 1) {
      this.overflowing = true;
      this.parts = [];
      this.size = 0;
      events.push({ type: "overflow", limit: this.maxLineBytes });
      return;
    }
    this.parts.push(bytes.slice());
    this.size += bytes.length;
  }

  private finishLine(events: FrameEvent[]): void {
    if (this.overflowing) {
      this.overflowing = false;
      return;
    }
    const joined = new Uint8Array(this.size);
    let offset = 0;
    for (const part of this.parts) {
      joined.set(part, offset);
      offset += part.length;
    }
    this.parts = [];
    this.size = 0;
    let length = joined.length;
    if (length > 0 && joined[length - 1] === 0x0d) length--;
    if (length > this.maxLineBytes) {
      events.push({ type: "overflow", limit: this.maxLineBytes });
      return;
    }
    events.push({ type: "line", line: this.decoder.decode(joined.subarray(0, length)) });
  }
}
