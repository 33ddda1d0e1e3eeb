/**
 * The two words the channel table (channels.ts) is written in. An invoke channel pairs its
 * argument's zod schema with its result type; an event names its payload type. Result and
 * payload types exist only for the compiler: at run time a definition is the schema, or nothing.
 *
 * SCOPE: no routing, no middleware, no per-channel options. We have one window and a handful of
 * domains; anything a channel needs beyond this belongs in its handler.
 */
import type { z } from 'zod'

declare const phantom: unique symbol

/** An invoke channel: its argument's schema, and (for the compiler only) its result type. */
export interface InvokeDef<S extends z.ZodType, R> {
  readonly arg: S
  readonly [phantom]?: R
}

/** An event the core pushes: (for the compiler only) its payload type. */
export interface EventDef<P> {
  readonly [phantom]?: P
}

/** `invoke(z.object({ id })).returns<ProfilesState>()` */
export function invoke<S extends z.ZodType>(arg: S): { returns<R>(): InvokeDef<S, R> } {
  return { returns: () => ({ arg }) }
}

/** `event<{ conversationId: string }>()` */
export function event<P>(): EventDef<P> {
  return {}
}

export type ResultOf<D> = D extends InvokeDef<z.ZodType, infer R> ? R : never
export type PayloadOf<D> = D extends EventDef<infer P> ? P : never
