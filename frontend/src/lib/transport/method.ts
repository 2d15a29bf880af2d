import { ApiError } from '../api-error';

/** "System.Info" → ["System", "Info"]; the same names on both transports. */
export function splitMethod(method: string): [string, string] {
  const match = /^([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(method);
  if (!match) throw new ApiError('unknown_method', `bad method name: ${method}`);
  return [match[1], match[2]];
}
