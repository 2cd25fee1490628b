/**
 * Vitest set-up file, run in every test file: after the file's tests, remove
 * the temporary folders it made through tempDir (makeLibrary and
 * copyRealLibrary use it), so no run leaves libraries behind in /tmp.
 */
import { afterAll } from 'vitest';
import { removeTempDirs } from './fixtures';

afterAll(() => removeTempDirs());
