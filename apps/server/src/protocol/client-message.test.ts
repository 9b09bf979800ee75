import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeClientMessage } from './client-message.js';
import { ProtocolError } from './message-types.js';
import { syncStep1Message, updateMessage } from './server-message.js';

function docWithText(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
}

describe('decodeClientMessage', () => {
  it('reads sync step 1 with the state vector the client sent', () => {
    const doc = docWithText('hei');
    const message = decodeClientMessage(syncStep1Message(doc));
    expect(message).toEqual({ type: 'sync-step-1', stateVector: Y.encodeStateVector(doc) });
  });

  it('reads an update unchanged', () => {
    const update = Y.encodeStateAsUpdate(docWithText('samhandlingsarenaer'));
    const message = decodeClientMessage(updateMessage(update));
    expect(message.type).toBe('update');
    expect(message.type === 'update' && Buffer.from(message.update).equals(Buffer.from(update))).toBe(true);
  });

  it('reads awareness and awareness queries', () => {
    const awareness = encoding.createEncoder();
    encoding.writeVarUint(awareness, 1);
    encoding.writeVarUint8Array(awareness, new Uint8Array([0]));
    expect(decodeClientMessage(encoding.toUint8Array(awareness)).type).toBe('awareness');
    expect(decodeClientMessage(new Uint8Array([3]))).toEqual({ type: 'query-awareness' });
  });

  it.each([
    ['an empty frame', new Uint8Array([])],
    ['a truncated varint', new Uint8Array([0x80])],
    ['a sync message without payload', new Uint8Array([0, 2])],
    ['a payload shorter than its length', new Uint8Array([0, 2, 10, 1, 2])],
    ['an unknown sync type', new Uint8Array([0, 7, 0])],
    ['an unknown message type', new Uint8Array([9])],
  ])('refuses %s with a ProtocolError', (_label, frame) => {
    expect(() => decodeClientMessage(frame)).toThrow(ProtocolError);
  });

  it('closes with 1003 for message types the server does not speak', () => {
    try {
      decodeClientMessage(new Uint8Array([2, 0]));
      expect.unreachable();
    } catch (error) {
      expect((error as ProtocolError).closeCode).toBe(1003);
    }
  });
});
