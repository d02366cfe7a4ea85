// An HTTP server that answers every request with the same bytes ({ __typename } of a GraphQL server,
// no parsing, no user): the floor under what a client of compare.mjs can time. Imported, it listens in
// the importing process; run (node constant-server.mjs), in a process of its own, printing its port.
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";

/** Listens on a free loopback port; resolves to the server. */
export function listen() {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end('{"data":{"__typename":"Query"}}');
    });
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log((await listen()).address().port);
