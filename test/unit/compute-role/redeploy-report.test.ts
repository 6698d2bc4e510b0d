import { redeployReport } from '../../../src/compute-role/redeploy';

describe('redeployReport', () => {
  it('says each release job started and each start that failed, and fails the run when one did', () => {
    const report = redeployReport({ kind: 'start', branches: ['main', 'dev'], notes: ['The role is pending.'] }, [
      { branch: 'main', jobId: '7' },
      { branch: 'dev', failure: 'User is not authorized to perform amplify:StartJob.' },
    ]);
    expect(report).toEqual({
      failed: true,
      lines: [
        { level: 'info', text: 'The role is pending.' },
        {
          level: 'success',
          text: 'Started release job 7 of branch main: the compute role is in effect once it has deployed.',
        },
        {
          level: 'error',
          text: "Could not start the deployment of branch dev: User is not authorized to perform amplify:StartJob. The compute role is set, and takes effect at the branch's next deployment.",
        },
      ],
    });
  });

  it('passes when every job started', () => {
    const report = redeployReport({ kind: 'start', branches: ['main'], notes: [] }, [{ branch: 'main', jobId: '1' }]);
    expect(report.failed).toBe(false);
  });

  it('says there is nothing to redeploy when no branch runs with the app default', () => {
    expect(redeployReport({ kind: 'start', branches: [], notes: [] }, [])).toEqual({
      failed: false,
      lines: [{ level: 'info', text: 'No branch runs with the app default: nothing to redeploy.' }],
    });
  });

  it('warns with the advice, says when the role is in effect, and says nothing when nothing changed', () => {
    expect(redeployReport({ kind: 'advise', notes: ['Deploy by hand.'] }, [])).toEqual({
      failed: false,
      lines: [{ level: 'warn', text: 'Deploy by hand.' }],
    });
    expect(redeployReport({ kind: 'in-effect', note: 'Already in effect.' }, []).lines).toEqual([
      { level: 'info', text: 'Already in effect.' },
    ]);
    expect(redeployReport({ kind: 'none' }, [])).toEqual({ failed: false, lines: [] });
  });
});
