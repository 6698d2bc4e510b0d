import { helpCommand } from '../help';

/** `amplify boundary help`. */
export const boundaryHelp = helpCommand('boundary');
