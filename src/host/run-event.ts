import type { HostContext } from './context';

/** The lifecycle events the manifest declares. */
export const EVENT_NAMES = ['PreInit', 'PostInit', 'PostEnvAdd', 'PrePush', 'PostPush'] as const;

/** One declared event. */
export type EventName = (typeof EVENT_NAMES)[number];

/** What the CLI passes with an event (`PostEnvAdd` carries the previous and new env names). */
export type EventData = { prevEnvName?: string; newEnvName?: string };

/** An event handler. */
export type EventHandler = (context: HostContext, data: EventData) => Promise<void>;

/** Every declared event: the static dispatch table. */
export type EventTable = Record<EventName, EventHandler>;

const isEventName = (value: unknown): value is EventName => (EVENT_NAMES as readonly unknown[]).includes(value);

/** Dispatches an event; events the plugin did not declare are ignored, as the CLI expects. */
export const handleEvent = async (context: HostContext, args: unknown, table: EventTable): Promise<void> => {
  const { event, data } = (args ?? {}) as { event?: unknown; data?: EventData };
  if (isEventName(event)) await table[event](context, data ?? {});
};
