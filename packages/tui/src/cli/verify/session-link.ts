import { ErrorCode, type ServerMessage, sanitizeText } from "@pos-tui/core";
import type { ConnectionState } from "../../client/connection-state.js";
import type { SessionSocket } from "../../client/session-socket.js";
import type { AuditAnswer, AuditLink, AuditRequest } from "./chain-audit.js";

/** Errors a server sends before it cuts a session off: the end of the audit, not an answer. */
const PARTING = new Set<string>([ErrorCode.SlowConsumer, ErrorCode.ShuttingDown]);

/**
 * An AuditLink over a welcomed session: answers (`chain`, `proof`, `error`) are queued in arrival
 * order, pushes are ignored. `next` rejects once the session is lost, or when the server has not
 * answered for `timeoutMs`.
 */
export function sessionLink(session: SessionSocket, timeoutMs: number): AuditLink {
  const answers: AuditAnswer[] = [];
  let waiter: { resolve: (answer: AuditAnswer) => void; reject: (error: Error) => void } | null = null;
  let lost: Error | null = null;

  const fail = (error: Error) => {
    lost ??= error;
    waiter?.reject(lost);
    waiter = null;
  };
  session.on("message", (message: ServerMessage) => {
    if (message.type === "bye")
      return fail(new Error(`the server said bye: ${sanitizeText(message.reason, 200)}`));
    if (message.type === "error" && PARTING.has(message.code))
      return fail(new Error(`${message.code}: ${sanitizeText(message.message, 200)}`));
    if (message.type !== "chain" && message.type !== "proof" && message.type !== "error") return;
    if (waiter) {
      waiter.resolve(message);
      waiter = null;
    } else answers.push(message);
  });
  session.on("state", (state: ConnectionState) => {
    if (state.kind === "closed" || state.kind === "reconnecting")
      fail(
        new Error(state.reason === "" ? "the server closed the connection" : sanitizeText(state.reason, 200)),
      );
  });

  return {
    send(request: AuditRequest) {
      if (!session.send(request)) fail(new Error("the connection to the server is gone"));
    },
    next() {
      const ready = answers.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      if (lost) return Promise.reject(lost);
      return new Promise<AuditAnswer>((resolve, reject) => {
        const timer = setTimeout(
          () => fail(new Error(`the server sent no answer for ${Math.round(timeoutMs / 1000)} s`)),
          timeoutMs,
        );
        waiter = {
          resolve: (answer) => {
            clearTimeout(timer);
            resolve(answer);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
      });
    },
  };
}
