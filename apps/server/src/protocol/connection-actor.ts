/** The logged-in person behind a connection, as the server knows them. */
export interface ConnectionActor {
  userId: string;
  name: string;
}
