// Bundles GraphiQL, React and graphql into ../wwwroot/graphiql/graphiql.js and graphiql.css (both committed).
// Run only when changing versions: npm ci && npm run build. Neither `dotnet build` nor the server needs npm.
import { build } from 'esbuild';

await build({
  entryPoints: { graphiql: 'entry.jsx' },
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  outdir: '../wwwroot/graphiql',
  loader: { '.png': 'dataurl', '.svg': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl' },
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'linked',
  logLevel: 'info',
});
