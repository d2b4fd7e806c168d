import { recordEarlyEvents } from "./early-events.js";
import { type HelloChoice, helloFor } from "./hello.js";
import { SessionSocket } from "./session-socket.js";

/**
 * Opens the dashboard's connection now, before Ink and React are loaded: the server's round trip
 * (and its welcome and chain) then overlaps their loading instead of following it.
 */
export function startEarly(options: HelloChoice & { host: string; port: number }): SessionSocket {
  const connection = new SessionSocket({
    host: options.host,
    port: options.port,
    hello: helloFor(options),
    reconnect: true,
  });
  recordEarlyEvents(connection);
  connection.start();
  return connection;
}
