export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/** An RFC 9457 problem the API answered with (or a network failure, status 0). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: readonly FieldError[] = [],
    /** 410 for a person merged into another: the survivor's id. */
    readonly mergedInto?: string,
  ) {
    super(detail ?? title);
    this.name = 'ApiProblem';
  }

  /** 412: the record changed since it was read. */
  get isStale(): boolean {
    return this.status === 412;
  }
}
