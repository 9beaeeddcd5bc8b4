import { Duration } from 'aws-cdk-lib';
import { EventField, Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { JobDefinition } from '../../shared/jobs/jobs';
import { accessOf, type FunctionAccess } from './access';
import { type ServiceResources, ServiceFunction } from './functions';
import { pascalCase } from './names';

export interface ScheduledJobsProps {
  /** The job table (`jobs`): one function and one EventBridge schedule rule per entry. */
  readonly jobs: readonly JobDefinition[];
  /** Permissions per job (`jobAccess`). */
  readonly access: Readonly<Record<string, FunctionAccess>>;
  readonly resources: ServiceResources;
}

/** One job as deployed: its function and the rule that runs it. */
export interface DeployedJob {
  readonly definition: JobDefinition;
  readonly fn: ServiceFunction;
  readonly rule: Rule;
}

/** The scheduled jobs, from the job table: each runs every `everyMinutes` minutes. */
export class ScheduledJobs extends Construct {
  readonly deployed: readonly DeployedJob[];

  constructor(scope: Construct, id: string, props: ScheduledJobsProps) {
    super(scope, id);

    this.deployed = props.jobs.map((definition) => {
      const baseId = pascalCase(definition.name);
      const fn = new ServiceFunction(this, `${baseId}Function`, {
        kind: 'jobs',
        name: definition.name,
        description: definition.description,
        access: accessOf(props.access, definition.name, 'job'),
        resources: props.resources,
      });
      const rule = new Rule(this, `${baseId}Schedule`, {
        description: `Runs ${definition.name} every ${definition.everyMinutes} minutes.`,
        schedule: Schedule.rate(Duration.minutes(definition.everyMinutes)),
        targets: [
          new LambdaFunction(fn, {
            // The job's JobEvent: `now` is the scheduled time, so a retried run acts as of the
            // same instant as the first attempt.
            event: RuleTargetInput.fromObject({ now: EventField.time }),
            // EventBridge retries a delivery Lambda refused (throttling) but never one older than
            // the next run. A run that fails inside the function is retried by Lambda's async
            // invocation, then dropped: the next run picks up the same work and the error alarm tells.
            retryAttempts: 2,
            maxEventAge: Duration.minutes(Math.min(definition.everyMinutes, 24 * 60)),
          }),
        ],
      });
      return { definition, fn, rule };
    });
  }
}
