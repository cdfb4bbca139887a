/** Reads local AWS through the controller's own ports, for assertions in e2e tests. */
import { createEcsPort } from "../../controller/aws/ecs_sdk.ts";
import { createLambdaPort } from "../../controller/aws/lambda_sdk.ts";

export const ACCOUNTS = { dev: "000000000001", production: "000000000002" } as const;

export function awsView(endpoint: string, env: keyof typeof ACCOUNTS) {
  const options = {
    region: "eu-west-1",
    endpoint,
    credentials: { accessKeyId: ACCOUNTS[env], secretAccessKey: "e2e" },
  };
  const lambda = createLambdaPort(options);
  const ecs = createEcsPort(options);
  return {
    lambda,
    ecs,
    close() {
      lambda.close();
      ecs.close();
    },
  };
}
