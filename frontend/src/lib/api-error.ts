// The one error shape the UI understands. Go errors arrive as
// {code, message, field?} (Wails ErrorFormatter or the HTTP envelope
// {"error": {...}}); anything else is normalised to code "internal".
export class ApiError extends Error {
  readonly code: string;
  readonly field?: string;

  constructor(code: string, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (field) this.field = field;
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
