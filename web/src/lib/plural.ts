const COUNT = new Intl.NumberFormat('en-US');

/** A count in the staff member's digits: "1,204". */
export function formatCount(count: number): string {
  return COUNT.format(count);
}

/** "1 person", "2 people", "1,204 club members": a count with its noun. */
export function countOf(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
