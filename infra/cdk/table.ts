import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { TableDefinition } from '../../shared/db/table';
import type { TableAction } from './access';

export interface DataTableProps {
  /** The table as the code sees it (`shared/db/table.ts`): keys, indexes, TTL, stream. */
  readonly definition: TableDefinition;
}

/**
 * The one DynamoDB table, built from the shared definition so the local table and this one
 * cannot drift. It holds every tenant's customers, so it is protected against loss: deletion
 * protection, retained on stack deletion, point-in-time recovery.
 */
export class DataTable extends Construct {
  readonly table: Table;
  /** The index ARNs by name, so a grant names each index instead of `index/*`. */
  private readonly indexArns: string[];

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    const { definition } = props;
    const key = (name: string) => ({ name, type: AttributeType.STRING });

    this.table = new Table(this, 'Table', {
      partitionKey: key(definition.partitionKey),
      sortKey: key(definition.sortKey),
      // Traffic is spiky and small per tenant: on-demand costs nothing when idle and never throttles a burst.
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Encrypted with the AWS-managed KMS key (aws/dynamodb): key use is logged in CloudTrail
      // and functions need no kms:Decrypt grant.
      encryption: TableEncryption.AWS_MANAGED,
      stream: StreamViewType[definition.streamView],
      timeToLiveAttribute: definition.timeToLiveAttribute,
    });

    for (const index of definition.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
        // The indexes are overloaded and serve whole list pages: one Query, no follow-up GetItem.
        projectionType: ProjectionType.ALL,
      });
    }
    this.indexArns = definition.globalIndexes.map((index) => `${this.table.tableArn}/index/${index.name}`);
  }

  /**
   * Grants exactly these actions on the table and, when they include `Query`, `Query` on each
   * index by name (no other action reads an index).
   */
  grant(grantee: IGrantable, actions: readonly TableAction[]): void {
    Grant.addToPrincipal({ grantee, actions: [...actions], resourceArns: [this.table.tableArn] });
    if (actions.includes('dynamodb:Query') && this.indexArns.length > 0) {
      Grant.addToPrincipal({ grantee, actions: ['dynamodb:Query'], resourceArns: this.indexArns });
    }
  }
}
