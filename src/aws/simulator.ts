import {
  SimulatePrincipalPolicyCommand,
  type EvaluationResult,
  type IAMClient,
  type SimulatePrincipalPolicyCommandOutput,
} from '@aws-sdk/client-iam';
import type { SimulatedPair } from '../boundary/simulation-report';
import { GuardFault } from '../errors';
import { callAws } from './errors';
import type { SimulatorPort } from './ports';

/** The most results IAM returns in one page; it may still return fewer and say `IsTruncated`. */
export const MAX_ITEMS = 1000;

/**
 * The answers in one evaluation result: one per resource of `ResourceSpecificResults` when present, else the
 * action's own result, which then stands for the resource it names — or, when it names none of those asked (`*`),
 * for every resource asked.
 */
export const pairsOf = (result: EvaluationResult, asked: readonly string[]): SimulatedPair[] => {
  const action = result.EvalActionName ?? '';
  const allowedByOrganizations = result.OrganizationsDecisionDetail?.AllowedByOrganizations;
  const actionBoundary = result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary;
  const specific = result.ResourceSpecificResults ?? [];
  if (specific.length > 0) {
    return specific.map((one) => ({
      action,
      resource: one.EvalResourceName ?? '',
      decision: one.EvalResourceDecision ?? 'implicitDeny',
      allowedByBoundary: one.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary ?? actionBoundary,
      allowedByOrganizations,
    }));
  }
  const named = result.EvalResourceName;
  const resources = named && asked.includes(named) ? [named] : asked.length > 0 ? asked : [named ?? '*'];
  return resources.map((resource) => ({
    action,
    resource,
    decision: result.EvalDecision ?? 'implicitDeny',
    allowedByBoundary: actionBoundary,
    allowedByOrganizations,
  }));
};

/** The simulator port backed by an SDK v3 client. */
export const createSimulatorPort = (client: IAMClient, env?: string, maxItems = MAX_ITEMS): SimulatorPort => ({
  simulate: (roleArn, actions, resources) =>
    callAws({ action: 'iam:SimulatePrincipalPolicy', resource: roleArn, env }, async () => {
      const answers = new Map<string, SimulatedPair>();
      const seenMarkers = new Set<string>();
      let marker: string | undefined;
      do {
        const page: SimulatePrincipalPolicyCommandOutput = await client.send(
          new SimulatePrincipalPolicyCommand({
            PolicySourceArn: roleArn,
            ActionNames: [...actions],
            ResourceArns: [...resources],
            MaxItems: maxItems,
            Marker: marker,
          }),
        );
        for (const result of page.EvaluationResults ?? []) {
          // A pair answered twice keeps its first answer; the order of pages is IAM's.
          for (const pair of pairsOf(result, resources)) {
            const key = `${pair.action}\n${pair.resource}`;
            if (!answers.has(key)) answers.set(key, pair);
          }
        }
        // IAM may return fewer than MaxItems and still have more: only IsTruncated says when to stop.
        marker = page.IsTruncated ? page.Marker : undefined;
        if (page.IsTruncated && !marker) {
          throw new GuardFault('UnknownFault', {
            message: `IAM said its SimulatePrincipalPolicy answer for ${roleArn} goes on, but gave no Marker.`,
          });
        }
        if (marker !== undefined) {
          if (seenMarkers.has(marker)) {
            throw new GuardFault('UnknownFault', {
              message: `IAM gave the same SimulatePrincipalPolicy Marker twice for ${roleArn}; stopped instead of looping.`,
            });
          }
          seenMarkers.add(marker);
        }
      } while (marker !== undefined);
      return [...answers.values()];
    }),
});
