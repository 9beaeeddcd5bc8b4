/**
 * The environment every test file runs in (jest `setupFiles`, before the file's imports) and
 * that the integration global setup creates the table for: the same values in both, from here.
 * DYNAMODB_ENDPOINT is not set here: the global setup of the projects that use DynamoDB Local
 * sets it (or takes the one you give), and unit tests never reach it.
 */
export const testEnv = {
  NODE_ENV: 'test',
  TABLE_NAME: 'winery-people-test',
  CURSOR_SECRET: 'test-cursor-secret',
  PORTAL_TOKEN_SECRET: 'test-portal-secret',
  WEBHOOK_SECRET_KEY: 'test-webhook-secret-key',
  AWS_REGION: 'us-east-1',
} as const;

for (const [name, value] of Object.entries(testEnv)) process.env[name] ??= value;
