import type {
  Body,
  CreateMeetingInput,
  NewBodyInput,
  MeetingDetail,
  MeetingSummary,
  PulledDecisions,
  UpdateMeetingInput,
} from '@samraad/schema';
import { request, sendJson } from '../api/client.js';

const id = encodeURIComponent;

export function fetchBodies(communityId: string, signal?: AbortSignal): Promise<Body[]> {
  return request(`/api/communities/${id(communityId)}/bodies`, { signal });
}

export function createBody(communityId: string, input: NewBodyInput): Promise<Body> {
  return request(`/api/communities/${id(communityId)}/bodies`, sendJson('POST', input));
}

export function fetchMeetings(communityId: string, signal?: AbortSignal): Promise<MeetingSummary[]> {
  return request(`/api/communities/${id(communityId)}/meetings`, { signal });
}

export function createMeeting(communityId: string, input: CreateMeetingInput): Promise<MeetingDetail> {
  return request(`/api/communities/${id(communityId)}/meetings`, sendJson('POST', input));
}

export function fetchMeeting(meetingId: string, signal?: AbortSignal): Promise<MeetingDetail> {
  return request(`/api/meetings/${id(meetingId)}`, { signal });
}

export function updateMeeting(meetingId: string, patch: UpdateMeetingInput): Promise<MeetingDetail> {
  return request(`/api/meetings/${id(meetingId)}`, sendJson('PATCH', patch));
}

export function saveAgenda(meetingId: string, caseIds: string[]): Promise<MeetingDetail> {
  return request(`/api/meetings/${id(meetingId)}/agenda`, sendJson('PUT', { caseIds }));
}

export function openMinutes(meetingId: string): Promise<MeetingDetail> {
  return request(`/api/meetings/${id(meetingId)}/minutes`, { method: 'POST' });
}

export function pullDecisions(meetingId: string): Promise<PulledDecisions> {
  return request(`/api/meetings/${id(meetingId)}/minutes/decisions`, { method: 'POST' });
}
