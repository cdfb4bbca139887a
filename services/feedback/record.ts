/**
 * A feedback record: a person's correction of one prediction. Parsing a request body into one
 * is pure (clock and id source passed in) and rejects anything that is not exactly that.
 */
import { CATEGORIES, type Category, isCategory } from "../common/categories.ts";
import { ApiError } from "../common/errors.ts";
import {
  type Fields,
  optionalString,
  rejectUnknownFields,
  requiredString,
} from "../common/fields.ts";

export interface FeedbackRecord {
  /** Idempotency key: a second write with the same id returns the first record. */
  readonly requestId: string;
  readonly modelVersion: string;
  readonly predicted: Category;
  readonly correct: Category;
  readonly text?: string;
  readonly title?: string;
  readonly description?: string;
  /** ISO 8601, always `toISOString()` form so it sorts as text. */
  readonly createdAt: string;
}

export const MAX_TEXT_CHARS = 32 * 1024;
export const MAX_TITLE_CHARS = 1024;
export const ID_PATTERN = { regex: /^[\w.:+-]+$/, description: "letters, digits and . _ : + -" };
const FIELDS = [
  "text",
  "title",
  "description",
  "predicted",
  "correct",
  "modelVersion",
  "requestId",
];

export interface ParseOptions {
  /** Epoch milliseconds of the write. */
  readonly now: number;
  /** Id for a record sent without `requestId`. */
  readonly newId: () => string;
}

export function parseFeedback(body: Fields, options: ParseOptions): FeedbackRecord {
  rejectUnknownFields(body, FIELDS);
  const text = optionalString(body, "text", { maxLength: MAX_TEXT_CHARS });
  const title = optionalString(body, "title", { maxLength: MAX_TITLE_CHARS });
  const description = optionalString(body, "description", { maxLength: MAX_TEXT_CHARS });
  if (text !== undefined && (title !== undefined || description !== undefined)) {
    throw new ApiError(
      400,
      "invalid_value",
      'send either "text" or "title" + "description", not both',
      "text",
    );
  }
  if (text === undefined && (title === undefined || description === undefined)) {
    const field = text === undefined && title === undefined && description === undefined
      ? "text"
      : title === undefined
      ? "title"
      : "description";
    throw new ApiError(
      400,
      "missing_field",
      '"text", or both "title" and "description", are required',
      field,
    );
  }
  const predicted = category(body, "predicted");
  const correct = category(body, "correct");
  const modelVersion = requiredString(body, "modelVersion", {
    maxLength: 128,
    pattern: ID_PATTERN,
  });
  const requestId = optionalString(body, "requestId", { maxLength: 128, pattern: ID_PATTERN }) ??
    options.newId();
  const content = text !== undefined ? { text } : { title: title!, description: description! };
  return {
    requestId,
    modelVersion,
    predicted,
    correct,
    ...content,
    createdAt: new Date(options.now).toISOString(),
  };
}

function category(body: Fields, field: string): Category {
  const value = requiredString(body, field, { maxLength: 64 });
  if (!isCategory(value)) {
    throw new ApiError(
      400,
      "unknown_category",
      `"${field}" must be one of ${CATEGORIES.join(", ")}, got ${JSON.stringify(value)}`,
      field,
    );
  }
  return value;
}

/** Whether two records say the same thing (ignoring when each was received). */
export function sameContent(a: FeedbackRecord, b: FeedbackRecord): boolean {
  return a.requestId === b.requestId && a.modelVersion === b.modelVersion &&
    a.predicted === b.predicted && a.correct === b.correct && a.text === b.text &&
    a.title === b.title && a.description === b.description;
}
