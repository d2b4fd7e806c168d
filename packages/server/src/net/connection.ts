import type { Socket } from "node:net";
import { LineFramer } from "@pos-tui/core";

export interface ConnectionLimits {
  maxLineBytes: number;
  maxOutputBytes: number;
}

export interface ConnectionEvents {
  /** The first byte the peer sent, before it makes a line: a `{` starts the JSON handshake clock. */
  firstByte(byte: number): void;
  line(line: string): void;
  overflow(limit: number): void;
  /** The peer stopped reading and its unsent output passed the cap. */
  slow(): void;
  closed(): void;
}

let nextId = 1;

/**
 * One TCP peer: bytes in become lines, strings out are queued on the socket. Output is never awaited:
 * a peer that stops reading is cut off at the cap instead of making anyone else wait.
 */
export class Connection {
  readonly id = nextId++;
  readonly remote: string;
  private readonly framer: LineFramer;
  private open = true;
  private heard = false;

  constructor(
    private readonly socket: Socket,
    private readonly limits: ConnectionLimits,
    private readonly events: ConnectionEvents,
  ) {
    this.remote = `${socket.remoteAddress ?? "?"}:${socket.remotePort ?? "?"}`;
    this.framer = new LineFramer(limits.maxLineBytes);
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.receive(chunk));
    // ECONNRESET, EPIPE and friends: the peer is gone, 'close' follows and cleans up.
    socket.on("error", () => {});
    socket.on("close", () => {
      this.open = false;
      this.events.closed();
    });
  }

  get isOpen(): boolean {
    return this.open && !this.socket.destroyed;
  }

  send(text: string): void {
    if (!this.isOpen || !this.socket.writable) return;
    if (this.socket.writableLength + text.length > this.limits.maxOutputBytes) {
      // The handler may end with a last line (read if the peer ever catches up); otherwise cut it off.
      this.events.slow();
      if (this.open) this.destroy();
      return;
    }
    this.socket.write(text);
  }

  /** Sends a last message, then closes once it is flushed (or destroys if it never is). */
  end(lastText?: string): void {
    if (!this.isOpen) return;
    this.open = false;
    if (lastText === undefined) this.socket.end();
    else this.socket.end(lastText);
    this.socket.setTimeout(2000, () => this.socket.destroy());
  }

  destroy(): void {
    this.open = false;
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    if (!this.heard && chunk.length > 0) {
      this.heard = true;
      this.events.firstByte(chunk[0]!);
    }
    for (const event of this.framer.push(chunk)) {
      if (!this.open) return;
      if (event.type === "line") this.events.line(event.line);
      else this.events.overflow(event.limit);
    }
  }
}
