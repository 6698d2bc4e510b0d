import {
  GetAppCommand,
  ListJobsCommand,
  paginateListBranches,
  StartJobCommand,
  UpdateAppCommand,
  UpdateBranchCommand,
  type AmplifyClient,
} from '@aws-sdk/client-amplify';
import { callAws } from './errors';
import type { HostingBranch, HostingPort, HostingTarget } from './ports';

/** The Amplify Hosting port backed by an SDK v3 client (computeRoleArn needs @aws-sdk/client-amplify ≥ 3.750). */
export const createHostingPort = (client: AmplifyClient, env?: string): HostingPort => {
  /** UpdateApp or UpdateBranch with the given fields. */
  const update = async (
    appId: string,
    target: HostingTarget,
    fields: { computeRoleArn?: string; environmentVariables?: Record<string, string> },
  ): Promise<void> => {
    await (target.kind === 'app'
      ? callAws({ action: 'amplify:UpdateApp', resource: `app ${appId}`, env }, () =>
          client.send(new UpdateAppCommand({ appId, ...fields })),
        )
      : callAws({ action: 'amplify:UpdateBranch', resource: `branch ${target.branch} of app ${appId}`, env }, () =>
          client.send(new UpdateBranchCommand({ appId, branchName: target.branch, ...fields })),
        ));
  };
  return {
    getApp: (appId) =>
      callAws({ action: 'amplify:GetApp', resource: `app ${appId}`, env }, async () => {
        const { app } = await client.send(new GetAppCommand({ appId }));
        return {
          appId,
          name: app?.name ?? appId,
          computeRoleArn: app?.computeRoleArn || undefined,
          environmentVariables: app?.environmentVariables ?? {},
          buildSpec: app?.buildSpec,
          repository: app?.repository || undefined,
        };
      }),
    listBranches: (appId) =>
      callAws({ action: 'amplify:ListBranches', resource: `app ${appId}`, env }, async () => {
        const branches: HostingBranch[] = [];
        for await (const page of paginateListBranches({ client }, { appId })) {
          for (const branch of page.branches ?? []) {
            branches.push({
              branchName: branch.branchName ?? '',
              backendEnvironmentArn: branch.backendEnvironmentArn,
              computeRoleArn: branch.computeRoleArn || undefined,
              environmentVariables: branch.environmentVariables ?? {},
              buildSpec: branch.buildSpec,
            });
          }
        }
        return branches;
      }),
    setComputeRole: (appId, target, roleArn) => update(appId, target, { computeRoleArn: roleArn }),
    setVariables: (appId, target, variables) => update(appId, target, { environmentVariables: variables }),
    startRelease: (appId, branch) =>
      callAws({ action: 'amplify:StartJob', resource: `branch ${branch} of app ${appId}`, env }, async () => {
        const { jobSummary } = await client.send(
          new StartJobCommand({
            appId,
            branchName: branch,
            jobType: 'RELEASE',
            jobReason: 'amplify-iam-guard: put the new compute role in effect',
          }),
        );
        return jobSummary?.jobId ?? '';
      }),
    lastDeployment: (appId, branch) =>
      callAws({ action: 'amplify:ListJobs', resource: `branch ${branch} of app ${appId}`, env }, async () => {
        // Amplify lists a branch's jobs newest first; a job still running or failed has not deployed the role.
        const { jobSummaries } = await client.send(new ListJobsCommand({ appId, branchName: branch, maxResults: 50 }));
        return jobSummaries?.find((job) => job.status === 'SUCCEED')?.startTime;
      }),
  };
};
