import type {
  Body,
  CreateMeetingInput,
  NewBodyInput,
  MeetingDetail,
  MeetingSummary,
  PulledDecisions,
  UpdateMeetingInput,
} from '@samraad/schema';
import { api, call, cancelledBy, id } from '../api/client.js';

const community = api.communities[':communityId'];
const meeting = api.meetings[':meetingId'];

export function fetchBodies(communityId: string, signal?: AbortSignal): Promise<Body[]> {
  return call(community.bodies.$get({ param: { communityId: id(communityId) } }, cancelledBy(signal)), signal);
}

export function createBody(communityId: string, input: NewBodyInput): Promise<Body> {
  return call(community.bodies.$post({ param: { communityId: id(communityId) }, json: input }));
}

export function fetchMeetings(communityId: string, signal?: AbortSignal): Promise<MeetingSummary[]> {
  return call(community.meetings.$get({ param: { communityId: id(communityId) } }, cancelledBy(signal)), signal);
}

export function createMeeting(communityId: string, input: CreateMeetingInput): Promise<MeetingDetail> {
  return call(community.meetings.$post({ param: { communityId: id(communityId) }, json: input }));
}

export function fetchMeeting(meetingId: string, signal?: AbortSignal): Promise<MeetingDetail> {
  return call(meeting.$get({ param: { meetingId: id(meetingId) } }, cancelledBy(signal)), signal);
}

export function updateMeeting(meetingId: string, patch: UpdateMeetingInput): Promise<MeetingDetail> {
  return call(meeting.$patch({ param: { meetingId: id(meetingId) }, json: patch }));
}

export function saveAgenda(meetingId: string, caseIds: string[]): Promise<MeetingDetail> {
  return call(meeting.agenda.$put({ param: { meetingId: id(meetingId) }, json: { caseIds } }));
}

export function openMinutes(meetingId: string): Promise<MeetingDetail> {
  return call(meeting.minutes.$post({ param: { meetingId: id(meetingId) } }));
}

export function pullDecisions(meetingId: string): Promise<PulledDecisions> {
  return call(meeting.minutes.decisions.$post({ param: { meetingId: id(meetingId) } }));
}
