import { describe, expect, it } from 'vitest';
import { parseSectionRoom, sectionRoomName } from './rooms.js';

describe('section rooms', () => {
  it('round-trips a case and section id through the room name', () => {
    const name = sectionRoomName({ caseId: 'lvs-04-2022', sectionId: 'kommunenes-vurdering' });
    expect(name).toBe('case/lvs-04-2022/section/kommunenes-vurdering');
    expect(parseSectionRoom(name)).toEqual({ caseId: 'lvs-04-2022', sectionId: 'kommunenes-vurdering' });
  });

  it.each(['', 'case/x', 'case/X/section/y', 'case/x/section/y/z', '../case/x/section/y', 'case/x/section/'])(
    'rejects %j',
    (name) => {
      expect(parseSectionRoom(name)).toBeNull();
    },
  );
});
