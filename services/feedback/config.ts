/** Feedback service configuration: environment variables, read once at the edge. */
export interface FeedbackConfig {
  /** `FEEDBACK_TABLE`: the DynamoDB table (default `ml-news-feedback`). */
  readonly table: string;
  /** `FEEDBACK_CREATE_TABLE=true`: create the table on start when missing. */
  readonly createTable: boolean;
  /** `AWS_ENDPOINT_URL_DYNAMODB`: DynamoDB endpoint override (local DynamoDB). */
  readonly endpoint?: string;
  /** `LOG_LEVEL`. */
  readonly logLevel?: string;
}

export function feedbackConfig(env: Readonly<Record<string, string | undefined>>): FeedbackConfig {
  const create = env["FEEDBACK_CREATE_TABLE"] ?? "false";
  if (!["true", "false"].includes(create)) {
    throw new Error(`FEEDBACK_CREATE_TABLE must be true or false, got ${JSON.stringify(create)}`);
  }
  const endpoint = env["AWS_ENDPOINT_URL_DYNAMODB"] || undefined;
  const logLevel = env["LOG_LEVEL"] || undefined;
  return {
    table: env["FEEDBACK_TABLE"] || "ml-news-feedback",
    createTable: create === "true",
    ...(endpoint ? { endpoint } : {}),
    ...(logLevel ? { logLevel } : {}),
  };
}
