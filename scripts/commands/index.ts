/** Every command, in the order the help text lists them. */
import type { CommandSpec } from './command';
import { buildCommand } from './build/command';
import { diffCommand } from './diff/command';
import { fmtCommand } from './fmt/command';
import { graphCommand } from './graph/command';
import { keygenCommand } from './keygen/command';
import { linksCommand } from './links/command';
import { lspCommand } from './lsp/command';
import { newCommand } from './new/command';
import { pubmedImportCommand, pubmedStatusCommand, pubmedSyncCommand } from './pubmed/command';
import { reportCommand } from './report/command';
import { serveCommand } from './serve/command';
import { validateCommand } from './validate/command';

export const COMMANDS: readonly CommandSpec[] = [
  validateCommand,
  buildCommand,
  newCommand,
  fmtCommand,
  diffCommand,
  linksCommand,
  graphCommand,
  pubmedSyncCommand,
  pubmedImportCommand,
  pubmedStatusCommand,
  serveCommand,
  lspCommand,
  reportCommand,
  keygenCommand,
];
