import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { GuardFault } from '../errors';
import { callAws } from './errors';
import type { IdentityPort } from './ports';

/** The identity port backed by an SDK v3 STS client. */
export const createIdentityPort = (client: STSClient, env?: string): IdentityPort => ({
  async account() {
    const identity = await callAws({ action: 'sts:GetCallerIdentity', env }, () =>
      client.send(new GetCallerIdentityCommand({})),
    );
    if (!identity.Account)
      throw new GuardFault('UnknownFault', { message: 'STS GetCallerIdentity returned no account.' });
    return identity.Account;
  },
});
