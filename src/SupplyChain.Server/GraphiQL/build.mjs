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
  loader: { '.png': 'dataurl', '.svg': 'dataurl', '.woff': 'file', '.woff2': 'file' }, // fonts as files: the CSP allows no data: fonts
  assetNames: 'fonts/[name]-[hash]',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'linked',
  logLevel: 'info',
});

// GraphiQL's own CSS inlines its fonts as data: URLs, which the pages' CSP (font-src from default-src 'self')
// refuses. Write each out as a file beside the CSS and point the CSS at it.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
const cssPath = '../wwwroot/graphiql/graphiql.css';
mkdirSync('../wwwroot/graphiql/fonts', { recursive: true });
const css = readFileSync(cssPath, 'utf8').replace(/url\(\s*["']?data:font\/(woff2?);base64,([A-Za-z0-9+/=]+)["']?\s*\)/g, (_, ext, data) => {
  const bytes = Buffer.from(data, 'base64');
  const name = `fonts/${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${ext}`;
  writeFileSync(`../wwwroot/graphiql/${name}`, bytes);
  return `url(${name})`;
});
writeFileSync(cssPath, css);
