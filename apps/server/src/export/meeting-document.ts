import { DIGITAL_PLACE, type AgendaItem, type Body, type Meeting } from '@samraad/schema';
import type { MeetingRepository } from '../meetings/meeting-repository.js';
import {
  fileNamePart,
  loadCaseDocument,
  norwegianDate,
  type CaseDocument,
  type CaseDocumentSources,
} from './case-document.js';

/**
 * A whole meeting as one paper: the notice (body, date, place), the agenda (saksliste) in
 * order, then every case on the agenda, and the minutes when the secretariat has opened them.
 */
export interface MeetingDocument {
  meeting: Meeting;
  body: Body;
  communityName: string;
  agenda: AgendaItem[];
  cases: CaseDocument[];
  minutes: CaseDocument | null;
}

const KIND_LABEL: Record<AgendaItem['kind'], string> = {
  beslutningssak: 'Beslutningssak',
  drøftingssak: 'Drøftingssak',
  orienteringssak: 'Orienteringssak',
};

export async function loadMeetingDocument(
  sources: CaseDocumentSources & { meetings: MeetingRepository },
  meeting: Meeting,
  options: { onlyCase?: (caseId: string, status: AgendaItem['status']) => boolean } = {},
): Promise<MeetingDocument | null> {
  const body = await sources.meetings.getBody(meeting.bodyId);
  if (!body) return null;
  const include = options.onlyCase ?? (() => true);
  const agenda = (await sources.meetings.agenda(meeting.id)).filter((item) => include(item.caseId, item.status));
  const community = await sources.cases.getCommunity(meeting.communityId);
  const cases: CaseDocument[] = [];
  for (const item of agenda) {
    const found = await sources.cases.getCase(item.caseId);
    // In this meeting's papers a case is up at this meeting, whatever date it was first set for.
    if (found) cases.push(await loadCaseDocument(sources, found, { meetingDate: meeting.date }));
  }
  const minutesCase = meeting.minutesCaseId ? await sources.cases.getCase(meeting.minutesCaseId) : null;
  const minutes =
    minutesCase && include(minutesCase.id, minutesCase.status) ? await loadCaseDocument(sources, minutesCase) : null;
  return { meeting, body, communityName: community?.name ?? '', agenda, cases, minutes };
}

/** "Innkalling til SSU 25.10.2022, digitalt". */
export function meetingNotice(document: MeetingDocument): { title: string; lines: Array<[string, string]> } {
  const { meeting, body } = document;
  return {
    title: `Innkalling til ${body.name}`,
    lines: [
      ['Helsefellesskap', document.communityName],
      ['Møtedato', norwegianDate(meeting.date)],
      ['Sted', meeting.place.toLowerCase() === DIGITAL_PLACE ? 'Digitalt' : meeting.place],
    ],
  };
}

/** One line of the saksliste: "Sak 04-2022 Samhandlingsarenaer … (Beslutningssak)". */
export function agendaLine(item: AgendaItem): string {
  return `Sak ${item.number} ${item.title} (${KIND_LABEL[item.kind]})`;
}

export function meetingFileName(document: MeetingDocument): string {
  return `mote-${fileNamePart(`${document.body.name}-${document.meeting.date}`)}`;
}
