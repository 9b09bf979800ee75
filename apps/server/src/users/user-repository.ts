import type { Membership, MembershipView, MentionCandidate, User } from '@samraad/schema';

export interface StoredUser extends User {
  passwordHash: string;
}

export interface UserRepository {
  findByEmail(email: string): Promise<StoredUser | null>;
  getUser(id: string): Promise<User | null>;
  createUser(input: { email: string; name: string; passwordHash: string; title?: string | null }): Promise<User>;
  /** The person's own job title, printed under their signature. */
  setTitle(userId: string, title: string): Promise<void>;
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;
  memberships(userId: string): Promise<MembershipView[]>;
  membershipIn(userId: string, communityId: string): Promise<Membership | null>;
  /** Adds the membership, or replaces the user's role and side in that community. */
  setMembership(membership: Membership): Promise<void>;
  /** Everyone in a community, for @-mentions. */
  membersOf(communityId: string): Promise<MentionCandidate[]>;
}
