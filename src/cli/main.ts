#!/usr/bin/env node
/**
 * @module The `strongroom` command-line tool.
 */
import { Command } from 'commander';
import { createAdminCommand } from './commands/admin.js';

const program = new Command('strongroom').description('Strongroom administration tool').addCommand(createAdminCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`strongroom: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
