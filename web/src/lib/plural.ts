/** "1 person", "2 people", "1,204 club members": a count with its noun, in the staff member's digits. */
export function countOf(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
