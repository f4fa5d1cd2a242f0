/** Age in whole years on a given day, from an ISO birth date. */
export function ageOn(birthDate: string, day: Date): number {
  const [year, month, date] = birthDate.split('-').map(Number);
  const age = day.getUTCFullYear() - year;
  const beforeBirthday =
    day.getUTCMonth() + 1 < month || (day.getUTCMonth() + 1 === month && day.getUTCDate() < date);
  return beforeBirthday ? age - 1 : age;
}
