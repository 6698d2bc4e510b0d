import { startMoto, type MotoServer } from './moto';

declare global {
  var __MOTO__: MotoServer | undefined;
}

/** Starts moto once for a jest run; workers read its address from MOTO_URL. */
export default async function setup(): Promise<void> {
  const moto = await startMoto();
  globalThis.__MOTO__ = moto;
  process.env.MOTO_URL = moto.url;
}
