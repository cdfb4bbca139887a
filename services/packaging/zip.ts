/**
 * Deterministic ZIP: same files → byte-identical archive, on any machine. Entries are sorted
 * by path, every entry has the same timestamp (1980-01-01, the ZIP epoch), Unix mode 0644,
 * "made by Unix" so Lambda extracts readable files, and fixed DEFLATE settings (fflate).
 */
import { type Zippable, zipSync } from "fflate";

export interface PackageFile {
  /** Forward-slash path inside the archive, no leading slash, no `..`. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** 1980-01-01T00:00:00 in local time, as ZIP stores DOS dates without a time zone. */
const ZIP_EPOCH = new Date(1980, 0, 1, 0, 0, 0);
const REGULAR_FILE_0644 = (0o100644 << 16) >>> 0;

export function deterministicZip(files: readonly PackageFile[]): Uint8Array {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const entries: Zippable = {};
  for (const [i, file] of sorted.entries()) {
    if (!/^[\w.-]+(\/[\w.-]+)*$/.test(file.path) || file.path.split("/").includes("..")) {
      throw new Error(`invalid path in package: ${JSON.stringify(file.path)}`);
    }
    if (i > 0 && sorted[i - 1]!.path === file.path) {
      throw new Error(`duplicate path in package: ${file.path}`);
    }
    entries[file.path] = [file.bytes, {
      level: 9,
      mtime: ZIP_EPOCH,
      os: 3,
      attrs: REGULAR_FILE_0644,
    }];
  }
  return zipSync(entries);
}
