import { formatGithub } from './formatGithub';
import { formatJson } from './formatJson';
import { formatJunit } from './formatJunit';
import { formatSarif } from './formatSarif';
import { formatText } from './formatText';
import type { Formatter } from '../pipeline/runResult';

/** Output formats by name, as `--format` takes them. */
export const FORMATTERS: Readonly<Record<string, Formatter>> = { text: formatText, json: formatJson, github: formatGithub, sarif: formatSarif, junit: formatJunit };
