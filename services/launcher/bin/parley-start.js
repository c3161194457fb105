#!/usr/bin/env node
// parley-start [--dev]: both services for the bot in PARLEY_BOT (default ./bot.ts), on SQLite under ./data.
require('../dist/main.js');
