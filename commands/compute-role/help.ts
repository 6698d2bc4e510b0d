import { helpCommand } from '../help';

/** `amplify compute-role help`. */
export const computeRoleHelp = helpCommand('compute-role');
