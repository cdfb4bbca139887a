import { AwsError } from "../aws_error.ts";

/** ECS's error codes (Amazon ECS API reference, "Errors"); all client errors are HTTP 400. */
export const clientException = (message: string) => new AwsError("ClientException", message);
export const invalidParameter = (message: string) =>
  new AwsError("InvalidParameterException", message);
export const clusterNotFound = () => new AwsError("ClusterNotFoundException", "Cluster not found.");
export const serviceNotFound = () => new AwsError("ServiceNotFoundException", "Service not found.");
export const serviceDeploymentNotFound = (arn: string) =>
  new AwsError("ServiceDeploymentNotFoundException", `Service deployment not found: ${arn}`);
export const conflict = (message: string) => new AwsError("ConflictException", message);
export const resourceNotFound = (message: string) =>
  new AwsError("ResourceNotFoundException", message);
export const throttling = () => new AwsError("ThrottlingException", "Rate exceeded");
export const serverException = (status = 500) =>
  new AwsError("ServerException", "ECS encountered an internal error (injected fault).", status);
