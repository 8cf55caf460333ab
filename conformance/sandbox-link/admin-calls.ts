// Actions over a sandbox reached by URL: each action is one call to an admin route (docs/m2-flows.md,
// docs/m3-flows.md), whose JSON answer is the action's result. What differs per action is only the route.
import { actionResult } from './flow-actions.js';
import type { ActorAction } from './sandbox-link.js';

export type ActionInput = Record<string, unknown>;

export interface AdminCall {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: unknown;
}

/** A value as one path segment or query value. */
export const enc = (value: unknown) => encodeURIComponent(String(value));

/** The actions of `routes` over the admin API of the sandbox at `base`. A refused call throws with the sandbox's ABDM error. */
export function adminCallActions<N extends string>(base: string, routes: Record<N, (input: ActionInput) => AdminCall>): ReadonlyMap<string, ActorAction> {
  return new Map(
    (Object.keys(routes) as N[]).map((name): [string, ActorAction] => [
      name,
      async (input) => {
        const call = routes[name](input);
        const response = await fetch(base + call.path, {
          method: call.method,
          ...(call.body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(call.body) } : {}),
        });
        const text = await response.text();
        if (!response.ok) throw new Error(`${name}: ${call.method} ${call.path.split('?')[0]} answered ${response.status}: ${text.slice(0, 300)}`);
        return actionResult(text ? JSON.parse(text) : undefined);
      },
    ]),
  );
}
