import { FormField } from '../ui/FormField.js';
import { meetingMessages as m } from './meetingMessages.js';

/** When a meeting is: its date and, unless it takes the whole day, its start and end. */
export interface MeetingWhen {
  date: string;
  /** '' while the field is empty (a whole-day meeting). */
  startTime: string;
  endTime: string;
}

/** The date and time fields of planning a meeting and of moving it. */
export function MeetingWhenFields({ when, onChange }: { when: MeetingWhen; onChange: (when: MeetingWhen) => void }) {
  return (
    <>
      <FormField
        label={m.create.date}
        type="date"
        required
        value={when.date}
        onChange={(e) => onChange({ ...when, date: e.target.value })}
      />
      <FormField
        label={m.create.startTime}
        hint={m.create.timeHint}
        type="time"
        value={when.startTime}
        onChange={(e) => onChange({ ...when, startTime: e.target.value })}
      />
      <FormField
        label={m.create.endTime}
        type="time"
        value={when.endTime}
        onChange={(e) => onChange({ ...when, endTime: e.target.value })}
      />
    </>
  );
}
