/**
 * Runs a TypeScript file of this repository in a plain child process (node run-typescript.cjs file.ts ...args),
 * for the tests that need a second process (kill -9, several processes on one store). Sources are transpiled
 * on the fly and @parley/* packages resolve to their sources, as in vitest, so nothing needs building first.
 */
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const root = path.resolve(__dirname, '../../..');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const workspace = /^@parley\/([a-z-]+)$/.exec(request);
  if (workspace) return path.join(root, 'packages', workspace[1], 'src', 'index.ts');
  try {
    return resolveFilename.call(this, request, parent, ...rest);
  } catch (error) {
    if (request.startsWith('.')) return resolveFilename.call(this, `${request}.ts`, parent, ...rest);
    throw error;
  }
};
require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const output = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(output.outputText, filename);
};

const [file, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], file, ...args];
require(path.resolve(file));
