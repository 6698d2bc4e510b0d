/** Stops the moto server of this jest run. */
export default async function teardown(): Promise<void> {
  await globalThis.__MOTO__?.stop();
}
