import { describe, expect, it } from 'vitest';
import { parseRoute, paths } from './routing.js';

describe('parseRoute', () => {
  it('finds every screen', () => {
    expect(parseRoute('/')).toEqual({ screen: 'start' });
    expect(parseRoute('/c/lvs/inviter')).toEqual({ screen: 'invite', communityId: 'lvs' });
    expect(parseRoute('/invitasjon/abc123')).toEqual({ screen: 'invitation', token: 'abc123' });
    expect(parseRoute('/sok')).toEqual({ screen: 'search' });
    expect(parseRoute('/c/lvs')).toEqual({ screen: 'community', communityId: 'lvs' });
    expect(parseRoute('/sak/lvs-04-2022')).toEqual({ screen: 'case', caseId: 'lvs-04-2022' });
  });

  it('tolerates a trailing slash', () => {
    expect(parseRoute('/sak/lvs-04-2022/')).toEqual({ screen: 'case', caseId: 'lvs-04-2022' });
  });

  it('round-trips the paths it builds', () => {
    expect(parseRoute(paths.community('helgeland'))).toEqual({ screen: 'community', communityId: 'helgeland' });
    expect(parseRoute(paths.case('lvs-04-2022'))).toEqual({ screen: 'case', caseId: 'lvs-04-2022' });
    expect(parseRoute(paths.invite('helgeland'))).toEqual({ screen: 'invite', communityId: 'helgeland' });
    expect(parseRoute(paths.invitation('t0k/en'))).toEqual({ screen: 'invitation', token: 't0k/en' });
  });

  it('sends anything else to "not found"', () => {
    for (const path of ['/sak', '/sak/', '/c/lvs/extra', '/invitasjon', '/api/cases', '/sak/%E0%A4%A']) {
      expect(parseRoute(path), path).toEqual({ screen: 'notFound' });
    }
  });
});
