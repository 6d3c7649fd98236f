// Postgres type ids whose default JavaScript conversion is wrong for us.
export const PG_DATE = 1082;
export const PG_INT8 = 20;

/** A DATE stays a 'YYYY-MM-DD' string: a JS Date would shift it into the host's time zone. */
export const parseDate = (value: string): string => value;

/** count(*) and sums come back as int8; our counts fit easily in a double. */
export const parseInt8 = (value: string): number => Number(value);
