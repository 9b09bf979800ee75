import type { LoginInput } from '@samraad/schema';
import type { UserRepository } from '../users/user-repository.js';
import { verifyPassword } from './passwords.js';

/**
 * Turns credentials into a user id. Local passwords today; ID-porten or Entra ID (OpenID
 * Connect) plug in here later without touching sessions or permissions.
 */
export interface IdentityProvider {
  authenticate(input: LoginInput): Promise<string | null>;
}

// Compared against when the e-mail is unknown, so a miss costs as long as a wrong password
// and response time does not reveal which e-mail addresses have accounts.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export function createPasswordIdentityProvider(users: UserRepository): IdentityProvider {
  return {
    async authenticate({ email, password }) {
      const user = await users.findByEmail(email);
      const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      return user && valid ? user.id : null;
    },
  };
}
