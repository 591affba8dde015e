// GraphQL-over-HTTP conformance: every server audit of graphql-http (pinned in package-lock.json) against a running
// server. Usage: node audit.mjs http://127.0.0.1:PORT/graphql. Exit 1 on any error or warning.
// Prints one line per audit, then "graphql-http audits: N ok, N not ok" (a warning is not ok; a notice is ok).
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) { console.error('usage: node audit.mjs URL'); process.exit(2); }

let passed = 0, failed = 0;
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  if (result.status === 'ok') { passed++; console.log(`ok    ${audit.id} ${audit.name}`); continue; }
  if (result.status === 'notice') { passed++; console.log(`note  ${audit.id} ${audit.name}: ${result.reason}`); continue; }
  failed++;
  console.log(`${result.status.padEnd(5)} ${audit.id} ${audit.name}: ${result.reason}`);
  if (result.response) console.log(`      HTTP ${result.response.status}: ${(await result.response.text().catch(() => '(body already read)')).slice(0, 300)}`);
}
console.log(`graphql-http audits: ${passed} ok, ${failed} not ok`);
process.exit(failed === 0 ? 0 : 1);
