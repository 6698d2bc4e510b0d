import { mapLimit } from '../../../src/util/map-limit';

/** A mapper that counts how many calls are in flight, and lets them finish only when released. */
const gatedMapper = () => {
  let inFlight = 0;
  let highest = 0;
  const waiting: Array<() => void> = [];
  const map = async (item: number): Promise<string> => {
    inFlight += 1;
    highest = Math.max(highest, inFlight);
    await new Promise<void>((release) => waiting.push(release));
    inFlight -= 1;
    return `item ${item}`;
  };
  /** Releases every waiting call, round after round, until the mapping is done. */
  const drain = async <T>(run: Promise<T>): Promise<T> => {
    let done = false;
    const result = run.finally(() => {
      done = true;
    });
    while (!done) {
      // Release in reverse order so completion order differs from input order.
      waiting
        .splice(0)
        .reverse()
        .forEach((release) => release());
      await new Promise((resolve) => setImmediate(resolve));
    }
    return result;
  };
  return { map, drain, highest: () => highest };
};

describe('mapLimit', () => {
  it('keeps the input order even when later items finish first', async () => {
    const gate = gatedMapper();
    const items = [1, 2, 3, 4, 5, 6, 7];
    const results = await gate.drain(mapLimit(items, 3, gate.map));
    expect(results).toEqual(items.map((item) => `item ${item}`));
  });

  it.each([1, 2, 4])('never has more than %i calls in flight', async (limit) => {
    const gate = gatedMapper();
    await gate.drain(mapLimit([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], limit, gate.map));
    expect(gate.highest()).toBe(limit);
  });

  it('runs every item at once when there are fewer items than the limit', async () => {
    const gate = gatedMapper();
    const results = await gate.drain(mapLimit([1, 2], 10, gate.map));
    expect(gate.highest()).toBe(2);
    expect(results).toEqual(['item 1', 'item 2']);
  });

  it('maps an empty list to an empty list', async () => {
    expect(await mapLimit([], 4, () => Promise.reject(new Error('not called')))).toEqual([]);
  });

  it('rejects with the error of a failing item', async () => {
    const map = (item: number): Promise<number> =>
      item === 3 ? Promise.reject(new Error('item 3 failed')) : Promise.resolve(item);
    await expect(mapLimit([1, 2, 3, 4], 2, map)).rejects.toThrow('item 3 failed');
  });
});
