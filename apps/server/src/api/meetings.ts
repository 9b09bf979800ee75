import {
  AgendaInputSchema,
  CreateMeetingInputSchema,
  NewBodyInputSchema,
  UpdateMeetingInputSchema,
  decideMeetingManagement,
  decideMeetingRead,
  type Actor,
  type Meeting,
} from '@samraad/schema';
import { Hono, type Context } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import type { Services } from '../services.js';
import { MeetingService } from '../meetings/meeting-service.js';
import { actorFor } from './access.js';
import { Forbidden, NotFound } from '../errors/domain-errors.js';
import { jsonBody } from './validate.js';

const FORBIDDEN = 'bare sekretariatet kan planlegge møter, sette opp sakslisten og føre protokollen';

/**
 * Bodies, meetings, the agenda (saksliste) and the minutes (protokoll). Everyone in the
 * community reads; the secretariat plans and writes (decideMeetingManagement).
 */
export function meetingsRouter(services: Services) {
  const { meetings } = services;
  const service = new MeetingService({ ...services, meetings });
  /** The meeting and the viewer's actor in its community; a meeting elsewhere is not found. */
  const readable = async (c: Context<AuthEnv>): Promise<{ meeting: Meeting; actor: Actor }> => {
    const meeting = await meetings.getMeeting(c.req.param('meetingId')!);
    const actor = meeting ? actorFor(c, meeting.communityId) : null;
    if (!meeting || !decideMeetingRead(actor).allowed) throw new NotFound('Møtet');
    return { meeting, actor: actor! };
  };
  const managed = async (c: Context<AuthEnv>): Promise<{ meeting: Meeting; actor: Actor }> => {
    const found = await readable(c);
    if (!decideMeetingManagement(found.actor).allowed) throw Forbidden.saying(FORBIDDEN);
    return found;
  };
  const community = async (c: Context<AuthEnv>): Promise<{ communityId: string; actor: Actor }> => {
    const communityId = c.req.param('communityId')!;
    const actor = actorFor(c, communityId);
    if (!actor || !(await services.cases.getCommunity(communityId))) throw new NotFound('Helsefellesskapet');
    return { communityId, actor };
  };
  const acting = (c: Context<AuthEnv>, actor: Actor) => {
    const { user } = c.get('viewer')!;
    return { userId: user.id, name: user.name, actor };
  };

  return new Hono<AuthEnv>()
    .get('/communities/:communityId/bodies', async (c) => {
      const found = await community(c);
      return c.json(await meetings.listBodies(found.communityId));
    })
    .post('/communities/:communityId/bodies', jsonBody(NewBodyInputSchema), async (c) => {
      const found = await community(c);
      if (!decideMeetingManagement(found.actor).allowed) throw Forbidden.saying(FORBIDDEN);
      return c.json(await meetings.saveBody({ ...c.req.valid('json'), communityId: found.communityId }), 201);
    })
    .get('/communities/:communityId/meetings', async (c) => {
      const found = await community(c);
      return c.json(await meetings.listMeetings(found.communityId));
    })
    .post('/communities/:communityId/meetings', jsonBody(CreateMeetingInputSchema), async (c) => {
      const found = await community(c);
      if (!decideMeetingManagement(found.actor).allowed) throw Forbidden.saying(FORBIDDEN);
      const meeting = await service.plan(found.communityId, c.req.valid('json'), c.get('viewer')!.user.id);
      return c.json(await service.detail(meeting), 201);
    })
    .get('/meetings/:meetingId', async (c) => {
      const found = await readable(c);
      return c.json(await service.detail(found.meeting));
    })
    .patch('/meetings/:meetingId', jsonBody(UpdateMeetingInputSchema), async (c) => {
      const found = await managed(c);
      const updated = await service.change(found.meeting, c.req.valid('json'), c.get('viewer')!.user.id);
      return c.json(await service.detail(updated));
    })
    .put('/meetings/:meetingId/agenda', jsonBody(AgendaInputSchema), async (c) => {
      const found = await managed(c);
      return c.json(await service.setAgenda(found.meeting, c.req.valid('json').caseIds));
    })
    .post('/meetings/:meetingId/minutes', async (c) => {
      const found = await managed(c);
      const hadMinutes = found.meeting.minutesCaseId !== null;
      const meeting = await service.openMinutes(found.meeting);
      return c.json(await service.detail(meeting), hadMinutes ? 200 : 201);
    })
    .post('/meetings/:meetingId/minutes/decisions', async (c) => {
      const found = await managed(c);
      return c.json(await service.pullDecisions(found.meeting, acting(c, found.actor)));
    });
}
