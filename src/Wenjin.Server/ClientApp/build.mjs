// Builds the web UI into dist/ with no dependency beyond the pinned TypeScript compiler:
//   1. empties dist/,
//   2. compiles src/**/*.ts to native ES modules in dist/js/ (tsc, tsconfig.json),
//   3. copies public/* (index.html, app.css, favicon.svg) to the root of dist/,
//   4. checks the result: every local URL index.html references exists, and every file and folder name is made of
//      lower-case ASCII letters, digits and dots only (the server embeds dist/ as .NET resources).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, "dist");
const pub = join(root, "public");

function fail(message) {
  console.error(`build.mjs: ${message}`);
  process.exit(1);
}

// 1. Empty dist/.
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

// 2. Type-check and compile.
const require = createRequire(import.meta.url);
const tsPackage = require.resolve("typescript/package.json");
const tsBin = require(tsPackage).bin;
const tscPath = join(dirname(tsPackage), typeof tsBin === "string" ? tsBin : tsBin.tsc);
const tsc = spawnSync(process.execPath, [tscPath, "-p", join(root, "tsconfig.json")], { stdio: "inherit", cwd: root });
if (tsc.error) fail(`could not run tsc: ${tsc.error.message}`);
if (tsc.status !== 0) fail(`tsc failed (exit code ${tsc.status})`);

// 3. Static files.
for (const name of readdirSync(pub)) {
  cpSync(join(pub, name), join(dist, name), { recursive: true });
}

// 4. Checks.
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (!/^[a-z0-9.]+$/.test(name)) fail(`"${relative(root, full)}": names in dist/ may hold only a-z, 0-9 and dots`);
    if (statSync(full).isDirectory()) walk(full);
    else files.push(relative(dist, full).split("\\").join("/"));
  }
})(dist);
const html = readFileSync(join(dist, "index.html"), "utf8");
for (const match of html.matchAll(/(?:src|href)="\/([^"#?]*)"/g)) {
  if (match[1] && !existsSync(join(dist, match[1]))) fail(`index.html references /${match[1]}, which is not in dist/`);
}
if (!files.includes("js/main.js")) fail("dist/js/main.js is missing");
console.log(`build.mjs: dist/ holds ${files.length} files`);
