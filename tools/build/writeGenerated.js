'use strict';
/**
 * Writes a generated file only when its bytes change, through a temporary
 * file and a rename: several test runs may compile at once, and a reader
 * must never see half a file (nor a fresh mtime for nothing).
 */
const fs = require('node:fs');
const path = require('node:path');

/**
 * Writes `content` to `file` unless it already holds exactly that.
 * @param {string} file
 * @param {string | Uint8Array} content
 * @returns {boolean} whether the file was written
 */
function writeGenerated(file, content) {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  let current;
  try {
    current = fs.readFileSync(file);
  } catch {
    current = undefined;
  }
  if (current && current.equals(bytes)) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
  return true;
}

module.exports = { writeGenerated };
