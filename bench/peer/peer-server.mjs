// The peer: @neo4j/graphql 7 on Apollo Server 5, serving peer-schema.mjs's typeDefs against a Neo4j
// (the service's own, through its Bolt port). compare.mjs runs it in a process of its own, as the
// service runs in its own JVM, so that neither server shares a process with the harness's clients.
// Imported, it serves in the importing process; run (BOLT_URI=… BOLT_PASSWORD=… node peer-server.mjs),
// in a process of its own, printing its URL once it listens.
import { fileURLToPath } from "node:url";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";
import { typeDefs } from "./peer-schema.mjs";

/** Starts the peer on a free loopback port; resolves to its URL and a function that stops it. */
export async function startPeer(boltUri, password) {
  const driver = neo4j.driver(boltUri, neo4j.auth.basic("neo4j", password));
  const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
  const apollo = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(apollo, { listen: { port: 0, host: "127.0.0.1" } });
  return {
    url,
    stop: async () => {
      await apollo.stop();
      await driver.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const peer = await startPeer(process.env.BOLT_URI, process.env.BOLT_PASSWORD);
  console.log(peer.url);
  // stops with its parent: on SIGTERM, or when the pipe to it closes
  const stop = () => peer.stop().finally(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.stdin.on("end", stop);
  process.stdin.resume();
}
