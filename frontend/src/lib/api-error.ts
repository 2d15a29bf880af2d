// The one error shape the UI understands. Go errors arrive as
// {code, message, field?, params?, details?} (the Bridge's rejection or the
// HTTP envelope {"error": {...}}); anything else is normalised to code
// "internal". params carry values a translated message needs
// ({"remaining": "3"}, {"until": RFC 3339}); details carry structured facts
// (the rows of a refused import, every problem of an override).
export class ApiError extends Error {
  readonly code: string;
  readonly field?: string;
  readonly params?: Record<string, string>;
  readonly details?: unknown;

  constructor(
    code: string,
    message: string,
    field?: string,
    params?: Record<string, string>,
    details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (field) this.field = field;
    if (params && Object.keys(params).length > 0) this.params = params;
    if (details !== undefined && details !== null) this.details = details;
  }

  static from(value: unknown): ApiError {
    if (value instanceof ApiError) return value;
    if (typeof value === 'string') return fromString(value);
    if (isRecord(value)) {
      if (isRecord(value.error)) return ApiError.from(value.error);
      if (typeof value.code === 'string' && value.code !== '') {
        return new ApiError(
          value.code,
          typeof value.message === 'string' ? value.message : '',
          typeof value.field === 'string' ? value.field : undefined,
          stringParams(value.params),
          value.details,
        );
      }
    }
    if (value instanceof Error) return new ApiError('internal', value.message);
    return new ApiError('internal', safeString(value));
  }
}

// Wails may hand the formatted error over as a JSON string.
function fromString(text: string): ApiError {
  try {
    const parsed: unknown = JSON.parse(text);
    if (isRecord(parsed)) return ApiError.from(parsed);
  } catch {
    // Not JSON: a plain Go error message.
  }
  return new ApiError('internal', text);
}

/** Go sends params as strings; anything else is turned into text. */
function stringParams(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== undefined && v !== null) out[k] = typeof v === 'string' ? v : safeString(v);
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  } catch {
    return String(value);
  }
}
