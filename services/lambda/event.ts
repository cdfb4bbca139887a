/**
 * The HTTP event and result shapes Lambda uses for API Gateway HTTP APIs (payload format 2.0)
 * and function URLs (the same format). Only the fields the adapter reads are typed; real events
 * carry more (authorizer, stageVariables, ...), which are accepted and ignored.
 *
 * Reference: "Working with AWS Lambda proxy integrations for HTTP APIs" (payload format 2.0)
 * and "Invoking Lambda function URLs" (request and response payloads).
 */

export interface HttpEventV2 {
  readonly version: "2.0";
  readonly routeKey?: string;
  readonly rawPath: string;
  readonly rawQueryString?: string;
  readonly cookies?: readonly string[];
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly requestContext: {
    readonly requestId?: string;
    readonly domainName?: string;
    readonly timeEpoch?: number;
    readonly http: {
      readonly method: string;
      readonly path?: string;
      readonly protocol?: string;
      readonly sourceIp?: string;
      readonly userAgent?: string;
    };
  };
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
}

/** The structured response format; `body` is base64 when `isBase64Encoded` is true. */
export interface HttpResultV2 {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly cookies?: string[];
  readonly body: string;
  readonly isBase64Encoded: boolean;
}

/** The part of the Lambda Node.js context object the adapter uses. */
export interface LambdaContext {
  readonly awsRequestId?: string;
  readonly functionName?: string;
  readonly functionVersion?: string;
  getRemainingTimeInMillis?(): number;
}
