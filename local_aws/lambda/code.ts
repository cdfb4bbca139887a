import { encodeBase64 } from "../base64.ts";
import type { StateStore } from "../store.ts";
import { invalidParameter } from "./errors.ts";
import type { CodeRecord } from "./model.ts";
import type { Fields } from "../fields.ts";

/**
 * Stores a deployment package from a request's `ZipFile` (base64 in the JSON body) and
 * describes it as Lambda does (CodeSha256 = base64 of its sha256, CodeSize in bytes).
 */
export async function storeZipFile(
  store: StateStore,
  upload: { accountId: string; zipFile: string | undefined },
): Promise<CodeRecord> {
  const { accountId, zipFile } = upload;
  if (zipFile === undefined || zipFile === "") {
    throw invalidParameter(
      "Code.ZipFile is required: local AWS accepts deployment packages as ZipFile only.",
    );
  }
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = Uint8Array.from(atob(zipFile), (c) => c.charCodeAt(0));
  } catch {
    throw invalidParameter("Could not unzip uploaded file: ZipFile is not valid base64.");
  }
  if (!isZip(bytes)) {
    throw invalidParameter(
      "Could not unzip uploaded file. Please check your file, then try to upload again.",
    );
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const blobKey = [...digest].map((b) => b.toString(16).padStart(2, "0")).join("") + ".zip";
  await store.writeBlob(accountId, { key: blobKey, bytes });
  return { CodeSha256: encodeBase64(digest), CodeSize: bytes.length, blobKey };
}

/** The ZipFile member of CreateFunction's `Code` or of UpdateFunctionCode's body. */
export function zipFileOf(input: Fields): string | undefined {
  return input.object("Code")?.string("ZipFile") ?? input.string("ZipFile");
}

function isZip(bytes: Uint8Array): boolean {
  // local file header (PK\3\4) or, for an empty archive, end of central directory (PK\5\6)
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}
