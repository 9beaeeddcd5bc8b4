import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one logger (structured JSON, Powertools). Request and record bodies are never logged:
 * they can hold card numbers or passwords. Nor are raw paths or path parameters: a path id is
 * whatever the client typed until it is validated. Log route keys (`GET /v1/customers/{id}`),
 * ids read from the table, statuses and error names.
 */
export const logger = new Logger({
  serviceName: 'winery-people',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? (process.env.NODE_ENV === 'test' ? 'SILENT' : 'INFO'),
});
