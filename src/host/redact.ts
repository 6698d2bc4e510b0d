import { mask } from '../compute-role/audit';

/** The one filter every printed line and emitted JSON value of a run passes through. */
export type Redactor = {
  /** Remembers a secret this run has seen (credentials, flagged variable values); later output masks it. */
  add: (secret: string | undefined) => void;
  /** The text with every remembered secret masked. */
  text: (text: string) => string;
};

// Shorter values (a region, "true") would mask ordinary words; no credential is this short.
const MIN_SECRET_LENGTH = 8;

/** A redactor for one run; it starts knowing no secrets. */
export const createRedactor = (): Redactor => {
  const secrets = new Set<string>();
  return {
    add: (secret) => {
      if (secret && secret.length >= MIN_SECRET_LENGTH) secrets.add(secret);
    },
    text: (text) => {
      let result = text;
      // Longest first, so a secret that contains another is masked whole.
      for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
        if (result.includes(secret)) result = result.split(secret).join(mask(secret));
      }
      return result;
    },
  };
};
