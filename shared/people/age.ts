import { ConflictError } from '../errors';

/** Whole years between a `YYYY-MM-DD` birth date and a day (UTC). */
export function ageOn(birthDate: string, day: Date): number {
  const [year, month, date] = birthDate.split('-').map(Number) as [number, number, number];
  let age = day.getUTCFullYear() - year;
  const beforeBirthday = day.getUTCMonth() + 1 < month || (day.getUTCMonth() + 1 === month && day.getUTCDate() < date);
  if (beforeBirthday) age -= 1;
  return age;
}

/** Age verification needs a birth date at least `minimumAge` years ago (409 otherwise). */
export function assertOldEnough(birthDate: string | null, minimumAge: number, day: Date): void {
  if (!birthDate) {
    throw new ConflictError('birth-date-missing', 'Add the person’s birth date before verifying their age.');
  }
  if (ageOn(birthDate, day) < minimumAge) {
    throw new ConflictError('under-age', `The person is younger than ${minimumAge}.`);
  }
}
