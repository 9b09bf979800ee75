import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('verifies the right password and nothing else', async () => {
    const stored = await hashPassword('Vestfjorden2021');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('Vestfjorden2021', stored)).toBe(true);
    expect(await verifyPassword('vestfjorden2021', stored)).toBe(false);
    expect(await verifyPassword('Vestfjorden2021', 'noe-annet')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('samme')).not.toBe(await hashPassword('samme'));
  });
});
