#!/usr/bin/env node
// The parley CLI. Runs the compiled TypeScript: build first (npm run build, or npx tsc -b services/nlu).
require('../dist/cli/main.js');
