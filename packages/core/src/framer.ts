export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

export type FrameEvent = { type: "line"; line: string } | { type: "overflow"; limit: number };

const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;
/** Telnet's "interpret as command" byte; it never occurs in UTF-8 text. */
const IAC = 0xff;
const SB = 0xfa;
const SE = 0xf0;
const WILL = 0xfb;
const DONT = 0xfe;

/** Where we are inside a telnet command that a client such as `telnet` mixes into the text. */
enum Telnet {
  None,
  /** After IAC: the command byte comes next. */
  Command,
  /** After IAC WILL/WONT/DO/DONT: the option byte comes next. */
  Option,
  /** Inside IAC SB ... IAC SE (subnegotiation). */
  Sub,
  /** Inside a subnegotiation, after an IAC. */
  SubIac,
}

/**
 * Turns a byte stream into lines. A line ends at `\n`, `\r\n` or a lone `\r` (old Macs, some
 * terminals, telnet's `\r\0`), even when the `\r` and the `\n` arrive in different chunks. Telnet
 * negotiation (IAC commands, options and subnegotiations) is dropped before framing, so a person on
 * `telnet` gets the same lines as one on `nc`; 0xFF never occurs in UTF-8, so no text is lost. Bytes
 * are kept until the line ends, then the whole line is decoded at once, so a UTF-8 character split
 * across chunks decodes correctly. A line longer than the limit is reported once and its bytes are
 * dropped as they come, so memory stays bounded.
 */
export class LineFramer {
  private parts: Uint8Array[] = [];
  private size = 0;
  private overflowing = false;
  /** The last line ended with `\r`: a `\n` (or telnet's `\0`) right after it belongs to it. */
  private afterCr = false;
  private telnet = Telnet.None;
  private readonly decoder = new TextDecoder("utf-8");

  constructor(private readonly maxLineBytes: number = DEFAULT_MAX_LINE_BYTES) {}

  push(chunk: Uint8Array): FrameEvent[] {
    const events: FrameEvent[] = [];
    /** Start of the text bytes not yet taken into the current line. */
    let text = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (this.telnet !== Telnet.None) {
        this.stepTelnet(byte);
        text = i + 1;
        continue;
      }
      if (this.afterCr) {
        this.afterCr = false;
        if (byte === LF || byte === NUL) {
          text = i + 1;
          continue;
        }
      }
      if (byte === LF || byte === CR) {
        this.take(chunk.subarray(text, i), events);
        this.finishLine(events);
        this.afterCr = byte === CR;
        text = i + 1;
      } else if (byte === IAC) {
        this.take(chunk.subarray(text, i), events);
        this.telnet = Telnet.Command;
        text = i + 1;
      }
    }
    this.take(chunk.subarray(text), events);
    return events;
  }

  /** Bytes waiting for their line end (for tests and diagnostics). */
  get pendingBytes(): number {
    return this.size;
  }

  private stepTelnet(byte: number): void {
    switch (this.telnet) {
      case Telnet.Command:
        if (byte >= WILL && byte <= DONT) this.telnet = Telnet.Option;
        else if (byte === SB) this.telnet = Telnet.Sub;
        else this.telnet = Telnet.None; // a two-byte command (NOP, GA, IP, ...) or IAC IAC
        return;
      case Telnet.Option:
        this.telnet = Telnet.None;
        return;
      case Telnet.Sub:
        if (byte === IAC) this.telnet = Telnet.SubIac;
        return;
      case Telnet.SubIac:
        this.telnet = byte === SE ? Telnet.None : Telnet.Sub;
        return;
    }
  }

  private take(bytes: Uint8Array, events: FrameEvent[]): void {
    if (bytes.length === 0) return;
    if (this.overflowing) return;
    if (this.size + bytes.length > this.maxLineBytes) {
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
    events.push({ type: "line", line: this.decoder.decode(joined) });
  }
}
