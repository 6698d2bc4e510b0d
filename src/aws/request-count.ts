/** The smallest shape of an SDK v3 client this module needs: its middleware stack. */
type CountableClient = {
  middlewareStack: {
    add: (
      middleware: (
        next: (args: unknown) => Promise<unknown>,
        context: { commandName?: string },
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize'; name: string },
    ) => void;
  };
};

/** Counts the AWS requests of a set of clients by IAM action name (`iam:GetRole`), so a report can show its cost. */
export type RequestCounter = {
  /** Adds the counting middleware to a client whose actions belong to this IAM service prefix. */
  watch: <C>(client: C, service: string) => C;
  /** The counts so far. */
  counts: () => Record<string, number>;
};

/** A new counter; one per env session, so nothing is shared between runs or envs. */
export const createRequestCounter = (): RequestCounter => {
  const counts: Record<string, number> = {};
  return {
    watch: (client, service) => {
      // Counted at `initialize`, once per operation call (each page of a paginator is one), not per retry.
      (client as unknown as CountableClient).middlewareStack.add(
        (next, context) => (args) => {
          const action = `${service}:${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`;
          counts[action] = (counts[action] ?? 0) + 1;
          return next(args);
        },
        { step: 'initialize', name: 'iamGuardRequestCount' },
      );
      return client;
    },
    counts: () => ({ ...counts }),
  };
};
