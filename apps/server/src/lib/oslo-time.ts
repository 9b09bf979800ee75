/** Norway's time zone: meeting times are written as the clock on the wall there. */
export const OSLO = 'Europe/Oslo';

/** How far the zone's clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - instant.getTime();
}

/**
 * The instant at which the clock in `zone` shows `date` (YYYY-MM-DD) `time` (HH:MM). The offset
 * is taken twice, so a time just after a daylight-saving change uses the offset in force then.
 */
export function zonedInstant(date: string, time: string, zone = OSLO): Date {
  const asUtc = new Date(`${date}T${time}:00Z`).getTime();
  const first = asUtc - offsetAt(new Date(asUtc), zone);
  return new Date(asUtc - offsetAt(new Date(first), zone));
}
